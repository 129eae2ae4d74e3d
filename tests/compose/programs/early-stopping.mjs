// Early stopping with restore-best on a tfjs-layers model (TensorFlow.js's own EarlyStopping callback throws
// on restoreBestWeights): @dl/diagnose's createEarlyStopping, fed model.fit's logs, snapshots the weights on each
// new best epoch and puts the best back when it stops.
import assert from 'node:assert/strict';
import { createEarlyStopping } from '@dl/diagnose';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { threeClasses } from './data.mjs';

await tf.setBackend('cpu');
const start = tf.memory().numTensors;

// An over-sized model on 30 noisy points: the validation loss soon turns up.
const { features, labels } = threeClasses({ n: 180, noise: 1.0, seed: 7 });
const [x, y] = tf.tidy(() => [tf.tensor2d(features), tf.oneHot(tf.tensor1d(labels, 'int32'), 3)]);
const [xTrain, xVal, yTrain, yVal] = [
  tf.slice(x, 0, 30),
  tf.slice(x, 30),
  tf.slice(y, 0, 30),
  tf.slice(y, 30),
];
const model = tfl.sequential({
  layers: [
    tfl.layers.dense({
      inputShape: [4],
      units: 128,
      activation: 'relu',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: 3 }),
    }),
    tfl.layers.dense({
      units: 128,
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
const optimizer = tf.train.adam(0.01);
model.compile({ optimizer, loss: 'categoricalCrossentropy' });

let best = []; // the snapshot's tensors: ours to dispose
const stopper = createEarlyStopping(
  { monitor: 'val_loss', patience: 5, restoreBest: true },
  {
    snapshot: () => {
      tf.dispose(best);
      best = model.getWeights().map((w) => tf.clone(w));
      return best;
    },
    restore: (weights) => model.setWeights(weights),
  },
);

const epochs = 100;
const valLoss = [];
const weightsAt = []; // every epoch's weights, to check what is restored
const history = await model.fit(xTrain, yTrain, {
  epochs,
  batchSize: 32,
  shuffle: false,
  verbose: 0,
  validationData: [xVal, yVal],
  callbacks: {
    onEpochEnd: (_epoch, logs) => {
      valLoss.push(logs.val_loss);
      weightsAt.push(model.getWeights().map((w) => w.dataSync().slice()));
      if (stopper.update(logs)) model.stopTraining = true;
    },
  },
});

const { bestEpoch, stoppedEpoch } = stopper.state();
const bestLoss = Math.min(...valLoss);
assert.ok(history.epoch.length < epochs, 'stopped early');
assert.equal(bestEpoch, valLoss.indexOf(bestLoss));
assert.equal(stoppedEpoch, bestEpoch + 5); // patience 5
assert.equal(history.epoch.length, stoppedEpoch + 1);
assert.ok(
  bestLoss < valLoss[0] && bestLoss < valLoss.at(-1),
  `validation loss ${valLoss[0]} -> best ${bestLoss} -> ${valLoss.at(-1)}`,
);
assert.notDeepEqual(weightsAt.at(-1), weightsAt[bestEpoch], 'training moved on after the best epoch');
// the model holds the best epoch's weights, bit for bit, and scores the best epoch's loss again
model.getWeights().forEach((w, i) => {
  assert.deepEqual(w.dataSync(), weightsAt[bestEpoch][i], `weight ${i}`);
});
const scored = model.evaluate(xVal, yVal);
const restoredLoss = scored.dataSync()[0];
assert.ok(
  Math.abs(restoredLoss - bestLoss) < 1e-6,
  `restored model scores ${restoredLoss}, best epoch ${bestLoss}`,
);
tf.dispose([scored, ...best, x, y, xTrain, xVal, yTrain, yVal]);
optimizer.dispose();
model.dispose();
assert.equal(tf.memory().numTensors, start, 'no tensor left: snapshots disposed as they were replaced');

console.log(
  `ok ${JSON.stringify({ epochs: history.epoch.length, bestEpoch, stoppedEpoch, bestLoss, lastLoss: valLoss.at(-1), restoredLoss })}`,
);
