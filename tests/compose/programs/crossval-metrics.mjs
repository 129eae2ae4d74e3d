// Stratified 5-fold cross-validation of a tfjs-layers model: folds from @dl/crossval, features standardized per
// fold by @dl/norm (fitted on the fold's training rows only), scores from @dl/metrics checked against tfjs's own
// evaluate().
import assert from 'node:assert/strict';
import { crossValidate, stratifiedKFold } from '@dl/crossval';
import { accuracyScore, confusionMatrix, f1Score } from '@dl/metrics';
import { standardScaler } from '@dl/norm';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { threeClasses } from './data.mjs';

await tf.setBackend('cpu');
const data = threeClasses({ n: 300 });
const labels = data.labels;
const features = data.features.map(([a, b, c, d]) => [a, 100 * b + 50, c, d]); // one feature on another scale
const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), 3));
const start = tf.memory().numTensors;

function makeModel(fold) {
  const model = tfl.sequential({
    layers: [
      tfl.layers.dense({
        inputShape: [4],
        units: 16,
        activation: 'relu',
        kernelInitializer: tfl.initializers.glorotUniform({ seed: 10 + fold }),
      }),
      tfl.layers.dense({
        units: 3,
        activation: 'softmax',
        kernelInitializer: tfl.initializers.glorotUniform({ seed: 20 + fold }),
      }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.02), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}
const gather = (t, indices) => tf.tidy(() => tf.gather(t, tf.tensor1d(indices, 'int32')));
const rows = (indices) => Array.from(indices, (i) => features[i]);
const scaler = standardScaler();

const predicted = new Array(labels.length).fill(-1); // out-of-fold predictions
const result = await crossValidate({
  splitter: stratifiedKFold({ nSplits: 5, shuffle: true, randomState: 0 }),
  data: { y: labels },
  fit: async ({ train, fold }) => {
    const state = scaler.fit(rows(train)); // the training rows only
    const model = makeModel(fold);
    const [x, y] = [tf.tensor2d(scaler.transform(rows(train), state)), gather(ys, train)];
    await model.fit(x, y, { epochs: 25, batchSize: 32, shuffle: false, verbose: 0 });
    tf.dispose([x, y]);
    return { model, state };
  },
  evaluate: ({ model, state }, indices) => {
    const [x, y] = [tf.tensor2d(scaler.transform(rows(indices), state)), gather(ys, indices)];
    const yPred = tf.tidy(() => tf.argMax(model.predict(x), -1).arraySync());
    const yTrue = Array.from(indices, (i) => labels[i]);
    indices.forEach((i, k) => {
      predicted[i] = yPred[k];
    });
    const scalars = model.evaluate(x, y); // [loss, accuracy]
    const [loss, tfjsAccuracy] = scalars.map((s) => s.dataSync()[0]);
    tf.dispose([x, y, ...scalars]);
    model.optimizer.dispose(); // a compiled model does not dispose the optimizer it was given
    model.dispose();
    return {
      accuracy: accuracyScore(yTrue, yPred),
      tfjsAccuracy,
      macroF1: f1Score(yTrue, yPred, { average: 'macro' }),
      loss,
    };
  },
});
tf.dispose(ys);

// tfjs computes its accuracy in float32: the same fraction, to float32 precision
result.folds.forEach((fold, k) => {
  const { accuracy, tfjsAccuracy } = fold.testScore;
  assert.ok(
    Math.abs(accuracy - tfjsAccuracy) < 1e-6,
    `fold ${k}: @dl/metrics ${accuracy}, tfjs ${tfjsAccuracy}`,
  );
  assert.equal(Math.fround(accuracy), tfjsAccuracy);
});
// the folds are a stratified partition: every index tested once, each class 20 times per fold
assert.ok(predicted.every((p) => p >= 0));
for (const fold of result.folds) {
  const counts = [0, 0, 0];
  for (const i of fold.test) counts[labels[i]]++;
  assert.deepEqual(counts, [20, 20, 20]);
}
// pooled out-of-fold scores agree with the folds' (equal fold sizes: the mean of the folds')
const pooled = accuracyScore(labels, predicted);
const matrix = confusionMatrix(labels, predicted);
assert.ok(Math.abs(pooled - result.mean.accuracy) < 1e-12);
assert.equal(matrix[0][0] + matrix[1][1] + matrix[2][2], Math.round(pooled * labels.length));
// training worked: far above chance (1/3), and no tensor left behind
assert.ok(result.mean.accuracy > 0.7, `mean accuracy ${result.mean.accuracy}`);
assert.ok(result.mean.macroF1 > 0.7, `macro F1 ${result.mean.macroF1}`);
assert.equal(tf.memory().numTensors, start - 1, 'only ys was there, and it is disposed');

console.log(
  `ok ${JSON.stringify({ accuracy: result.testScore.accuracy, tfjsAccuracy: result.testScore.tfjsAccuracy, mean: result.mean, std: result.std.accuracy, confusion: matrix })}`,
);
