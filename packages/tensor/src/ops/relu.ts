import { SAVES_OUTPUT } from '../autograd/node';
import { record } from '../autograd/record';
import type { TensorArray } from '../dtype';
import { fusedBackward, mapUnary } from '../kernels/unary';
import type { Tensor } from '../tensor';
import { wasmUnary } from '../wasm/elementwise';
import { wasmFor } from '../wasm/runtime';
import { mul } from './mul';

/** Elements per reluRun call: short calls get V8's regular optimization instead of on-stack replacement. */
const CHUNK = 8192;

/**
 * max(v, 0) over whole (sub)arrays, four at a time. For finite |v| < 8.9e307, (v + |v|) / 2 is exactly max(v, 0)
 * (and +0 for -0) without a data-dependent branch: Math.max compiles to compares that mispredict on mixed signs
 * (about 4x slower). A group containing NaN, an infinity or a huge value (its |v| sum is not below the bound)
 * takes Math.max, so NaN passes through as in PyTorch.
 */
function reluRun(src: TensorArray, dst: TensorArray): void {
  const n = src.length;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const v0 = src[i]!;
    const v1 = src[i + 1]!;
    const v2 = src[i + 2]!;
    const v3 = src[i + 3]!;
    const a0 = Math.abs(v0);
    const a1 = Math.abs(v1);
    const a2 = Math.abs(v2);
    const a3 = Math.abs(v3);
    if (a0 + a1 + a2 + a3 < 8.9e307) {
      dst[i] = (v0 + a0) * 0.5;
      dst[i + 1] = (v1 + a1) * 0.5;
      dst[i + 2] = (v2 + a2) * 0.5;
      dst[i + 3] = (v3 + a3) * 0.5;
    } else {
      dst[i] = Math.max(v0, 0);
      dst[i + 1] = Math.max(v1, 0);
      dst[i + 2] = Math.max(v2, 0);
      dst[i + 3] = Math.max(v3, 0);
    }
  }
  for (; i < n; i++) dst[i] = Math.max(src[i]!, 0);
}

function reluLoop(src: TensorArray, dst: TensorArray): void {
  const n = src.length;
  // float32: the WebAssembly kernel (f32x4.max, the same values: NaN stays NaN, -0 gives +0)
  const rt = src instanceof Float32Array ? wasmFor(n) : null;
  if (rt !== null) {
    wasmUnary(rt, 'relu', src as Float32Array, dst as Float32Array);
    return;
  }
  if (n <= CHUNK) {
    reluRun(src, dst);
    return;
  }
  for (let i = 0; i < n; i += CHUNK) {
    const e = Math.min(n, i + CHUNK);
    reluRun(src.subarray(i, e), dst.subarray(i, e));
  }
}

/** @internal 1 where x > 0, else 0 (also at 0 and for NaN). */
export function positiveMaskLoop(src: TensorArray, dst: TensorArray): void {
  const n = src.length;
  const rt = src instanceof Float32Array ? wasmFor(n) : null;
  if (rt !== null) {
    wasmUnary(rt, 'positive', src as Float32Array, dst as Float32Array);
    return;
  }
  // +(comparison) compiles to a flag-to-number move, with no branch to mispredict on mixed signs
  for (let i = 0; i < n; i++) dst[i] = +(src[i]! > 0);
}

/** g times relu's 0/1 mask, as `mul(g, mask)` computes it (NaN and infinite gradients times 0 give NaN). */
function reluBackwardLoop(g: TensorArray, x: TensorArray, out: TensorArray): void {
  for (let i = 0; i < out.length; i++) out[i] = g[i]! * +(x[i]! > 0);
}

/**
 * Rectified linear unit.
 *
 * $y = \max(x, 0)$ (NaN stays NaN); gradient 1 for $x > 0$ and 0 for $x \le 0$ — PyTorch's choice
 * $\operatorname{relu}'(0) = 0$.
 *
 * @param x - the input (any dtype).
 * @returns a tensor of `x`'s shape and dtype.
 * @example
 * ```ts
 * import { relu, tensor } from '@dl/tensor';
 * relu(tensor([-1, 0, 2])).toArray(); // [0, 0, 2]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.ReLU.html | torch.nn.ReLU}
 */
export function relu(x: Tensor): Tensor {
  const out = mapUnary('relu', x, reluLoop, false);
  // the mask is read from the output (out > 0 exactly where x > 0), so the backward saves the output, as PyTorch's
  return record(
    'relu',
    out,
    [x],
    (g) => [
      fusedBackward(g, out, 'reluBwd', reluBackwardLoop) ??
        mul(g, mapUnary('relu', out, positiveMaskLoop, false, 0, 0, 'positiveMask')),
    ],
    SAVES_OUTPUT,
  );
}
