/**
 * @internal The float32 exponential of the four-lane WebAssembly kernels, emulated step by step with
 * `Math.fround` (bit-identical to them): Cody–Waite reduction $x = k \ln 2 + r$, $|r| \le \ln 2 / 2$,
 * $e^r \approx 1 + r\,p(r)$ with $p$ the degree-4 minimax fit of scripts/fit_expf.py
 * (fixtures/expfCoefficients.json), and the scale $2^k$ applied as two exact powers of two (so subnormal results are
 * rounded once). Maximum error 2 ulp over the float32 range (tested against `Math.exp`). Arguments are clamped to
 * [-104, 89] (below, the result rounds to 0; above, it overflows to Infinity); NaN stays NaN.
 */
const f = Math.fround;
/**
 * @internal Constants of the kernel, as float32 values (scripts/build-wasm.mjs reads the same polynomials from
 * fixtures/expfCoefficients.json; a test compares them). `magic` is $1.5 \cdot 2^{23} + 127$: adding it rounds
 * $x \log_2 e$ to an integer $k$ and leaves $k + 127$, the biased exponent of $2^k$, in the low bits of the sum
 * (the kernel shifts those bits into place instead of converting $k$). `q` is the polynomial of the elu family's
 * $e^r - 1 = r(1 + r\,q(r))$ (src/kernels/unaryF32.ts expm1Negf).
 */
export const EXPF = {
  low: -104,
  high: 89,
  log2e: f(Math.LOG2E),
  magic: 12583039, // 1.5 * 2^23 + 127
  c1: 0.693359375, // ln 2 high part (9 bits: k * c1 is exact)
  c2: f(-2.1219444e-4), // ln 2 - c1
  p: /* @__PURE__ */ [0.008265917, 0.041899238, 0.16668111, 0.4999914, 0.9999995].map(f),
  q: /* @__PURE__ */ [0.001378436, 0.008366536, 0.041668788, 0.16666543, 0.49999994].map(f),
};

/** @internal One float32 exponential, as a lane of the WebAssembly kernel computes it. */
export function expf(x: number): number {
  const { low, high, log2e, magic, c1, c2, p: c } = EXPF;
  const v = Math.min(Math.max(x, low), high);
  const k = f(f(f(v * log2e) + magic) - magic);
  const r = f(f(v - f(k * c1)) - f(k * c2));
  let p = f(f(c[0]! * r) + c[1]!);
  p = f(f(p * r) + c[2]!);
  p = f(f(p * r) + c[3]!);
  p = f(f(p * r) + c[4]!);
  p = f(f(r * p) + 1);
  const ki = k | 0;
  const k1 = ki >> 1;
  return f(f(p * 2 ** k1) * 2 ** (ki - k1));
}

/**
 * @internal Softmax numerators of one row: `dst[dOff + i] = expf(fl(src[off + i] - shift))` for i < n, returning
 * their float64 sum in the kernel's order: element i to partial sum i mod 4 over the whole groups of four, then
 * ((s0 + s2) + (s1 + s3)), then the last n mod 4 in order.
 */
export function expSumF32(
  src: Float32Array,
  off: number,
  n: number,
  dst: Float32Array,
  dOff: number,
  shift: number,
): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const n4 = n & ~3;
  let i = 0;
  for (; i < n4; i += 4) {
    const e0 = expf(f(src[off + i]! - shift));
    const e1 = expf(f(src[off + i + 1]! - shift));
    const e2 = expf(f(src[off + i + 2]! - shift));
    const e3 = expf(f(src[off + i + 3]! - shift));
    dst[dOff + i] = e0;
    dst[dOff + i + 1] = e1;
    dst[dOff + i + 2] = e2;
    dst[dOff + i + 3] = e3;
    s0 += e0;
    s1 += e1;
    s2 += e2;
    s3 += e3;
  }
  let s = s0 + s2 + (s1 + s3);
  for (; i < n; i++) {
    const e = expf(f(src[off + i]! - shift));
    dst[dOff + i] = e;
    s += e;
  }
  return s;
}

/**
 * @internal The float32 sigmoid of the four-lane WebAssembly kernel, emulated (bit-identical):
 * $e = \mathrm{expf}(-|x|)$, then $1 / (1 + e)$ for $x \ge 0$ and $e / (1 + e)$ below (no overflow, small results
 * keep their relative accuracy), each step rounded to float32. At most 4 ulp from the correctly rounded sigmoid.
 */
export function sigmoidf(x: number): number {
  const e = expf(-Math.abs(x));
  return f((x >= 0 ? 1 : e) / f(1 + e));
}

/**
 * @internal The row maximum of the float32 softmax kernels: the largest of `n` values from `off` by "greater than"
 * (NaN skipped; -Infinity for an all-NaN row). The four-lane kernel takes lane maxima (`pmax`) and may return the
 * other zero of ±0; either gives the same results downstream ($x - m$ and $e^{x-m}$ do not depend on it).
 */
export function rowMaxF32(src: Float32Array, off: number, n: number): number {
  let m = Number.NEGATIVE_INFINITY;
  for (let i = off; i < off + n; i++) if (src[i]! > m) m = src[i]!;
  return m;
}

/**
 * @internal Softmax numerators of one row and their float32 sum in the kernel's order:
 * `dst[dOff + i] = expf(fl(src[off + i] - m))` (when `dst` is given), element i of the first n - n mod 8 to
 * float32 partial sum i mod 8, then $a_j = s_j + s_{j+4}$, $(a_0 + a_2) + (a_1 + a_3)$, then the last n mod 8
 * added in order — each step rounded to float32. `m` must be a finite float32 value.
 */
export function expSumRowF32(
  src: Float32Array,
  off: number,
  n: number,
  m: number,
  dst: Float32Array | null,
  dOff: number,
): number {
  const s = [0, 0, 0, 0, 0, 0, 0, 0];
  const n8 = n & ~7;
  let i = 0;
  for (; i < n8; i += 8) {
    for (let j = 0; j < 8; j++) {
      const e = expf(f(src[off + i + j]! - m));
      if (dst !== null) dst[dOff + i + j] = e;
      s[j] = f(s[j]! + e);
    }
  }
  const a0 = f(s[0]! + s[4]!);
  const a1 = f(s[1]! + s[5]!);
  const a2 = f(s[2]! + s[6]!);
  const a3 = f(s[3]! + s[7]!);
  let t = f(f(a0 + a2) + f(a1 + a3));
  for (; i < n; i++) {
    const e = expf(f(src[off + i]! - m));
    if (dst !== null) dst[dOff + i] = e;
    t = f(t + e);
  }
  return t;
}

/**
 * @internal Float32 softmax of one row with a finite maximum `m`, as the fused kernel computes it:
 * $e_i = \mathrm{expf}(x_i - m)$, $s$ = their float32 sum ({@link expSumRowF32}), then $e_i \cdot \mathrm{fl}(1/s)$.
 */
export function softmaxRowF32(src: Float32Array, off: number, n: number, m: number, dst: Float32Array): void {
  const q = f(1 / expSumRowF32(src, off, n, m, dst, off));
  for (let i = off; i < off + n; i++) dst[i] = f(dst[i]! * q);
}

/** @internal The float32 $\log s$ of log-softmax (the same JavaScript call on both backends). */
export function logSumF32(s: number): number {
  return f(Math.log(s));
}

/** @internal Float32 log-softmax of one row with a finite maximum `m`: $(x_i - m) - \mathrm{fl}(\log s)$. */
export function logSoftmaxRowF32(
  src: Float32Array,
  off: number,
  n: number,
  m: number,
  dst: Float32Array,
): void {
  const ls = logSumF32(expSumRowF32(src, off, n, m, null, 0));
  for (let i = off; i < off + n; i++) dst[i] = f(f(src[i]! - m) - ls);
}

/**
 * @internal The float32 sum of the kernels' eight-lane order over `n` terms `term(i)` (already float32 values):
 * term i of the first n - n mod 8 to partial sum i mod 8, then $a_j = s_j + s_{j+4}$, $(a_0 + a_2) + (a_1 + a_3)$,
 * then the last n mod 8 in order, each step rounded to float32.
 */
function sum8F32(n: number, term: (i: number) => number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  let s5 = 0;
  let s6 = 0;
  let s7 = 0;
  const n8 = n & ~7;
  let i = 0;
  for (; i < n8; i += 8) {
    s0 = f(s0 + term(i));
    s1 = f(s1 + term(i + 1));
    s2 = f(s2 + term(i + 2));
    s3 = f(s3 + term(i + 3));
    s4 = f(s4 + term(i + 4));
    s5 = f(s5 + term(i + 5));
    s6 = f(s6 + term(i + 6));
    s7 = f(s7 + term(i + 7));
  }
  let t = f(f(f(s0 + s4) + f(s2 + s6)) + f(f(s1 + s5) + f(s3 + s7)));
  for (; i < n; i++) t = f(t + term(i));
  return t;
}

/**
 * @internal Float32 softmax backward of one row (the fused kernel's arithmetic): $d = \sum_i g_i y_i$ (products
 * rounded, eight-lane order), then $y_i (g_i - d)$.
 */
export function softmaxBackwardRowF32(
  g: Float32Array,
  y: Float32Array,
  off: number,
  n: number,
  dx: Float32Array,
): void {
  const d = sum8F32(n, (i) => f(g[off + i]! * y[off + i]!));
  for (let i = off; i < off + n; i++) dx[i] = f(y[i]! * f(g[i]! - d));
}

/**
 * @internal Float32 log-softmax backward of one row from the output $y$: $t = \sum_i g_i$ (eight-lane order),
 * then $g_i - \mathrm{expf}(y_i)\,t$.
 */
export function logSoftmaxBackwardRowF32(
  g: Float32Array,
  y: Float32Array,
  off: number,
  n: number,
  dx: Float32Array,
): void {
  const t = sum8F32(n, (i) => g[off + i]!);
  for (let i = off; i < off + n; i++) dx[i] = f(g[i]! - f(expf(y[i]!) * t));
}
