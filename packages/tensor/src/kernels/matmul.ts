import type { TensorArray } from '../dtype';

/**
 * @internal $C = A B$ for one `[M, K] x [K, N]` matrix pair stored row-major at offsets `aOff`, `bOff`, `cOff`.
 *
 * B is first transposed into a float64 scratch `bt` (`[N, K]`, reused across calls with the same B: pass
 * `btReady`), then each 3x3 block of C is computed as 9 dot products over contiguous rows with 9 float64
 * accumulators, so every loaded value feeds several multiply-adds. Sums are accumulated in float64 (in order
 * k = 0..K-1, or in 4 interleaved partial sums for matrix-vector shapes) and rounded once when stored. With
 * fewer than 4 rows, rows of B are accumulated directly (i-k-j order) and `bt` is left untouched.
 */
export function matmulKernel(
  a: TensorArray,
  aOff: number,
  b: TensorArray,
  bOff: number,
  c: TensorArray,
  cOff: number,
  M: number,
  K: number,
  N: number,
  bt: Float64Array,
  btReady: boolean,
): void {
  if (M < 4) {
    rowsTimesB(a, aOff, b, bOff, c, cOff, M, K, N);
    return;
  }
  if (!btReady) transposeInto(b, bOff, bt, K, N);
  if (N < 4) {
    rowDots(a, aOff, bt, c, cOff, M, K, N);
    return;
  }
  blocked(a, aOff, bt, c, cOff, M, K, N);
}

/**
 * `bt[j * K + k] = b[bOff + k * N + j]` (B transposed into float64), eight rows of B at a time so that each
 * write run fills a whole cache line of `bt` (about twice as fast as one element per row).
 */
function transposeInto(b: TensorArray, bOff: number, bt: Float64Array, K: number, N: number): void {
  let k0 = 0;
  for (; k0 + 7 < K; k0 += 8) {
    for (let j = 0; j < N; j++) {
      const o = j * K + k0;
      const s = bOff + k0 * N + j;
      bt[o] = b[s]!;
      bt[o + 1] = b[s + N]!;
      bt[o + 2] = b[s + 2 * N]!;
      bt[o + 3] = b[s + 3 * N]!;
      bt[o + 4] = b[s + 4 * N]!;
      bt[o + 5] = b[s + 5 * N]!;
      bt[o + 6] = b[s + 6 * N]!;
      bt[o + 7] = b[s + 7 * N]!;
    }
  }
  for (let k = k0; k < K; k++) {
    const src = bOff + k * N;
    for (let j = 0; j < N; j++) bt[j * K + k] = b[src + j]!;
  }
}

function blocked(
  a: TensorArray,
  aOff: number,
  bt: Float64Array,
  c: TensorArray,
  cOff: number,
  M: number,
  K: number,
  N: number,
): void {
  // 3x3 blocks of C: 9 accumulators + 3 values of B + 1 of A fit the 16 SSE registers V8 allocates from (2x4
  // needs 14, 3x4 or 4x4 spill); 9 multiply-adds per 6 loads, measured ~10% faster than 2x4.
  const ar0 = new Float64Array(K);
  const ar1 = new Float64Array(K);
  const ar2 = new Float64Array(K);
  let i = 0;
  for (; i + 2 < M; i += 3) {
    const a0 = aOff + i * K;
    const a1 = a0 + K;
    const a2 = a1 + K;
    for (let k = 0; k < K; k++) {
      ar0[k] = a[a0 + k]!;
      ar1[k] = a[a1 + k]!;
      ar2[k] = a[a2 + k]!;
    }
    const c0 = cOff + i * N;
    const c1 = c0 + N;
    const c2 = c1 + N;
    let j = 0;
    for (; j + 2 < N; j += 3) {
      const p0 = j * K;
      const p1 = p0 + K;
      const p2 = p1 + K;
      let s00 = 0;
      let s01 = 0;
      let s02 = 0;
      let s10 = 0;
      let s11 = 0;
      let s12 = 0;
      let s20 = 0;
      let s21 = 0;
      let s22 = 0;
      for (let k = 0; k < K; k++) {
        const b0 = bt[p0 + k]!;
        const b1 = bt[p1 + k]!;
        const b2 = bt[p2 + k]!;
        let x = ar0[k]!;
        s00 += x * b0;
        s01 += x * b1;
        s02 += x * b2;
        x = ar1[k]!;
        s10 += x * b0;
        s11 += x * b1;
        s12 += x * b2;
        x = ar2[k]!;
        s20 += x * b0;
        s21 += x * b1;
        s22 += x * b2;
      }
      c[c0 + j] = s00;
      c[c0 + j + 1] = s01;
      c[c0 + j + 2] = s02;
      c[c1 + j] = s10;
      c[c1 + j + 1] = s11;
      c[c1 + j + 2] = s12;
      c[c2 + j] = s20;
      c[c2 + j + 1] = s21;
      c[c2 + j + 2] = s22;
    }
    for (; j < N; j++) {
      const p = j * K;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      for (let k = 0; k < K; k++) {
        const b0 = bt[p + k]!;
        s0 += ar0[k]! * b0;
        s1 += ar1[k]! * b0;
        s2 += ar2[k]! * b0;
      }
      c[c0 + j] = s0;
      c[c1 + j] = s1;
      c[c2 + j] = s2;
    }
  }
  for (; i < M; i++) {
    const a0 = aOff + i * K;
    for (let k = 0; k < K; k++) ar0[k] = a[a0 + k]!;
    const c0 = cOff + i * N;
    for (let j = 0; j < N; j++) {
      const p = j * K;
      let s = 0;
      for (let k = 0; k < K; k++) s += ar0[k]! * bt[p + k]!;
      c[c0 + j] = s;
    }
  }
}

/** @internal i-k-j product for few rows: C rows accumulate scaled rows of B in float64. */
function rowsTimesB(
  a: TensorArray,
  aOff: number,
  b: TensorArray,
  bOff: number,
  c: TensorArray,
  cOff: number,
  M: number,
  K: number,
  N: number,
): void {
  // Few rows: accumulate rows of B scaled by A's entries (i-k-j order); no transpose of B is worth it.
  const acc = new Float64Array(N);
  for (let i = 0; i < M; i++) {
    acc.fill(0);
    const a0 = aOff + i * K;
    let k = 0;
    for (; k + 1 < K; k += 2) {
      const x0 = a[a0 + k]!;
      const x1 = a[a0 + k + 1]!;
      const b0 = bOff + k * N;
      const b1 = b0 + N;
      for (let j = 0; j < N; j++) acc[j] += x0 * b[b0 + j]! + x1 * b[b1 + j]!;
    }
    for (; k < K; k++) {
      const x0 = a[a0 + k]!;
      const b0 = bOff + k * N;
      for (let j = 0; j < N; j++) acc[j] += x0 * b[b0 + j]!;
    }
    const c0 = cOff + i * N;
    for (let j = 0; j < N; j++) c[c0 + j] = acc[j]!;
  }
}

/** @internal Few columns (matrix-vector): dot products of A's rows with the rows of `bt`, 4 partial sums. */
function rowDots(
  a: TensorArray,
  aOff: number,
  bt: Float64Array,
  c: TensorArray,
  cOff: number,
  M: number,
  K: number,
  N: number,
): void {
  // Few columns (matrix-vector): dot products of A's rows with B's columns, 4 partial sums each.
  for (let i = 0; i < M; i++) {
    const a0 = aOff + i * K;
    for (let j = 0; j < N; j++) {
      const p = j * K;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let k = 0;
      for (; k + 3 < K; k += 4) {
        s0 += a[a0 + k]! * bt[p + k]!;
        s1 += a[a0 + k + 1]! * bt[p + k + 1]!;
        s2 += a[a0 + k + 2]! * bt[p + k + 2]!;
        s3 += a[a0 + k + 3]! * bt[p + k + 3]!;
      }
      for (; k < K; k++) s0 += a[a0 + k]! * bt[p + k]!;
      c[cOff + i * N + j] = s0 + s1 + (s2 + s3);
    }
  }
}
