import { defineOptions, describe } from '@dl/internal';
import { type Tensor, Tensor as TensorClass } from '@dl/tensor';
import { type Decoded, decodeEntry, encodeEntry, formatShape } from './_entry';
import { isModuleLike } from './isModuleLike';
import {
  type LoadableStateDict,
  type LoadStateDictOptions,
  type LoadStateDictResult,
  loadStateDictOptions,
  type ModuleLike,
  type StateDict,
  type StateDictOptions,
  stateDictOptions,
} from './types';

/** Options of {@link Module.registerBuffer}. */
export interface RegisterBufferOptions {
  /**
   * Whether the buffer is part of the {@link Module.stateDict | state dict}.
   * @defaultValue true
   */
  persistent?: boolean;
}

/** @internal The checker of {@link RegisterBufferOptions}. */
export const registerBufferOptions = /* @__PURE__ */ defineOptions<RegisterBufferOptions>()(
  'registerBuffer',
  {
    persistent: true,
  },
);

/** A key of the state dict and how to check and load a value into it. */
interface Slot {
  key: string;
  shape: readonly number[];
  /** The target's dtype: entries without a dtype are decoded as it (no float32 rounding for float64 tensors). */
  dtype: Decoded['dtype'];
  load: (d: Decoded) => void;
}

/** Where a container value holds a tensor or module: the path below the property (`'.a'`, `'[1]'`) and what it is. */
function findState(v: unknown, depth: number): { at: string; what: 'tensor' | 'module' } | null {
  if (depth > 3 || v === null || typeof v !== 'object') return null;
  if (v instanceof TensorClass) return { at: '', what: 'tensor' };
  if (isModuleLike(v)) return { at: '', what: 'module' };
  const proto = Object.getPrototypeOf(v);
  const entries: [string, unknown][] =
    v instanceof Map
      ? [...v].map(([k, e]): [string, unknown] => [`.get(${JSON.stringify(k) ?? String(k)})`, e])
      : v instanceof Set
        ? [...v].map((e, i): [string, unknown] => [` (element ${i})`, e])
        : Array.isArray(v)
          ? v.map((e, i): [string, unknown] => [`[${i}]`, e])
          : proto === Object.prototype || proto === null
            ? Object.entries(v).map(([k, e]): [string, unknown] => [`.${k}`, e])
            : [];
  for (const [at, e] of entries) {
    const below = findState(e, depth + 1);
    if (below !== null) return { at: at + below.at, what: below.what };
  }
  return null;
}

/**
 * Throws when property `key` is a plain object, Map, Set or array holding tensors or modules that {@link Module}
 * would otherwise miss silently (they would be neither trained nor saved), naming the container to use.
 */
function rejectHiddenState(self: object, key: string, v: unknown): void {
  if (v === null || typeof v !== 'object') return;
  const found = findState(v, 0);
  if (found === null) return;
  const owner = self.constructor?.name || 'Module';
  const kind =
    v instanceof Map
      ? 'a Map'
      : v instanceof Set
        ? 'a Set'
        : Array.isArray(v)
          ? 'an array'
          : 'a plain object';
  const keyed = !(v instanceof Set || Array.isArray(v));
  const use = keyed
    ? 'a ModuleDict (new ModuleDict({ name: module, ... })) for modules keyed by name'
    : 'a ModuleList (new ModuleList([...])) for a list of modules; a plain array is registered only when each element is a module or a tensor';
  throw new TypeError(
    `${owner}: property '${key}' is ${kind} holding a ${found.what} (${key}${found.at}), which a Module does not register, so it would be neither trained nor saved; use ${use}, or keep it in a #private field if it is not state`,
  );
}

/**
 * The base class of layers and models, mirroring PyTorch's `nn.Module`: parameters are found by name, training mode
 * propagates to submodules, and the state saves to and loads from plain JSON with PyTorch's dotted keys.
 *
 * Subclasses declare their parts as ordinary properties and implement {@link Module.forward}. Own enumerable
 * properties are discovered in declaration order, and listed as PyTorch lists them: a module's own parameters
 * (then buffers) before those of its submodules.
 * - a `Tensor` is a **parameter** (whether or not it currently requires gradients), unless it was declared with
 *   {@link Module.registerBuffer}, which makes it a **buffer** (saved, never learned);
 * - a {@link ModuleLike} (a `Module`, or any object implementing the protocol) is a **submodule**; its names
 *   are prefixed with the property name (`fc1.weight`);
 * - an array whose every element is a tensor or a module contributes each element under its index
 *   (`blocks.0.weight`), as a {@link ModuleList} does;
 * - a plain object, `Map`, `Set` or other array holding a tensor or a module is a TypeError (at the first
 *   `parameters()`, `stateDict()`, `train()`, …) naming the container to use, {@link ModuleDict} or
 *   {@link ModuleList}: PyTorch would silently leave such state out;
 * - anything else (numbers, options without tensors, `null`, `#private` fields) is ignored, so keep tensors that
 *   are not state in `#private` fields.
 *
 * @typeParam Args - the argument list of {@link Module.forward}.
 * @typeParam Out - what {@link Module.forward} returns.
 * @example
 * ```ts
 * import { add, mul, tensor, type Tensor } from '@dl/tensor';
 * import { Module } from '@dl/nn';
 * class Affine extends Module {
 *   scale = tensor([2], { requiresGrad: true });
 *   shift = tensor([1], { requiresGrad: true });
 *   forward(x: Tensor): Tensor {
 *     return add(mul(x, this.scale), this.shift);
 *   }
 * }
 * const m = new Affine();
 * m.forward(tensor([1, 2])).toArray(); // [3, 5]
 * m.namedParameters().map(([name]) => name); // ['scale', 'shift']
 * m.stateDict().scale.data; // [2]
 * m.eval().training; // false
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.Module.html
 */
export abstract class Module<Args extends unknown[] = [Tensor], Out = Tensor> implements ModuleLike {
  /** Whether the module is in training mode; set it with {@link Module.train} or {@link Module.eval}. */
  training = true;
  #buffers = new Map<string, boolean>();

  /**
   * The computation of the module. Call it directly: `model.forward(x)`.
   * @param args - the inputs.
   * @returns the output.
   */
  abstract forward(...args: Args): Out;

  /**
   * Stores `value` as property `name` and marks it as a buffer: state that is saved and loaded but not learned
   * (running statistics, for example). Like PyTorch's `register_buffer`.
   *
   * @param name - the property name, a valid key of this module.
   * @param value - the tensor, or `null` for an optional buffer that is absent.
   * @param options - see {@link RegisterBufferOptions}.
   * @returns `value`, so that `this.registerBuffer(...)` can initialize a field.
   */
  registerBuffer<T extends Tensor | null>(name: string, value: T, options: RegisterBufferOptions = {}): T {
    if (typeof name !== 'string' || name === '' || name.includes('.')) {
      throw new TypeError(
        `registerBuffer: name must be a non-empty string without '.', got ${JSON.stringify(name)}`,
      );
    }
    if (value !== null && !(value instanceof TensorClass)) {
      throw new TypeError(
        `registerBuffer: value must be a Tensor or null, got ${describe(value)} for buffer '${name}'`,
      );
    }
    this.#buffers.set(name, registerBufferOptions(options).persistent);
    (this as Record<string, unknown>)[name] = value;
    return value;
  }

  /** Own state found by walking the enumerable properties (see the class description). */
  #discover(): {
    params: [string, Tensor][];
    buffers: [string, Tensor, boolean][];
    children: [string, ModuleLike][];
  } {
    const params: [string, Tensor][] = [];
    const buffers: [string, Tensor, boolean][] = [];
    const children: [string, ModuleLike][] = [];
    const visit = (name: string, v: unknown, isBuffer: boolean, persistent: boolean): boolean => {
      if (v instanceof TensorClass) {
        if (isBuffer) buffers.push([name, v, persistent]);
        else params.push([name, v]);
        return true;
      }
      if (isModuleLike(v)) {
        children.push([name, v]);
        return true;
      }
      return false;
    };
    for (const key of Object.keys(this)) {
      const v = (this as Record<string, unknown>)[key];
      const persistent = this.#buffers.get(key);
      if (visit(key, v, persistent !== undefined, persistent ?? true)) continue;
      if (Array.isArray(v) && v.length > 0 && v.every((e) => e instanceof TensorClass || isModuleLike(e))) {
        for (let i = 0; i < v.length; i++) visit(`${key}.${i}`, v[i], false, true);
        continue;
      }
      rejectHiddenState(this, key, v);
    }
    return { params, buffers, children };
  }

  /**
   * The direct submodules with their names, in declaration order.
   * @returns `[name, module]` pairs.
   */
  namedChildren(): [string, ModuleLike][] {
    return this.#discover().children;
  }

  /** Own parameters and buffers, and the submodules as {@link Module.namedChildren} lists them (subclasses may override it). */
  #state(): {
    params: [string, Tensor][];
    buffers: [string, Tensor, boolean][];
    children: [string, ModuleLike][];
  } {
    const { params, buffers } = this.#discover();
    return { params, buffers, children: this.namedChildren() };
  }

  /**
   * The direct submodules, in declaration order.
   * @returns the submodules.
   */
  children(): ModuleLike[] {
    return this.namedChildren().map(([, m]) => m);
  }

  /**
   * This module and all modules below it, depth first, with dotted names (this module's name is `''`). A
   * module reachable twice is listed once.
   * @returns `[name, module]` pairs.
   */
  namedModules(): [string, ModuleLike][] {
    const out: [string, ModuleLike][] = [];
    const seen = new Set<ModuleLike>();
    const walk = (prefix: string, m: ModuleLike): void => {
      if (seen.has(m)) return;
      seen.add(m);
      out.push([prefix, m]);
      if (m instanceof Module) {
        for (const [name, child] of m.namedChildren())
          walk(prefix === '' ? name : `${prefix}.${name}`, child);
      }
    };
    walk('', this);
    return out;
  }

  /**
   * This module and all modules below it, depth first.
   * @returns the modules.
   */
  modules(): ModuleLike[] {
    return this.namedModules().map(([, m]) => m);
  }

  /**
   * The parameters of this module and its submodules with their dotted names (`'0.weight'`), in the order
   * PyTorch lists them. A tensor shared by two modules (tied weights) is listed once, under its first name.
   * @returns `[name, tensor]` pairs.
   */
  namedParameters(): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    const seen = new Set<Tensor>();
    const push = (name: string, t: Tensor) => {
      if (seen.has(t)) return;
      seen.add(t);
      out.push([name, t]);
    };
    const { params, children } = this.#state();
    for (const [name, t] of params) push(name, t);
    for (const [prefix, child] of children) {
      for (const [name, t] of child.namedParameters()) push(`${prefix}.${name}`, t);
    }
    return out;
  }

  /**
   * The parameters of this module and its submodules, each once: what an optimizer updates.
   * @returns the parameter tensors.
   */
  parameters(): Tensor[] {
    return this.namedParameters().map(([, t]) => t);
  }

  /**
   * The buffers of this module and of its `Module` submodules with their dotted names.
   * @returns `[name, tensor]` pairs.
   */
  namedBuffers(): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    const { buffers, children } = this.#state();
    for (const [name, t] of buffers) out.push([name, t]);
    for (const [prefix, child] of children) {
      if (child instanceof Module)
        for (const [name, t] of child.namedBuffers()) out.push([`${prefix}.${name}`, t]);
    }
    return out;
  }

  /**
   * The buffers of this module and of its `Module` submodules.
   * @returns the buffer tensors.
   */
  buffers(): Tensor[] {
    return this.namedBuffers().map(([, t]) => t);
  }

  /**
   * Sets training mode on this module and every submodule (layers such as {@link Dropout} behave differently
   * in training and evaluation).
   * @param mode - `true` for training, `false` for evaluation.
   * @returns this module.
   */
  train(mode = true): this {
    if (typeof mode !== 'boolean')
      throw new TypeError(`train: mode must be a boolean, got ${describe(mode)}`);
    this.training = mode;
    for (const child of this.children()) child.train(mode);
    return this;
  }

  /**
   * Switches this module and every submodule to evaluation mode; the same as `train(false)`.
   * @returns this module.
   */
  eval(): this {
    return this.train(false);
  }

  /**
   * Clears the gradient of every parameter (sets `grad` to `null`, like PyTorch's `zero_grad(set_to_none=True)`).
   * Gradients accumulate across `backward()` calls until cleared.
   */
  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = null;
  }

  /**
   * Freezes (`false`) or unfreezes (`true`) every parameter, like PyTorch's `requires_grad_`.
   * @param flag - whether the parameters require gradients.
   * @returns this module.
   */
  setRequiresGrad(flag = true): this {
    for (const p of this.parameters()) p.setRequiresGrad(flag);
    return this;
  }

  /** Every state-dict key of this module and its submodules, in order, with how to load it. */
  #slots(prefix: string, out: Slot[], after: (() => void)[]): Slot[] {
    const { params, buffers, children } = this.#state();
    const own: [string, Tensor][] = [...params];
    for (const [name, t, persistent] of buffers) if (persistent) own.push([name, t]);
    for (const [name, t] of own) {
      out.push({ key: prefix + name, shape: t.shape, dtype: t.dtype, load: (d) => t.data.set(d.values) });
    }
    for (const [name, child] of children) {
      if (child instanceof Module) {
        child.#slots(`${prefix}${name}.`, out, after);
        continue;
      }
      // A module from elsewhere: its own state dict tells its keys and shapes; it loads its own values.
      const pending: Record<string, { shape: number[]; dtype: Decoded['dtype']; data: Decoded['values'] }> =
        {};
      const sd = child.stateDict();
      for (const k of Object.keys(sd)) {
        out.push({
          key: `${prefix}${name}.${k}`,
          shape: sd[k]!.shape,
          dtype: sd[k]!.dtype,
          load: (d) => {
            pending[k] = { shape: d.shape, dtype: d.dtype, data: d.values };
          },
        });
      }
      after.push(() => {
        if (Object.keys(pending).length > 0) child.loadStateDict(pending, { strict: false });
      });
    }
    return out;
  }

  /**
   * A JSON-serializable snapshot of every parameter and persistent buffer, keyed by dotted PyTorch names
   * (`'0.weight'`, `'0.bias'` in a {@link Sequential}). Unlike PyTorch, the values are copies, not live views:
   * `JSON.stringify(model.stateDict())` is a checkpoint.
   *
   * @param options - see {@link StateDictOptions}.
   * @returns a plain object of {@link StateDictEntry} values.
   */
  stateDict(options: StateDictOptions = {}): StateDict {
    const { encoding } = stateDictOptions(options);
    if (encoding !== 'array' && encoding !== 'base64') {
      throw new TypeError(`stateDict: encoding must be 'array' or 'base64', got ${describe(encoding)}`);
    }
    const out: StateDict = {};
    const { params, buffers, children } = this.#state();
    for (const [name, t] of params) out[name] = encodeEntry(t, encoding);
    for (const [name, t, persistent] of buffers) if (persistent) out[name] = encodeEntry(t, encoding);
    for (const [prefix, child] of children) {
      for (const [name, e] of Object.entries(child.stateDict({ encoding }))) out[`${prefix}.${name}`] = e;
    }
    return out;
  }

  /**
   * Copies the values of a state dict into this module's parameters and buffers, in place (tensors keep their
   * identity, so an optimizer holding them keeps working). Values are converted to each tensor's dtype; an entry
   * without a `dtype` is read as the target tensor's dtype (a float64 module keeps every digit of plain numbers).
   *
   * Everything is checked before anything is copied: a shape mismatch always throws
   * (`loadStateDict: 0.weight has shape [10, 64], expected [64, 10]`); with `strict` (the default), so do
   * missing and unexpected keys, all listed in one message.
   *
   * @param stateDict - the saved state: {@link StateDictEntry} values (from {@link Module.stateDict} or
   *   `JSON.parse`), tensors, or any `{ shape, data }` records.
   * @param options - see {@link LoadStateDictOptions}.
   * @returns the keys that were missing from `stateDict` and those it held that the module lacks.
   */
  loadStateDict(stateDict: LoadableStateDict, options: LoadStateDictOptions = {}): LoadStateDictResult {
    const fn = 'loadStateDict';
    if (stateDict === null || typeof stateDict !== 'object' || Array.isArray(stateDict)) {
      throw new TypeError(
        `${fn}: stateDict must be an object of { shape, data } entries, got ${describe(stateDict)}`,
      );
    }
    const { strict } = loadStateDictOptions(options);
    const after: (() => void)[] = [];
    const slots = this.#slots('', [], after);
    const known = new Set(slots.map((s) => s.key));
    const missingKeys = slots.map((s) => s.key).filter((k) => !Object.hasOwn(stateDict, k));
    const unexpectedKeys = Object.keys(stateDict).filter((k) => !known.has(k));
    if (strict && (missingKeys.length > 0 || unexpectedKeys.length > 0)) {
      const parts: string[] = [];
      if (missingKeys.length > 0) parts.push(`missing keys: ${missingKeys.join(', ')}`);
      if (unexpectedKeys.length > 0) parts.push(`unexpected keys: ${unexpectedKeys.join(', ')}`);
      throw new RangeError(
        `${fn}: the state dict does not match the module (${parts.join('; ')}); pass { strict: false } to load the keys that match`,
      );
    }
    const decoded: [Slot, Decoded][] = [];
    for (const slot of slots) {
      if (!Object.hasOwn(stateDict, slot.key)) continue;
      const d = decodeEntry(fn, slot.key, stateDict[slot.key]!, slot.dtype);
      if (formatShape(d.shape) !== formatShape(slot.shape)) {
        throw new RangeError(
          `${fn}: ${slot.key} has shape ${formatShape(d.shape)}, expected ${formatShape(slot.shape)}`,
        );
      }
      decoded.push([slot, d]);
    }
    for (const [slot, d] of decoded) slot.load(d);
    for (const f of after) f();
    return { missingKeys, unexpectedKeys };
  }
}
