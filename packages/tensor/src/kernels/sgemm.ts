const f = Math.fround;

/**
 * @internal Scratch of the float32 JavaScript kernel: op(B) transposed (`[N, K]`) and three packed rows of op(A),
 * grown as needed and reused across calls (one product's batch shares them).
 */
export interface SgemmScratch {
  bt: Float32Array;
  ar: Float32Array;
}

/** @internal Fresh (empty) scratch for {@link sgemmKernel}. */
export function sgemmScratch(): SgemmScratch {
  return { bt: new Float32Array(0), ar: new Float32Array(0) };
}

/**
 * @internal $C = \operatorname{op}(A) \operatorname{op}(B)$ for one float32 pair, in float32 arithmetic: each
 * element is $c \leftarrow \mathrm{fl}(c + \mathrm{fl}(a_{ik} b_{kj}))$ for k = 0..K-1 from $c = 0$ (`Math.fround`
 * at each step: exact emulation, since rounding the double result of a float32 `+` or `×` to float32 is the
 * correctly rounded float32 result). The WebAssembly kernel gives the same values bit for bit. $\operatorname{op}(A)$
 * is `[M, K]` (A stored `[M, K]`, or `[K, M]` when `transA`), $\operatorname{op}(B)$ `[K, N]` (B stored `[K, N]`,
 * or `[N, K]` when `transB`, then read in place). With `btReady`, `scratch.bt` already holds this op(B).
 */
export function sgemmKernel(
  a: Float32Array,
  aOff: number,
  transA: boolean,
  b: Float32Array,
  bOff: number,
  transB: boolean,
  c: Float32Array,
  cOff: number,
  M: number,
  K: number,
  N: number,
  scratch: SgemmScratch,
  btReady: boolean,
): void {
  // op(B) as rows of K (its columns): a transposed B already is that, in place.
  let bt: Float32Array;
  let bo = 0;
  if (transB) {
    bt = b;
    bo = bOff;
  } else {
    if (scratch.bt.length < K * N) scratch.bt = new Float32Array(K * N);
    bt = scratch.bt;
    if (!btReady) {
      for (let k = 0; k < K; k++) {
        const s = bOff + k * N;
        for (let j = 0; j < N; j++) bt[j * K + k] = b[s + j]!;
      }
    }
  }
  if (scratch.ar.length < 3 * K) scratch.ar = new Float32Array(3 * K);
  const ar = scratch.ar;
  // row i of op(A) into ar at `at`
  const rowA = (i: number, at: number) => {
    if (transA) for (let k = 0; k < K; k++) ar[at + k] = a[aOff + k * M + i]!;
    else for (let k = 0; k < K; k++) ar[at + k] = a[aOff + i * K + k]!;
  };
  let i = 0;
  for (; i + 2 < M; i += 3) {
    rowA(i, 0);
    rowA(i + 1, K);
    rowA(i + 2, 2 * K);
    const c0 = cOff + i * N;
    const c1 = c0 + N;
    const c2 = c1 + N;
    let j = 0;
    for (; j + 2 < N; j += 3) {
      const p0 = bo + j * K;
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
        let x = ar[k]!;
        s00 = f(s00 + f(x * b0));
        s01 = f(s01 + f(x * b1));
        s02 = f(s02 + f(x * b2));
        x = ar[K + k]!;
        s10 = f(s10 + f(x * b0));
        s11 = f(s11 + f(x * b1));
        s12 = f(s12 + f(x * b2));
        x = ar[2 * K + k]!;
        s20 = f(s20 + f(x * b0));
        s21 = f(s21 + f(x * b1));
        s22 = f(s22 + f(x * b2));
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
      const p = bo + j * K;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      for (let k = 0; k < K; k++) {
        const b0 = bt[p + k]!;
        s0 = f(s0 + f(ar[k]! * b0));
        s1 = f(s1 + f(ar[K + k]! * b0));
        s2 = f(s2 + f(ar[2 * K + k]! * b0));
      }
      c[c0 + j] = s0;
      c[c1 + j] = s1;
      c[c2 + j] = s2;
    }
  }
  for (; i < M; i++) {
    rowA(i, 0);
    const c0 = cOff + i * N;
    for (let j = 0; j < N; j++) {
      const p = bo + j * K;
      let s = 0;
      for (let k = 0; k < K; k++) s = f(s + f(ar[k]! * bt[p + k]!));
      c[c0 + j] = s;
    }
  }
}
