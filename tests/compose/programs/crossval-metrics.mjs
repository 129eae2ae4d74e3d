// Stratified 5-fold cross-validation of a tfjs-layers model: folds from @dl/crossval, scores from @dl/metrics,
// checked against tfjs's own evaluate().
import assert from 'node:assert/strict';
import { crossValidate, stratifiedKFold } from '@dl/crossval';
import { accuracyScore, confusionMatrix, f1Score } from '@dl/metrics';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { threeClasses } from './data.mjs';

await tf.setBackend('cpu');
const { features, labels } = threeClasses({ n: 300 });
const xs = tf.tensor2d(features);
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

const predicted = new Array(labels.length).fill(-1); // out-of-fold predictions
const result = await crossValidate({
  splitter: stratifiedKFold({ nSplits: 5, shuffle: true, randomState: 0 }),
  data: { y: labels },
  fit: async ({ train, fold }) => {
    const model = makeModel(fold);
    const [x, y] = [gather(xs, train), gather(ys, train)];
    await model.fit(x, y, { epochs: 25, batchSize: 32, shuffle: false, verbose: 0 });
    tf.dispose([x, y]);
    return model;
  },
  evaluate: (model, indices) => {
    const [x, y] = [gather(xs, indices), gather(ys, indices)];
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
tf.dispose([xs, ys]);

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
assert.equal(tf.memory().numTensors, start - 2, 'only xs and ys were there, and they are disposed');

console.log(
  `ok ${JSON.stringify({ accuracy: result.testScore.accuracy, tfjsAccuracy: result.testScore.tfjsAccuracy, mean: result.mean, std: result.std.accuracy, confusion: matrix })}`,
);
