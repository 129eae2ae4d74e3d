import { noGrad } from '../autograd/gradMode';
import { record } from '../autograd/record';
import { dispatch, onDevice } from '../dispatch';
import type { TensorArray } from '../dtype';
import { broadcastStrides } from '../kernels/binary';
import { matmulKernel } from '../kernels/matmul';
import { type SgemmScratch, sgemmKernel, sgemmScratch } from '../kernels/sgemm';
import { allocUninit, allocZeroed } from '../memory/_pool';
import { formatShape, sizeOf } from '../shape';
import { Tensor } from '../tensor';
import { parallel } from '../threads/hook';
import { matmulRuntime, wasmMatmul } from '../wasm/matmul';
import { checkTensor } from './_check';
import { reshape } from './reshape';
import { sumTo } from './sumTo';

/** @internal Shortest inner dimension computed in float32 arithmetic (shorter ones accumulate in float64). */
export const SGEMM_MIN_K = 8;

/** Copies the transpose of the `[R, C]` matrix at `src[off]` into `dst` (`[C, R]`). */
function transposeMatrix(src: TensorArray, off: number, R: number, C: number, dst: TensorArray): void {
  for (let r = 0; r < R; r++) {
    const s = off + r * C;
    for (let c = 0; c < C; c++) dst[c * R + r] = src[s + c]!;
  }
}

/**
 * @internal Batched matrix product $\operatorname{op}(A) \operatorname{op}(B)$ of tensors of rank ≥ 2 with
 * broadcast batch dimensions (already validated): $\operatorname{op}(A)$ is `a`'s last two axes, swapped when
 * `transA` (so `x @ W^T` reads W as stored, no transpose copy), likewise `b`. One output array for the whole
 * batch; kernel scratch is shared by its matrices. Differentiable: the gradients are such products again
 * (transposes as flags, summed over broadcast batch dimensions), so double backward works.
 */
export function batchedMatmul(a: Tensor, b: Tensor, transA = false, transB = false): Tensor {
  if (onDevice(a, b)) {
    // two float32 matrices on a device whose memory the CPU reads in place (the wasm device): the CPU product
    // writes straight into the result's device memory
    const direct =
      a.rank === 2 && b.rank === 2 && a.dtype === 'float32' && b.dtype === 'float32'
        ? () => ({
            shape: [a.shape[transA ? 1 : 0]!, b.shape[transB ? 0 : 1]!],
            kernel: (o: Float32Array) => void cpuProduct(a, b, transA, transB, null, o),
          })
        : undefined;
    const out = dispatch(
      'matmul',
      'matmul',
      [a, b],
      ['a', 'b'],
      { transA, transB },
      () => noGrad(() => batchedMatmul(a, b, transA, transB)),
      direct,
    );
    return recordMatmul(out, a, b, transA, transB);
  }
  return recordMatmul(cpuProduct(a, b, transA, transB, null), a, b, transA, transB);
}

/**
 * @internal The CPU product of {@link batchedMatmul}, not recorded (linear records itself, and its plain backward
 * needs no graph): CPU tensors only. With `bias` (a vector of the output's last dimension, `linear`'s), every
 * output row gets it added after its sums, the values of `add(product, bias)` bit for bit, in the product's own
 * pass (the WebAssembly kernel adds it to each block before the copy-out). With `into`, the product is written
 * there (an array of the output's size and dtype: the wasm device's memory) instead of a new array.
 */
export function cpuProduct(
  a: Tensor,
  b: Tensor,
  transA: boolean,
  transB: boolean,
  bias: Tensor | null,
  into: TensorArray | null = null,
): Tensor {
  const ra = a.rank;
  const rb = b.rank;
  const M = a.shape[transA ? ra - 1 : ra - 2]!;
  const K = a.shape[transA ? ra - 2 : ra - 1]!;
  const N = b.shape[transB ? rb - 2 : rb - 1]!;
  // two matrices (linear's products, forward and backward): no batch dimensions to walk, no arrays for them
  const flat = ra === 2 && rb === 2;
  const batchA = flat ? NO_BATCH : a.shape.slice(0, ra - 2);
  const batchB = flat ? NO_BATCH : b.shape.slice(0, rb - 2);
  const rank = Math.max(batchA.length, batchB.length);
  const batch = flat ? NO_BATCH : new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = i < rank - batchA.length ? 1 : batchA[i - (rank - batchA.length)]!;
    const db = i < rank - batchB.length ? 1 : batchB[i - (rank - batchB.length)]!;
    if (da !== db && da !== 1 && db !== 1) {
      throw new RangeError(
        `matmul: batch dimensions cannot be broadcast: ${formatShape(a.shape)} x ${formatShape(b.shape)} (batch dimension ${i}: ${da} vs ${db})`,
      );
    }
    batch[i] = da === 1 ? db : da;
  }
  const count = sizeOf(batch);
  // every element is written unless the sum is empty (K = 0: zeros)
  const out =
    into !== null
      ? K > 0
        ? into
        : into.fill(0)
      : K > 0
        ? allocUninit(a.dtype, count * M * N)
        : allocZeroed(a.dtype, count * M * N);
  const sa = flat ? NO_BATCH : broadcastStrides(batchA, rank);
  const sb = flat ? NO_BATCH : broadcastStrides(batchB, rank);
  const index = flat ? NO_BATCH : new Array<number>(rank).fill(0);
  let ia = 0;
  let ib = 0;
  if (M * N > 0 && K > 0) {
    // float32 with K >= 8: float32 arithmetic (WebAssembly SIMD from 1,024 multiply-adds, else JavaScript: the
    // same values). Shorter sums keep float64 accumulation, rounded once: cheap at that size, and as accurate as
    // PyTorch's fused multiply-adds where a few products cancel.
    const f32 = a.dtype === 'float32' && K >= SGEMM_MIN_K;
    const rt = f32 ? matmulRuntime(M * N * K) : null;
    // large products split across threads when setNumThreads started some (same values: see setNumThreads)
    const par = rt !== null && M * N * K >= parallel.min ? parallel.run : null;
    let scratch: SgemmScratch | null = null; // only the JavaScript kernel needs it
    const biasF32 = bias !== null && f32 ? (bias.data as Float32Array) : null;
    // float64 / int32: float64 accumulation; transposed operands are copied into these first
    let bt: Float64Array | null = null;
    let at: TensorArray | null = null;
    let bs: TensorArray | null = null;
    let lastB = -1;
    let lastWasmB = -1;
    for (let t = 0; t < count; t++) {
      const ao = ia * M * K;
      const bo = ib * K * N;
      const co = t * M * N;
      if (f32) {
        const ad = a.data as Float32Array;
        const bd = b.data as Float32Array;
        const o = out as Float32Array;
        const done = par?.(ad, ao, transA, bd, bo, transB, o, co, M, K, N) === true;
        if (done) {
          // computed by the thread pool
          if (biasF32 !== null) addBiasF32(o, co, M, N, biasF32);
        } else if (
          rt !== null &&
          wasmMatmul(rt, ad, ao, transA, bd, bo, transB, o, co, M, K, N, ib === lastWasmB, biasF32)
        ) {
          lastWasmB = ib;
        } else {
          scratch ??= sgemmScratch();
          sgemmKernel(ad, ao, transA, bd, bo, transB, o, co, M, K, N, scratch, ib === lastB);
          lastB = ib;
          if (biasF32 !== null) addBiasF32(o, co, M, N, biasF32);
        }
      } else {
        let ad = a.data;
        let aoff = ao;
        if (transA) {
          at ??= allocUninit(a.dtype, M * K);
          transposeMatrix(a.data, ao, K, M, at);
          ad = at;
          aoff = 0;
        }
        let bd = b.data;
        let boff = bo;
        if (transB && ib !== lastB) {
          bs ??= allocUninit(b.dtype, K * N);
          transposeMatrix(b.data, bo, N, K, bs);
        }
        if (transB) {
          bd = bs!;
          boff = 0;
        }
        bt ??= new Float64Array(K * N);
        matmulKernel(ad, aoff, bd, boff, out, co, M, K, N, bt, ib === lastB);
        lastB = ib;
        if (bias !== null) addBias(out, co, M, N, bias.data);
      }
      for (let d = rank - 1; d >= 0; d--) {
        index[d]!++;
        ia += sa[d]!;
        ib += sb[d]!;
        if (index[d]! < batch[d]!) break;
        ia -= sa[d]! * batch[d]!;
        ib -= sb[d]! * batch[d]!;
        index[d] = 0;
      }
    }
  }
  if (bias !== null && (M * N === 0 || K === 0))
    for (let t = 0; t < count; t++) addBias(out, t * M * N, M, N, bias.data);
  return new Tensor(out, flat ? [M, N] : [...batch, M, N], a.dtype);
}

/** The batch shape, strides and index of a product of two matrices: empty (rank 0), never written. */
const NO_BATCH: number[] = [];

/** `c[off + i N + j] += bias[j]` for the `[M, N]` float32 matrix at `off` (one element type: monomorphic). */
function addBiasF32(c: Float32Array, off: number, M: number, N: number, bias: Float32Array): void {
  for (let i = 0; i < M; i++) {
    const base = off + i * N;
    for (let j = 0; j < N; j++) c[base + j] = c[base + j]! + bias[j]!;
  }
}

/** {@link addBiasF32} for any element type (float64 and int32 products). */
function addBias(c: TensorArray, off: number, M: number, N: number, bias: TensorArray): void {
  if (c instanceof Float32Array) {
    addBiasF32(c, off, M, N, bias as Float32Array);
    return;
  }
  for (let i = 0; i < M; i++) {
    const base = off + i * N;
    for (let j = 0; j < N; j++) c[base + j] = c[base + j]! + bias[j]!;
  }
}

/** @internal Records the product `result` of {@link batchedMatmul}; its gradients are such products again. */
function recordMatmul(result: Tensor, a: Tensor, b: Tensor, transA: boolean, transB: boolean): Tensor {
  return record('matmul', result, [a, b], (g) => [
    a.requiresGrad
      ? sumTo(transA ? batchedMatmul(b, g, transB, true) : batchedMatmul(g, b, false, !transB), a.shape)
      : null,
    b.requiresGrad
      ? sumTo(transB ? batchedMatmul(g, a, true, transA) : batchedMatmul(a, g, !transA, false), b.shape)
      : null,
  ]);
}

/**
 * Matrix product with `torch.matmul` semantics: 2-D × 2-D is the matrix product; operands of rank > 2 are stacks
 * of matrices whose batch (leading) dimensions broadcast; a 1-D first operand is treated as a row vector and a
 * 1-D second operand as a column vector, the added dimension being removed from the result (1-D × 1-D is the dot
 * product, a scalar).
 *
 * $C_{\ldots ij} = \sum_{k} A_{\ldots ik} B_{\ldots kj}$; the gradients are $\nabla_A = G B^\top$ and
 * $\nabla_B = A^\top G$ (summed over broadcast batch dimensions), themselves matmuls, so double backward works.
 *
 * Accuracy: float64 operands, and float32 operands with an inner dimension $K < 8$, accumulate in float64 and
 * round once. float32 operands with $K \ge 8$ compute in float32, as PyTorch and every BLAS do: each element is
 * $c \leftarrow \mathrm{fl}(c + \mathrm{fl}(a_{ik} b_{kj}))$ for $k = 0, 1, \ldots$ from
 * $c = 0$ (no fused multiply-add), the same in the WebAssembly and JavaScript kernels, bit for bit, within the
 * sequential-summation bound $|\hat c_{ij} - c_{ij}| \le \gamma_K \sum_k |A_{ik} B_{kj}|$,
 * $\gamma_K = Ku/(1 - Ku)$, $u = 2^{-24}$ (tested against the float64 product). PyTorch sums in another (blocked)
 * order, so the oracle tests compare matmul (and its gradients, with the other inner dimension) within
 * $2\sqrt{K}\,\varepsilon_{32} \sum_k |A_{ik} B_{kj}| + 10^{-6} |C_{ij}|$ ($\varepsilon_{32} = 2^{-23}$)
 * instead of the 1e-6 relative bound of other ops.
 *
 * Speed: float32 products from 1,024 multiply-adds run in WebAssembly SIMD (panels of 4 rows of A and 8 columns
 * of B, 4 × 8 tiles of four-lane multiply-adds, k in steps of 256): about 50 GFLOP/s of process CPU time at
 * 512 × 512 on a Zen 5 core in Node 20; the gradients' products read the transposed operands as stored (no
 * transpose copies), and a batch shares one output array and one set of kernel buffers. After
 * {@link setNumThreads | setNumThreads(n)}, products from $2^{22}$ multiply-adds are split by rows across `n`
 * threads, with the same values bit for bit.
 *
 * @param a - a tensor of rank ≥ 1.
 * @param b - a tensor of rank ≥ 1 with `a`'s dtype.
 * @returns the product.
 * @example
 * ```ts
 * import { matmul, tensor } from '@dl/tensor';
 * matmul(tensor([[1, 2], [3, 4]]), tensor([[5], [6]])).toArray(); // [[17], [39]]
 * matmul(tensor([1, 2]), tensor([3, 4])).item(); // 11
 * matmul(tensor([[[1, 0], [0, 1]]]), tensor([[2, 3], [4, 5]])).shape; // [1, 2, 2]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.matmul.html | torch.matmul}
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  checkTensor('matmul', 'a', a);
  checkTensor('matmul', 'b', b);
  if (a.dtype !== b.dtype) {
    throw new TypeError(`matmul: dtypes differ: ${a.dtype} and ${b.dtype}; convert one with cast() first`);
  }
  if (a.rank === 0 || b.rank === 0) {
    throw new RangeError(
      `matmul: both operands must have at least one dimension, got ${formatShape(a.shape)} x ${formatShape(b.shape)}`,
    );
  }
  const ka = a.shape[a.rank - 1]!;
  const kb = b.rank === 1 ? b.shape[0]! : b.shape[b.rank - 2]!;
  if (ka !== kb) {
    throw new RangeError(
      `matmul: inner dimensions differ: ${formatShape(a.shape)} x ${formatShape(b.shape)}`,
    );
  }
  const a2 = a.rank === 1 ? reshape(a, [1, ka]) : a;
  const b2 = b.rank === 1 ? reshape(b, [kb, 1]) : b;
  const c = batchedMatmul(a2, b2);
  if (a.rank > 1 && b.rank > 1) return c;
  const shape = c.shape.slice();
  if (b.rank === 1) shape.pop();
  if (a.rank === 1) shape.splice(shape.length - (b.rank === 1 ? 1 : 2), 1);
  return reshape(c, shape);
}
