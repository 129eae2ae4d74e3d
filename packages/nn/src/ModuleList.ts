import { describe } from '@dl/internal';
import { isModuleLike } from './isModuleLike';
import { Module } from './Module';
import type { ModuleLike } from './types';

function got(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'function') return `a function${v.name ? ` (${v.name})` : ''}`;
  if (typeof v === 'object')
    return `an object without the module methods (${Object.keys(v).slice(0, 4).join(', ') || 'no keys'})`;
  return describe(v);
}

/** @internal Throws a TypeError naming `fn` unless `m` implements the module protocol. */
export function checkModule(fn: string, arg: string, m: unknown): ModuleLike {
  if (!isModuleLike(m)) {
    throw new TypeError(`${fn}: ${arg} must be a module (a Module or any ModuleLike), got ${got(m)}`);
  }
  return m;
}

/** @internal The error of a container's `forward`: containers hold modules, they do not chain them. */
export function containerForward(name: string): never {
  throw new TypeError(
    `${name}.forward: a ${name} has no forward (as in PyTorch); call its modules in your own forward, or chain layers with Sequential`,
  );
}

/**
 * Holds submodules in a list, like PyTorch's `nn.ModuleList`: they are registered (found by
 * {@link Module.parameters}, switched by {@link Module.train}, saved by {@link Module.stateDict}) under their
 * index, so a property `layers = new ModuleList([...])` gives PyTorch's state-dict keys `layers.0.weight`,
 * `layers.1.weight`, ….
 *
 * Unlike {@link Sequential} it has no `forward`: the owner decides how the modules are called. Read an element
 * with {@link ModuleList.at} (PyTorch's `layers[i]`).
 *
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { Linear, Module, ModuleList } from '@dl/nn';
 * class Tower extends Module {
 *   layers = new ModuleList([new Linear(2, 2, { seed: 0 }), new Linear(2, 2, { seed: 1 })]);
 *   forward(x) {
 *     for (const layer of this.layers) x = layer.forward(x);
 *     return x;
 *   }
 * }
 * const t = new Tower();
 * Object.keys(t.stateDict()); // ['layers.0.weight', 'layers.0.bias', 'layers.1.weight', 'layers.1.bias']
 * t.layers.length; // 2
 * t.forward(tensor([[1, 2]])).shape; // [1, 2]
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.ModuleList.html
 */
export class ModuleList<M extends ModuleLike = ModuleLike>
  extends Module<never[], never>
  implements Iterable<M>
{
  #modules: M[];

  /**
   * @param modules - the modules, in order (any iterable; none when omitted).
   */
  constructor(modules: Iterable<M> = []) {
    super();
    if (modules === null || typeof (modules as Partial<Iterable<M>>)[Symbol.iterator] !== 'function') {
      throw new TypeError(`ModuleList: modules must be an iterable of modules, got ${got(modules)}`);
    }
    this.#modules = [...modules].map((m, i) => checkModule('ModuleList', `modules[${i}]`, m) as M);
  }

  /** Number of modules. */
  get length(): number {
    return this.#modules.length;
  }

  #index(fn: string, index: unknown, extra = 0): number {
    const n = this.#modules.length;
    if (typeof index !== 'number') {
      throw new TypeError(`ModuleList.${fn}: index must be an integer, got ${describe(index)}`);
    }
    if (!Number.isInteger(index) || index < -n || index >= n + extra) {
      const expected =
        n + extra === 0
          ? 'there is no index: the list is empty'
          : `index must be an integer in [${-n}, ${n - 1 + extra}]`;
      throw new RangeError(`ModuleList.${fn}: ${expected}, got ${describe(index)}`);
    }
    return index < 0 ? index + n : index;
  }

  /**
   * The module at `index` (negative counts from the end), like `layers[i]` in PyTorch.
   * @param index - the position.
   * @returns the module.
   */
  at(index: number): M {
    return this.#modules[this.#index('at', index)]!;
  }

  /**
   * Replaces the module at `index` (PyTorch's `layers[i] = module`).
   * @param index - the position (negative counts from the end).
   * @param module - the new module.
   * @returns this list.
   */
  set(index: number, module: M): this {
    const i = this.#index('set', index);
    this.#modules[i] = checkModule('ModuleList.set', 'module', module) as M;
    return this;
  }

  /**
   * Adds a module at the end.
   * @param module - the module.
   * @returns this list.
   */
  append(module: M): this {
    this.#modules.push(checkModule('ModuleList.append', 'module', module) as M);
    return this;
  }

  /**
   * Adds modules at the end, in order.
   * @param modules - the modules.
   * @returns this list.
   */
  extend(modules: Iterable<M>): this {
    if (modules === null || typeof (modules as Partial<Iterable<M>>)?.[Symbol.iterator] !== 'function') {
      throw new TypeError(`ModuleList.extend: modules must be an iterable of modules, got ${got(modules)}`);
    }
    const add = [...modules].map((m, i) => checkModule('ModuleList.extend', `modules[${i}]`, m) as M);
    this.#modules.push(...add);
    return this;
  }

  /**
   * Inserts a module before position `index` (`index === length` appends), like PyTorch's `insert`.
   * @param index - the position (negative counts from the end).
   * @param module - the module.
   * @returns this list.
   */
  insert(index: number, module: M): this {
    const i = this.#index('insert', index, 1);
    this.#modules.splice(i, 0, checkModule('ModuleList.insert', 'module', module) as M);
    return this;
  }

  /**
   * Iterates over the modules in order.
   * @returns an iterator of the modules.
   */
  [Symbol.iterator](): IterableIterator<M> {
    return this.#modules[Symbol.iterator]();
  }

  /**
   * The modules named by position: `[['0', m0], ['1', m1], …]`.
   * @returns `[name, module]` pairs.
   */
  override namedChildren(): [string, ModuleLike][] {
    return this.#modules.map((m, i) => [String(i), m]);
  }

  /**
   * Always throws: a `ModuleList` holds modules, it does not chain them (PyTorch's has no `forward` either).
   * @returns never.
   */
  forward(): never {
    return containerForward('ModuleList');
  }
}
