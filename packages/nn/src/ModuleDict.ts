import { describe } from '@dl/internal';
import { Module } from './Module';
import { checkModule, containerForward } from './ModuleList';
import type { ModuleLike } from './types';

function checkKey(fn: string, key: unknown): string {
  if (typeof key !== 'string' || key === '' || key.includes('.')) {
    throw new TypeError(`${fn}: key must be a non-empty string without '.', got ${describe(key)}`);
  }
  return key;
}

/**
 * Holds submodules by name, like PyTorch's `nn.ModuleDict`: they are registered under their keys, so a property
 * `heads = new ModuleDict({ cls: ..., box: ... })` gives PyTorch's state-dict keys `heads.cls.weight`,
 * `heads.box.weight`, …, in insertion order.
 *
 * Keys are non-empty strings without `'.'`. Built from an object, keys follow JavaScript's property order
 * (integer-like keys first, ascending; then insertion order); pass `[key, module]` pairs or a `Map` to fix any
 * other order. It has no `forward`.
 *
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { Linear, Module, ModuleDict } from '@dl/nn';
 * class TwoHeads extends Module {
 *   heads = new ModuleDict({ mean: new Linear(3, 1, { seed: 0 }), logVar: new Linear(3, 1, { seed: 1 }) });
 *   forward(x) {
 *     return this.heads.get('mean').forward(x);
 *   }
 * }
 * const m = new TwoHeads();
 * Object.keys(m.stateDict()); // ['heads.mean.weight', 'heads.mean.bias', 'heads.logVar.weight', 'heads.logVar.bias']
 * m.heads.keys(); // ['mean', 'logVar']
 * m.forward(tensor([[1, 2, 3]])).shape; // [1, 1]
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.ModuleDict.html
 */
export class ModuleDict<M extends ModuleLike = ModuleLike>
  extends Module<never[], never>
  implements Iterable<string>
{
  #modules = new Map<string, M>();

  /**
   * @param modules - the modules by name: an object, a `Map`, or `[key, module]` pairs (none when omitted).
   */
  constructor(modules: Readonly<Record<string, M>> | Iterable<readonly [string, M]> = {}) {
    super();
    this.#update('ModuleDict', modules);
  }

  /** Number of modules. */
  get size(): number {
    return this.#modules.size;
  }

  /**
   * The module under `key` (PyTorch's `heads[key]`); throws a RangeError listing the keys when it is absent.
   * @param key - the name.
   * @returns the module.
   */
  get(key: string): M {
    return this.#get('ModuleDict.get', key);
  }

  #get(fn: string, key: string): M {
    const m = this.#modules.get(checkKey(fn, key));
    if (m === undefined) {
      throw new RangeError(
        `${fn}: no module under key ${JSON.stringify(key)}; the keys are ${
          this.keys()
            .map((k) => `'${k}'`)
            .join(', ') || 'none'
        }`,
      );
    }
    return m;
  }

  /**
   * Adds or replaces the module under `key` (a new key goes last; a replaced one keeps its place).
   * @param key - the name: a non-empty string without `'.'`.
   * @param module - the module.
   * @returns this dict.
   */
  set(key: string, module: M): this {
    this.#modules.set(checkKey('ModuleDict.set', key), checkModule('ModuleDict.set', 'module', module) as M);
    return this;
  }

  /**
   * Whether a module is held under `key` (PyTorch's `key in heads`).
   * @param key - the name.
   * @returns `true` when present.
   */
  has(key: string): boolean {
    return this.#modules.has(key);
  }

  /**
   * Removes and returns the module under `key` (PyTorch's `pop`).
   * @param key - the name.
   * @returns the removed module.
   */
  pop(key: string): M {
    const m = this.#get('ModuleDict.pop', key);
    this.#modules.delete(key);
    return m;
  }

  /**
   * Adds or replaces several modules, in order (PyTorch's `update`).
   * @param modules - an object, a `Map`, or `[key, module]` pairs.
   * @returns this dict.
   */
  update(modules: Readonly<Record<string, M>> | Iterable<readonly [string, M]>): this {
    return this.#update('ModuleDict.update', modules);
  }

  #update(fn: string, modules: unknown): this {
    const pairs =
      modules !== null && typeof modules === 'object' && Symbol.iterator in modules
        ? [...(modules as Iterable<unknown>)]
        : null;
    if (
      modules === null ||
      typeof modules !== 'object' ||
      pairs?.some((e) => !Array.isArray(e) || e.length !== 2)
    ) {
      throw new TypeError(
        `${fn}: modules must be an object of modules, a Map or [key, module] pairs, got ${modules === null ? 'null' : pairs !== null ? 'an iterable that is not of [key, module] pairs' : typeof modules === 'string' ? JSON.stringify(modules) : typeof modules}`,
      );
    }
    const entries = (pairs ?? Object.entries(modules)) as [unknown, unknown][];
    const checked = entries.map(([k, m]): [string, M] => [
      checkKey(fn, k),
      checkModule(fn, `modules[${JSON.stringify(k)}]`, m) as M,
    ]);
    for (const [k, m] of checked) this.#modules.set(k, m);
    return this;
  }

  /**
   * The keys, in order.
   * @returns the keys.
   */
  keys(): string[] {
    return [...this.#modules.keys()];
  }

  /**
   * The modules, in key order.
   * @returns the modules.
   */
  values(): M[] {
    return [...this.#modules.values()];
  }

  /**
   * The `[key, module]` pairs, in order (PyTorch's `items()`).
   * @returns the pairs.
   */
  entries(): [string, M][] {
    return [...this.#modules.entries()];
  }

  /**
   * Iterates over the keys, as iterating a PyTorch `ModuleDict` does.
   * @returns an iterator of the keys.
   */
  [Symbol.iterator](): IterableIterator<string> {
    return this.#modules.keys();
  }

  /**
   * The modules named by their keys.
   * @returns `[name, module]` pairs.
   */
  override namedChildren(): [string, ModuleLike][] {
    return this.entries();
  }

  /**
   * Always throws: a `ModuleDict` holds modules, it does not call them (PyTorch's has no `forward` either).
   * @returns never.
   */
  forward(): never {
    return containerForward('ModuleDict');
  }
}
