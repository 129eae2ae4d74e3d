// A tfjs-layers classifier trained by model.fit with tf.train.adam, its learning rate driven batch by batch by
// @dl/schedule's warmup + cosine decay (createScheduler sets tfjs's protected learningRate).
import assert from 'node:assert/strict';
import { createScheduler, warmupCosineDecay } from '@dl/schedule';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { threeClasses } from './data.mjs';

await tf.setBackend('cpu');
const start = tf.memory().numTensors;

const { features, labels } = threeClasses({ n: 240 });
const n = labels.length;
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
const optimizer = tf.train.adam(0); // the scheduler sets the learning rate before the first step
model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });

const epochs = 30;
const batchSize = 32;
const totalSteps = epochs * Math.ceil(n / batchSize);
const lr = warmupCosineDecay({ peak: 0.03, warmupSteps: Math.round(0.1 * totalSteps), totalSteps });
const scheduler = createScheduler(optimizer, { schedules: { lr } });

const used = []; // the learning rate of each update, as tfjs holds it
const tensorsAfterEpoch = [];
const history = await model.fit(x, y, {
  epochs,
  batchSize,
  shuffle: false,
  verbose: 0,
  callbacks: {
    onBatchBegin: () => {
      used.push(optimizer.learningRate);
    },
    onBatchEnd: () => {
      scheduler.step();
    },
    onEpochEnd: () => {
      tensorsAfterEpoch.push(tf.memory().numTensors);
    },
  },
});
const loss = history.history.loss;
const accuracy = history.history.acc;

// every update used the schedule's value for its step: warmup from 0, peak, cosine down to 0
assert.equal(used.length, totalSteps);
used.forEach((v, t) => {
  assert.ok(Math.abs(v - lr(t)) < 1e-12, `step ${t}: lr ${v}, schedule ${lr(t)}`);
});
assert.equal(Math.max(...used), 0.03);
assert.equal(scheduler.values().lr, lr(totalSteps)); // 0: the cosine reached its end
// training improves
assert.ok(loss.at(-1) < 0.6 * loss[0], `loss ${loss[0]} -> ${loss.at(-1)}`);
assert.ok(accuracy.at(-1) > 0.75, `accuracy ${accuracy.at(-1)}`);
// no leak: once Adam's moments exist (first epoch), the number of tensors stays put
assert.deepEqual(new Set(tensorsAfterEpoch).size, 1, `tensors after each epoch: ${tensorsAfterEpoch}`);
tf.dispose([x, y]);
model.dispose();
optimizer.dispose();
assert.equal(tf.memory().numTensors, start, 'everything disposed');

console.log(
  `ok ${JSON.stringify({ loss: [loss[0], loss.at(-1)], accuracy: accuracy.at(-1), steps: totalSteps, tensors: tensorsAfterEpoch[0] })}`,
);
