import type { Tensor } from '../tensor';
import {
  type PointwiseKernel,
  pointwiseRuntime,
  type UnaryBackward,
  type UnaryForward,
  unaryRuntime,
} from '../wasm/unary';
import { EXPF, expf, sigmoidf } from './expF32x4';
import { fusedBackwardF32, mapF32 } from './mapF32';

/**
 * @internal The float32 long-tail kernels of the four-lane WebAssembly module (scripts/wasm-unary.mjs), emulated step
 * by step with `Math.fround` (bit-identical to them: float32 `+ − × ÷` are correctly rounded either way, and the
 * exponential is {@link expf}). Each function is one lane; the maximum errors against the exact (float64) values are
 * tested in test/unary.wasm.test.ts and documented on the ops.
 */
const f = Math.fround;
const SUBNORMAL_SCALE = 2 ** 23;
const MIN_NORMAL = 2 ** -126;
const buf = new Float32Array(1);
const bits = new Uint32Array(buf.buffer);

/**
 * @internal Cephes logf's constants (S. L. Moshier, Cephes Math Library, logf.c; the same as the module's):
 * $\log(1 + t) = t - t^2/2 + t^3 P(t)$ on $\sqrt{1/2} - 1 \le t < \sqrt2 - 1$.
 */
export const LOGF = {
  sqrtHalf: f(Math.SQRT1_2),
  p: [
    7.0376836292e-2, -1.151461031e-1, 1.167699874e-1, -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1,
    2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1,
  ].map(f),
  q1: f(-2.1219444e-4),
  q2: 0.693359375,
} as const;

/** @internal expm1 for $|x| < $ `limit`: $x(1 + x P(x))$, $P$ the Taylor polynomial $\sum_{k=0}^{8} x^k/(k+2)!$. */
export const EXPM1F = {
  limit: f(0.693359375),
  p: [3628800, 362880, 40320, 5040, 720, 120, 24, 6, 2].map((d) => f(1 / d)),
} as const;

/** @internal float32 natural logarithm (Cephes logf, see {@link LOGF}); ±0 → −∞, x < 0 → NaN, +∞ → +∞. */
export function logf(x: number): number {
  if (Number.isNaN(x)) return x;
  if (x < 0) return Number.NaN;
  if (x === 0) return Number.NEGATIVE_INFINITY;
  if (x === Number.POSITIVE_INFINITY) return x;
  let e = -126;
  let w = x;
  if (x < MIN_NORMAL) {
    w = f(x * SUBNORMAL_SCALE);
    e -= 23;
  }
  buf[0] = w;
  const b = bits[0]!;
  e += b >>> 23;
  bits[0] = (b & 0x807fffff) | 0x3f000000;
  const m = buf[0]!;
  let t: number;
  if (m < LOGF.sqrtHalf) {
    e -= 1;
    t = f(f(m + m) - 1);
  } else t = f(m - 1);
  const z = f(t * t);
  const c = LOGF.p;
  let p = c[0]!;
  for (let k = 1; k < c.length; k++) p = f(f(p * t) + c[k]!);
  p = f(f(p * t) * z);
  p = f(p + f(e * LOGF.q1));
  p = f(p + f(z * -0.5));
  return f(f(t + p) + f(e * LOGF.q2));
}

/**
 * @internal float32 $\log(1 + x)$: $w = 1 + x$, then $\log w \cdot x/(w - 1)$ (Goldberg's correction of the rounding
 * of $w$); $x$ itself where $w = 1$ (tiny $x$, keeps −0) or $x = +∞$.
 */
export function log1pf(x: number): number {
  const w = f(1 + x);
  const l = f(logf(w) * f(x / f(w - 1)));
  return w === 1 || x === Number.POSITIVE_INFINITY ? x : l;
}

/** @internal float32 $e^x - 1$: $x(1 + x P(x))$ for $|x| <$ ln 2 (see {@link EXPM1F}, keeps −0), else $\mathrm{expf}(x) - 1$. */
export function expm1f(x: number): number {
  if (Math.abs(x) < EXPM1F.limit) {
    const c = EXPM1F.p;
    let p = c[0]!;
    for (let k = 1; k < c.length; k++) p = f(f(p * x) + c[k]!);
    return f(x * f(1 + f(x * p)));
  }
  return f(expf(x) - 1);
}

/**
 * @internal $e^x - 1$ in float32 for $x \le 0$ (the elu family's negative branch) with one reduction:
 * $v = \max(x, -87) = k \ln 2 + r$ (Cody–Waite, {@link EXPF}'s constants), $|r| \le \ln 2 / 2$;
 * $e^r - 1 = r(1 + r\,q(r))$ ($q$ = `EXPF.q`, the degree-4 minimax fit of scripts/fit_expf.py), then
 * $(2^k - 1) + 2^k (e^r - 1)$ (exactly $e^r - 1$ for $k = 0$), −0 for −0.
 */
export const EXPM1NEG = {
  low: -87,
} as const;

/** @internal {@link EXPM1NEG}'s $e^x - 1$ for $x \le 0$ (and NaN), as a lane of the WebAssembly kernel computes it. */
export function expm1Negf(x: number): number {
  const v = Math.max(x, EXPM1NEG.low);
  const k = f(f(f(v * EXPF.log2e) + EXPF.magic) - EXPF.magic);
  const r = f(f(v - f(k * EXPF.c1)) - f(k * EXPF.c2));
  const c = EXPF.q;
  let p = c[0]!;
  for (let j = 1; j < c.length; j++) p = f(f(p * r) + c[j]!);
  p = f(r * f(1 + f(r * p)));
  const s = 2 ** k;
  // the kernel sets the sign bit of v in the result, which is <= 0 for v <= 0: only -0 changes (from +0)
  return Object.is(v, -0) ? -0 : f(f(s - 1) + f(s * p));
}

/** @internal The elu family in float32: $x > 0$ ? $q x$ : $p\,(e^{s x} - 1)$ ({@link expm1Negf}; p, q, s float32). */
export function eluf(x: number, p: number, q: number, s: number): number {
  return x > 0 ? f(q * x) : f(p * expm1Negf(f(x * s)));
}

/** @internal The elu family's backward: $x > 0$ ? $g q$ : $g\,(\mathrm{expf}(s x)\,p)$, $p$ = negcoef · s in float32. */
export function eluBackwardf(g: number, x: number, p: number, q: number, s: number): number {
  const neg = f(g * f(expf(f(x * s)) * p));
  return x > 0 ? f(g * q) : neg;
}

/** @internal float32 softplus: $z = \beta x$; $z >$ threshold ? $x$ : $(\max(z, 0) + \mathrm{log1p}(e^{-|z|}))/\beta$. */
export function softplusf(x: number, beta: number, threshold: number): number {
  const z = f(x * beta);
  const e = expf(-Math.abs(z));
  const r = f(f(Math.max(z, 0) + log1pf(e)) / beta);
  return z > threshold ? x : r;
}

/** @internal float32 softplus backward: $z = \beta x$; $z >$ threshold ? $g$ : $g\,\sigma(z)$. */
export function softplusBackwardf(g: number, x: number, beta: number, threshold: number): number {
  const z = f(x * beta);
  return z > threshold ? g : f(g * sigmoidf(z));
}

/** @internal float32 $\log\sigma(x) = \min(x, 0) - \mathrm{log1p}(e^{-|x|})$. */
export function logSigmoidf(x: number): number {
  return f(Math.min(x, 0) - log1pf(expf(-Math.abs(x))));
}

/** @internal float32 logSigmoid backward: $g\,\sigma(-x)$. */
export function logSigmoidBackwardf(g: number, x: number): number {
  return f(g * sigmoidf(-x));
}

/** @internal float32 leakyRelu: $x > 0$ ? $x$ : $x p$. */
export function leakyReluf(x: number, p: number): number {
  return x > 0 ? x : f(x * p);
}

/** @internal float32 leakyRelu backward: $x > 0$ ? $g$ : $g p$. */
export function leakyReluBackwardf(g: number, x: number, p: number): number {
  return x > 0 ? g : f(g * p);
}

const JS_FORWARD: Record<UnaryForward, (x: number, p: number, q: number, s: number) => number> = {
  log: logf,
  log1p: log1pf,
  expm1: expm1f,
  elu: eluf,
  softplus: softplusf,
  logSigmoid: logSigmoidf,
  leakyRelu: leakyReluf,
};
const JS_BACKWARD: Record<UnaryBackward, (g: number, x: number, p: number, q: number, s: number) => number> =
  {
    eluBwd: eluBackwardf,
    softplusBwd: softplusBackwardf,
    logSigmoidBwd: logSigmoidBackwardf,
    leakyReluBwd: leakyReluBackwardf,
  };

/**
 * @internal `dst[i] = name(src[i]; p, q, s)` in float32 (the parameters must be float32 values): the WebAssembly
 * kernel for arrays of 64 elements or more, else the bit-identical JavaScript emulation.
 */
export function unaryF32(
  name: UnaryForward,
  src: Float32Array,
  dst: Float32Array,
  p = 0,
  q = 0,
  s = 0,
): void {
  mapF32<UnaryForward>(unaryRuntime(src.length), name, JS_FORWARD[name], src, dst, p, q, s);
}

/**
 * @internal The fused float32 backward `name(g, x; p, q, s)` elementwise, or null when it does not apply (a graph of
 * the backward is being recorded for double backward, a tensor lives on a device, or the dtypes or shapes differ):
 * then the caller composes differentiable ops.
 */
export function unaryBackwardF32(
  name: UnaryBackward,
  g: Tensor,
  x: Tensor,
  p = 0,
  q = 0,
  s = 0,
): Tensor | null {
  return fusedBackwardF32<UnaryBackward>(unaryRuntime, name, JS_BACKWARD[name], g, x, p, q, s);
}

const JS_POINTWISE: Record<PointwiseKernel, (x: number, p: number, q: number) => number> = {
  sqrt: (x) => f(Math.sqrt(x)),
  rsqrt: (x) => f(1 / f(Math.sqrt(x))),
  abs: (x) => Math.abs(x),
  square: (x) => f(x * x),
  reciprocal: (x) => f(1 / x),
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0),
  clip: (x, p, q) => Math.min(Math.max(x, p), q),
};

/**
 * @internal `dst[i] = name(src[i]; p, q)` in float32 for the pointwise kernels (one correctly rounded operation a
 * lane; rsqrt rounds twice, $\mathrm{fl}(1/\mathrm{fl}(\sqrt x))$, as PyTorch's float kernel; `clip` takes float32
 * bounds p ≤ q): the WebAssembly module from the size threshold up, else the same values in JavaScript.
 */
export function pointwiseF32(
  name: PointwiseKernel,
  src: Float32Array,
  dst: Float32Array,
  p = 0,
  q = 0,
): void {
  mapF32<PointwiseKernel>(pointwiseRuntime(src.length), name, JS_POINTWISE[name], src, dst, p, q, 0);
}
