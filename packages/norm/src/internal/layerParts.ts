import { describe } from '@dl/internal';
import type { Module } from '@dl/nn';
import { ones, type Tensor, tensor, zeros } from '@dl/tensor';
import { checkBool, checkFeatureCount, checkFloatTensor, checkPositive, shapeOf } from './checks';

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

/** @internal The checked options every per-channel norm layer (batch and instance norm) shares. */
export interface ChannelOptions {
  numFeatures: number;
  eps: number;
  affine: boolean;
  trackRunningStats: boolean;
  dtype: FloatDType;
}

/**
 * @internal Checks what the batch and instance norm layers have in common: the channel count and the options
 * `eps`, `affine`, `trackRunningStats` and `dtype` (each layer checks its own `momentum`).
 */
export function channelOptions(
  fn: string,
  numFeatures: unknown,
  o: { eps: unknown; affine: unknown; trackRunningStats: unknown; dtype: unknown },
): ChannelOptions {
  return {
    numFeatures: checkFeatureCount(fn, 'numFeatures', numFeatures),
    eps: checkPositive(fn, 'eps', o.eps),
    affine: checkBool(fn, 'affine', o.affine),
    trackRunningStats: checkBool(fn, 'trackRunningStats', o.trackRunningStats),
    dtype: checkDtype(fn, o.dtype),
  };
}

/**
 * @internal The state of a per-channel norm layer: `weight` (ones) and `bias` (zeros) `[C]` with `affine`, and
 * with `trackRunningStats` the buffers PyTorch names `running_mean` (zeros), `running_var` (ones) and
 * `num_batches_tracked` (an int32 0), registered on `layer` (`null` when off).
 */
export function channelState(
  layer: Module,
  c: ChannelOptions,
): { weight: Tensor | null; bias: Tensor | null } {
  const { numFeatures: n, affine, trackRunningStats: track, dtype } = c;
  const weight = affine ? param([n], 1, dtype) : null;
  const bias = affine ? param([n], 0, dtype) : null;
  layer.registerBuffer('running_mean', track ? zeros([n], { dtype }) : null);
  layer.registerBuffer('running_var', track ? ones([n], { dtype }) : null);
  layer.registerBuffer('num_batches_tracked', track ? tensor(0, { dtype: 'int32' }) : null);
  return { weight, bias };
}
