// The documented TensorFlow.js recipe (docs/optim.md): a real tfjs-layers model trained with @dl/optim's adamw
// and an @dl/schedule warmup-cosine, its variables read and written through a small adapter.
import { createScheduler, warmupCosineDecay } from '@dl/schedule';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { expect, test } from 'vitest';
import { adamw, createOptimizer } from '../src/index';

/** Adapter: one @dl/optim parameter per tfjs variable; `pull` copies values in, `push` writes them back. */
function tfjsParams(variables: tf.Variable[]) {
  const params = variables.map((v) => ({
    variable: v,
    shape: v.shape,
    data: new Float32Array(v.size),
    grad: null as Float32Array | null,
  }));
  return {
    params,
    pull() {
      for (const p of params) p.data.set(p.variable.dataSync() as Float32Array);
    },
    push() {
      for (const p of params) p.variable.assign(tf.tensor(p.data, p.shape as number[]));
    },
  };
}

test('a tfjs-layers model trained with adamw + warmupCosineDecay: the loss goes down', async () => {
  await tf.setBackend('cpu');
  const model = tfl.sequential({
    layers: [
      tfl.layers.dense({
        inputShape: [2],
        units: 16,
        activation: 'tanh',
        kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }),
      }),
      tfl.layers.dense({ units: 1, kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }) }),
    ],
  });
  // y = sin(3 x0) + x1^2 on a fixed grid
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < 64; i++) {
    const a = (i % 8) / 4 - 1;
    const b = Math.floor(i / 8) / 4 - 1;
    xs.push(a, b);
    ys.push(Math.sin(3 * a) + b * b);
  }
  const x = tf.tensor2d(xs, [64, 2]);
  const y = tf.tensor2d(ys, [64, 1]);
  const variables = model.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val);
  const adapter = tfjsParams(variables);
  adapter.pull();
  const steps = 150;
  const optimizer = createOptimizer(adapter.params, adamw({ lr: 0, weightDecay: 1e-4 }));
  const scheduler = createScheduler(optimizer, {
    schedules: { lr: warmupCosineDecay({ peak: 0.05, warmupSteps: 10, totalSteps: steps }) },
  });
  const lossFn = () => tf.losses.meanSquaredError(y, model.apply(x) as tf.Tensor) as tf.Scalar;
  const losses: number[] = [];
  for (let t = 0; t < steps; t++) {
    const { value, grads } = tf.variableGrads(lossFn, variables);
    losses.push(value.dataSync()[0]!);
    for (const p of adapter.params) p.grad = grads[p.variable.name]!.dataSync() as Float32Array;
    optimizer.step();
    adapter.push();
    scheduler.step();
    tf.dispose([value, ...Object.values(grads)]);
  }
  expect(losses[steps - 1]!).toBeLessThan(0.2 * losses[0]!);
  expect(optimizer.paramGroups[0]!['lr']).toBeCloseTo(0, 6);
  // the adapter wrote into the model: its predictions carry the trained loss
  expect(lossFn().dataSync()[0]!).toBeLessThan(0.2 * losses[0]!);
}, 60_000);
