import { wasmTrig } from '../wasm/trig';

/**
 * @internal The float32 sine and cosine of the four-lane WebAssembly module (scripts/wasm-trig.mjs: Cephes' sinf and
 * cosf), emulated step by step with `Math.fround` (bit-identical to it). Each function is one lane; the maximum
 * errors against the exact (float64) values are tested in test/trig.wasm.test.ts and documented on the ops.
 */
const f = Math.fround;
const buf = new Float32Array(1);
const bits = new Int32Array(buf.buffer);

/** @internal Cephes sinf / cosf's constants, as float32 values (scripts/wasm-trig.mjs writes the same ones). */
export const TRIGF = {
  /** Above this $|x|$ (and for ±∞) the lanes use `Math.sin` / `Math.cos` rounded to float32. */
  limit: 8192,
  fopi: f(1.27323954473516),
  dp1: 0.78515625,
  dp2: f(2.4187564849853516e-4),
  dp3: f(3.774894977445941e-8),
  sin: [-1.9515295891e-4, 8.3321608736e-3, -1.6666654611e-1].map(f),
  cos: [2.443315711809948e-5, -1.388731625493765e-3, 4.166664568298827e-2].map(f),
} as const;

const bigSin = (v: number): number => f(Math.sin(v));
const bigCos = (v: number): number => f(Math.cos(v));

/** One lane: `offset` 0 for the sine, 1 for the cosine (a quarter turn on). */
function lane(x: number, offset: number): number {
  const a = Math.abs(x);
  const { fopi, dp1, dp2, dp3 } = TRIGF;
  const j = ((Math.trunc(f(a * fopi)) | 0) + 1) & -2;
  const y = j;
  const r = f(f(f(a - f(y * dp1)) - f(y * dp2)) - f(y * dp3));
  const z = f(r * r);
  const s = TRIGF.sin;
  const c = TRIGF.cos;
  const q = (j >> 1) + offset;
  let v: number;
  if (q & 1) {
    const p = f(f(f(f(c[0]! * z) + c[1]!) * z) + c[2]!);
    v = f(f(f(f(p * z) * z) - f(0.5 * z)) + 1);
  } else {
    const p = f(f(f(f(s[0]! * z) + s[1]!) * z) + s[2]!);
    v = f(f(f(p * z) * r) + r);
  }
  // the kernel flips the sign bit (so -0 appears where the sine of a negative x is 0)
  buf[0] = v;
  if (q & 2) bits[0] = bits[0]! ^ 0x80000000;
  if (offset === 0 && (x < 0 || Object.is(x, -0))) bits[0] = bits[0]! ^ 0x80000000;
  return buf[0]!;
}

/** @internal float32 sine (Cephes sinf; `Math.sin` rounded for $|x| > 8192$). */
export function sinf(x: number): number {
  return Math.abs(x) > TRIGF.limit ? bigSin(x) : lane(x, 0);
}

/** @internal float32 cosine (Cephes cosf; `Math.cos` rounded for $|x| > 8192$). */
export function cosf(x: number): number {
  return Math.abs(x) > TRIGF.limit ? bigCos(x) : lane(x, 1);
}

/**
 * @internal `dst[i] = sin(src[i])` (or cos) in float32: the WebAssembly kernel for arrays of 64 elements or more,
 * else the bit-identical JavaScript emulation.
 */
export function trigF32(name: 'sin' | 'cos', src: Float32Array, dst: Float32Array): void {
  const sine = name === 'sin';
  if (wasmTrig(name, src, dst, TRIGF.limit, sine ? bigSin : bigCos)) return;
  const op = sine ? sinf : cosf;
  for (let i = 0; i < src.length; i++) dst[i] = op(src[i]!);
}
