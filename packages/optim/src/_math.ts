// The shared numerics of every optimizer: one place for hyperparameter resolution, rounding, moment updates
// and bias correction. The named optimizers' fused loops and the composable building blocks both use these.
import { describe } from '@dl/internal';
import type { FloatArray, Hyperparameter } from './types';

/** Rounding to the storage type: float32 arrays round every intermediate as PyTorch's float32 kernels do. */
export type Round = (x: number) => number;
const same: Round = (x) => x;
export const roundFor = (a: FloatArray): Round => (a instanceof Float32Array ? Math.fround : same);

/** The value of a hyperparameter at update `count`. */
export const valueAt = (h: Hyperparameter, count: number): number => (typeof h === 'function' ? h(count) : h);

/** Bias correction $1 - \beta^t$ (Kingma & Ba 2015, Algorithm 1). */
export const biasCorrection = (beta: number, t: number): number => 1 - beta ** t;

/** The two bias corrections of {@link biasCorrections} (one reused record). */
export const BIAS = { bc1: 0, bc2: 0 };
/**
 * Writes $1 - \beta_1^t$ and $1 - \beta_2^t$ into {@link BIAS}: the float64 loops call this rather than
 * {@link biasCorrection}, whose returned number is boxed when the engine leaves the call out of line (their
 * inlining budget goes to the loop's helpers: adam's float64 loop allocated ~190 B per step that way).
 */
export function biasCorrections(k: { beta1: number; beta2: number }, t: number): void {
  BIAS.bc1 = 1 - k.beta1 ** t;
  BIAS.bc2 = 1 - k.beta2 ** t;
}

// PyTorch's float32 CPU kernels fuse `a + alpha * b` (add with alpha, addcmul) into one fused multiply-add. The
// product of two float32 values is exact in float64, so `R(a + alpha * b)` computed in float64 and rounded once
// gives the fused result (up to rare double roundings).

/** First-moment update in PyTorch's order: `m.mul_(beta).add_(g, alpha=1-beta)`; `c` is round(1 - beta). */
export const ema = (R: Round, m: number, g: number, beta: number, c: number): number =>
  R(R(m * beta) + g * c);

/** Second-moment update in PyTorch's order: `v.mul_(beta).addcmul_(g, g, value=1-beta)`. */
export const emaSq = (R: Round, v: number, g: number, beta: number, c: number): number =>
  R(R(v * beta) + R(c * g) * g);

/** The constants of {@link ema} and {@link emaSq}. */
export interface MomentConstants {
  b1: number;
  c1: number;
  b2: number;
  c2: number;
}
/**
 * β1, 1 − β1, β2, 1 − β2 rounded to the parameter's type: the constants of {@link ema} and {@link emaSq}, written
 * into `into` (the kernels pass one reused record) and returned.
 */
export const momentConstants = (
  R: Round,
  k: { beta1: number; beta2: number },
  into: MomentConstants,
): MomentConstants => {
  into.b1 = R(k.beta1);
  into.c1 = R(1 - k.beta1);
  into.b2 = R(k.beta2);
  into.c2 = R(1 - k.beta2);
  return into;
};

/** Adam's two moment updates at index `i`, in place: `m[i] = ema(m[i], d)`, `v[i] = emaSq(v[i], d)`. */
export function updateMoments(
  R: Round,
  m: FloatArray,
  v: FloatArray,
  i: number,
  d: number,
  b1: number,
  c1: number,
  b2: number,
  c2: number,
): void {
  m[i] = ema(R, m[i]!, d, b1, c1);
  v[i] = emaSq(R, v[i]!, d, b2, c2);
}

/** PyTorch's coupled weight decay `g.add(p, alpha=wd)` (L2 penalty), skipped when `wd` is 0. */
export const coupledDecay = (R: Round, d: number, wd: number, p: number): number =>
  wd !== 0 ? R(d + wd * p) : d;

/** The gradient as the rules read it: negated when maximizing, then with the coupled weight decay of {@link coupledDecay}. */
export const decayedGrad = (R: Round, g: number, p: number, maximize: boolean, wd: number): number =>
  coupledDecay(R, maximize ? -g : g, wd, p);

/** `p.addcdiv_(a, b, value=s)`: $p + s a / b$ in PyTorch's order. */
export const addcdiv = (R: Round, p: number, s: number, a: number, b: number): number =>
  R(p + R(R(s * a) / b));

// ---- checks of hyperparameter values (constructors check numbers; steps check schedule values) ----

const where = (count: number | undefined) =>
  count === undefined ? '' : ` (the value of its schedule at step ${count})`;

export function checkNonNegative(fn: string, name: string, v: unknown, count?: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    throw new RangeError(`${fn}: ${name} must be a finite number >= 0, got ${describe(v)}${where(count)}`);
  }
  return v;
}

export function checkPositive(fn: string, name: string, v: unknown, count?: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
    throw new RangeError(`${fn}: ${name} must be a finite number > 0, got ${describe(v)}${where(count)}`);
  }
  return v;
}

export function checkUnit(fn: string, name: string, v: unknown, count?: number, closed = false): number {
  if (typeof v !== 'number' || !(v >= 0 && (closed ? v <= 1 : v < 1))) {
    throw new RangeError(
      `${fn}: ${name} must be in [0, 1${closed ? ']' : ')'}, got ${describe(v)}${where(count)}`,
    );
  }
  return v;
}

export function checkBool(fn: string, name: string, v: unknown): boolean {
  if (typeof v !== 'boolean') throw new TypeError(`${fn}: ${name} must be a boolean, got ${describe(v)}`);
  return v;
}

/** Checks a hyperparameter given as `number | Schedule` with `check` when it is a number. */
export function checkHyper(
  fn: string,
  name: string,
  v: unknown,
  check: (fn: string, name: string, v: unknown) => number,
): Hyperparameter {
  if (typeof v === 'function') return v as Hyperparameter;
  if (typeof v !== 'number') {
    throw new TypeError(`${fn}: ${name} must be a number or a schedule (step) => number, got ${describe(v)}`);
  }
  return check(fn, name, v);
}

/** Resolves and checks a hyperparameter at update `count`. */
export function hyperAt(
  fn: string,
  name: string,
  h: Hyperparameter,
  count: number,
  check: (fn: string, name: string, v: unknown, count?: number) => number,
): number {
  return typeof h === 'function' ? check(fn, name, h(count), count) : check(fn, name, h);
}

/** Checks a `[beta1, beta2]` pair of hyperparameters. */
export function checkBetas(fn: string, v: unknown): readonly [Hyperparameter, Hyperparameter] {
  if (!Array.isArray(v) || v.length !== 2) {
    throw new TypeError(`${fn}: betas must be a pair [beta1, beta2], got ${describe(v)}`);
  }
  return [checkHyper(fn, 'betas[0]', v[0], checkUnit), checkHyper(fn, 'betas[1]', v[1], checkUnit)];
}
