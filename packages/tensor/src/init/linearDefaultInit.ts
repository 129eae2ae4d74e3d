import { defineOptions, describe } from '@dl/internal';
import { allocUninit } from '../memory/_pool';
import { fillUniform } from '../random/_draw';
import { floatDtype } from '../random/rand';
import { resolveGenerator } from '../random/randomOptions';
import { Tensor } from '../tensor';
import { kaimingStd } from './_fill';
import { calculateGain } from './calculateGain';
import type { InitOptions } from './initOptions';

/** Options of {@link linearDefaultInit}. */
export interface LinearInitOptions extends InitOptions {
  /**
   * Also create a bias.
   * @defaultValue true
   */
  bias?: boolean;
}

/** @internal The checker of {@link LinearInitOptions}. */
export const linearInitOptions = /* @__PURE__ */ defineOptions<LinearInitOptions>()('linearDefaultInit', {
  bias: true,
  dtype: 'float32',
  requiresGrad: false,
  generator: undefined,
  seed: undefined,
});

/** The parameters made by {@link linearDefaultInit}. */
export interface LinearParameters {
  /** The weight, shape `[outFeatures, inFeatures]`. */
  weight: Tensor;
  /** The bias, shape `[outFeatures]`, or null when `options.bias` is false. */
  bias: Tensor | null;
}

/**
 * The default initialization of a PyTorch `nn.Linear(inFeatures, outFeatures)` layer: the weight `[out, in]` is
 * `kaiming_uniform_(a = sqrt(5))`, i.e. $\mathcal{U}(-b, b)$ with
 * $b = \sqrt{3} \cdot \sqrt{2/(1+5)} / \sqrt{\mathrm{in}} = 1/\sqrt{\mathrm{in}}$, and the bias `[out]` is
 * $\mathcal{U}(-1/\sqrt{\mathrm{in}}, 1/\sqrt{\mathrm{in}})$ (zero bound when `in` is 0). The weight is drawn
 * first, then the bias, from the same generator.
 *
 * @param inFeatures - the number of inputs (a non-negative integer).
 * @param outFeatures - the number of outputs (a non-negative integer).
 * @param options - `bias`, the generator (or seed), dtype, `requiresGrad`; see {@link LinearInitOptions}.
 * @returns `{ weight, bias }`; `bias` is null when `options.bias` is false.
 * @example
 * ```ts
 * import { linearDefaultInit } from '@dl/tensor';
 * const { weight, bias } = linearDefaultInit(4, 3, { seed: 0 });
 * weight.shape; // [3, 4]
 * bias?.shape; // [3]
 * weight.data.every((v) => Math.abs(v) <= 0.5); // true
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.Linear.html
 */
export function linearDefaultInit(
  inFeatures: number,
  outFeatures: number,
  options: LinearInitOptions = {},
): LinearParameters {
  options = linearInitOptions(options, 'linearDefaultInit');
  const fn = 'linearDefaultInit';
  for (const [name, v] of [
    ['inFeatures', inFeatures],
    ['outFeatures', outFeatures],
  ] as const) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      throw new TypeError(`${fn}: ${name} must be a non-negative integer, got ${describe(v)}`);
    }
  }
  const dtype = floatDtype(fn, options.dtype);
  const g = resolveGenerator(fn, options);
  const { weightBound, biasBound } = linearBounds(inFeatures);
  const w = allocUninit(dtype, outFeatures * inFeatures) as Float32Array | Float64Array;
  fillUniform(g, w, -weightBound, weightBound);
  const weight = new Tensor(w, [outFeatures, inFeatures], dtype);
  let bias: Tensor | null = null;
  if (options.bias) {
    const b = allocUninit(dtype, outFeatures) as Float32Array | Float64Array;
    fillUniform(g, b, -biasBound, biasBound);
    bias = new Tensor(b, [outFeatures], dtype);
  }
  if (options.requiresGrad) {
    weight.requiresGrad = true;
    if (bias) bias.requiresGrad = true;
  }
  return { weight, bias };
}

/** @internal nn.Linear's bounds, computed in PyTorch's order of operations (reset_parameters). */
export function linearBounds(inFeatures: number): { weightBound: number; biasBound: number } {
  if (inFeatures === 0) return { weightBound: 0, biasBound: 0 };
  const gain = calculateGain('leaky_relu', Math.sqrt(5));
  return { weightBound: Math.sqrt(3.0) * kaimingStd(inFeatures, gain), biasBound: 1 / Math.sqrt(inFeatures) };
}
