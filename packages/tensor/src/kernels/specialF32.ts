import type { Tensor } from '../tensor';
import { type SpecialKernel, specialRuntime } from '../wasm/special';
import { PHIF } from './activationF32';
import { expf } from './expF32x4';
import { fusedBackwardF32, mapF32 } from './mapF32';

/**
 * @internal The float32 special-function kernels of the four-lane WebAssembly module (scripts/wasm-special.mjs),
 * emulated step by step with `Math.fround` (bit-identical to them). Each function is one lane; the maximum errors
 * against the exact (float64) values are tested in test/special.wasm.test.ts and documented on the ops.
 */
const f = Math.fround;
const buf = new Float32Array(1);
const bits = new Uint32Array(buf.buffer);

/** @internal Constants of the kernels (scripts/wasm-special.mjs writes the same ones). */
export const SPECIALF = {
  /** erfc's split of |x|: these bits kept (12 significant bits, so the square of the kept part is exact). */
  splitMask: 0xfffff000,
  /** erfc(x) is 0 in float32 from here (and 2 for x at or below its negative). */
  erfcZero: f(10.1),
  /** $e^{-x^2}$ is 0 above this $|x|$ (and $h - |x|$ would be NaN at Infinity). */
  expSquareZero: 11,
  /** mish(x) = x and its gradient is 1 above this. */
  mishLinear: 20,
  /** $2/\sqrt\pi$ in float32, the factor of erf's gradient. */
  twoOverSqrtPi: f(1.1283791670955126),
} as const;

/** Horner's rule in float32: c[0] w^(n-1) + ... + c[n-1], each step rounded. */
function horner(c: readonly number[], w: number): number {
  let p = c[0]!;
  for (let k = 1; k < c.length; k++) p = f(f(p * w) + c[k]!);
  return p;
}

/** erf for |x| < 0.84375: x + x P(x^2) (GELU's Phi polynomial, in u = x). */
function erfSmall(x: number): number {
  return f(x + f(x * horner(PHIF.small, f(x * x))));
}

/** h(s) s's h: the tail polynomial of Phi for a = |x| >= 0.84375, in w = 1/a - m. */
function tail(a: number, s: number): number {
  const lo = a < 2;
  return horner(lo ? PHIF.h1 : PHIF.h2, f(s - (lo ? PHIF.m1 : PHIF.m2)));
}

/**
 * $e^{-x^2}$ for $a = |x|$ as $e^{-h^2} e^{(h - a)(h + a)}$, $h$ = $a$ cut to 12 significant bits ($h^2$ exact); 0
 * above 11.
 */
function expMinusSquare(a: number): number {
  buf[0] = a;
  bits[0] = bits[0]! & SPECIALF.splitMask;
  const h = buf[0]!;
  const e1 = a > SPECIALF.expSquareZero ? 0 : expf(f(f(h - a) * f(h + a)));
  return f(expf(-f(h * h)) * e1);
}

/** @internal float32 erf: $|x| < 0.84375$: $x + x P(x^2)$; else $\pm(1 - e^{-x^2} h(1/|x|)/|x|)$. */
export function erff(x: number): number {
  const a = Math.abs(x);
  if (a < 0.84375) return erfSmall(x);
  const s = f(1 / a);
  const ec = f(f(expf(-f(a * a)) * tail(a, s)) * s);
  const r = f(1 - ec);
  return x < 0 ? -r : r;
}

/**
 * @internal float32 erfc: $|x| < 0.84375$: $1 - \operatorname{erf} x$; else $c = e^{-h^2} e^{(h - a)(h + a)}
 * h(s) s$ with $a = |x|$, $h$ = $a$ cut to 12 significant bits ($h^2$ exact), $0$ from $a \ge 10.1$; $2 - c$ for
 * $x < 0$.
 */
export function erfcf(x: number): number {
  const a = Math.abs(x);
  if (a < 0.84375) return f(1 - erfSmall(x));
  const s = f(1 / a);
  let c = f(f(expMinusSquare(a) * tail(a, s)) * s);
  if (a >= SPECIALF.erfcZero) c = 0;
  return x < 0 ? f(2 - c) : c;
}

/**
 * @internal erf's (p = 2/√π) or erfc's (p = −2/√π) gradient: $g\,(e^{-\mathrm{fl}(x^2)} p)$, with $x^2$ rounded as in
 * PyTorch's float32 kernel (whose values the oracles hold): a relative error up to about $x^2 2^{-24}$ on top of 3 ulp.
 */
export function erfBackwardf(g: number, x: number, p: number): number {
  return f(g * f(expf(-f(x * x)) * p));
}

/** @internal float32 mish: $n = e(e + 2)$, $e = e^x$; $x\,n/(n + 2)$ (= $x \tanh(\ln(1 + e^x))$); $x$ above 20. */
export function mishf(x: number): number {
  const e = expf(x);
  const n = f(e * f(e + 2));
  const t = f(n / f(n + 2));
  return x > SPECIALF.mishLinear ? x : f(x * t);
}

/**
 * @internal float32 mish backward: $q = n + 2$, $t = n/q$, $\mathrm{sech}^2 = 4(n + 1)/q^2$, $\sigma = e/(1 + e)$;
 * $g\,(t + x\,\sigma\,\mathrm{sech}^2)$; $g$ above 20.
 */
export function mishBackwardf(g: number, x: number): number {
  const e = expf(x);
  const n = f(e * f(e + 2));
  const q = f(n + 2);
  const t = f(n / q);
  const z = f(f(f(f(n + 1) * 4) / q) / q);
  const w = f(e / f(1 + e));
  const d = f(t + f(x * f(w * z)));
  return x > SPECIALF.mishLinear ? g : f(g * d);
}

const LANES: Record<'erf' | 'erfc' | 'mish', (x: number) => number> = { erf: erff, erfc: erfcf, mish: mishf };

/**
 * @internal `dst[i] = name(src[i])` in float32: the WebAssembly kernel for arrays of 64 elements or more, else the
 * bit-identical JavaScript emulation.
 */
export function specialF32(name: 'erf' | 'erfc' | 'mish', src: Float32Array, dst: Float32Array): void {
  mapF32<SpecialKernel>(specialRuntime(src.length), name, LANES[name], src, dst, 0, 0, 0);
}

/** @internal The fused float32 gradient of erf (`sign` 1) or erfc (`sign` −1): $g \cdot \mathrm{sign}\,\tfrac{2}{\sqrt\pi} e^{-x^2}$. */
export function erfBackwardF32(g: Tensor, x: Tensor, sign: 1 | -1): Tensor | null {
  return fusedBackwardF32<SpecialKernel>(
    specialRuntime,
    'erfBwd',
    erfBackwardf,
    g,
    x,
    sign * SPECIALF.twoOverSqrtPi,
    0,
    0,
  );
}

/** @internal The fused float32 gradient of mish (see {@link mishBackwardf}). */
export function mishBackwardF32(g: Tensor, x: Tensor): Tensor | null {
  return fusedBackwardF32<SpecialKernel>(specialRuntime, 'mishBwd', mishBackwardf, g, x, 0, 0, 0);
}
