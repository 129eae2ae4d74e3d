import { defineOptions } from '@dl/internal';
import { isGradEnabled } from '../autograd/gradMode';
import { record } from '../autograd/record';
import { ceBwdRowF32, ceLseRowF32 } from '../kernels/crossEntropyF32';
import { allocUninit, allocZeroed } from '../memory/_pool';
import { SCRATCH, scratchF32, scratchF64 } from '../memory/_scratch';
import { formatShape } from '../shape';
import { Tensor } from '../tensor';
import { ceRuntime, wasmCeBwd, wasmCeLse } from '../wasm/crossEntropy';
import { checkFloat, checkIndex } from './_check';
import { mul } from './mul';
import { reshape } from './reshape';
import { softmax } from './softmax';
import { sub } from './sub';

/** Options of {@link softmaxCrossEntropy}: PyTorch's `cross_entropy` parameters in camelCase. */
export interface SoftmaxCrossEntropyOptions {
  /**
   * A weight per class, `[C]` (`logits`' dtype): row $n$ counts $w_{y_n}$ times, and with label smoothing the
   * smoothing term weighs class $c$ by $w_c$. A constant (no gradient).
   * @defaultValue undefined (every class weighs 1)
   */
  weight?: Tensor;
  /**
   * A target value whose rows are skipped: they add nothing to the loss or to the normalizer of `'mean'`, and
   * their gradient is zero.
   * @defaultValue -100
   */
  ignoreIndex?: number;
  /**
   * $\varepsilon \in [0, 1]$: the target becomes $(1 - \varepsilon)$ on the true class plus $\varepsilon / C$ on
   * every class.
   * @defaultValue 0
   */
  labelSmoothing?: number;
  /**
   * `'mean'`: the sum divided by the total weight of the rows not ignored ($\sum_n w_{y_n}$, the count without
   * `weight`); `'sum'`; or `'none'`: one loss per row (0 for ignored rows).
   * @defaultValue 'mean'
   */
  reduction?: 'mean' | 'sum' | 'none';
}

const readOptions = /* @__PURE__ */ defineOptions<SoftmaxCrossEntropyOptions>()('softmaxCrossEntropy', {
  weight: undefined,
  ignoreIndex: -100,
  labelSmoothing: 0,
  reduction: 'mean',
});

/**
 * Cross-entropy of softmax probabilities against class indices, fused: one pass per row computes the
 * log-sum-exp, the loss and what the backward pass needs (as `torch.nn.functional.cross_entropy` with class
 * targets, PyTorch 1.13 semantics).
 *
 * With $\ell_{nc} = x_{nc} - \log\sum_j e^{x_{nj}}$ (log-softmax), class weights $w$ (all 1 by default) and label
 * smoothing $\varepsilon$ over $C$ classes, row $n$ with target $y_n$ costs
 * $$L_n = -(1-\varepsilon)\, w_{y_n} \ell_{n y_n} - \frac{\varepsilon}{C} \sum_c w_c \ell_{nc},$$
 * 0 where $y_n$ is `ignoreIndex`. `'sum'` adds them, `'mean'` divides that sum by $\sum_n w_{y_n}$ over the rows
 * not ignored (NaN when every row is ignored, as PyTorch). The gradient is
 * $\partial L_n / \partial x_{nc} = p_{nc} \sum_j q_{nj} - q_{nc}$ with $p = \operatorname{softmax}(x)$ and
 * $q_{nc} = (1-\varepsilon) w_{y_n} [c = y_n] + \frac{\varepsilon}{C} w_c$, computed by one fused kernel; when
 * the backward pass is itself recorded (double backward) it is built from differentiable ops instead.
 *
 * Accuracy: log-sum-exps and sums accumulate in float64 and the loss is rounded once. float32 logits take a
 * WebAssembly SIMD kernel that works on four rows at a time, one row per lane, so rows as narrow as 10 classes
 * vectorise. Its exponentials are float32 (at most 2 ulp, as in `softmax`), summed in float64. The gradient
 * $a\,e^{(x - m) - \log s} - b\,w_c$ is computed in float32, except the target's element, where the two terms
 * cancel: it is computed in float64 and rounded once. The JavaScript fallback emulates the kernel bit for bit.
 * float64 logits stay in float64 throughout. The oracle tests compare with PyTorch within 1e-6 relative plus
 * $2^{-23} \max |x|$ absolute: PyTorch rounds the log-sum-exp to float32 before subtracting it, which matters
 * when the loss is far smaller than the logits.
 *
 * @param logits - float `[N, C]` (a batch of rows of class scores), or `[C]` for one sample.
 * @param target - int32 class indices in `[0, C)` (or `ignoreIndex`): `[N]`, or `[]` with `[C]` logits.
 * @param options - `weight`, `ignoreIndex`, `labelSmoothing`, `reduction`; see
 *   {@link SoftmaxCrossEntropyOptions}.
 * @returns a scalar (`'mean'`, `'sum'`) or `[N]` (`'none'`), with autograd to `logits`.
 * @throws RangeError for mismatched shapes, a target out of range or `labelSmoothing` outside $[0, 1]$;
 *   TypeError for wrong types and unknown options.
 * @example
 * ```ts
 * import { softmaxCrossEntropy, tensor } from '@dl/tensor';
 * const logits = tensor([[2, 0, 0], [0, 0, 0]]);
 * const target = tensor([0, 2], { dtype: 'int32' });
 * softmaxCrossEntropy(logits, target).item(); // 0.6690785 (the mean of the two)
 * softmaxCrossEntropy(logits, target, { reduction: 'none' }).toArray(); // [0.2395447, 1.0986123]
 * softmaxCrossEntropy(logits, target, { labelSmoothing: 0.1, ignoreIndex: 2 }).item(); // 0.3728781
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.functional.cross_entropy.html | torch.nn.functional.cross_entropy}
 */
export function softmaxCrossEntropy(
  logits: Tensor,
  target: Tensor,
  options?: SoftmaxCrossEntropyOptions,
): Tensor {
  const fn = 'softmaxCrossEntropy';
  checkFloat(fn, 'logits', logits);
  checkIndex(fn, 'target', target);
  const { weight, ignoreIndex, labelSmoothing: eps, reduction } = readOptions(options);
  if (logits.rank !== 1 && logits.rank !== 2) {
    throw new RangeError(`${fn}: logits must be [N, C] or [C], got ${formatShape(logits.shape)}`);
  }
  const C = logits.shape[logits.rank - 1]!;
  const N = logits.rank === 2 ? logits.shape[0]! : 1;
  if (target.rank !== logits.rank - 1 || (logits.rank === 2 && target.shape[0] !== N)) {
    const want = logits.rank === 2 ? `[${N}]` : '[]';
    throw new RangeError(
      `${fn}: target must be ${want} for logits ${formatShape(logits.shape)}, got ${formatShape(target.shape)}`,
    );
  }
  if (weight !== undefined) {
    checkFloat(fn, 'weight', weight);
    if (weight.rank !== 1 || weight.shape[0] !== C || weight.dtype !== logits.dtype) {
      throw new RangeError(
        `${fn}: weight must be a ${logits.dtype} tensor of shape [${C}], got ${weight.dtype} ${formatShape(weight.shape)}`,
      );
    }
  }
  if (typeof ignoreIndex !== 'number' || !Number.isInteger(ignoreIndex)) {
    throw new TypeError(`${fn}: ignoreIndex must be an integer, got ${String(ignoreIndex)}`);
  }
  if (typeof eps !== 'number' || !(eps >= 0 && eps <= 1)) {
    throw new RangeError(`${fn}: labelSmoothing must be in [0, 1], got ${String(eps)}`);
  }
  if (reduction !== 'mean' && reduction !== 'sum' && reduction !== 'none') {
    throw new RangeError(
      `${fn}: reduction must be 'mean', 'sum' or 'none', got ${JSON.stringify(reduction)}`,
    );
  }
  const t = target.data;
  for (let n = 0; n < N; n++) {
    const y = t[n]!;
    if (y !== ignoreIndex && (y < 0 || y >= C)) {
      throw new RangeError(
        `${fn}: target[${n}] must be a class index in [0, ${C - 1}] or ignoreIndex (${ignoreIndex}), got ${y}`,
      );
    }
  }
  const x = logits.data;
  const w = weight?.data;
  const f32 = logits.dtype === 'float32' && C > 0;
  // the per-row log-sum-exp (kept by the backward), and for float32 the row maxima and sums: one array for all three
  const rows = new Float64Array(f32 ? 3 * N : N);
  const lse = rows.subarray(0, N);
  const rowLoss = scratchF64(SCRATCH.ceRowLoss, N); // read back below (reduction 'none'), not kept
  // float32 rows: the row maxima and the float64 sums of float32 exponentials by the four-rows-a-time kernel (or
  // its bit-identical emulation); rows whose maximum is not finite take the float64 code below
  const rowMax = rows.subarray(N, f32 ? 2 * N : N);
  const rowSum = rows.subarray(f32 ? 2 * N : N, f32 ? 3 * N : N);
  if (f32) {
    const rt = ceRuntime(N * C, C);
    if (rt !== null) wasmCeLse(rt, x as Float32Array, N, C, rowMax, rowSum);
    else for (let n = 0; n < N; n++) ceLseRowF32(x as Float32Array, n, C, rowMax, rowSum);
  }
  let wsum = 0; // sum of w_c, for the smoothing term's gradient
  if (w !== undefined) for (let c = 0; c < C; c++) wsum += w[c]!;
  else wsum = C;
  let total = 0;
  let norm = 0;
  for (let n = 0; n < N; n++) {
    const base = n * C;
    let m = f32 ? rowMax[n]! : Number.NEGATIVE_INFINITY;
    let s = f32 ? rowSum[n]! : 0;
    if (!f32 || !Number.isFinite(m)) {
      m = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < C; c++) if (x[base + c]! > m) m = x[base + c]!;
      if (!Number.isFinite(m)) m = m === Number.POSITIVE_INFINITY ? m : 0;
      s = 0;
      for (let c = 0; c < C; c++) s += Math.exp(x[base + c]! - m);
    }
    const l = m + Math.log(s);
    lse[n] = l;
    const y = t[n]!;
    if (y === ignoreIndex) continue;
    const wy = w === undefined ? 1 : w[y]!;
    let loss = -(1 - eps) * wy * (x[base + y]! - l);
    if (eps > 0) {
      let smooth = 0;
      if (w === undefined) for (let c = 0; c < C; c++) smooth += x[base + c]! - l;
      else for (let c = 0; c < C; c++) smooth += w[c]! * (x[base + c]! - l);
      loss -= (eps / C) * smooth;
    }
    rowLoss[n] = loss;
    total += loss;
    norm += wy;
  }
  let out: Tensor;
  if (reduction === 'none') {
    const o = allocUninit(logits.dtype, N);
    o.set(rowLoss);
    out = new Tensor(o, logits.rank === 2 ? [N] : [], logits.dtype);
  } else {
    const o = allocUninit(logits.dtype, 1);
    o[0] = reduction === 'sum' ? total : total / norm;
    out = new Tensor(o, [], logits.dtype);
  }
  return record(fn, out, [logits], (g) => {
    // per-row factor of the gradient: g (a scalar, or one per row for 'none'), divided by the normalizer for 'mean'
    const scale = reduction === 'mean' ? 1 / norm : 1;
    if (isGradEnabled()) {
      // recorded backward (double backward): p * Q - q from differentiable ops
      const q = allocZeroed(logits.dtype, N * C);
      const Q = allocZeroed(logits.dtype, N);
      for (let n = 0; n < N; n++) {
        const y = t[n]!;
        if (y === ignoreIndex) continue;
        const wy = w === undefined ? 1 : w[y]!;
        for (let c = 0; c < C; c++) q[n * C + c] = (eps / C) * (w === undefined ? 1 : w[c]!) * scale;
        q[n * C + y] = q[n * C + y]! + (1 - eps) * wy * scale;
        Q[n] = ((1 - eps) * wy + (eps / C) * wsum) * scale;
      }
      const p = softmax(logits, { axis: -1 });
      const d = sub(
        mul(p, new Tensor(Q, logits.rank === 2 ? [N, 1] : [1], logits.dtype)),
        new Tensor(q, logits.shape, logits.dtype),
      );
      const gr = reduction === 'none' && logits.rank === 2 ? reshape(g, [N, 1]) : g;
      return [mul(d, gr)];
    }
    const gd = g.data;
    if (f32) return [new Tensor(backwardF32(gd), logits.shape, logits.dtype)];
    const out = allocZeroed(logits.dtype, N * C);
    const pr = new Float64Array(C);
    for (let n = 0; n < N; n++) {
      const y = t[n]!;
      if (y === ignoreIndex) continue;
      const gn = (reduction === 'none' ? gd[n]! : gd[0]!) * scale;
      const wy = w === undefined ? 1 : w[y]!;
      const Qn = (1 - eps) * wy + (eps / C) * wsum;
      const base = n * C;
      const l = lse[n]!;
      for (let c = 0; c < C; c++) pr[c] = Math.exp(x[base + c]! - l);
      const sm = eps / C;
      if (w === undefined) for (let c = 0; c < C; c++) out[base + c] = gn * (pr[c]! * Qn - sm);
      else for (let c = 0; c < C; c++) out[base + c] = gn * (pr[c]! * Qn - sm * w[c]!);
      out[base + y] = gn * (pr[y]! * Qn - sm * (w === undefined ? 1 : w[y]!) - (1 - eps) * wy);
    }
    return [new Tensor(out, logits.shape, logits.dtype)];
  });

  /**
   * The float32 gradient: o = fl(a expf(fl(x - m) - fl(log s))) - fl(b w_c) per row by the four-rows-a-time kernel (or its
   * emulation), a = fl(g_n Q_n), b = fl(g_n ε / C); the target's element (where p Q - q cancels) in float64,
   * rounded once; ignored rows are 0, and rows whose log-sum-exp is not finite take the float64 formula.
   */
  function backwardF32(gd: ArrayLike<number>): Float32Array {
    const scale = reduction === 'mean' ? 1 / norm : 1;
    const out = allocUninit('float32', N * C) as Float32Array;
    // per-row factors of the kernel, filled and read here only
    const m32 = scratchF32(SCRATCH.ceMax, N);
    const ls32 = scratchF32(SCRATCH.ceLogSum, N);
    const a = scratchF32(SCRATCH.ceScale, N);
    const b = scratchF32(SCRATCH.ceShift, N);
    const w32 = (w as Float32Array | undefined) ?? onesF32(C);
    const sm = eps / C;
    for (let n = 0; n < N; n++) {
      const gn = (reduction === 'none' ? gd[n]! : gd[0]!) * scale;
      const y = t[n]!;
      const wy = y === ignoreIndex ? 0 : w === undefined ? 1 : w[y]!;
      m32[n] = rowMax[n]!;
      ls32[n] = Math.log(rowSum[n]!);
      a[n] = y === ignoreIndex ? 0 : gn * ((1 - eps) * wy + sm * wsum);
      b[n] = y === ignoreIndex ? 0 : gn * sm;
    }
    const xf = x as Float32Array;
    const rt = ceRuntime(N * C, C);
    if (rt !== null) wasmCeBwd(rt, xf, out, N, C, m32, ls32, a, b, w32);
    else for (let n = 0; n < N; n++) ceBwdRowF32(xf, out, n, C, m32[n]!, ls32[n]!, a[n]!, b[n]!, w32);
    for (let n = 0; n < N; n++) {
      const y = t[n]!;
      const base = n * C;
      if (y === ignoreIndex) {
        out.fill(0, base, base + C);
        continue;
      }
      const gn = (reduction === 'none' ? gd[n]! : gd[0]!) * scale;
      const wy = w === undefined ? 1 : w[y]!;
      const l = lse[n]!;
      const Qn = (1 - eps) * wy + sm * wsum;
      if (!Number.isFinite(l)) {
        for (let c = 0; c < C; c++) {
          out[base + c] = gn * (Math.exp(xf[base + c]! - l) * Qn - sm * (w === undefined ? 1 : w[c]!));
        }
      }
      // the target's element p Q - q cancels when p is near 1: float64 throughout, rounded once
      out[base + y] = gn * (Math.exp(xf[base + y]! - l) * Qn - sm * wy - (1 - eps) * wy);
    }
    return out;
  }
}

/** A shared float32 array of at least `n` ones (the class weights when none are given; never written). */
function onesF32(n: number): Float32Array {
  if (ones.length < n) ones = new Float32Array(n).fill(1);
  return ones;
}
let ones = new Float32Array(0);
