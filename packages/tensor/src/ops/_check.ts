import { describe } from '@dl/internal';
import { Tensor } from '../tensor';

/** @internal Throws a TypeError naming `fn` and `arg` unless `x` is a Tensor. */
export function checkTensor(fn: string, arg: string, x: unknown): Tensor {
  if (!(x instanceof Tensor)) {
    throw new TypeError(`${fn}: ${arg} must be a Tensor, got ${describe(x)}`);
  }
  return x;
}

/** @internal Throws a TypeError naming `fn` unless `x` is a float32 or float64 Tensor. */
export function checkFloat(fn: string, arg: string, x: unknown): Tensor {
  const t = checkTensor(fn, arg, x);
  if (t.dtype === 'int32') {
    throw new TypeError(
      `${fn}: ${arg} must be a float32 or float64 tensor, got int32; convert it with cast() first`,
    );
  }
  return t;
}

/** @internal Throws a TypeError naming `fn` unless `index` is an int32 Tensor. */
export function checkIndex(fn: string, arg: string, index: unknown): Tensor {
  const t = checkTensor(fn, arg, index);
  if (t.dtype !== 'int32') throw new TypeError(`${fn}: ${arg} must be an int32 tensor, got ${t.dtype}`);
  return t;
}

/**
 * @internal Normalizes a single axis in `[-rank, rank - 1]` (or `[-rank - 1, rank]` when `extra` is 1, for
 * insertion points), throwing a RangeError naming `fn` otherwise.
 */
export function checkAxis(fn: string, axis: unknown, rank: number, extra = 0, arg = 'axis'): number {
  const lo = -rank - extra;
  const hi = rank - 1 + extra;
  if (typeof axis !== 'number' || !Number.isInteger(axis) || axis < lo || axis > hi) {
    throw new RangeError(
      `${fn}: ${arg} must be an integer in [${lo}, ${hi}] for a tensor of rank ${rank}, got ${describe(axis)}`,
    );
  }
  return axis < 0 ? axis + rank + extra : axis;
}
