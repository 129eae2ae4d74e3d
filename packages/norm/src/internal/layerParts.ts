import { describe } from '@dl/internal';
import { ones, type Tensor, zeros } from '@dl/tensor';
import { checkFloatTensor, shapeOf } from './checks';

export type FloatDType = 'float32' | 'float64';

export function checkDtype(fn: string, v: unknown): FloatDType {
  if (v !== 'float32' && v !== 'float64') {
    throw new TypeError(`${fn}: dtype must be 'float32' or 'float64', got ${describe(v)}`);
  }
  return v;
}

/** A learnable parameter of ones or zeros. */
export function param(shape: number[], value: 0 | 1, dtype: FloatDType): Tensor {
  return (value === 1 ? ones : zeros)(shape, { dtype, requiresGrad: true });
}

/** Checks the layer input: a float tensor of an allowed rank whose dimension 1 has `channels` entries. */
export function checkChannels(
  fn: string,
  x: unknown,
  ranks: readonly number[],
  channels: number,
  ranksText: string,
): Tensor {
  const t = checkFloatTensor(fn, 'x', x);
  if (!ranks.includes(t.rank)) {
    throw new RangeError(`${fn}: expected ${ranksText} input, got shape ${shapeOf(t.shape)} (${t.rank}-D)`);
  }
  if (t.shape[1] !== channels) {
    throw new RangeError(
      `${fn}: x has shape ${shapeOf(t.shape)}, expected ${channels} channels in dimension 1 (numFeatures = ${channels})`,
    );
  }
  return t;
}
