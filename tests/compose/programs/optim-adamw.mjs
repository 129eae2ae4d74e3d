// A tfjs-layers model whose variables @dl/optim updates through a small adapter: first checked against
// tf.train.adam step for step (same hyperparameters, same numbers), then trained with adamw under an
// @dl/schedule warmup-cosine, which TensorFlow.js does not have.
import assert from 'node:assert/strict';
import { adam, adamw, createOptimizer } from '@dl/optim';
import { createScheduler, warmupCosineDecay } from '@dl/schedule';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { threeClasses } from './data.mjs';

await tf.setBackend('cpu');
const start = tf.memory().numTensors;

/** Adapter: one @dl/optim parameter per tfjs variable, its data copied in and written back around each step. */
function tfjsParams(variables) {
  const params = variables.map((variable) => ({
    variable,
    shape: variable.shape,
    data: new Float32Array(variable.dataSync()),
    grad: null,
  }));
  return {
    params,
    /** Sets every parameter's grad to the gradient of `lossFn`; returns the loss. */
    backward(lossFn) {
      const { value, grads } = tf.variableGrads(lossFn, variables);
      for (const p of params) p.grad = grads[p.variable.name].dataSync();
      const loss = value.dataSync()[0];
      tf.dispose([value, ...Object.values(grads)]);
      return loss;
    },
    /** Writes the parameters' data into the variables. */
    write() {
      for (const p of params) {
        const value = tf.tensor(p.data, p.shape);
        p.variable.assign(value);
        value.dispose();
      }
    },
  };
}

/** The classifier (logits out); the same seeds give the same initial weights. */
function makeModel() {
  return tfl.sequential({
    layers: [
      tfl.layers.dense({
        inputShape: [4],
        units: 16,
        activation: 'relu',
        kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }),
      }),
      tfl.layers.dense({ units: 3, kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }) }),
    ],
  });
}
const variablesOf = (model) => model.trainableWeights.map((w) => w.read());

const { features, labels } = threeClasses({ n: 240 });
const x = tf.tensor2d(features);
const y = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), 3));
const lossOf = (model, bx, by) => () => tf.losses.softmaxCrossEntropy(by, model.apply(bx));

// 1. @dl/optim's adam over tfjs variables equals tf.train.adam (tfjs's epsilon is 1e-7, PyTorch's 1e-8).
const reference = makeModel();
const ours = makeModel();
const tfAdam = tf.train.adam(0.01, 0.9, 0.999, 1e-7);
const adapter = tfjsParams(variablesOf(ours));
const optimizer = createOptimizer(adapter.params, adam({ lr: 0.01, eps: 1e-7 }));
for (let t = 0; t < 25; t++) {
  tf.dispose(tfAdam.minimize(lossOf(reference, x, y), false, variablesOf(reference)));
  adapter.backward(lossOf(ours, x, y));
  optimizer.step();
  adapter.write();
}
let maxDifference = 0;
variablesOf(reference).forEach((v, i) => {
  const a = v.dataSync();
  const b = variablesOf(ours)[i].dataSync();
  for (let k = 0; k < a.length; k++) maxDifference = Math.max(maxDifference, Math.abs(a[k] - b[k]));
});
assert.ok(maxDifference < 1e-5, `adam: tfjs and @dl/optim differ by ${maxDifference} after 25 steps`);
reference.dispose();
ours.dispose();
tfAdam.dispose();

// 2. adamw with warmup + cosine, mini-batches of 32, 30 epochs.
const model = makeModel();
const params = tfjsParams(variablesOf(model));
const epochs = 30;
const batchSize = 32;
const batches = Math.ceil(labels.length / batchSize);
const totalSteps = epochs * batches;
const adamW = createOptimizer(params.params, adamw({ lr: 0, weightDecay: 1e-2 }));
const scheduler = createScheduler(adamW, {
  schedules: { lr: warmupCosineDecay({ peak: 0.03, warmupSteps: Math.round(0.1 * totalSteps), totalSteps }) },
});
const accuracyOf = (m) =>
  tf.tidy(() => tf.mean(tfl.metrics.categoricalAccuracy(y, m.apply(x))).dataSync()[0]);
const initialAccuracy = accuracyOf(model);
const epochLoss = [];
const tensorsAfterEpoch = [];
for (let epoch = 0; epoch < epochs; epoch++) {
  let sum = 0;
  for (let b = 0; b < batches; b++) {
    const [bx, by] = [x, y].map((t) =>
      tf.slice(t, b * batchSize, Math.min(batchSize, labels.length - b * batchSize)),
    );
    sum += params.backward(lossOf(model, bx, by));
    adamW.step();
    params.write();
    scheduler.step();
    tf.dispose([bx, by]);
  }
  epochLoss.push(sum / batches);
  tensorsAfterEpoch.push(tf.memory().numTensors);
}
const finalAccuracy = accuracyOf(model);
assert.ok(epochLoss.at(-1) < 0.6 * epochLoss[0], `loss ${epochLoss[0]} -> ${epochLoss.at(-1)}`);
assert.ok(
  finalAccuracy > 0.75 && finalAccuracy > initialAccuracy + 0.2,
  `accuracy ${initialAccuracy} -> ${finalAccuracy}`,
);
assert.equal(adamW.paramGroups[0].lr, 0); // the cosine ended at 0
assert.equal(new Set(tensorsAfterEpoch).size, 1, `tensors after each epoch: ${tensorsAfterEpoch}`);
model.dispose();
tf.dispose([x, y]);
assert.equal(tf.memory().numTensors, start, 'everything disposed');

console.log(
  `ok ${JSON.stringify({ maxDifference, loss: [epochLoss[0], epochLoss.at(-1)], accuracy: [initialAccuracy, finalAccuracy] })}`,
);
