import fc from 'fast-check';
import { afterAll, beforeAll } from 'vitest';
import { setKernelBackend, type Tensor } from '../src/index';
import { setWasmThreshold } from '../src/wasm/runtime';

/** Arbitrary pair of broadcast-compatible shapes: rank 0..3, dims 1..4, some dims set to 1 or dropped on the left. */
export const broadcastPair = fc
  .array(fc.integer({ min: 1, max: 4 }), { minLength: 0, maxLength: 3 })
  .chain((base) =>
    fc.tuple(
      fc.constant(base),
      fc.array(fc.boolean(), { minLength: base.length, maxLength: base.length }),
      fc.integer({ min: 0, max: base.length }),
    ),
  )
  .map(([base, ones, drop]) => [base, base.map((d, i) => (ones[i] ? 1 : d)).slice(drop)] as const);

/** Number of elements of a shape. */
export const size = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);

/**
 * Arbitrary pair of broadcast-compatible shapes built from the dimension sizes `dims`: rank 0..3, some dims of one
 * side set to 1 or dropped on the left, the two sides in either order; bases of more than `maxSize` elements are
 * skipped.
 */
export function broadcastPairFrom(dims: number[], maxSize = Number.POSITIVE_INFINITY) {
  return fc
    .array(fc.constantFrom(...dims), { minLength: 0, maxLength: 3 })
    .filter((s) => size(s) <= maxSize)
    .chain((base) =>
      fc.tuple(
        fc.constant(base),
        fc.array(fc.boolean(), { minLength: base.length, maxLength: base.length }),
        fc.integer({ min: 0, max: base.length }),
        fc.boolean(),
      ),
    )
    .map(([base, ones, drop, swap]) => {
      const other = base.map((d, i) => (ones[i] ? 1 : d)).slice(drop);
      return swap ? ([other, base] as const) : ([base, other] as const);
    });
}

// Shared by the float32 kernel tests (activations, exponential, long-tail unary ops): ulp distances, edge values,
// deterministic data with edge values mixed in, bit-for-bit comparison, and the WebAssembly threshold set to 0.

const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);
/** float32 bit patterns on one ordered line (negative values mirrored), so that a difference counts ulps. */
export function ulpKey(a: number): number {
  f32[0] = a;
  const i = i32[0]!;
  return i < 0 ? -(i & 0x7fffffff) : i;
}
/** Distance in float32 ulps between `a` (a float32 value) and the float32 rounding of `exact`. */
export const ulps = (a: number, exact: number): number => Math.abs(ulpKey(a) - ulpKey(Math.fround(exact)));

/** The float32 edge values every kernel test mixes in: ±0, subnormals, the smallest normal, ±max, ±Infinity, NaN. */
export const F32_EDGES: readonly number[] = [
  0,
  -0,
  1e-45,
  -1e-40,
  1.1754944e-38,
  3.4028235e38,
  -3.4028235e38,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.NaN,
];

/**
 * `n` deterministic float32 values for seed `seed` (a sine hash, magnitudes 2^-6 .. 2^6 times `scale`), with every
 * `every`-th element (from `offset`) replaced by one of `edges` when `withEdges`.
 */
export function edgeData(
  n: number,
  seed: number,
  withEdges: boolean,
  { scale = 8, edges = F32_EDGES, every = 5, offset = 2, spread = true } = {},
): Float32Array {
  const d = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const u = Math.sin(seed * 12.9898 + i * 78.233) * 43758.5453;
    const v = (u - Math.floor(u) - 0.5) * (spread ? 2 ** ((i % 13) - 6) : 1) * scale;
    d[i] = withEdges && i % every === offset ? edges[(i + seed) % edges.length]! : v;
  }
  return d;
}

/** Throws naming `what` and the first element where `a` and `b` differ (Object.is: NaN equals NaN, -0 is not 0). */
export function expectSameBits(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  if (a.length !== b.length) throw new Error(`${what}: lengths differ: ${a.length} vs ${b.length}`);
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], b[i])) throw new Error(`${what}: element ${i} differs: wasm ${a[i]} vs js ${b[i]}`);
  }
}

/**
 * Registers beforeAll/afterAll hooks that send every size to the WebAssembly kernels (threshold 0) during the
 * enclosing describe, then restore the threshold and the 'wasm' backend.
 */
export function useWasmFromZero(): void {
  let old = 0;
  beforeAll(() => {
    old = setWasmThreshold(0);
  });
  afterAll(() => {
    setWasmThreshold(old);
    setKernelBackend('wasm');
  });
}

/** The stored shape of op(X) = `[r, c]` under a transpose flag, behind the batch dimensions `batch`. */
export const storedShape = (batch: number[], r: number, c: number, t: boolean): number[] => [
  ...batch,
  t ? c : r,
  t ? r : c,
];

/** A random product case of {@link productCase}: `batchedMatmul(a, b, ta, tb)`. */
export interface ProductCase {
  a: Tensor;
  b: Tensor;
  ta: boolean;
  tb: boolean;
}

/**
 * Arbitrary float32 matrix-product case, shared by the differential tests of the product (WebAssembly against
 * JavaScript, threads against one thread): op(A) `[M, K]` and op(B) `[K, N]` with sizes in the given inclusive
 * ranges, stored as the transpose flags say, with no batch, a batch of 1 on both, or a batch of 2 on A against an
 * unbatched B; `data(shape, seed, specials)` fills each operand (with edge values when `specials` is drawn).
 */
export function productCase(
  ranges: { M: [number, number]; K: [number, number]; N: [number, number] },
  data: (shape: readonly number[], seed: number, specials: boolean) => Tensor,
): fc.Arbitrary<ProductCase> {
  const dim = ([min, max]: [number, number]) => fc.integer({ min, max });
  return fc
    .tuple(
      dim(ranges.M),
      dim(ranges.K),
      dim(ranges.N),
      fc.boolean(),
      fc.boolean(),
      fc.integer({ min: 0, max: 2 }),
      fc.boolean(),
    )
    .map(([M, K, N, ta, tb, nb, specials]) => {
      const batch = nb === 0 ? [] : [nb];
      return {
        a: data(storedShape(batch, M, K, ta), M * 31 + K, specials),
        b: data(storedShape(nb === 2 ? [] : batch, K, N, tb), N * 17 + K, specials),
        ta,
        tb,
      };
    });
}

/** `f()` with the WebAssembly kernels, then with the JavaScript kernels (the backend is 'wasm' again afterwards). */
export function both<T>(f: () => T): { wasm: T; js: T } {
  setKernelBackend('wasm');
  const wasm = f();
  setKernelBackend('js');
  const js = f();
  setKernelBackend('wasm');
  return { wasm, js };
}

/** Shape and element-by-element identity of two tensors (see {@link expectSameBits}). */
export function expectSameTensor(a: Tensor, b: Tensor, what: string): void {
  if (a.shape.join() !== b.shape.join())
    throw new Error(`${what}: shapes differ: [${a.shape}] vs [${b.shape}]`);
  expectSameBits(a.data, b.data, what);
}

/** A seeded uniform generator in [0, 1) (mulberry32). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n + 1` float32 values evenly spaced from `a` to `b`. */
export const grid = (a: number, b: number, n: number): number[] =>
  Array.from({ length: n + 1 }, (_, i) => Math.fround(a + ((b - a) * i) / n));

/** Largest ulp distance of `fn` from the float64 `exact` where the exact value is a normal float32. */
export function worstUlps(fn: (x: number) => number, exact: (x: number) => number, xs: number[]): number {
  let worst = 0;
  for (const x of xs) {
    const e = exact(x);
    if (Math.abs(e) >= 2 ** -126 && Number.isFinite(e)) worst = Math.max(worst, ulps(fn(x), e));
  }
  return worst;
}
