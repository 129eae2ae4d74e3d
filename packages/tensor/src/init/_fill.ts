import { finish } from '../creation/tensor';
import { allocUninit } from '../memory/_pool';
import { fillNormal, fillUniform } from '../random/_draw';
import { floatDtype } from '../random/rand';
import { resolveGenerator } from '../random/randomOptions';
import { checkShape, type Shape } from '../shape';
import { Tensor } from '../tensor';
import { calculateFanInAndFanOut } from './calculateFanInAndFanOut';
import type { InitOptions } from './initOptions';

/** @internal Validated shape, dtype and fans for initializer `fn` (fans need rank >= 2, like PyTorch). */
export function initSetup(
  fn: string,
  shape: Shape,
  options: InitOptions,
): { shape: number[]; dtype: 'float32' | 'float64'; fanIn: number; fanOut: number } {
  const s = checkShape(fn, 'shape', shape);
  const dtype = floatDtype(fn, options.dtype);
  if (s.length < 2) {
    throw new RangeError(
      `${fn}: fan in and fan out can not be computed for a shape with fewer than 2 dimensions, got [${s.join(', ')}]`,
    );
  }
  return { shape: s, dtype, ...calculateFanInAndFanOut(s) };
}

/** @internal A tensor of U(-bound, bound) (bound = 0 gives zeros without drawing). */
export function uniformTensor(
  fn: string,
  shape: number[],
  dtype: 'float32' | 'float64',
  bound: number,
  options: InitOptions,
): Tensor {
  const data = allocUninit(
    dtype,
    shape.reduce((a, b) => a * b, 1),
  ) as Float32Array | Float64Array;
  const g = resolveGenerator(fn, options);
  if (data.length > 0) fillUniform(g, data, -bound, bound);
  return finish(new Tensor(data, shape, dtype), fn, options);
}

/** @internal A tensor of N(0, std^2). */
export function normalTensor(
  fn: string,
  shape: number[],
  dtype: 'float32' | 'float64',
  std: number,
  options: InitOptions,
): Tensor {
  const data = allocUninit(
    dtype,
    shape.reduce((a, b) => a * b, 1),
  ) as Float32Array | Float64Array;
  const g = resolveGenerator(fn, options);
  if (data.length > 0) fillNormal(g, data, 0, std);
  return finish(new Tensor(data, shape, dtype), fn, options);
}

/** @internal Xavier's standard deviation, computed in PyTorch's order of operations. */
export function xavierStd(fanIn: number, fanOut: number, gain: number): number {
  return gain * Math.sqrt(2.0 / (fanIn + fanOut));
}

/** @internal Kaiming's standard deviation, computed in PyTorch's order of operations. */
export function kaimingStd(fan: number, gain: number): number {
  return gain / Math.sqrt(fan);
}
