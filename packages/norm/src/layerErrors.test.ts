import { Linear } from '@dl/nn';
import { tensor, zeros } from '@dl/tensor';
import { describe, expect, test } from 'vitest';
import { applyBatchNorm } from './applyBatchNorm';
import { applyGroupNorm } from './applyGroupNorm';
import { applyLayerNorm } from './applyLayerNorm';
import { BatchNorm1d } from './BatchNorm1d';
import { BatchNorm2d } from './BatchNorm2d';
import { GroupNorm } from './GroupNorm';
import { InstanceNorm1d } from './InstanceNorm1d';
import { LayerNorm } from './LayerNorm';
import { RMSNorm } from './RMSNorm';
import { spectralNorm } from './spectralNorm';
import { weightNorm } from './weightNorm';

describe('normalization layers reject bad input with clear errors', () => {
  test('training batch norm with one value per channel (PyTorch error); eval() accepts it', () => {
    const bn = new BatchNorm1d(3);
    expect(() => bn.forward(zeros([1, 3]))).toThrow(
      new RangeError(
        "BatchNorm1d: expected more than 1 value per channel when training, got input of shape [1, 3] (PyTorch's error); use a larger batch, or eval() to normalize with the running statistics",
      ),
    );
    expect(bn.num_batches_tracked?.item()).toBe(0);
    expect(bn.eval().forward(zeros([1, 3])).shape).toEqual([1, 3]);
    expect(() => new BatchNorm2d(2).forward(zeros([1, 2, 1, 1]))).toThrow(
      /^BatchNorm2d: expected more than 1 value/,
    );
    expect(() => new InstanceNorm1d(2).forward(zeros([4, 2, 1]))).toThrow(
      /^InstanceNorm1d: expected more than 1 spatial element when training, got input of shape \[4, 2, 1\]/,
    );
  });

  test('wrong channel count and wrong rank', () => {
    expect(() => new BatchNorm1d(3).forward(zeros([4, 5]))).toThrow(
      new RangeError('BatchNorm1d: x has shape [4, 5], expected 3 channels in dimension 1 (numFeatures = 3)'),
    );
    expect(() => new BatchNorm1d(3).forward(zeros([4, 3, 2, 2]))).toThrow(
      new RangeError(
        'BatchNorm1d: expected 2D or 3D ([N, C] or [N, C, L]) input, got shape [4, 3, 2, 2] (4-D)',
      ),
    );
    expect(() => new BatchNorm2d(3).forward(zeros([4, 3]))).toThrow(
      /^BatchNorm2d: expected 4D \(\[N, C, H, W\]\) input/,
    );
    expect(() => new GroupNorm(2, 4).forward(zeros([2, 6, 3]))).toThrow(
      new RangeError('GroupNorm: x has shape [2, 6, 3], expected [N, 4, ...] (numChannels = 4)'),
    );
    expect(() => applyBatchNorm(zeros([4, 3]), { training: true, weight: zeros([4]) })).toThrow(
      new RangeError('applyBatchNorm: weight has shape [4], expected [3] (one per channel, C = 3)'),
    );
  });

  test('numGroups not dividing the channels', () => {
    expect(() => new GroupNorm(4, 6)).toThrow(
      new RangeError(
        "GroupNorm: numGroups = 4 must divide the number of channels, got 6 channels (PyTorch's error)",
      ),
    );
    expect(() => applyGroupNorm(zeros([2, 6, 3]), 4)).toThrow(/^applyGroupNorm: numGroups = 4 must divide/);
  });

  test('normalizedShape not matching the trailing dimensions', () => {
    expect(() => new LayerNorm([3, 4]).forward(zeros([2, 4, 3]))).toThrow(
      new RangeError(
        'LayerNorm: x has shape [2, 4, 3], expected its last 2 dimensions to be normalizedShape = [3, 4]',
      ),
    );
    expect(() => applyLayerNorm(zeros([5]), [2, 5])).toThrow(/^applyLayerNorm: x has shape \[5\]/);
    expect(() => new RMSNorm(4).forward(zeros([2, 3]))).toThrow(/^RMSNorm: x has shape \[2, 3\]/);
    expect(() => new LayerNorm(0)).toThrow(
      new TypeError(
        'LayerNorm: normalizedShape must be a positive integer or a non-empty list of them, got 0',
      ),
    );
  });

  test('non-finite batch statistics leave the running statistics unchanged', () => {
    const bn = new BatchNorm1d(2);
    expect(() =>
      bn.forward(
        tensor([
          [1, Number.NaN],
          [2, 3],
        ]),
      ),
    ).toThrow(
      new RangeError(
        'BatchNorm1d: the statistics of channel 1 are not finite (running mean NaN, running variance NaN after this batch): the input holds NaN or Infinity; the running statistics were left unchanged',
      ),
    );
    expect(bn.running_mean?.toArray()).toEqual([0, 0]);
    expect(bn.num_batches_tracked?.item()).toBe(0);
    // after a finite step (running statistics updated in place), a non-finite batch restores both exactly
    bn.forward(
      tensor([
        [1, 5],
        [2, 3],
      ]),
    );
    const mean = Float32Array.from(bn.running_mean!.data);
    const variance = Float32Array.from(bn.running_var!.data);
    expect(mean).not.toEqual(new Float32Array(2));
    expect(() =>
      bn.forward(
        tensor([
          [Number.POSITIVE_INFINITY, 1],
          [2, 3],
        ]),
      ),
    ).toThrow(/^BatchNorm1d: the statistics of channel 0 are not finite/);
    expect(bn.running_mean!.data).toEqual(mean);
    expect(bn.running_var!.data).toEqual(variance);
    expect(bn.num_batches_tracked?.item()).toBe(1);
  });

  test('evaluation without running statistics, and options', () => {
    expect(() => applyBatchNorm(zeros([4, 3]))).toThrow(
      /^applyBatchNorm: evaluation \(training: false\) normalizes with the running statistics, but runningMean and runningVar were not given/,
    );
    expect(() => new BatchNorm1d(3, { momentum: 1.5 })).toThrow(
      new RangeError('BatchNorm1d: momentum must be a number in [0, 1], got 1.5'),
    );
    expect(() => new BatchNorm2d(3, { track_running_stats: false } as never)).toThrow(
      /^BatchNorm2d: unknown option 'track_running_stats'; did you mean 'trackRunningStats'\?/,
    );
    expect(() => new BatchNorm1d(3, { epsilon: 1e-3 } as never)).toThrow(/did you mean 'eps'/);
    expect(() => new LayerNorm(3, { elementwise_affine: false } as never)).toThrow(
      /did you mean 'elementwiseAffine'/,
    );
    expect(() => new BatchNorm1d(0)).toThrow(
      new RangeError('BatchNorm1d: numFeatures must be a positive integer, got 0'),
    );
    // sizes that no typed array holds: a library error, not the engine's "Invalid typed array length"
    expect(() => new BatchNorm2d(2 ** 40)).toThrow(
      new RangeError(
        'BatchNorm2d: numFeatures must be at most 2147483647 (one parameter per feature), got 1099511627776',
      ),
    );
    expect(() => new GroupNorm(1, 2 ** 31)).toThrow(/^GroupNorm: numChannels must be at most 2147483647/);
    expect(() => new InstanceNorm1d(2 ** 40, { affine: true })).toThrow(
      /^InstanceNorm1d: numFeatures must be at most/,
    );
    expect(() => new LayerNorm([2 ** 20, 2 ** 20])).toThrow(
      new RangeError(
        'LayerNorm: normalizedShape [1048576, 1048576] has 1099511627776 elements, more than a parameter may hold (2147483647)',
      ),
    );
    expect(() => new RMSNorm(2 ** 40)).toThrow(
      /^RMSNorm: normalizedShape 1099511627776 has 1099511627776 elements/,
    );
    expect(() => new BatchNorm1d(3, { eps: 0 })).toThrow(
      /^BatchNorm1d: eps must be a finite number > 0, got 0/,
    );
  });

  test('weightNorm and spectralNorm check the module and the weight', () => {
    expect(() => weightNorm({} as never)).toThrow(/^weightNorm: module must be a Module from @dl\/nn/);
    expect(() => weightNorm(new Linear(2, 2, { seed: 0 }), { name: 'kernel' })).toThrow(
      /^weightNorm: module\.kernel must be a float Tensor parameter, got undefined/,
    );
    expect(() => weightNorm(new Linear(2, 2, { seed: 0 }), { dim: 2 })).toThrow(
      new RangeError(
        'weightNorm: dim must be null or an integer in [-2, 1] for a weight of shape [2, 2], got 2',
      ),
    );
    const twice = weightNorm(new Linear(2, 2, { seed: 0 }));
    expect(() => weightNorm(twice)).toThrow(/^weightNorm: module\.weight is already reparametrized/);
    expect(() => spectralNorm(new Linear(2, 2, { seed: 0 }), { nPowerIterations: 0 })).toThrow(
      /^spectralNorm: nPowerIterations must be a positive integer, got 0/,
    );
  });
});
