import { describe } from '@dl/internal';
import { Tensor } from '../tensor';
import { checkIndex } from './_check';

/**
 * One-hot encoding of int32 class labels as float32: a new last axis of length `numClasses` holding 1 at the
 * label's position and 0 elsewhere.
 *
 * $y_{\ldots c} = [\,\text{labels}_{\ldots} = c\,]$
 *
 * @param labels - an int32 tensor of class indices in `[0, numClasses)`.
 * @param numClasses - the number of classes; `-1` infers `max(labels) + 1` like PyTorch. Default: -1.
 * @returns a float32 tensor of shape `[...labels.shape, numClasses]` (not requiring gradients).
 * @example
 * ```ts
 * import { oneHot, tensor } from '@dl/tensor';
 * oneHot(tensor([0, 2], { dtype: 'int32' }), 3).toArray(); // [[1, 0, 0], [0, 0, 1]]
 * oneHot(tensor([1], { dtype: 'int32' })).shape; // [1, 2]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.functional.one_hot.html | torch.nn.functional.one_hot}
 */
export function oneHot(labels: Tensor, numClasses = -1): Tensor {
  checkIndex('oneHot', 'labels', labels);
  const d = labels.data;
  let k = numClasses;
  if (k === -1) {
    k = 0;
    for (let i = 0; i < d.length; i++) if (d[i]! + 1 > k) k = d[i]! + 1;
  } else if (typeof k !== 'number' || !Number.isInteger(k) || k < 1) {
    throw new RangeError(`oneHot: numClasses must be a positive integer or -1, got ${describe(numClasses)}`);
  }
  const out = new Float32Array(d.length * k);
  for (let i = 0; i < d.length; i++) {
    const c = d[i]!;
    if (c < 0 || c >= k) {
      throw new RangeError(`oneHot: labels[${i}] (flat index) is ${c}, expected a class in [0, ${k - 1}]`);
    }
    out[i * k + c] = 1;
  }
  return new Tensor(out, [...labels.shape, k], 'float32');
}
