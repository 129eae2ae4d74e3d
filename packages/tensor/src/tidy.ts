import { badArgument } from '@dl/internal';
import type { Tensor } from './tensor';

/**
 * @internal The open {@link tidy} scopes, innermost last: the device tensors created in each. One list per process
 * (found through `Symbol.for`, like the grad mode), so that the ESM and CJS copies of this package and the
 * `@dl/tensor/gpu` entry agree; created on first use.
 */
const SCOPES: unique symbol = Symbol.for('@dl/tensor.tidyScopes.v1') as never;
let sharedScopes: Tensor[][] | undefined;
function scopeList(): Tensor[][] {
  if (sharedScopes === undefined) {
    const g = globalThis as { [SCOPES]?: Tensor[][] };
    sharedScopes = g[SCOPES] ??= [];
  }
  return sharedScopes;
}

/** @internal Notes a new tensor in the innermost {@link tidy} scope. */
export function trackDeviceTensor(t: Tensor): void {
  const scopes = scopeList();
  const top = scopes[scopes.length - 1];
  if (top !== undefined) top.push(t);
}

/**
 * @internal Lets `t` outlive the innermost scope (moves it to the enclosing one): gradients written into
 * `.grad` by a backward pass inside `tidy`.
 */
export function keepFromTidy(t: Tensor): void {
  const scopes = scopeList();
  const n = scopes.length;
  if (n === 0 || t.storage === null) return;
  const top = scopes[n - 1]!;
  for (let i = top.lastIndexOf(t); i >= 0; i = top.lastIndexOf(t)) top.splice(i, 1);
  if (n > 1) scopes[n - 2]!.push(t);
}

function collect(value: unknown, keep: Set<Tensor>, seen: Set<unknown>): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  if ((value as { storage?: unknown }).storage !== undefined && 'shape' in value && 'dtype' in value) {
    keep.add(value as Tensor);
    return;
  }
  if (Array.isArray(value)) {
    for (const v of value) collect(v, keep, seen);
    return;
  }
  if (value instanceof Map) {
    for (const v of value.values()) collect(v, keep, seen);
    return;
  }
  if (Object.getPrototypeOf(value) === Object.prototype) {
    for (const v of Object.values(value)) collect(v, keep, seen);
  }
}

/**
 * Runs `fn` and then disposes every tensor created while it ran, except those it returns (a tensor, or tensors
 * inside returned arrays, Maps and plain objects) and the gradients that a backward pass inside it wrote into
 * `.grad`. Scopes nest: what an inner `tidy` keeps belongs to the outer one.
 *
 * On a device the memory is freed; on the CPU the typed arrays go back to the buffer pool (see
 * {@link configureBufferPool} and {@link Tensor.dispose} for when a buffer is recycled), so the next step reuses
 * them instead of allocating. A scope in which a device tensor was made disposes only the device tensors (a
 * device may keep a CPU array as a cached readback); its CPU tensors are left to the garbage collector. A disposed tensor cannot be used again (reading it throws), so do not keep a tensor
 * created inside `tidy` in a variable or object outside it (a layer's state, a list of results): return it.
 *
 * Run a whole training step (forward, backward, update) in one `tidy`: a graph whose tensors were disposed
 * cannot be differentiated any more. Wrap one step, not a whole loop: `tidy` holds every tensor made inside until it
 * returns.
 *
 * @param fn - the function to run (synchronous).
 * @returns what `fn` returns.
 * @example
 * ```ts
 * import { mul, sum, tensor, tidy } from '@dl/tensor';
 * const x = tensor([1, 2, 3]);
 * const total = tidy(() => sum(mul(x, x))); // mul(x, x) is disposed here, its buffer recycled
 * total.item(); // 14
 * ```
 */
export function tidy<T>(fn: () => T): T {
  if (typeof fn !== 'function') throw badArgument('tidy', 'fn', 'a function', fn);
  const scopes = scopeList();
  const scope: Tensor[] = [];
  scopes.push(scope);
  let result: T;
  try {
    result = fn();
  } finally {
    scopes.pop();
  }
  const keep = new Set<Tensor>();
  collect(result, keep, new Set());
  const parent = scopes[scopes.length - 1];
  // a scope that used a device leaves its CPU tensors to the garbage collector: a device may keep a CPU array as
  // a storage's cached readback (the device protocol's upload with cache), which must never be recycled
  let device = false;
  for (const t of scope) if (t.storage !== null) device = true;
  for (const t of scope) {
    if (keep.has(t)) parent?.push(t);
    else if (!device || t.storage !== null) t.dispose();
  }
  return result;
}
