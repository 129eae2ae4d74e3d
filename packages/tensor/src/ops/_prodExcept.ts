import { record } from '../autograd/record';
import { allocUninit } from '../memory/_pool';
import { Tensor } from '../tensor';
import { reshape } from './reshape';
import { transpose } from './transpose';

/**
 * @internal For `x` of shape `[n, R]`: $y_{ri} = \prod_{j \ne i} x_{rj}$ by prefix and suffix products (no
 * division, exact with zeros). Differentiable twice: its backward is {@link prodExceptVjpRows}.
 */
function prodExceptRows(x: Tensor): Tensor {
  const [n, R] = x.shape as [number, number];
  const d = x.data;
  const out = allocUninit(x.dtype, x.size);
  for (let o = 0; o < n; o++) {
    const base = o * R;
    let p = 1;
    for (let i = 0; i < R; i++) {
      out[base + i] = p;
      p *= d[base + i]!;
    }
    p = 1;
    for (let i = R - 1; i >= 0; i--) {
      out[base + i] = out[base + i]! * p;
      p *= d[base + i]!;
    }
  }
  return record('prodExcept', new Tensor(out, x.shape, x.dtype), [x], (h) => [prodExceptVjpRows(x, h)]);
}

/**
 * @internal The vector-Jacobian product of {@link prodExceptRows}:
 * $v_k = \sum_{i \ne k} h_i \prod_{j \ne i,k} x_j$, in O(R) per row by the recurrences
 * $L_{k+1} = L_k x_k + h_k \mathrm{pre}_k$ and $R_{k-1} = R_k x_k + h_k \mathrm{suf}_{k+1}$. Linear in `h` (its
 * gradient with respect to `h` is itself); a third derivative with respect to `x` is not supported.
 */
function prodExceptVjpRows(x: Tensor, h: Tensor): Tensor {
  const [n, R] = x.shape as [number, number];
  const xd = x.data;
  const hd = h.data;
  const out = allocUninit(x.dtype, x.size);
  const pre = new Float64Array(R + 1);
  const suf = new Float64Array(R + 1);
  for (let o = 0; o < n; o++) {
    const base = o * R;
    pre[0] = 1;
    for (let i = 0; i < R; i++) pre[i + 1] = pre[i]! * xd[base + i]!;
    suf[R] = 1;
    for (let i = R - 1; i >= 0; i--) suf[i] = suf[i + 1]! * xd[base + i]!;
    // left part: L_k * suf_{k+1}
    let L = 0;
    for (let k = 0; k < R; k++) {
      out[base + k] = L * suf[k + 1]!;
      L = L * xd[base + k]! + hd[base + k]! * pre[k]!;
    }
    let Rt = 0;
    for (let k = R - 1; k >= 0; k--) {
      out[base + k] = out[base + k]! + pre[k]! * Rt;
      Rt = Rt * xd[base + k]! + hd[base + k]! * suf[k + 1]!;
    }
  }
  return record('prodExceptVjp', new Tensor(out, x.shape, x.dtype), [x, h], (u) => {
    if (x.requiresGrad) {
      throw new Error('prod: derivatives beyond the second order with respect to x are not supported');
    }
    return [null, prodExceptVjpRows(x, u)];
  });
}

/**
 * @internal $y_i = \prod_{j \ne i} x_j$ over the sorted, unique `axes` (each element's product of the other
 * elements of its slice), differentiable twice.
 */
export function prodExcept(x: Tensor, axes: readonly number[]): Tensor {
  const rank = x.rank;
  const kept: number[] = [];
  for (let i = 0; i < rank; i++) if (!axes.includes(i)) kept.push(i);
  const perm = [...kept, ...axes];
  const moved = transpose(x, perm);
  let R = 1;
  for (const a of axes) R *= x.shape[a]!;
  const rows = prodExceptRows(reshape(moved, [R === 0 ? 0 : x.size / R, R]));
  const inverse = new Array<number>(rank);
  for (let i = 0; i < rank; i++) inverse[perm[i]!] = i;
  return transpose(reshape(rows, moved.shape), inverse);
}
