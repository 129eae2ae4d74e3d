/**
 * @internal The thin Q factor of the QR decomposition of an m×n row-major matrix `a` (m >= n), by Householder
 * reflections in float64, with PyTorch's sign fix: column j of Q is multiplied by sign(R_jj) (so R has a
 * non-negative diagonal and Q is unique for a full-rank `a`; a zero R_jj keeps its column unchanged). Returns Q as
 * an m×n row-major Float64Array. Works on column-major copies so every inner loop is contiguous.
 */
export function householderQ(a: Float64Array, m: number, n: number): Float64Array {
  // r: column-major copy of a (column j at r[j*m .. j*m+m-1])
  const r = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) r[j * m + i] = a[i * n + j]!;
  // reflectors: v_k occupies vs[k*m + k .. k*m + m-1]; betas[k] = 2 / |v_k|^2 (0 for the identity)
  const vs = new Float64Array(m * n);
  const betas = new Float64Array(n);
  const diag = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const ck = k * m;
    let norm2 = 0;
    for (let i = k; i < m; i++) norm2 += r[ck + i]! * r[ck + i]!;
    const x0 = r[ck + k]!;
    const alpha = (x0 >= 0 ? -1 : 1) * Math.sqrt(norm2);
    for (let i = k; i < m; i++) vs[ck + i] = r[ck + i]!;
    vs[ck + k] = x0 - alpha;
    let vn2 = 0;
    for (let i = k; i < m; i++) vn2 += vs[ck + i]! * vs[ck + i]!;
    if (vn2 === 0) {
      diag[k] = x0;
      continue;
    }
    const beta = 2 / vn2;
    betas[k] = beta;
    for (let j = k; j < n; j++) {
      const cj = j * m;
      let dot = 0;
      for (let i = k; i < m; i++) dot += vs[ck + i]! * r[cj + i]!;
      const f = beta * dot;
      for (let i = k; i < m; i++) r[cj + i] = r[cj + i]! - f * vs[ck + i]!;
    }
    diag[k] = r[ck + k]!;
  }
  // Q = H_0 H_1 ... H_{n-1} [I_n; 0], applied from the last reflector; q column-major.
  const q = new Float64Array(m * n);
  for (let j = 0; j < n; j++) q[j * m + j] = 1;
  for (let k = n - 1; k >= 0; k--) {
    const beta = betas[k]!;
    if (beta === 0) continue;
    const ck = k * m;
    for (let j = k; j < n; j++) {
      // columns j < k of H_{k+1..} [I; 0] are still e_j, which H_k leaves alone (v_k is zero above row k)
      const cj = j * m;
      let dot = 0;
      for (let i = k; i < m; i++) dot += vs[ck + i]! * q[cj + i]!;
      const f = beta * dot;
      for (let i = k; i < m; i++) q[cj + i] = q[cj + i]! - f * vs[ck + i]!;
    }
  }
  const out = new Float64Array(m * n);
  for (let j = 0; j < n; j++) {
    const s = diag[j]! < 0 ? -1 : 1;
    for (let i = 0; i < m; i++) out[i * n + j] = s * q[j * m + i]!;
  }
  return out;
}
