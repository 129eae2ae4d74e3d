import { got } from '../functional/_leaf';
import { allocZeroed } from '../memory/_pool';
import { formatShape } from '../shape';
import { Tensor } from '../tensor';

/** What {@link eigh} returns, like PyTorch's `torch.return_types.linalg_eigh`. */
export interface EighResult {
  /** The eigenvalues in ascending order: shape `[..., n]`. */
  eigenvalues: Tensor;
  /** The orthonormal eigenvectors as columns (column `k` belongs to eigenvalue `k`): shape `[..., n, n]`. */
  eigenvectors: Tensor;
}

/** Cyclic Jacobi rotations on the symmetric n×n float64 matrix `a` (destroyed); `v` receives the eigenvectors. */
function jacobi(a: Float64Array, v: Float64Array, n: number): void {
  v.fill(0);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let norm = 0;
  for (let i = 0; i < n * n; i++) norm += a[i]! * a[i]!;
  norm = Math.sqrt(norm);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q]! * a[p * n + q]!;
    if (Math.sqrt(2 * off) <= Number.EPSILON * 1e-2 * norm || off === 0) return;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (apq === 0) continue;
        const app = a[p * n + p]!;
        const aqq = a[q * n + q]!;
        // Negligible next to both diagonal entries (after the first sweeps): set it to zero, as Numerical Recipes' jacobi does.
        const g = 100 * Math.abs(apq);
        if (sweep > 3 && Math.abs(app) + g === Math.abs(app) && Math.abs(aqq) + g === Math.abs(aqq)) {
          a[p * n + q] = 0;
          a[q * n + p] = 0;
          continue;
        }
        const theta = (aqq - app) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        // A' = Jᵀ A J touches rows and columns p and q only; by symmetry each off-diagonal pair is computed once.
        for (let k = 0; k < n; k++) {
          if (k === p || k === q) continue;
          const akp = a[p * n + k]!; // = a[k][p]: rows are read (contiguous), both halves written
          const akq = a[q * n + k]!;
          const kp = c * akp - s * akq;
          const kq = s * akp + c * akq;
          a[k * n + p] = kp;
          a[p * n + k] = kp;
          a[k * n + q] = kq;
          a[q * n + k] = kq;
        }
        a[p * n + p] = app - t * apq;
        a[q * n + q] = aqq + t * apq;
        a[p * n + q] = 0;
        a[q * n + p] = 0;
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
}

/**
 * Eigenvalues and eigenvectors of a real symmetric matrix (or a batch of them), like PyTorch's
 * `torch.linalg.eigh`: $A = V \operatorname{diag}(\lambda) V^\top$ with $\lambda_1 \le \dots \le \lambda_n$ and
 * $V^\top V = I$.
 *
 * Only the lower triangle of `a` is read (PyTorch's default `UPLO='L'`), so a Hessian that is symmetric up
 * to rounding needs no symmetrizing. The work is done in float64 by cyclic Jacobi rotations (accurate to a few
 * units in the last place of $\lVert A \rVert$, $O(n^3)$ per sweep, a handful of sweeps: meant for matrices
 * up to a few hundred rows) and rounded once to `a`'s dtype. An eigenvector's sign is arbitrary; this one
 * makes the largest-magnitude component of each eigenvector positive (PyTorch's LAPACK sign differs, so
 * compare eigenvectors up to sign). The result is not recorded by autograd.
 *
 * @param a - a float32 or float64 tensor of shape `[..., n, n]` with finite entries.
 * @returns the eigenvalues `[..., n]` (ascending) and eigenvectors `[..., n, n]` (columns); see {@link EighResult}.
 * @example
 * ```ts
 * import { eigh, tensor } from '@dl/tensor';
 * const { eigenvalues, eigenvectors } = eigh(tensor([[2, 1], [1, 2]]));
 * eigenvalues.toArray(); // [1, 3]
 * eigenvectors.shape; // [2, 2]
 * // a saddle point's Hessian has eigenvalues of both signs
 * eigh(tensor([[2, 0], [0, -2]])).eigenvalues.toArray(); // [-2, 2]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.linalg.eigh.html | torch.linalg.eigh}
 */
export function eigh(a: Tensor): EighResult {
  if (!(a instanceof Tensor)) throw new TypeError(`eigh: a must be a Tensor, got ${got(a)}`);
  if (a.dtype === 'int32') {
    throw new TypeError(
      'eigh: a must be a float32 or float64 tensor, got int32; convert it with cast() first',
    );
  }
  const rank = a.rank;
  if (rank < 2 || a.shape[rank - 1] !== a.shape[rank - 2]) {
    throw new RangeError(
      `eigh: a must be a square matrix or a batch of them (shape [..., n, n]), got shape ${formatShape(a.shape)}`,
    );
  }
  const n = a.shape[rank - 1]!;
  const batch = n === 0 ? 0 : a.size / (n * n);
  const values = allocZeroed(a.dtype, a.size / Math.max(n, 1));
  const vectors = allocZeroed(a.dtype, a.size);
  const m = new Float64Array(n * n);
  const v = new Float64Array(n * n);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let b = 0; b < batch; b++) {
    const base = b * n * n;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        const x = a.data[base + i * n + j]!;
        if (!Number.isFinite(x)) {
          const at: number[] = [i, j];
          for (let d = rank - 3, r = b; d >= 0; d--) {
            at.unshift(r % a.shape[d]!);
            r = Math.floor(r / a.shape[d]!);
          }
          throw new RangeError(`eigh: a must have finite entries, got ${String(x)} at [${at.join(', ')}]`);
        }
        m[i * n + j] = x;
        m[j * n + i] = x;
      }
    }
    jacobi(m, v, n);
    order.sort((p, q) => m[p * n + p]! - m[q * n + q]! || p - q);
    for (let k = 0; k < n; k++) {
      const col = order[k]!;
      values[b * n + k] = m[col * n + col]!;
      let big = 0;
      for (let i = 1; i < n; i++) if (Math.abs(v[i * n + col]!) > Math.abs(v[big * n + col]!)) big = i;
      const sign = v[big * n + col]! < 0 ? -1 : 1;
      for (let i = 0; i < n; i++) vectors[base + i * n + k] = sign * v[i * n + col]!;
    }
  }
  return {
    eigenvalues: new Tensor(values, a.shape.slice(0, -1), a.dtype),
    eigenvectors: new Tensor(vectors, a.shape.slice(), a.dtype),
  };
}
