import { defineOptions, describe } from '@dl/internal';
import { dropout, type Generator, type Tensor } from '@dl/tensor';
import { layerInput } from './_input';
import { layerGenerator } from './_random';
import { Module } from './Module';
import type { Layer } from './types';

/** Options of {@link Dropout}. */
export interface DropoutOptions {
  /**
   * The probability of zeroing an element, in $[0, 1]$.
   * @defaultValue 0.5
   */
  p?: number;
  /**
   * The generator the masks are drawn from (advanced by every training-mode forward).
   * @defaultValue a fresh generator seeded from `Math.random()` unless `seed` is given (not reproducible)
   */
  generator?: Generator;
  /**
   * A seed for a fresh generator, used when `generator` is not given.
   * @defaultValue none
   */
  seed?: number;
}

/** @internal The checker of {@link DropoutOptions}; a bare number is `p`, as in PyTorch's `nn.Dropout(0.5)`. */
export const dropoutOptions = /* @__PURE__ */ defineOptions<DropoutOptions>()(
  'Dropout',
  { p: 0.5, generator: undefined, seed: undefined },
  { positional: 'p' },
);

/**
 * Inverted dropout as a layer, like PyTorch's `nn.Dropout`: in training mode each element is zeroed with
 * probability $p$ and the others are scaled by $1/(1-p)$; in evaluation mode (after {@link Module.eval}) the
 * input passes through unchanged. No parameters.
 *
 * @example
 * ```ts
 * import { full } from '@dl/tensor';
 * import { Dropout } from '@dl/nn';
 * const drop = new Dropout({ p: 0.5, seed: 0 });
 * const y = drop.forward(full([1000], 1));
 * y.data.every((v) => v === 0 || v === 2); // true
 * drop.eval().forward(full([3], 1)).toArray(); // [1, 1, 1]
 * new Dropout(0.2).p; // 0.2
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.Dropout.html
 */
export class Dropout extends Module implements Layer {
  /** The probability of zeroing an element. */
  readonly p: number;
  #generator: Generator;

  /**
   * @param options - see {@link DropoutOptions}; a number is the probability `p` (`new Dropout(0.2)`, as in
   *   PyTorch's `nn.Dropout(0.2)`).
   */
  constructor(options: DropoutOptions | number = {}) {
    super();
    const o = dropoutOptions(options, 'Dropout');
    const p = o.p;
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
      throw new RangeError(`Dropout: p (dropout probability) must be in [0, 1], got ${describe(p)}`);
    }
    this.p = p;
    this.#generator = layerGenerator('Dropout', o);
  }

  /**
   * Applies dropout in training mode; returns `x` itself in evaluation mode.
   * @param x - a float tensor.
   * @returns a tensor of `x`'s shape.
   */
  forward(x: Tensor): Tensor {
    layerInput('Dropout', x);
    return dropout(x, { p: this.p, training: this.training, generator: this.#generator });
  }
}
