import { record } from '../autograd/record';
import { allocUninit } from '../memory/_pool';
import { formatShape } from '../shape';
import { Tensor } from '../tensor';
import { checkFloat } from './_check';
import { mul } from './mul';
import { positiveMaskLoop } from './relu';
import { reshape } from './reshape';
import { sumTo } from './sumTo';
import { where } from './where';

/** PyTorch's initial value of the learnable PReLU slope (`nn.PReLU(init=0.25)`); the layer creates the weight. */
export const PRELU_INIT = 0.25;

/**
 * Parametric ReLU with a learnable negative slope, one per channel (dimension 1) or a single shared one.
 *
 * $y = x$ for $x > 0$, $y = w_c\,x$ otherwise, where $c$ is the index along dimension 1 (or the single weight).
 * Gradients: $\partial y/\partial x = 1$ for $x > 0$ and $w_c$ for $x \le 0$ (the slope at 0, as in PyTorch);
 * $\partial y/\partial w_c = x$ summed over the non-positive elements of channel $c$. Initialize the weight
 * with {@link PRELU_INIT}.
 *
 * @param x - the input (float32 or float64); with several weights, of rank ≥ 2 with `x.shape[1]` channels.
 * @param weight - the slopes: one element, or a 1-D tensor with one entry per channel, of `x`'s dtype.
 * @returns a tensor of `x`'s shape and dtype.
 * @example
 * ```ts
 * import { PRELU_INIT, full, prelu, tensor } from '@dl/tensor';
 * const w = full([1], PRELU_INIT, { requiresGrad: true });
 * prelu(tensor([-2, 3]), w).toArray(); // [-0.5, 3]
 * prelu(tensor([[-1, -1]]), tensor([0.1, 0.2])).toArray(); // [[-0.1, -0.2]]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.PReLU.html | torch.nn.PReLU}
 */
export function prelu(x: Tensor, weight: Tensor): Tensor {
  checkFloat('prelu', 'x', x);
  checkFloat('prelu', 'weight', weight);
  if (weight.dtype !== x.dtype) {
    throw new TypeError(`prelu: weight has dtype ${weight.dtype}, expected x's dtype ${x.dtype}`);
  }
  const channels = weight.size;
  let wShape: number[];
  if (channels === 1) {
    wShape = [];
  } else {
    if (weight.rank !== 1) {
      throw new RangeError(
        `prelu: weight must have one element or be 1-D with one slope per channel, got shape ${formatShape(weight.shape)}`,
      );
    }
    if (x.rank < 2 || x.shape[1] !== channels) {
      throw new RangeError(
        `prelu: weight has ${channels} slopes but x of shape ${formatShape(x.shape)} has ${x.rank < 2 ? 'no channel dimension' : `${x.shape[1]} channels in dimension 1`}`,
      );
    }
    wShape = [channels, ...new Array<number>(x.rank - 2).fill(1)];
  }
  const xd = x.data;
  const wd = weight.data;
  const out = allocUninit(x.dtype, x.size);
  if (channels === 1) {
    const w = wd[0]!;
    for (let i = 0; i < xd.length; i++) {
      const v = xd[i]!;
      out[i] = v > 0 ? v : w * v;
    }
  } else {
    const inner = x.size / (x.shape[0]! * channels);
    for (let o = 0, i = 0; o < x.shape[0]!; o++) {
      for (let c = 0; c < channels; c++) {
        const w = wd[c]!;
        for (let k = 0; k < inner; k++, i++) {
          const v = xd[i]!;
          out[i] = v > 0 ? v : w * v;
        }
      }
    }
  }
  return record('prelu', new Tensor(out, x.shape, x.dtype), [x, weight], (g) => {
    const pos = new Tensor(allocUninit(x.dtype, x.size), x.shape, x.dtype);
    positiveMaskLoop(x.data, pos.data);
    const wB = reshape(weight, wShape);
    return [
      x.requiresGrad ? where(pos, g, mul(g, wB)) : null,
      weight.requiresGrad ? reshape(sumTo(where(pos, 0, mul(g, x)), wShape), weight.shape) : null,
    ];
  });
}
