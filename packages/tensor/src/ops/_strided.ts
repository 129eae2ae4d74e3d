import { noGrad } from '../autograd/gradMode';
import { record } from '../autograd/record';
import { dispatch, onDevice } from '../dispatch';
import type { TensorArray } from '../dtype';
import { allocUninit, allocZeroed } from '../memory/_pool';
import { sizeOf, stridesOf } from '../shape';
import { Tensor } from '../tensor';

/**
 * @internal Walks the strided window of a row-major array of shape `full` (window shape `win`, origin `starts`,
 * steps `steps`), calling `copy(windowOffset, fullOffset, count, fullStep)` once per innermost row.
 */
function walkWindow(
  full: readonly number[],
  win: readonly number[],
  starts: readonly number[],
  steps: readonly number[],
  copy: (w: number, f: number, count: number, fullStep: number) => void,
): void {
  const n = sizeOf(win);
  const rank = win.length;
  if (n === 0) return;
  if (rank === 0) {
    copy(0, 0, 1, 1);
    return;
  }
  const fs = stridesOf(full);
  let origin = 0;
  for (let d = 0; d < rank; d++) origin += starts[d]! * fs[d]!;
  const jump = fs.map((s, d) => s * steps[d]!);
  const last = rank - 1;
  const inner = win[last]!;
  const index = new Array<number>(rank).fill(0);
  let p = origin;
  for (let o = 0; o < n; o += inner) {
    copy(o, p, inner, jump[last]!);
    for (let d = last - 1; d >= 0; d--) {
      index[d]!++;
      p += jump[d]!;
      if (index[d]! < win[d]!) break;
      p -= jump[d]! * win[d]!;
      index[d] = 0;
    }
  }
}

/** @internal Reads the strided window of `x` (differentiable; the gradient scatters back with {@link stridedScatter}). */
export function stridedSlice(
  x: Tensor,
  starts: readonly number[],
  steps: readonly number[],
  shape: readonly number[],
): Tensor {
  if (onDevice(x)) {
    const moved = dispatch('slice', 'slice', [x], ['x'], { starts, steps, shape }, () =>
      noGrad(() => stridedSlice(x, starts, steps, shape)),
    );
    const full = x.shape;
    return record('slice', moved, [x], (g) => [stridedScatter(g, full, starts, steps, 0)]);
  }
  const src = x.data;
  const out: TensorArray = allocUninit(x.dtype, sizeOf(shape));
  walkWindow(x.shape, shape, starts, steps, (w, f, count, step) => {
    if (step === 1 && count >= 64) out.set(src.subarray(f, f + count), w);
    else if (step === 1) for (let j = 0; j < count; j++) out[w + j] = src[f + j]!;
    else for (let j = 0, q = f; j < count; j++, q += step) out[w + j] = src[q]!;
  });
  const inShape = x.shape;
  return record('slice', new Tensor(out, shape.slice(), x.dtype), [x], (g) => [
    stridedScatter(g, inShape, starts, steps, 0),
  ]);
}

/**
 * @internal A tensor of shape `full` filled with `fill`, with `g` written into the strided window (the adjoint of
 * {@link stridedSlice}; also constant padding). Differentiable in `g`.
 */
export function stridedScatter(
  g: Tensor,
  full: readonly number[],
  starts: readonly number[],
  steps: readonly number[],
  fill: number,
): Tensor {
  if (onDevice(g)) {
    const moved = dispatch('scatterWindow', 'scatterWindow', [g], ['g'], { full, starts, steps, fill }, () =>
      noGrad(() => stridedScatter(g, full, starts, steps, fill)),
    );
    const win = g.shape;
    return record('scatterWindow', moved, [g], (gg) => [stridedSlice(gg, starts, steps, win)]);
  }
  const src = g.data;
  const out: TensorArray = allocZeroed(g.dtype, sizeOf(full));
  if (fill !== 0) out.fill(fill);
  walkWindow(full, g.shape, starts, steps, (w, f, count, step) => {
    if (step === 1 && count >= 64) out.set(src.subarray(w, w + count), f);
    else if (step === 1) for (let j = 0; j < count; j++) out[f + j] = src[w + j]!;
    else for (let j = 0, q = f; j < count; j++, q += step) out[q] = src[w + j]!;
  });
  const winShape = g.shape;
  return record('scatterWindow', new Tensor(out, full.slice(), g.dtype), [g], (gg) => [
    stridedSlice(gg, starts, steps, winShape),
  ]);
}
