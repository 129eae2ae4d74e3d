import type { DType, TensorArray } from '../dtype';
import { allocUninit } from '../memory/_pool';
import { stridesOf } from '../shape';

/**
 * @internal Copies `data` (row-major, shape `shape`) into a new array laid out as the permutation `perm` of its
 * axes: output axis `i` is input axis `perm[i]`. 2-D transposes go through a cache-blocked loop.
 */
export function permuteKernel(
  data: TensorArray,
  shape: readonly number[],
  perm: readonly number[],
  dtype: DType,
) {
  const n = data.length;
  const out = allocUninit(dtype, n);
  const rank = shape.length;
  if (n === 0) return out;
  // Merge: find the 2-D case (possibly batched) [B, R, C] -> [B, C, R].
  if (rank >= 2 && perm[rank - 1] === rank - 2 && perm[rank - 2] === rank - 1) {
    let batchIdentity = true;
    for (let i = 0; i < rank - 2; i++) if (perm[i] !== i) batchIdentity = false;
    if (batchIdentity) {
      const r = shape[rank - 2]!;
      const c = shape[rank - 1]!;
      const m = r * c;
      const B = 32;
      for (let off = 0; off < n; off += m) {
        for (let i0 = 0; i0 < r; i0 += B) {
          const i1 = Math.min(r, i0 + B);
          for (let j0 = 0; j0 < c; j0 += B) {
            const j1 = Math.min(c, j0 + B);
            for (let i = i0; i < i1; i++) {
              const src = off + i * c;
              for (let j = j0; j < j1; j++) out[off + j * r + i] = data[src + j]!;
            }
          }
        }
      }
      return out;
    }
  }
  const inStrides = stridesOf(shape);
  const outShape = perm.map((p) => shape[p]!);
  const strides = perm.map((p) => inStrides[p]!);
  const last = rank - 1;
  const inner = outShape[last]!;
  const innerStride = strides[last]!;
  const index = new Array<number>(rank).fill(0);
  let p = 0;
  for (let o = 0; o < n; o += inner) {
    for (let j = 0, q = p; j < inner; j++, q += innerStride) out[o + j] = data[q]!;
    for (let d = last - 1; d >= 0; d--) {
      index[d]!++;
      p += strides[d]!;
      if (index[d]! < outShape[d]!) break;
      p -= strides[d]! * outShape[d]!;
      index[d] = 0;
    }
  }
  return out;
}
