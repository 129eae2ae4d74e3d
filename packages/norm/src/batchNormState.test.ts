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
