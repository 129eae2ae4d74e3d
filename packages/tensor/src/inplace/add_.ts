import { SAVES_NONE } from '../autograd/node';
import { type Operand, operands } from '../kernels/binary';
import { add } from '../ops/add';
import { sumTo } from '../ops/sumTo';
import type { Tensor } from '../tensor';
import { inPlace } from './_inPlace';

/**
 * Adds `y` to `x` in place, $x \leftarrow x + y$ ($y$ broadcast to $x$'s shape), and returns `x` — PyTorch's
 * `x.add_(y)`. The values equal {@link add}'s bit for bit.
 *
 * In-place ops (`add_`, `sub_`, `mul_`, `div_`, `clip_`, `relu_`, `fill_`, `zero_`, `copy_`) follow PyTorch:
 *
 * - each one adds 1 to `x`'s {@link Tensor.inPlaceVersion | version} (shared with its views); a recorded op
 *   notes the versions of the tensors its backward reads, and `backward()` throws, naming the op, when one of them
 *   was modified since (`… has been modified by an in-place operation …`), instead of computing a wrong gradient;
 * - outside {@link noGrad}, a leaf that requires gradients cannot be modified in place (update parameters inside
 *   `noGrad`, as optimizers do);
 * - on an intermediate tensor that takes part in autograd, the op is recorded: `x` becomes its output and the
 *   gradient flows through it to `x`'s old history (`relu_(linear(x, w))` trains like `relu(linear(x, w))`).
 *   Unlike PyTorch, a tensor that a recorded op has already read, or that has views, is refused here (PyTorch
 *   rewires those edges; use the out-of-place op).
 *
 * @param x - the tensor to modify (float32, float64 or int32; on the CPU).
 * @param y - a tensor (broadcast to `x`'s shape, same dtype) or a number.
 * @returns `x`.
 * @example
 * ```ts
 * import { add_, tensor } from '@dl/tensor';
 * const x = tensor([1, 2, 3]);
 * add_(x, 10).toArray(); // [11, 12, 13]
 * x.inPlaceVersion; // 1
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.Tensor.add_.html | torch.Tensor.add_}
 */
export function add_(x: Tensor, y: Operand): Tensor {
  return inPlace(
    'add_',
    x,
    (t) => add(...operands('add_', t, y)),
    (t) => {
      const [, yt] = operands('add_', t, y);
      return { others: [yt], needsOld: false, saves: SAVES_NONE, backward: (g) => [g, sumTo(g, yt.shape)] };
    },
    'add(x, y)',
  );
}
