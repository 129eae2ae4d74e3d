import { formatShape } from '../shape';
import type { Tensor } from '../tensor';
import { checkTensor } from './_check';
import { stridedScatter } from './_strided';

/** Options of {@link pad}. */
export interface PadOptions {
  /**
   * The fill value of the padding.
   * @defaultValue 0
   */
  value?: number;
}

/**
 * Constant padding with PyTorch `F.pad` ordering: `pads` lists (before, after) pairs starting from the LAST
 * axis — `[left, right]` pads the last axis, `[left, right, top, bottom]` the last two, and so on. Pads must be
 * non-negative (PyTorch's negative "cropping" pads are not supported; use {@link slice}).
 *
 * $\operatorname{shape}(y)_d = d_d + p^{\text{before}}_d + p^{\text{after}}_d$; the gradient is the matching
 * slice of $g$.
 *
 * @param x - the input.
 * @param pads - an even number (at most `2 * rank`) of non-negative integers, last axis first.
 * @param options - `value` (default 0); see {@link PadOptions}.
 * @returns the padded tensor.
 * @example
 * ```ts
 * import { pad, tensor } from '@dl/tensor';
 * pad(tensor([[1, 2]]), [1, 0]).toArray(); // [[0, 1, 2]]
 * pad(tensor([[1, 2]]), [0, 1, 1, 0], { value: 9 }).toArray(); // [[9, 9, 9], [1, 2, 9]]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.functional.pad.html | torch.nn.functional.pad}
 */
export function pad(x: Tensor, pads: readonly number[], options: PadOptions = {}): Tensor {
  checkTensor('pad', 'x', x);
  const value = options.value ?? 0;
  if (typeof value !== 'number') throw new TypeError(`pad: value must be a number, got ${typeof value}`);
  if (
    !Array.isArray(pads) ||
    pads.length % 2 !== 0 ||
    pads.length > 2 * x.rank ||
    pads.some((p) => typeof p !== 'number' || !Number.isInteger(p) || p < 0)
  ) {
    throw new RangeError(
      `pad: pads must be an even number (at most ${2 * x.rank} for shape ${formatShape(x.shape)}) of non-negative integers, last axis first, got ${
        Array.isArray(pads) ? `[${pads.join(', ')}]` : String(pads)
      }`,
    );
  }
  const rank = x.rank;
  const starts = new Array<number>(rank).fill(0);
  const shape = x.shape.slice();
  for (let k = 0; k < pads.length / 2; k++) {
    const d = rank - 1 - k;
    starts[d] = pads[2 * k]!;
    shape[d] = shape[d]! + pads[2 * k]! + pads[2 * k + 1]!;
  }
  return stridedScatter(x, shape, starts, new Array<number>(rank).fill(1), value);
}
