import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createGenerator, randn, tensor } from '@dl/tensor';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, test } from 'vitest';
import { expectClose } from '../test/helpers';
import { BatchNorm1d } from './BatchNorm1d';
import { fromTfjsBatchNormalization } from './fromTfjsBatchNormalization';
import { kerasBatchNormOptions } from './kerasBatchNormOptions';
import { kerasLayerNormOptions } from './kerasLayerNormOptions';
import { LayerNorm } from './LayerNorm';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const g = createGenerator(21);
const rows = (n: number, c: number) => randn([n, c], { generator: g }).toArray() as number[][];
const data = (t: tf.Tensor) => Array.from(t.dataSync());

describe('the Keras preset and the weight import against @tensorflow/tfjs-layers 4.22 (run here)', () => {
  test('fromTfjsBatchNormalization: a tfjs layer with random weights gives the same inference outputs', () => {
    const layer = tfl.layers.batchNormalization({ momentum: 0.9, epsilon: 2e-3 });
    layer.apply(tf.zeros([2, 5]));
    layer.setWeights([
      tf.tensor1d(rows(1, 5)[0]!.map((v) => 1 + 0.3 * v)),
      tf.tensor1d(rows(1, 5)[0]!),
      tf.tensor1d(rows(1, 5)[0]!),
      tf.tensor1d(rows(1, 5)[0]!.map((v) => 0.5 + v * v)),
    ]);
    const { numFeatures, options, stateDict } = fromTfjsBatchNormalization(layer);
    expect(numFeatures).toBe(5);
    expect(options).toEqual({ momentum: 1 - 0.9, eps: 2e-3, affine: true, unbiasedRunningVar: false });
    const bn = new BatchNorm1d(numFeatures, options);
    bn.loadStateDict(stateDict);
    const x = rows(7, 5);
    const expected = data(layer.apply(tf.tensor2d(x), { training: false }) as tf.Tensor);
    expectClose(bn.eval().forward(tensor(x)).data, expected, 'float32', 'inference');
  });

  test('kerasBatchNormOptions: three training steps give tfjs outputs and moving statistics (biased variance)', () => {
    const layer = tfl.layers.batchNormalization({ momentum: 0.8 });
    layer.apply(tf.zeros([2, 4]));
    const bn = new BatchNorm1d(4, kerasBatchNormOptions({ momentum: 0.8 }));
    for (let step = 0; step < 3; step++) {
      const x = rows(6, 4).map((r) => r.map((v) => 3 * v + step));
      const expected = data(layer.apply(tf.tensor2d(x), { training: true }) as tf.Tensor);
      expectClose(bn.forward(tensor(x)).data, expected, 'float32', `step ${step} output`);
      const [, , movingMean, movingVar] = layer.getWeights();
      expectClose(bn.running_mean!.data, data(movingMean!), 'float32', `step ${step} moving mean`);
      expectClose(bn.running_var!.data, data(movingVar!), 'float32', `step ${step} moving variance`);
    }
    const x = rows(3, 4);
    const expected = data(layer.apply(tf.tensor2d(x), { training: false }) as tf.Tensor);
    expectClose(bn.eval().forward(tensor(x)).data, expected, 'float32', 'eval');
  });

  test('the PyTorch defaults do NOT match tfjs (momentum and variance conventions differ)', () => {
    const layer = tfl.layers.batchNormalization({});
    layer.apply(tf.zeros([2, 3]));
    const bn = new BatchNorm1d(3);
    const x = rows(4, 3).map((r) => r.map((v) => v + 2));
    layer.apply(tf.tensor2d(x), { training: true });
    bn.forward(tensor(x));
    expect(Math.abs(bn.running_mean!.data[0]! - data(layer.getWeights()[2]!)[0]!)).toBeGreaterThan(1e-3);
  });

  test('kerasLayerNormOptions: LayerNorm gives tfjs LayerNormalization outputs', () => {
    const layer = tfl.layers.layerNormalization({});
    layer.apply(tf.zeros([2, 6]));
    const gamma = rows(1, 6)[0]!;
    const beta = rows(1, 6)[0]!;
    layer.setWeights([tf.tensor1d(gamma), tf.tensor1d(beta)]);
    const ln = new LayerNorm(6, kerasLayerNormOptions());
    ln.loadStateDict({ weight: { shape: [6], data: gamma }, bias: { shape: [6], data: beta } });
    const x = rows(5, 6);
    const expected = data(layer.apply(tf.tensor2d(x)) as tf.Tensor);
    expectClose(ln.forward(tensor(x)).data, expected, 'float32', 'layer norm');
  });

  test('preset and import errors', () => {
    expect(() => kerasBatchNormOptions({ center: false })).toThrow(
      new RangeError(
        "kerasBatchNormOptions: center and scale must be equal (both map to PyTorch's affine), got center = false, scale = true",
      ),
    );
    expect(() => kerasBatchNormOptions({ eps: 1e-3 } as never)).toThrow(
      /did you mean 'epsilon'\? \(PyTorch's name\)/,
    );
    expect(() => kerasLayerNormOptions({ scale: false })).toThrow(
      /^kerasLayerNormOptions: center = true with scale = false/,
    );
    expect(() => fromTfjsBatchNormalization({} as never)).toThrow(
      /^fromTfjsBatchNormalization: layer must be a tfjs-layers BatchNormalization layer/,
    );
    const unbuilt = tfl.layers.batchNormalization({});
    expect(() => fromTfjsBatchNormalization(unbuilt)).toThrow(/expected 4 weights .* got 0; build the layer/);
  });
});
