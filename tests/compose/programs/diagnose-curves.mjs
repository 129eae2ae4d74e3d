// The loss logs of three tfjs-layers runs (model.fit's history) diagnosed by @dl/diagnose: a well-set run, one
// stopped far too early and an over-sized model on a few noisy points. Each verdict must be the one the setup
// was built to show, with evidence that matches the logs.
import assert from 'node:assert/strict';
import { constantPredictorLoss, diagnoseCurves } from '@dl/diagnose';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { threeClasses } from './data.mjs';

await tf.setBackend('cpu');
const start = tf.memory().numTensors;

/** Trains a fresh model on the first `nTrain` points, validates on the last 150; returns the loss logs. */
async function run({ noise, nTrain, units, epochs, lr }) {
  const { features, labels } = threeClasses({ n: nTrain + 150, noise, seed: 7 });
  const [x, y] = tf.tidy(() => [tf.tensor2d(features), tf.oneHot(tf.tensor1d(labels, 'int32'), 3)]);
  const [xTrain, xVal] = [tf.slice(x, 0, nTrain), tf.slice(x, nTrain)];
  const [yTrain, yVal] = [tf.slice(y, 0, nTrain), tf.slice(y, nTrain)];
  const model = tfl.sequential({
    layers: [
      tfl.layers.dense({
        inputShape: [4],
        units,
        activation: 'relu',
        kernelInitializer: tfl.initializers.glorotUniform({ seed: 3 }),
      }),
      tfl.layers.dense({
        units,
        activation: 'relu',
        kernelInitializer: tfl.initializers.glorotUniform({ seed: 4 }),
      }),
      tfl.layers.dense({
        units: 3,
        activation: 'softmax',
        kernelInitializer: tfl.initializers.glorotUniform({ seed: 5 }),
      }),
    ],
  });
  const optimizer = tf.train.adam(lr);
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  const history = await model.fit(xTrain, yTrain, {
    epochs,
    batchSize: 32,
    shuffle: false,
    verbose: 0,
    validationData: [xVal, yVal],
  });
  tf.dispose([x, y, xTrain, xVal, yTrain, yVal]);
  optimizer.dispose();
  model.dispose();
  return {
    train: history.history.loss,
    validation: history.history.val_loss,
    // the scale of "large": the loss of always predicting the training classes' frequencies
    constantLoss: constantPredictorLoss('crossEntropy', labels.slice(0, nTrain)),
  };
}

const argmin = (a) => a.indexOf(Math.min(...a));
const report = {};
for (const [name, setup, expected] of [
  ['well set', { noise: 0.3, nTrain: 300, units: 16, epochs: 40, lr: 0.01 }, 'healthy'],
  ['stopped early', { noise: 0.3, nTrain: 300, units: 16, epochs: 8, lr: 0.002 }, 'not-converged'],
  ['over-sized', { noise: 1.0, nTrain: 30, units: 128, epochs: 60, lr: 0.01 }, 'overfitting'],
]) {
  const { train, validation, constantLoss } = await run(setup);
  const d = diagnoseCurves({ train, validation }, { constantLoss });
  report[name] = {
    verdict: d.verdict,
    rule: d.rule,
    train: [train[0], train.at(-1)],
    validation: [validation[0], validation.at(-1)],
    earlyStopEpoch: d.earlyStopEpoch,
  };
  assert.equal(d.verdict, expected, `${name}: ${d.summary}`);
  // the evidence is the logs'
  assert.equal(d.evidence.trainStart, train[0]);
  assert.equal(d.evidence.referenceLoss, constantLoss);
  assert.equal(d.evidence.validationMin, Math.min(...validation));
  assert.equal(d.evidence.validationMinEpoch, argmin(validation));
  assert.ok(d.remedies.length > 0 || expected === 'healthy');
  if (expected === 'overfitting') {
    assert.equal(d.earlyStopEpoch, argmin(validation));
    assert.ok(validation.at(-1) > Math.min(...validation), 'the validation loss rose after its minimum');
  }
  if (expected !== 'not-converged') assert.ok(train.at(-1) < 0.5 * train[0], `${name}: training improved`);
}
assert.equal(tf.memory().numTensors, start, 'every run disposed what it made');

console.log(`ok ${JSON.stringify(report)}`);
