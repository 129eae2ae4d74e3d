import { defineOptions, describe } from '@dl/internal';
import type { Shape } from '../shape';
import type { Tensor } from '../tensor';
import { initSetup, kaimingStd, uniformTensor } from './_fill';
import { calculateGain, type Nonlinearity } from './calculateGain';
import type { InitOptions } from './initOptions';

/** Options of {@link kaimingUniform} and {@link kaimingNormal}. */
export interface KaimingOptions extends InitOptions {
  /**
   * The negative slope of the rectifier that follows (used with `'leaky_relu'`).
   * @defaultValue 0
   */
  a?: number;
  /**
   * Preserve the variance of the forward pass (`'fan_in'`) or of the backward pass (`'fan_out'`). `'fanIn'` and
   * `'fanOut'` are accepted as aliases.
   * @defaultValue 'fan_in'
   */
  mode?: 'fan_in' | 'fan_out' | 'fanIn' | 'fanOut';
  /**
   * The nonlinearity that follows, for {@link calculateGain}.
   * @defaultValue 'leaky_relu'
   */
  nonlinearity?: Nonlinearity;
}

/** @internal The checker of {@link KaimingOptions}. */
export const kaimingOptions = /* @__PURE__ */ defineOptions<KaimingOptions>()('kaimingUniform', {
  a: 0,
  mode: 'fan_in',
  nonlinearity: 'leaky_relu',
  dtype: 'float32',
  requiresGrad: false,
  generator: undefined,
  seed: undefined,
});

/** @internal Kaiming's fan and gain for `options`, validated like PyTorch's `_calculate_correct_fan`. */
export function kaimingScale(
  fn: string,
  shape: Shape,
  options: KaimingOptions,
): ReturnType<typeof initSetup> & { std: number } {
  const s = initSetup(fn, shape, options);
  const mode = options.mode ?? 'fan_in';
  let fan: number;
  if (mode === 'fan_in' || mode === 'fanIn') fan = s.fanIn;
  else if (mode === 'fan_out' || mode === 'fanOut') fan = s.fanOut;
  else throw new RangeError(`${fn}: mode must be 'fan_in' or 'fan_out', got ${describe(mode)}`);
  const a = options.a ?? 0;
  if (typeof a !== 'number' || !Number.isFinite(a)) {
    throw new TypeError(`${fn}: a must be a finite number, got ${describe(a)}`);
  }
  const gain = calculateGain(options.nonlinearity ?? 'leaky_relu', a);
  return { ...s, std: kaimingStd(fan, gain) };
}

/**
 * Kaiming/He uniform initialization, as `torch.nn.init.kaiming_uniform_`: $W \sim \mathcal{U}(-b, b)$ with
 * $b = \sqrt{3} \cdot \mathrm{gain} / \sqrt{\mathrm{fan}}$, where gain is
 * {@link calculateGain}`(nonlinearity, a)` and fan is fanIn or fanOut by `mode`. An empty shape gives an empty
 * tensor (PyTorch warns and does nothing).
 *
 * @param shape - the weight's shape (rank at least 2).
 * @param options - `a`, `mode`, `nonlinearity`, the generator (or seed), dtype, `requiresGrad`; see
 *   {@link KaimingOptions}.
 * @returns a new tensor.
 * @example
 * ```ts
 * import { kaimingUniform } from '@dl/tensor';
 * const w = kaimingUniform([64, 32], { nonlinearity: 'relu', seed: 0 });
 * w.data.every((v) => Math.abs(v) <= Math.sqrt(6 / 32)); // true
 * ```
 * @see https://pytorch.org/docs/1.13/nn.init.html#torch.nn.init.kaiming_uniform_
 */
export function kaimingUniform(shape: Shape, options: KaimingOptions = {}): Tensor {
  options = kaimingOptions(options, 'kaimingUniform');
  const s = kaimingScale('kaimingUniform', shape, options);
  const bound = s.fanIn * s.fanOut === 0 ? 0 : Math.sqrt(3.0) * s.std;
  return uniformTensor('kaimingUniform', s.shape, s.dtype, bound, options);
}
