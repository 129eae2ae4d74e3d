// Strict inputs: every bad input is a TypeError or RangeError naming the function, the argument, the value
// received and what was expected.
import { tensor, zeros } from '@dl/tensor';
import { expect, test } from 'vitest';
import * as loss from '../src/index';

const x23 = tensor([
  [0.1, 0.2, 0.3],
  [0.4, 0.5, 0.6],
]);

test.each<[string, () => unknown, ErrorConstructor, string]>([
  // shapes: no broadcasting, the [N] vs [N, 1] trap included
  [
    'mismatched shapes',
    () => loss.mseLoss(x23, zeros([3, 2])),
    RangeError,
    "mseLoss: target has shape [3, 2], expected input's shape [2, 3] (losses do not broadcast: reshape one of them)",
  ],
  [
    'input [N] vs target [N, 1]',
    () => loss.mseLoss(zeros([4]), zeros([4, 1])),
    RangeError,
    "mseLoss: target has shape [4, 1], expected input's shape [4] (losses do not broadcast: reshape one of them)",
  ],
  [
    'input [N, 1] vs target [N]',
    () => loss.l1Loss(zeros([4, 1]), zeros([4])),
    RangeError,
    "l1Loss: target has shape [4], expected input's shape [4, 1]",
  ],
  [
    'dtype mismatch',
    () => loss.huberLoss(x23, zeros([2, 3], { dtype: 'float64' })),
    TypeError,
    "huberLoss: target has dtype float64, expected input's dtype float32; convert it with cast() first",
  ],
  [
    'int32 input',
    () => loss.mseLoss(tensor([1, 2], { dtype: 'int32' }), tensor([1, 2], { dtype: 'int32' })),
    TypeError,
    'mseLoss: input must be a float32 or float64 tensor, got int32',
  ],
  [
    'a non-tensor input',
    () => loss.mseLoss([1, 2] as never, zeros([2])),
    TypeError,
    'mseLoss: input must be a Tensor, got [1, 2]',
  ],
  [
    'empty batch',
    () => loss.mseLoss(zeros([0, 3]), zeros([0, 3])),
    RangeError,
    'mseLoss: input is empty (shape [0, 3]); a loss needs at least one element',
  ],
  [
    'empty batch of logits',
    () => loss.crossEntropyLoss(zeros([0, 3]), []),
    RangeError,
    'crossEntropyLoss: input is empty (shape [0, 3])',
  ],
  // class targets
  [
    'class index out of range',
    () => loss.crossEntropyLoss(x23, [0, 3]),
    RangeError,
    'crossEntropyLoss: target must hold class indices in [0, 3) or ignoreIndex (-100), got 3 at index 1',
  ],
  [
    'negative class index',
    () => loss.nllLoss(x23, [-1, 0]),
    RangeError,
    'nllLoss: target must hold class indices in [0, 3) or ignoreIndex (-100), got -1 at index 0',
  ],
  [
    'class index out of range (multiMargin, no ignoreIndex)',
    () => loss.multiMarginLoss(x23, [0, 5]),
    RangeError,
    'multiMarginLoss: target must hold class indices in [0, 3), got 5 at index 1',
  ],
  [
    'non-integer class target',
    () => loss.crossEntropyLoss(x23, [0, 1.5]),
    TypeError,
    'crossEntropyLoss: target must hold integers, got 1.5 at index 1',
  ],
  [
    'a float tensor as class indices',
    () => loss.nllLoss(x23, tensor([0, 1])),
    TypeError,
    'nllLoss: target must hold integers (an int32 tensor, an array or an integer typed array), got a float32 tensor',
  ],
  [
    'wrong number of class targets',
    () => loss.crossEntropyLoss(x23, [0, 1, 2]),
    RangeError,
    'crossEntropyLoss: target has shape [3], expected [2] (2 values)',
  ],
  [
    'probability target of the wrong shape',
    () => loss.crossEntropyLoss(x23, zeros([2, 4])),
    RangeError,
    "crossEntropyLoss: target has shape [2, 4], expected input's shape [2, 3]",
  ],
  [
    'a string target',
    () => loss.crossEntropyLoss(x23, 'cat' as never),
    TypeError,
    'crossEntropyLoss: target must be an int32 tensor or Int32TensorData, an array or a typed array of integers, got "cat"',
  ],
  [
    'a scalar input to crossEntropyLoss',
    () => loss.crossEntropyLoss(tensor(1), []),
    RangeError,
    'crossEntropyLoss: input must have a class dimension, (N, C, ...) or (C), got shape []',
  ],
  // probabilities
  [
    'bce input above 1',
    () => loss.bceLoss(tensor([0.5, 1.2]), tensor([1, 0])),
    RangeError,
    'bceLoss: input must hold probabilities in [0, 1], got 1.2000000476837158 at index 1 (for logits use bceWithLogitsLoss)',
  ],
  [
    'bce input NaN',
    () => loss.bceLoss(tensor([Number.NaN]), tensor([1])),
    RangeError,
    'bceLoss: input must hold probabilities in [0, 1], got NaN at index 0',
  ],
  [
    'bce target below 0',
    () => loss.bceLoss(tensor([0.5]), tensor([-0.5])),
    RangeError,
    'bceLoss: target must hold probabilities in [0, 1], got -0.5 at index 0',
  ],
  // class weights
  [
    'negative class weight',
    () => loss.crossEntropyLoss(x23, [0, 1], { weight: [1, -1, 1] }),
    RangeError,
    'crossEntropyLoss: weight must hold finite non-negative numbers, got -1 at index 1',
  ],
  [
    'wrong-length class weights',
    () => loss.crossEntropyLoss(x23, [0, 1], { weight: [1, 1] }),
    RangeError,
    'crossEntropyLoss: weight must hold one weight per class (3), got shape [2]',
  ],
  [
    'NaN class weight',
    () => loss.nllLoss(x23, [0, 1], { weight: [1, Number.NaN, 1] }),
    RangeError,
    'nllLoss: weight must hold finite non-negative numbers, got NaN at index 1',
  ],
  [
    'weight that does not broadcast',
    () => loss.bceWithLogitsLoss(x23, zeros([2, 3]), { posWeight: zeros([2]) }),
    RangeError,
    "bceWithLogitsLoss: posWeight has shape [2], which does not broadcast to input's shape [2, 3]",
  ],
  // options
  [
    'labelSmoothing above 1',
    () => loss.crossEntropyLoss(x23, [0, 1], { labelSmoothing: 1.5 }),
    RangeError,
    'crossEntropyLoss: labelSmoothing must be a number in [0, 1], got 1.5',
  ],
  [
    'labelSmoothing negative',
    () => loss.crossEntropyLoss(x23, [0, 1], { labelSmoothing: -0.1 }),
    RangeError,
    'crossEntropyLoss: labelSmoothing must be a number in [0, 1], got -0.1',
  ],
  [
    'unknown reduction',
    () => loss.mseLoss(x23, x23, { reduction: 'avg' as never }),
    RangeError,
    "mseLoss: reduction must be 'none', 'mean', 'sum', got \"avg\"",
  ],
  [
    'batchmean where PyTorch has none',
    () => loss.mseLoss(x23, x23, { reduction: 'batchmean' as never }),
    RangeError,
    "mseLoss: reduction must be 'none', 'mean', 'sum', got \"batchmean\"",
  ],
  [
    'unknown option (PyTorch spelling)',
    () => loss.crossEntropyLoss(x23, [0, 1], { label_smoothing: 0.1 } as never),
    TypeError,
    "crossEntropyLoss: unknown option 'label_smoothing'; did you mean 'labelSmoothing'?",
  ],
  [
    'unknown option',
    () => loss.mseLoss(x23, x23, { size_average: true } as never),
    TypeError,
    "mseLoss: unknown option 'size_average'",
  ],
  [
    'huber delta 0',
    () => loss.huberLoss(x23, x23, { delta: 0 }),
    RangeError,
    'huberLoss: delta must be a number > 0, got 0',
  ],
  [
    'smoothL1 negative beta',
    () => loss.smoothL1Loss(x23, x23, { beta: -1 }),
    RangeError,
    'smoothL1Loss: beta must be a number >= 0, got -1',
  ],
  [
    'multiMargin p 3',
    () => loss.multiMarginLoss(x23, [0, 1], { p: 3 as never }),
    RangeError,
    'multiMarginLoss: p must be 1 or 2, got 3',
  ],
  [
    'focal gamma negative',
    () => loss.sigmoidFocalLoss(x23, x23, { gamma: -1 }),
    RangeError,
    'sigmoidFocalLoss: gamma must be a number >= 0, got -1',
  ],
  [
    'ignoreIndex not an integer',
    () => loss.crossEntropyLoss(x23, [0, 1], { ignoreIndex: 0.5 }),
    TypeError,
    'crossEntropyLoss: ignoreIndex must be an integer, got 0.5',
  ],
  // ±1 and 0/1 targets
  [
    'hinge target of 0',
    () => loss.hingeEmbeddingLoss(tensor([1, 2]), [1, 0]),
    RangeError,
    'hingeEmbeddingLoss: target must hold only 1 and -1, got 0 at index 1',
  ],
  [
    'cosine target of the wrong length',
    () => loss.cosineEmbeddingLoss(x23, x23, [1]),
    RangeError,
    'cosineEmbeddingLoss: target has shape [1], expected [2] (2 values)',
  ],
  [
    'multilabel target of 2',
    () => loss.multilabelSoftMarginLoss(x23, [0, 1, 2, 0, 1, 0]),
    RangeError,
    'multilabelSoftMarginLoss: target must hold only 0 and 1, got 2 at index 2',
  ],
  [
    'gaussian negative variance',
    () =>
      loss.gaussianNllLoss(
        x23,
        x23,
        tensor([
          [1, 1, 1],
          [1, -1, 1],
        ]),
      ),
    RangeError,
    'gaussianNllLoss: var must be non-negative, got -1 at index 4',
  ],
  [
    'gaussian variance of a wrong shape',
    () => loss.gaussianNllLoss(x23, x23, zeros([3])),
    RangeError,
    "gaussianNllLoss: var has shape [3], expected input's shape [2, 3], [2] or [2, 1]",
  ],
  [
    'triplet shapes',
    () => loss.tripletMarginLoss(x23, x23, zeros([2, 2])),
    RangeError,
    "tripletMarginLoss: negative has shape [2, 2], expected anchor's shape [2, 3]",
  ],
  // plain-array form: errors name the function the user called
  [
    'plain form: a non-array input',
    () => loss.mseLossValueAndGrad('x' as never, new Float32Array(1)),
    TypeError,
    'mseLossValueAndGrad: input must be TensorData, a Float32Array or a Float64Array, got "x"',
  ],
  [
    'plain form: mismatched lengths',
    () => loss.mseLossValueAndGrad(new Float32Array(3), new Float32Array(2)),
    RangeError,
    "mseLossValueAndGrad: target has shape [2], expected input's shape [3]",
  ],
])('%s', (_, call, type, message) => {
  expect(call).toThrow(type);
  expect(call).toThrow(message);
});
