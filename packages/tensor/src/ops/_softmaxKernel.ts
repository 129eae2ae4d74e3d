import { isGradEnabled } from '../autograd/gradMode';
import { dispatch, onDevice } from '../dispatch';
import {
  logSoftmaxBackwardRowF32,
  logSoftmaxRowF32,
  rowMaxF32,
  softmaxBackwardRowF32,
  softmaxRowF32,
} from '../kernels/expF32x4';
import { reduceLayout } from '../kernels/reduceAxes';
import { allocUninit } from '../memory/_pool';
import { shapesEqual } from '../shape';
import { Tensor } from '../tensor';
import { softmaxFits, softmaxRuntime, wasmSoftmaxBackwardRows, wasmSoftmaxRows } from '../wasm/softmax';
import { checkAxis, checkFloat } from './_check';

/**
 * @internal Stable softmax (`log` false) or log-softmax (`log` true) of `x` along one axis: subtracts the slice
 * maximum, accumulates $\sum e^{x - m}$ in float64.
 */
export function softmaxKernel(
  fn: string,
  x: Tensor,
  axisOption: unknown,
  log: boolean,
  into?: Float32Array,
): { out: Tensor; axis: number } {
  checkFloat(fn, 'x', x);
  const rank = x.rank;
  const axis = rank === 0 ? checkAxis(fn, axisOption, 1) && 0 : checkAxis(fn, axisOption, rank);
  if (onDevice(x)) {
    const op = log ? 'logSoftmax' : 'softmax';
    const out = dispatch(
      fn,
      op,
      [x],
      ['x'],
      { axis },
      () => softmaxKernel(fn, x, axis, log).out,
      () => ({ shape: x.shape, kernel: (o) => softmaxKernel(fn, x, axis, log, o) }),
    );
    return { out, axis };
  }
  const layout = reduceLayout(x, rank === 0 ? [] : [axis]);
  const { data: d, outer, reduce: R, inner } = layout;
  // `into`: a device tensor's memory (the wasm device runs this kernel there in place)
  const out = into ?? allocUninit(x.dtype, x.size);
  if (inner === 1) {
    // float32 input: float32 throughout (the fused four-lane kernel's arithmetic, emulated with Math.fround);
    // float64 input keeps Math.exp, float64 sums and a division per element.
    const fast = x.dtype === 'float32';
    const e = new Float64Array(fast ? 0 : R);
    const row = (o: number) => {
      const base = o * R;
      let m = fast ? rowMaxF32(d as Float32Array, base, R) : Number.NEGATIVE_INFINITY;
      if (!fast) for (let r = 0; r < R; r++) if (d[base + r]! > m) m = d[base + r]!;
      if (fast && m - m === 0) {
        if (log) logSoftmaxRowF32(d as Float32Array, base, R, m, out as Float32Array);
        else softmaxRowF32(d as Float32Array, base, R, m, out as Float32Array);
        return;
      }
      if (m === Number.NEGATIVE_INFINITY || m === Number.POSITIVE_INFINITY) m = 0;
      let s = 0;
      if (log) {
        for (let r = 0; r < R; r++) s += Math.exp(d[base + r]! - m);
        const c = m + Math.log(s);
        for (let r = 0; r < R; r++) out[base + r] = d[base + r]! - c;
      } else if (fast) {
        for (let r = 0; r < R; r++) s += Math.exp(d[base + r]! - m);
        for (let r = 0; r < R; r++) out[base + r] = Math.exp(d[base + r]! - m) / s;
      } else {
        for (let r = 0; r < R; r++) s += e[r] = Math.exp(d[base + r]! - m);
        for (let r = 0; r < R; r++) out[base + r] = e[r]! / s;
      }
    };
    // float32 rows: the WebAssembly kernels (the same arithmetic, the same values); rows whose maximum is
    // infinite or missing come back to the JavaScript code above
    const rt = fast && softmaxFits(R) ? softmaxRuntime(x.size) : null;
    if (rt !== null) {
      for (const o of wasmSoftmaxRows(rt, d as Float32Array, out as Float32Array, outer, R, log)) row(o);
    } else for (let o = 0; o < outer; o++) row(o);
  } else {
    const m = new Float64Array(inner);
    const s = new Float64Array(inner);
    for (let o = 0; o < outer; o++) {
      const ob = o * R * inner;
      m.fill(Number.NEGATIVE_INFINITY);
      s.fill(0);
      for (let r = 0; r < R; r++) {
        const b = ob + r * inner;
        for (let i = 0; i < inner; i++) if (d[b + i]! > m[i]!) m[i] = d[b + i]!;
      }
      for (let i = 0; i < inner; i++) if (!Number.isFinite(m[i]!)) m[i] = 0;
      if (!log) {
        // exponentials go straight into the output, then are scaled by 1 / sum (one exp per element)
        for (let r = 0; r < R; r++) {
          const b = ob + r * inner;
          for (let i = 0; i < inner; i++) {
            const e = Math.exp(d[b + i]! - m[i]!);
            out[b + i] = e;
            s[i]! += e;
          }
        }
        for (let i = 0; i < inner; i++) s[i] = 1 / s[i]!;
        for (let r = 0; r < R; r++) {
          const b = ob + r * inner;
          for (let i = 0; i < inner; i++) out[b + i] = out[b + i]! * s[i]!;
        }
        continue;
      }
      for (let r = 0; r < R; r++) {
        const b = ob + r * inner;
        for (let i = 0; i < inner; i++) s[i]! += Math.exp(d[b + i]! - m[i]!);
      }
      for (let i = 0; i < inner; i++) s[i] = m[i]! + Math.log(s[i]!);
      for (let r = 0; r < R; r++) {
        const b = ob + r * inner;
        for (let i = 0; i < inner; i++) out[b + i] = d[b + i]! - s[i]!;
      }
    }
  }
  return { out: new Tensor(out, x.shape, x.dtype), axis };
}

/**
 * @internal The fused float32 backward of softmax (`log` false: $y (g - \sum g y)$) or log-softmax
 * ($g - e^{y} \sum g$) along the last axis from the forward output `y`, in float32 (the four-lane kernel's
 * arithmetic, emulated with Math.fround where it does not run); null when it does not apply (a graph of the
 * backward is being recorded, another axis or dtype, a device tensor): the caller composes differentiable ops.
 */
export function softmaxBackwardF32(g: Tensor, y: Tensor, axis: number, log: boolean): Tensor | null {
  if (
    isGradEnabled() ||
    y.dtype !== 'float32' ||
    g.dtype !== 'float32' ||
    y.rank === 0 ||
    axis !== y.rank - 1 ||
    y.storage !== null ||
    g.storage !== null ||
    !shapesEqual(g.shape, y.shape)
  ) {
    return null;
  }
  const C = y.shape[axis]!;
  const outer = C === 0 ? 0 : y.size / C;
  const gd = g.data as Float32Array;
  const yd = y.data as Float32Array;
  const dx = allocUninit('float32', y.size) as Float32Array;
  const rt = softmaxFits(C) ? softmaxRuntime(y.size) : null;
  if (rt !== null) wasmSoftmaxBackwardRows(rt, gd, yd, dx, outer, C, log);
  else {
    const row = log ? logSoftmaxBackwardRowF32 : softmaxBackwardRowF32;
    for (let o = 0; o < outer; o++) row(gd, yd, o * C, C, dx);
  }
  return new Tensor(dx, y.shape, 'float32');
}
