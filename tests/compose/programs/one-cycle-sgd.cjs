// The same from CommonJS: require() of the packed @dl packages next to TensorFlow.js; a one-cycle schedule
// (PyTorch's OneCycleLR) drives tf.train.sgd's learning rate inside model.fit.
const assert = require('node:assert/strict');
const { createScheduler, oneCycle } = require('@dl/schedule');
const { accuracyScore } = require('@dl/metrics');
require('@tensorflow/tfjs-backend-cpu');
const tf = require('@tensorflow/tfjs-core');
const tfl = require('@tensorflow/tfjs-layers');

async function main() {
  await tf.setBackend('cpu');
  const start = tf.memory().numTensors;
  // two interleaved half-moons, 200 points
  const labels = Array.from({ length: 200 }, (_, i) => i % 2);
  const features = labels.map((c, i) => {
    const t = (Math.PI * Math.floor(i / 2)) / 99;
    return c === 0 ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
  });
  const x = tf.tensor2d(features);
  const y = tf.tensor2d(labels, [200, 1]);
  const model = tfl.sequential({
    layers: [
      tfl.layers.dense({
        inputShape: [2],
        units: 32,
        activation: 'tanh',
        kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }),
      }),
      tfl.layers.dense({
        units: 1,
        activation: 'sigmoid',
        kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }),
      }),
    ],
  });
  const optimizer = tf.train.sgd(0);
  model.compile({ optimizer, loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  const totalSteps = 60 * Math.ceil(200 / 20);
  const lr = oneCycle({ maxLr: 2, totalSteps });
  const scheduler = createScheduler(optimizer, { schedules: { lr } });
  const history = await model.fit(x, y, {
    epochs: 60,
    batchSize: 20,
    shuffle: false,
    verbose: 0,
    callbacks: { onBatchEnd: () => scheduler.step() },
  });
  const loss = history.history.loss;
  assert.ok(loss.at(-1) < 0.4 * loss[0], `loss ${loss[0]} -> ${loss.at(-1)}`);
  assert.equal(optimizer.learningRate, lr(totalSteps));
  // @dl/metrics' accuracy of the thresholded predictions is tfjs's binary accuracy
  const yPred = tf.tidy(() => Array.from(tf.greater(model.predict(x), 0.5).dataSync()));
  const scored = model.evaluate(x, y);
  const tfjsAccuracy = scored[1].dataSync()[0];
  assert.equal(Math.fround(accuracyScore(labels, yPred)), tfjsAccuracy);
  assert.ok(tfjsAccuracy > 0.85, `accuracy ${tfjsAccuracy}`);
  tf.dispose([x, y, ...scored]);
  optimizer.dispose();
  model.dispose();
  assert.equal(tf.memory().numTensors, start, 'everything disposed');
  console.log(`ok ${JSON.stringify({ loss: [loss[0], loss.at(-1)], accuracy: tfjsAccuracy })}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
