import { describe } from '@dl/internal';
import { Tensor } from '@dl/tensor';

/** Shapes as error messages print them: `[64, 10]`. */
export const shapeOf = (s: readonly number[]): string => `[${s.join(', ')}]`;

/** Checks that `x` is a float tensor. */
export function checkFloatTensor(fn: string, arg: string, x: unknown): Tensor {
  if (!(x instanceof Tensor)) throw new TypeError(`${fn}: ${arg} must be a Tensor, got ${describe(x)}`);
  if (x.dtype === 'int32') {
    throw new TypeError(
      `${fn}: ${arg} must be a float32 or float64 tensor, got int32; convert it with cast() first`,
    );
  }
  return x;
}

/** Checks an optional per-channel (or per-element) tensor: `null`/`undefined`, or a float tensor of `shape`. */
export function checkOptionalParam(
  fn: string,
  arg: string,
  t: unknown,
  shape: readonly number[],
  what: string,
): Tensor | null {
  if (t === undefined || t === null) return null;
  const p = checkFloatTensor(fn, arg, t);
  if (shapeOf(p.shape) !== shapeOf(shape)) {
    throw new RangeError(`${fn}: ${arg} has shape ${shapeOf(p.shape)}, expected ${shapeOf(shape)} (${what})`);
  }
  return p;
}

/** A finite number > 0. */
export function checkPositive(fn: string, arg: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
    throw new RangeError(`${fn}: ${arg} must be a finite number > 0, got ${describe(v)}`);
  }
  return v;
}

/** A number in [0, 1]. */
export function checkUnit(fn: string, arg: string, v: unknown): number {
  if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
    throw new RangeError(`${fn}: ${arg} must be a number in [0, 1], got ${describe(v)}`);
  }
  return v;
}

/** A positive integer. */
export function checkCount(fn: string, arg: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw new RangeError(`${fn}: ${arg} must be a positive integer, got ${describe(v)}`);
  }
  return v;
}

/** Most elements a parameter or buffer may hold (as @dl/nn's Linear): larger sizes do not fit a typed array. */
export const MAX_PARAMETER_SIZE = 2147483647; // 2 ** 31 - 1

/** A positive integer that sizes a per-feature parameter or buffer: at most {@link MAX_PARAMETER_SIZE}. */
export function checkFeatureCount(fn: string, arg: string, v: unknown): number {
  const n = checkCount(fn, arg, v);
  if (n > MAX_PARAMETER_SIZE) {
    throw new RangeError(
      `${fn}: ${arg} must be at most ${MAX_PARAMETER_SIZE} (one parameter per feature), got ${describe(v)}`,
    );
  }
  return n;
}

/** A boolean. */
export function checkBool(fn: string, arg: string, v: unknown): boolean {
  if (typeof v !== 'boolean') throw new TypeError(`${fn}: ${arg} must be a boolean, got ${describe(v)}`);
  return v;
}

/** `normalizedShape` as PyTorch takes it: one integer or a list of positive integers. */
export function checkNormalizedShape(fn: string, v: unknown): number[] {
  const list = typeof v === 'number' ? [v] : v;
  if (
    !Array.isArray(list) ||
    list.length === 0 ||
    !list.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 1)
  ) {
    throw new TypeError(
      `${fn}: normalizedShape must be a positive integer or a non-empty list of them, got ${describe(v)}`,
    );
  }
  const size = list.reduce((a: number, d: number) => a * d, 1);
  if (size > MAX_PARAMETER_SIZE) {
    throw new RangeError(
      `${fn}: normalizedShape ${describe(v)} has ${size} elements, more than a parameter may hold (${MAX_PARAMETER_SIZE})`,
    );
  }
  return [...list];
}

/** Checks that the trailing dimensions of `x` are `normalized`. */
export function checkTrailing(fn: string, x: Tensor, normalized: readonly number[]): void {
  const k = normalized.length;
  const tail = x.shape.slice(x.rank - k);
  if (x.rank < k || shapeOf(tail) !== shapeOf(normalized)) {
    throw new RangeError(
      `${fn}: x has shape ${shapeOf(x.shape)}, expected its last ${k} dimension${k === 1 ? '' : 's'} to be normalizedShape = ${shapeOf(normalized)}`,
    );
  }
}

/** Throws when a statistic is not finite (the input held NaN or Infinity). */
export function checkFiniteStats(fn: string, what: string, mean: Tensor, variance: Tensor): void {
  for (let i = 0; i < mean.size; i++) {
    const m = mean.data[i]!;
    const v = variance.data[i]!;
    if (!Number.isFinite(m) || !Number.isFinite(v)) {
      throw new RangeError(
        `${fn}: the statistics of ${what} ${i} are not finite (running mean ${m}, running variance ${v} after this batch): the input holds NaN or Infinity; the running statistics were left unchanged`,
      );
    }
  }
}
