// The @dl packages do not care which TensorFlow.js backend runs the model: the same training, @dl/schedule's
// one-cycle driving tf.train.adam and @dl/metrics scoring it, on the cpu and on the WebAssembly backend.
import assert from 'node:assert/strict';
import { accuracyScore } from '@dl/metrics';
import { createScheduler, oneCycle } from '@dl/schedule';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { threeClasses } from './data.mjs';

const { features, labels } = threeClasses({ n: 240 });

async function train(backend) {
  await tf.setBackend(backend);
  const start = tf.memory().numTensors;
  const x = tf.tensor2d(features);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), 3));
  const model = tfl.sequential({
    layers: [
      tfl.layers.dense({
        inputShape: [4],
        units: 16,
        activation: 'relu',
        kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }),
      }),
      tfl.layers.dense({
        units: 3,
        activation: 'softmax',
        kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }),
      }),
    ],
  });
  const optimizer = tf.train.adam(0);
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const totalSteps = 20 * Math.ceil(labels.length / 32);
  const scheduler = createScheduler(optimizer, { schedules: { lr: oneCycle({ maxLr: 0.05, totalSteps }) } });
  const history = await model.fit(x, y, {
    epochs: 20,
    batchSize: 32,
    shuffle: false,
    verbose: 0,
    callbacks: { onBatchEnd: () => scheduler.step() },
  });
  const yPred = tf.tidy(() => tf.argMax(model.predict(x), -1).arraySync());
  const accuracy = accuracyScore(labels, yPred);
  tf.dispose([x, y]);
  optimizer.dispose();
  model.dispose();
  assert.equal(tf.memory().numTensors, start, `${backend}: everything disposed`);
  return { loss: history.history.loss, accuracy };
}

const cpu = await train('cpu');
const wasm = await train('wasm');
assert.equal(tf.getBackend(), 'wasm');
const gap = Math.max(...cpu.loss.map((l, i) => Math.abs(l - wasm.loss[i])));
assert.ok(gap < 1e-4, `the loss curves differ by ${gap}`);
assert.ok(cpu.loss.at(-1) < 0.6 * cpu.loss[0], `loss ${cpu.loss[0]} -> ${cpu.loss.at(-1)}`);
assert.ok(Math.abs(cpu.accuracy - wasm.accuracy) <= 1 / labels.length, 'at most one prediction differs');

console.log(
  `ok ${JSON.stringify({ gap, loss: [cpu.loss[0], cpu.loss.at(-1)], accuracy: { cpu: cpu.accuracy, wasm: wasm.accuracy } })}`,
);
