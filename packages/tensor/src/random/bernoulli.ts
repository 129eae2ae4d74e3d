import { defineOptions, describe } from '@dl/internal';
import { allocUninit } from '../memory/_pool';
import { checkShape, formatShape, type Shape } from '../shape';
import { Tensor } from '../tensor';
import { uniform53 } from './_draw';
import type { RandOptions } from './rand';
import { floatDtype } from './rand';
import { resolveGenerator } from './randomOptions';

/** Options of {@link bernoulli}. */
export interface BernoulliOptions extends Omit<RandOptions, 'requiresGrad'> {
  /**
   * The shape of the result when `p` is a number (ignored, and must be absent, when `p` is a tensor).
   * @defaultValue `[]` (a scalar)
   */
  shape?: Shape;
}

/** @internal The checker of {@link BernoulliOptions}. */
export const bernoulliOptions = /* @__PURE__ */ defineOptions<BernoulliOptions>()('bernoulli', {
  shape: undefined,
  dtype: 'float32',
  generator: undefined,
  seed: undefined,
});

/**
 * Bernoulli draws: $x_i = 1$ with probability $p_i$, else $0$ (i.e. $x_i = [u_i < p_i]$ with $u_i$ uniform in
 * $[0, 1)$: 24-bit uniforms for float32, 53-bit for float64, see {@link createGenerator}).
 *
 * @param p - the probabilities, each in $[0, 1]$: a float tensor (the result has its shape and dtype) or a number
 *   (the result has `options.shape` and `options.dtype`).
 * @param options - the generator (or seed), and for a number `p` the shape and dtype; see
 *   {@link BernoulliOptions}.
 * @returns a new tensor of zeros and ones (not requiring gradients).
 * @example
 * ```ts
 * import { bernoulli, createGenerator, tensor } from '@dl/tensor';
 * const g = createGenerator(5);
 * bernoulli(tensor([0, 1, 0, 1]), { generator: g }).toArray(); // [0, 1, 0, 1]
 * bernoulli(0.5, { shape: [8], generator: g }).shape; // [8]
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.bernoulli.html
 */
export function bernoulli(p: Tensor | number, options: BernoulliOptions = {}): Tensor {
  options = bernoulliOptions(options, 'bernoulli');
  let probs: ArrayLike<number>;
  let shape: number[];
  let dtype: 'float32' | 'float64';
  if (p instanceof Tensor) {
    if (p.dtype === 'int32')
      throw new TypeError('bernoulli: p must be a float32 or float64 tensor, got int32');
    if (options.shape !== undefined) {
      throw new TypeError(
        `bernoulli: options.shape is only for a number p; p is a tensor of shape ${formatShape(p.shape)}`,
      );
    }
    probs = p.data;
    shape = p.shape.slice();
    dtype = p.dtype;
  } else if (typeof p === 'number') {
    shape = checkShape('bernoulli', 'options.shape', options.shape ?? []);
    dtype = floatDtype('bernoulli', options.dtype);
    probs = [p];
  } else {
    throw new TypeError(`bernoulli: p must be a Tensor or a number, got ${describe(p)}`);
  }
  for (let i = 0; i < probs.length; i++) {
    const v = probs[i]!;
    if (!(v >= 0 && v <= 1)) {
      throw new RangeError(
        `bernoulli: p must hold probabilities in [0, 1], got ${v}${probs.length > 1 ? ` at flat index ${i}` : ''}`,
      );
    }
  }
  const g = resolveGenerator('bernoulli', options);
  const size = shape.reduce((a, b) => a * b, 1);
  const out = allocUninit(dtype, size);
  const scalar = probs.length === 1 && !(p instanceof Tensor);
  if (dtype === 'float32') {
    for (let i = 0; i < size; i++) {
      const u = (g.nextUint32() >>> 8) * 5.9604644775390625e-8;
      out[i] = u < (scalar ? probs[0]! : probs[i]!) ? 1 : 0;
    }
  } else {
    for (let i = 0; i < size; i++) out[i] = uniform53(g) < (scalar ? probs[0]! : probs[i]!) ? 1 : 0;
  }
  return new Tensor(out, shape, dtype);
}
