import type { Tensor } from '../tensor';
import { type ActBackward, type ActForward, actRuntime } from '../wasm/activations';
import { expf, sigmoidf } from './expF32x4';
import { fusedBackwardF32, mapF32 } from './mapF32';

/**
 * @internal The float32 activations of the four-lane WebAssembly kernels (scripts/wasm-activations.mjs), emulated
 * step by step with `Math.fround` (bit-identical to them: float32 `+ − × ÷` are correctly rounded either way, and
 * the exponential is {@link expf}). Each function is one lane; the maximum errors against the exact (float64)
 * values are tested in test/activations.wasm.test.ts and documented on the ops.
 */
const f = Math.fround;

/** @internal Constants of the kernels, as float32 values (scripts/wasm-activations.mjs writes the same ones). */
export const ACTF = {
  /** Cephes tanhf: $\tanh x \approx x + x z P(z)$, $z = x^2$, for $|x| < 0.625$. */
  t0: f(-5.70498872745e-3),
  t1: f(2.06390887954e-2),
  t2: f(-5.37397155531e-2),
  t3: f(1.33314422036e-1),
  t4: f(-3.33332819422e-1),
  /** GELU's tanh form: $z = 2\sqrt{2/\pi}\,(x + 0.044715 x^3)$ and $z' = 2\sqrt{2/\pi} + 6 \cdot 0.044715 \sqrt{2/\pi}\,x^2$. */
  kappa: f(0.044715),
  c2: f(1.5957691216057308),
  c6: f(0.21406444881780073),
} as const;

/**
 * @internal Constants of the float32 $\Phi$ (GELU's exact form), fitted for this kernel by scripts/fit_phi.py
 * (Chebyshev interpolants in float64 for relative error, rounded to float32 from the top coefficient down, each
 * rounding absorbed by refitting the lower ones; fixtures/phiCoefficients.json, which scripts/wasm-activations.mjs
 * reads and a test compares with these): with $u = x/\sqrt2$,
 * $|u| < 0.84375$: $\operatorname{erf} u = u + u P(u^2)$; else $\operatorname{erfc}|u| = e^{-u^2} h(1/|u|) / |u|$ with
 * $h$ a degree-7 polynomial in $1/|u| - m$, one for $|u| < 2$ and one above.
 */
export const PHIF = {
  rsqrt2: f(Math.SQRT1_2),
  small: [
    -0.0006353060598485172, 0.005054745357483625, -0.026802482083439827, 0.11282642185688019,
    -0.3761255741119385, 0.12837915122509003,
  ].map(f),
  m1: f(0.8425925970077515),
  h1: [
    0.0033719304483383894, -0.015107151120901108, 0.02822127938270569, -0.03535543754696846,
    0.0245476346462965, 0.0282256081700325, -0.16460880637168884, 0.4527183473110199,
  ].map(f),
  m2: f(0.29950493574142456),
  h2: [
    -0.1946234554052353, 0.32226961851119995, -0.16124817728996277, -0.08060991764068604, 0.2082478255033493,
    -0.13589750230312347, -0.13446663320064545, 0.5416998267173767,
  ].map(f),
  invSqrt2Pi: f(0.3989422804014327),
};

/** Horner's rule in float32: c[0] w^(n-1) + ... + c[n-1], each step rounded. */
function horner(c: readonly number[], w: number): number {
  let p = c[0]!;
  for (let k = 1; k < c.length; k++) p = f(f(p * w) + c[k]!);
  return p;
}

/** @internal float32 standard normal CDF $\Phi(x) = \tfrac12 \operatorname{erfc}(-x/\sqrt2)$ (see {@link PHIF}). */
export function phif(x: number): number {
  const u = f(x * PHIF.rsqrt2);
  const a = Math.abs(u);
  if (a < 0.84375) {
    const e = f(u + f(u * horner(PHIF.small, f(u * u))));
    return f(0.5 + f(0.5 * e));
  }
  const lo = a < 2;
  const s = f(1 / a);
  const h = horner(lo ? PHIF.h1 : PHIF.h2, f(s - (lo ? PHIF.m1 : PHIF.m2)));
  const half = f(0.5 * f(f(expf(-f(a * a)) * h) * s));
  return u < 0 ? half : f(1 - half);
}

/** @internal float32 GELU, exact form: $x \Phi(x)$. */
export function geluf(x: number): number {
  return f(x * phif(x));
}

/** @internal float32 GELU (exact form) backward: $g\,(\Phi(x) + x \varphi(x))$, $\varphi(x) = e^{-x^2/2}/\sqrt{2\pi}$. */
export function geluBackwardf(g: number, x: number): number {
  const pdf = f(expf(f(-0.5 * f(x * x))) * PHIF.invSqrt2Pi);
  return f(g * f(phif(x) + f(x * pdf)));
}

/**
 * @internal float32 tanh: for $|x| < 0.625$ Cephes' odd polynomial $x + x z P(z)$ ($z = x^2$; ±0 as is), else
 * $\operatorname{sign}(x)\,(1 - 2 / (e^{2|x|} + 1))$ with {@link expf}.
 */
export function tanhf(x: number): number {
  const a = Math.abs(x);
  if (a < 0.625) {
    if (x === 0) return x; // keeps -0 (the polynomial's last sum would give +0)
    const { t0, t1, t2, t3, t4 } = ACTF;
    const z = f(x * x);
    let p = f(f(t0 * z) + t1);
    p = f(f(p * z) + t2);
    p = f(f(p * z) + t3);
    p = f(f(p * z) + t4);
    return f(f(f(p * z) * x) + x);
  }
  const t = f(1 - f(2 / f(expf(f(a + a)) + 1)));
  return x < 0 ? -t : t;
}

/** @internal The two logistic values of $z$ from one exponential: $[\sigma(z), \sigma(-z)]$ as float32. */
function sigmoidPair(z: number): [number, number] {
  const e = expf(-Math.abs(z));
  const q = f(1 + e);
  const a = f(1 / q);
  const b = f(e / q);
  return z >= 0 ? [a, b] : [b, a];
}

/** @internal float32 SiLU $x \sigma(x)$. */
export function siluf(x: number): number {
  return f(x * sigmoidf(x));
}

/** @internal The argument $z = 2\sqrt{2/\pi}(x + \kappa x^3)$ of GELU's tanh form, in float32 steps. */
function geluZ(x: number, x2: number): number {
  const x3 = f(x2 * x);
  return f(ACTF.c2 * f(x + f(ACTF.kappa * x3)));
}

/** @internal float32 GELU, tanh form: $x \sigma(z)$ with $z = 2\sqrt{2/\pi}(x + 0.044715 x^3)$. */
export function geluTanhf(x: number): number {
  return f(x * sigmoidf(geluZ(x, f(x * x))));
}

/** @internal float32 tanh backward from the output $y$: $g (1 - y^2)$. */
export function tanhBackwardf(g: number, y: number): number {
  return f(g * f(1 - f(y * y)));
}

/** @internal float32 SiLU backward: $g\,\sigma(x)(1 + x(1 - \sigma(x)))$. */
export function siluBackwardf(g: number, x: number): number {
  const s = sigmoidf(x);
  return f(g * f(s * f(1 + f(x * f(1 - s)))));
}

/** @internal float32 GELU (tanh form) backward: $g\,(\sigma(z) + x\,\sigma(z)\sigma(-z)\,z')$. */
export function geluTanhBackwardf(g: number, x: number): number {
  const x2 = f(x * x);
  const [s, sn] = sigmoidPair(geluZ(x, x2));
  const dz = f(f(x2 * ACTF.c6) + ACTF.c2);
  return f(g * f(s + f(f(x * f(s * sn)) * dz)));
}

const JS_FORWARD: Record<ActForward, (x: number) => number> = {
  tanh: tanhf,
  silu: siluf,
  geluTanh: geluTanhf,
  gelu: geluf,
};
const JS_BACKWARD: Record<ActBackward, (g: number, s: number) => number> = {
  tanhBwd: tanhBackwardf,
  siluBwd: siluBackwardf,
  geluTanhBwd: geluTanhBackwardf,
  geluBwd: geluBackwardf,
};

/**
 * @internal `dst[i] = name(src[i])` in float32: the WebAssembly kernel for large arrays, else the bit-identical
 * JavaScript emulation.
 */
export function activationF32(name: ActForward, src: Float32Array, dst: Float32Array): void {
  mapF32<ActForward>(actRuntime(src.length), name, JS_FORWARD[name], src, dst, 0, 0, 0);
}

/**
 * @internal The fused float32 backward `name(g, saved)` elementwise, or null when it does not apply (a graph of the
 * backward is being recorded for double backward, a tensor lives on a device, or the dtypes or shapes differ):
 * then the caller composes differentiable ops, which give the same values.
 */
export function activationBackwardF32(name: ActBackward, g: Tensor, saved: Tensor): Tensor | null {
  return fusedBackwardF32<ActBackward>(actRuntime, name, JS_BACKWARD[name], g, saved, 0, 0, 0);
}
