/**
 * @internal The thin Q factor of the QR decomposition of an m×n row-major matrix `a` (m >= n), by Householder
 * reflections in float64, with PyTorch's sign fix: column j of Q is multiplied by sign(R_jj) (so R has a
 * non-negative diagonal and Q is unique for a full-rank `a`; a zero R_jj keeps its column unchanged). Returns Q as
 * an m×n row-major Float64Array.
 */
export function householderQ(a: Float64Array, m: number, n: number): Float64Array {
  const r = Float64Array.from(a);
  const vs: Float64Array[] = [];
  const diag = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let norm2 = 0;
    for (let i = k; i < m; i++) norm2 += r[i * n + k]! * r[i * n + k]!;
    const x0 = r[k * n + k]!;
    const alpha = (x0 >= 0 ? -1 : 1) * Math.sqrt(norm2);
    const v = new Float64Array(m - k);
    for (let i = k; i < m; i++) v[i - k] = r[i * n + k]!;
    v[0] = x0 - alpha;
    let vn2 = 0;
    for (let i = 0; i < v.length; i++) vn2 += v[i]! * v[i]!;
    if (vn2 === 0) {
      vs.push(v); // zero reflector: identity
      diag[k] = x0;
      continue;
    }
    const beta = 2 / vn2;
    for (let j = k; j < n; j++) {
      let dot = 0;
      for (let i = k; i < m; i++) dot += v[i - k]! * r[i * n + j]!;
      const f = beta * dot;
      for (let i = k; i < m; i++) r[i * n + j] = r[i * n + j]! - f * v[i - k]!;
    }
    diag[k] = r[k * n + k]!;
    vs.push(v);
  }
  // Q = H_0 H_1 ... H_{n-1} [I_n; 0], applied from the last reflector.
  const q = new Float64Array(m * n);
  for (let i = 0; i < n; i++) q[i * n + i] = 1;
  for (let k = n - 1; k >= 0; k--) {
    const v = vs[k]!;
    let vn2 = 0;
    for (let i = 0; i < v.length; i++) vn2 += v[i]! * v[i]!;
    if (vn2 === 0) continue;
    const beta = 2 / vn2;
    for (let j = 0; j < n; j++) {
      let dot = 0;
      for (let i = k; i < m; i++) dot += v[i - k]! * q[i * n + j]!;
      const f = beta * dot;
      for (let i = k; i < m; i++) q[i * n + j] = q[i * n + j]! - f * v[i - k]!;
    }
  }
  for (let j = 0; j < n; j++) {
    if (diag[j]! < 0) for (let i = 0; i < m; i++) q[i * n + j] = -q[i * n + j]!;
  }
  return q;
}
