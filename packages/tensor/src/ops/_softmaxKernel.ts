import { dispatch, onDevice } from '../dispatch';
import { logSoftmaxRowF32, rowMaxF32, softmaxRowF32 } from '../kernels/expF32x4';
import { reduceLayout } from '../kernels/reduceAxes';
import { allocUninit } from '../memory/_pool';
import { Tensor } from '../tensor';
import { wasmFor } from '../wasm/runtime';
import { softmaxFits, wasmSoftmaxRows } from '../wasm/softmax';
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
): { out: Tensor; axis: number } {
  checkFloat(fn, 'x', x);
  const rank = x.rank;
  const axis = rank === 0 ? checkAxis(fn, axisOption, 1) && 0 : checkAxis(fn, axisOption, rank);
  if (onDevice(x)) {
    const op = log ? 'logSoftmax' : 'softmax';
    return { out: dispatch(fn, op, [x], ['x'], { axis }, () => softmaxKernel(fn, x, axis, log).out), axis };
  }
  const layout = reduceLayout(x, rank === 0 ? [] : [axis]);
  const { data: d, outer, reduce: R, inner } = layout;
  const out = allocUninit(x.dtype, x.size);
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
    const rt = fast && softmaxFits(R) ? wasmFor(x.size) : null;
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
