// @dl/loss and @dl/tensor on TensorFlow.js tensors: cross-entropy with label smoothing and its gradient, computed
// by @dl/loss on a tfjs model's logits, equal tfjs's own; then a loss TensorFlow.js does not have (PyTorch's
// multi-class margin loss) trains a tfjs-layers model, its gradient handed to tfjs through tf.customGrad.
import assert from 'node:assert/strict';
import { crossEntropyLossValueAndGrad, multiMarginLossValueAndGrad } from '@dl/loss';
import { fromTf, toTf } from '@dl/tensor';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { threeClasses } from './data.mjs';

await tf.setBackend('cpu');
const start = tf.memory().numTensors;
const { features, labels } = threeClasses({ n: 240 });
const x = tf.tensor2d(features);
const y = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), 3));
const targets = Int32Array.from(labels);
const model = tfl.sequential({
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

// 1. The same numbers: @dl/loss on the logits' data, tfjs's softmaxCrossEntropy and tf.grad
const logits = model.apply(x);
const ours = crossEntropyLossValueAndGrad({ shape: logits.shape, data: logits.dataSync() }, targets, {
  labelSmoothing: 0.1,
});
const tfLoss = (l) => tf.losses.softmaxCrossEntropy(y, l, undefined, 0.1);
const [theirs, theirGrad] = [tfLoss(logits), tf.grad(tfLoss)(logits)];
assert.ok(
  Math.abs(ours.value - theirs.dataSync()[0]) < 1e-6,
  `loss ${ours.value} vs ${theirs.dataSync()[0]}`,
);
const gradient = theirGrad.dataSync();
const gradGap = Math.max(...ours.grad.data.map((g, i) => Math.abs(g - gradient[i])));
assert.ok(gradGap < 1e-6, `gradients differ by ${gradGap}`);
// @dl/tensor wraps a tfjs tensor's data without copying, and converts back
const wrapped = fromTf(logits);
assert.deepEqual(wrapped.shape, logits.shape);
assert.equal(wrapped.data, logits.dataSync()); // the cpu backend's own storage: read it, do not write it
const back = toTf(wrapped, tf);
assert.deepEqual(back.dataSync(), logits.dataSync());
tf.dispose([logits, theirs, theirGrad, back]);

// 2. A loss tfjs lacks, in tfjs training: forward and gradient from @dl/loss
const multiMargin = tf.customGrad((l, save) => {
  const { value, grad } = multiMarginLossValueAndGrad({ shape: l.shape, data: l.dataSync() }, targets);
  const g = tf.tensor(grad.data, grad.shape);
  save([g]);
  return { value: tf.scalar(value), gradFunc: (dy, [saved]) => tf.mul(dy, saved) };
});
const optimizer = tf.train.adam(0.02);
const losses = [];
let tensors = 0; // after the first step, once Adam's moments exist
for (let step = 0; step < 150; step++) {
  const loss = optimizer.minimize(() => multiMargin(model.apply(x)), true);
  losses.push(loss.dataSync()[0]);
  loss.dispose();
  if (step === 0) tensors = tf.memory().numTensors;
  else assert.equal(tf.memory().numTensors, tensors, `step ${step}: tensors grew`);
}
const accuracy = tf.tidy(() => tf.mean(tfl.metrics.categoricalAccuracy(y, model.apply(x))).dataSync()[0]);
assert.ok(losses.at(-1) < 0.5 * losses[0], `multi-margin loss ${losses[0]} -> ${losses.at(-1)}`);
assert.ok(accuracy > 0.75, `accuracy ${accuracy}`);
tf.dispose([x, y]);
optimizer.dispose();
model.dispose();
assert.equal(tf.memory().numTensors, start, 'everything disposed');

console.log(
  `ok ${JSON.stringify({ crossEntropy: ours.value, gradGap, multiMargin: [losses[0], losses.at(-1)], accuracy })}`,
);
