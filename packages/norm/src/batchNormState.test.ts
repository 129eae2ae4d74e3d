import { Module } from '@dl/nn';
import { reshape, tensor } from '@dl/tensor';
import { expect, test } from 'vitest';
import { expectClose, torchFixture } from '../test/helpers';
import { BatchNorm1d } from './BatchNorm1d';

test("a PyTorch-trained BatchNorm1d's state dict loads and gives PyTorch's eval outputs", () => {
  const t = torchFixture.trainedBatchNorm;
  const bn = new BatchNorm1d(4);
  bn.loadStateDict(JSON.parse(JSON.stringify(t.stateDict)));
  expect(bn.num_batches_tracked?.item()).toBe(40);
  const y = bn.eval().forward(reshape(tensor(t.x), t.shape));
  expectClose(y.data, t.evalOutput, 'float32', 'eval output');
  // And the state dict round-trips with PyTorch's keys.
  expect(Object.keys(bn.stateDict())).toEqual(Object.keys(t.stateDict));
});

test("a float64 PyTorch BatchNorm1d's state dict as plain lists (no dtypes) keeps every digit in a float64 layer", () => {
  const t = torchFixture.trainedBatchNorm64;
  const bn = new BatchNorm1d(4, { dtype: 'float64' });
  bn.loadStateDict(JSON.parse(JSON.stringify(t.stateDict)));
  expect(Array.from(bn.running_mean!.data)).toEqual(t.stateDict.running_mean.data);
  expect(Array.from(bn.weight!.data)).toEqual(t.stateDict.weight.data);
  expect(bn.num_batches_tracked?.item()).toBe(40);
  const y = bn.eval().forward(reshape(tensor(t.x, { dtype: 'float64' }), t.shape));
  expectClose(y.data, t.evalOutput, 'float64', 'eval output');
});

test('momentum null is the cumulative average: the running mean of three batches is their mean', () => {
  const bn = new BatchNorm1d(1, { momentum: null });
  const batches = [
    [[1], [3]],
    [[5], [7]],
    [[0], [4]],
  ];
  for (const b of batches) bn.forward(tensor(b));
  expect(bn.running_mean!.item()).toBeCloseTo((2 + 6 + 2) / 3, 6);
  expect(bn.num_batches_tracked!.item()).toBe(3);
});

test('layers are Modules: train/eval propagate from a container', () => {
  class Net extends Module {
    bn = new BatchNorm1d(2);
    forward(x: Parameters<BatchNorm1d['forward']>[0]) {
      return this.bn.forward(x);
    }
  }
  const net = new Net();
  net.eval();
  expect(net.bn.training).toBe(false);
  expect(Object.keys(net.stateDict())).toEqual([
    'bn.weight',
    'bn.bias',
    'bn.running_mean',
    'bn.running_var',
    'bn.num_batches_tracked',
  ]);
});
