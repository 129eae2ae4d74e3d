import type { TensorArray } from '../dtype';

/**
 * @internal $C = A B$ for one `[M, K] x [K, N]` matrix pair stored row-major at offsets `aOff`, `bOff`, `cOff`.
 *
 * B is first transposed into a float64 scratch `bt` (`[N, K]`, reused across calls with the same B: pass
 * `btReady`), then each 2x4 block of C is computed as 8 dot products over contiguous rows with 8 float64
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
  if (!btReady) {
    for (let k = 0; k < K; k++) {
      const src = bOff + k * N;
      for (let j = 0; j < N; j++) bt[j * K + k] = b[src + j]!;
    }
  }
  if (N < 4) {
    rowDots(a, aOff, bt, c, cOff, M, K, N);
    return;
  }
  blocked(a, aOff, bt, c, cOff, M, K, N);
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
  const ar0 = new Float64Array(K);
  const ar1 = new Float64Array(K);
  let i = 0;
  for (; i + 1 < M; i += 2) {
    const a0 = aOff + i * K;
    const a1 = a0 + K;
    for (let k = 0; k < K; k++) {
      ar0[k] = a[a0 + k]!;
      ar1[k] = a[a1 + k]!;
    }
    const c0 = cOff + i * N;
    const c1 = c0 + N;
    let j = 0;
    for (; j + 3 < N; j += 4) {
      const p0 = j * K;
      const p1 = p0 + K;
      const p2 = p1 + K;
      const p3 = p2 + K;
      let s00 = 0;
      let s01 = 0;
      let s02 = 0;
      let s03 = 0;
      let s10 = 0;
      let s11 = 0;
      let s12 = 0;
      let s13 = 0;
      for (let k = 0; k < K; k++) {
        const x0 = ar0[k]!;
        const x1 = ar1[k]!;
        const b0 = bt[p0 + k]!;
        const b1 = bt[p1 + k]!;
        const b2 = bt[p2 + k]!;
        const b3 = bt[p3 + k]!;
        s00 += x0 * b0;
        s01 += x0 * b1;
        s02 += x0 * b2;
        s03 += x0 * b3;
        s10 += x1 * b0;
        s11 += x1 * b1;
        s12 += x1 * b2;
        s13 += x1 * b3;
      }
      c[c0 + j] = s00;
      c[c0 + j + 1] = s01;
      c[c0 + j + 2] = s02;
      c[c0 + j + 3] = s03;
      c[c1 + j] = s10;
      c[c1 + j + 1] = s11;
      c[c1 + j + 2] = s12;
      c[c1 + j + 3] = s13;
    }
    for (; j < N; j++) {
      const p = j * K;
      let s0 = 0;
      let s1 = 0;
      for (let k = 0; k < K; k++) {
        s0 += ar0[k]! * bt[p + k]!;
        s1 += ar1[k]! * bt[p + k]!;
      }
      c[c0 + j] = s0;
      c[c1 + j] = s1;
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
