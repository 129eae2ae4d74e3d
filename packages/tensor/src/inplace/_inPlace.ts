import { isGradEnabled, noGrad } from '../autograd/gradMode';
import { record } from '../autograd/record';
import { allocUninit, markShared } from '../memory/_pool';
import { checkTensor } from '../ops/_check';
import { formatShape, shapesEqual } from '../shape';
import { Tensor } from '../tensor';

/** @internal What an in-place op records when autograd is on: the backward of `x`'s new value. */
export interface InPlaceGrad {
  /** The other tensors the value depends on (after `prev`, the old `x`). */
  others: readonly Tensor[];
  /** Whether the backward reads the old values of `x` (then `prev` is a private copy of them). */
  needsOld: boolean;
  /** The gradients of `prev` and of each of `others` from the gradient `g` of the new `x`. */
  backward: (g: Tensor, prev: Tensor, x: Tensor) => (Tensor | null)[];
  /** `saves` of {@link record} (bit 0: prev, bit i: others[i - 1], SAVES_OUTPUT: the new x). */
  saves: number;
}

/**
 * @internal Runs an in-place op: checks `x`, computes the new values with `compute` (the out-of-place op, under
 * noGrad; its result must have `x`'s shape and dtype), writes them into `x.data`, counts a version and, when
 * autograd records, makes `x` the output of a new node whose input `prev` takes `x`'s old place in the graph
 * (PyTorch's rebase of the history). Refuses, as PyTorch does, a leaf that requires gradients outside noGrad.
 */
export function inPlace(
  fn: string,
  x: unknown,
  compute: (x: Tensor) => Tensor,
  grad: (x: Tensor) => InPlaceGrad | null,
  usage: string,
): Tensor {
  const t = checkTensor(fn, 'x', x);
  if (t.storage !== null) {
    throw new TypeError(`${fn}: in-place ops run on CPU tensors; x is on ${t.storage.device.name}`);
  }
  const spec = isGradEnabled() ? grad(t) : null;
  const recording = spec !== null && (t.requiresGrad || spec.others.some((o) => o.requiresGrad));
  if (recording) {
    if (t.gradFn === null && t.requiresGrad) {
      throw new TypeError(
        `${fn}: x is a leaf tensor that requires gradients, which an in-place op cannot modify while autograd records (PyTorch: "a leaf Variable that requires grad is being used in an in-place operation"); update parameters inside noGrad(() => …), or use ${usage}`,
      );
    }
    if (t.graphUses > 0) {
      throw new TypeError(
        `${fn}: x was already used by an operation recorded for autograd, whose gradient needs x as it was; modifying it in place is not supported here: use ${usage}`,
      );
    }
    if (t.versionCounter !== null && t.versionCounter.views > 0) {
      throw new TypeError(
        `${fn}: x shares its elements with a view (reshape, detach, …) and takes part in autograd; in-place ops on such tensors are not supported: use ${usage}`,
      );
    }
  }
  const value = noGrad(() => compute(t));
  if (!shapesEqual(value.shape, t.shape)) {
    throw new RangeError(
      `${fn}: the result has shape ${formatShape(value.shape)}, which does not fit x's shape ${formatShape(t.shape)} (the other operand must broadcast to x)`,
    );
  }
  if (value.dtype !== t.dtype) {
    throw new TypeError(`${fn}: the result is ${value.dtype} but x is ${t.dtype}`);
  }
  let prev: Tensor | null = null;
  if (recording) {
    // the old x: a copy of its values when the backward reads them, else a tensor on the same buffer
    if (spec.needsOld) {
      const copy = allocUninit(t.dtype, t.size);
      copy.set(t.data);
      prev = new Tensor(copy, t.shape, t.dtype);
    } else {
      markShared(t.data);
      prev = new Tensor(t.data, t.shape, t.dtype);
      prev.versionCounter = t.versionCounter ??= { n: 0, views: 0 };
    }
    prev.requiresGrad = t.requiresGrad;
    prev.gradFn = t.gradFn;
  }
  if (value.data !== t.data) {
    t.data.set(value.data);
    value.dispose();
  }
  (t.versionCounter ??= { n: 0, views: 0 }).n++;
  if (recording && prev !== null) {
    const p = prev;
    t.gradFn = null;
    t.requiresGrad = false;
    record(fn, t, [p, ...spec.others], (g) => spec.backward(g, p, t), spec.saves);
  }
  return t;
}
