/**
 * @internal Eigenvalues (ascending) and eigenvectors of the symmetric tridiagonal matrix with diagonal `alpha`
 * and off-diagonal `beta` (length n − 1), by the implicit QL method with Wilkinson shifts (EISPACK's tql2).
 * `vectors[k * n + i]` is component k of eigenvector i. With `rows`, only those components are accumulated
 * (each row of the eigenvector matrix transforms on its own: O(n) per rotation instead of O(n²)), and
 * `vectors[r * n + i]` is component `rows[r]` of eigenvector i.
 */
export function tridiagonalEigen(
  alpha: ArrayLike<number>,
  beta: ArrayLike<number>,
  rows?: readonly number[],
): { values: Float64Array; vectors: Float64Array } {
  const n = alpha.length;
  const kept = rows ?? Array.from({ length: n }, (_, k) => k);
  const nr = kept.length;
  const d = Float64Array.from(alpha);
  const e = new Float64Array(n);
  for (let i = 0; i < n - 1; i++) e[i] = beta[i]!;
  const V = new Float64Array(nr * n);
  for (let r = 0; r < nr; r++) V[r * n + kept[r]!] = 1;
  const eps = 2 ** -52;
  let f = 0;
  let tst1 = 0;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]!) + Math.abs(e[l]!));
    let m = l;
    while (m < n && Math.abs(e[m]!) > eps * tst1) m++;
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > 60) throw new Error('tridiagonalEigen: no convergence');
        let g = d[l]!;
        let p = (d[l + 1]! - g) / (2 * e[l]!);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l]! / (p + r);
        d[l + 1] = e[l]! * (p + r);
        const dl1 = d[l + 1]!;
        let h = g - d[l]!;
        for (let i = l + 2; i < n; i++) d[i]! -= h;
        f += h;
        p = d[m]!;
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1]!;
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i]!;
          h = c * p;
          r = Math.hypot(p, e[i]!);
          e[i + 1] = s * r;
          s = e[i]! / r;
          c = p / r;
          p = c * d[i]! - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]!);
          for (let k = 0; k < nr; k++) {
            const row = k * n;
            h = V[row + i + 1]!;
            V[row + i + 1] = s * V[row + i]! + c * h;
            V[row + i] = c * V[row + i]! - s * h;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]!) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]!) > eps * tst1);
    }
    d[l] = d[l]! + f;
    e[l] = 0;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => d[a]! - d[b]!);
  const values = new Float64Array(n);
  const vectors = new Float64Array(nr * n);
  order.forEach((src, dst) => {
    values[dst] = d[src]!;
    for (let k = 0; k < nr; k++) vectors[k * n + dst] = V[k * n + src]!;
  });
  return { values, vectors };
}
