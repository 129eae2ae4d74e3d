/** The driver steps real TensorFlow.js optimizers (tfjs-core 4.22, cpu backend): the scheduled lr changes the update. */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, test } from 'vitest';
import { createScheduler, stepDecay } from '../src/index';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** One step of `optimizer` with the gradient 3 (loss = 3·x): returns the change of x. */
function update(optimizer: tf.Optimizer, x: tf.Variable): number {
  const before = x.dataSync()[0]!;
  optimizer.applyGradients({ [x.name]: tf.scalar(3) });
  return x.dataSync()[0]! - before;
}

test('tf.train.sgd: the driver sets the protected learningRate (through setLearningRate) and the update follows it', () => {
  const x = tf.variable(tf.scalar(0));
  const sgd = tf.train.sgd(1);
  const lr = stepDecay({ initial: 0.1, stepSize: 2, gamma: 0.5 });
  const s = createScheduler(sgd, { schedules: { lr } });
  const deltas: number[] = [];
  for (let t = 0; t < 6; t++) {
    deltas.push(update(sgd, x));
    s.step();
  }
  // SGD: delta = -lr · gradient, gradient 3
  deltas.forEach((d, t) => {
    expect(d).toBeCloseTo(-3 * lr(t), 6);
  });
  expect(deltas[2]! / deltas[0]!).toBeCloseTo(0.5, 5);
  x.dispose();
  sgd.dispose();
});

test('tf.train.adam: assigning learningRate changes the size of the update', () => {
  const x = tf.variable(tf.scalar(0));
  const adam = tf.train.adam(1);
  const lr = stepDecay({ initial: 0.01, stepSize: 3, gamma: 0.1 });
  const s = createScheduler(adam, { schedules: { lr } });
  const deltas: number[] = [];
  for (let t = 0; t < 6; t++) {
    deltas.push(update(adam, x));
    s.step();
  }
  // Adam with a constant gradient: |delta| = lr · g / (|g| + eps) ≈ lr
  deltas.forEach((d, t) => {
    expect(Math.abs(d + lr(t)) / lr(t)).toBeLessThan(1e-4);
  });
  expect(Math.abs(deltas[3]!)).toBeLessThan(Math.abs(deltas[2]!) / 5);
  x.dispose();
  adam.dispose();
});

test('tf.train.momentum ignores setMomentum in its update (tfjs-core 4.22), so a scheduled momentum is refused', () => {
  // What TensorFlow.js does: after setMomentum(0) the second update still carries 0.9 of the first.
  const deltas = (setTo: number | undefined) => {
    const x = tf.variable(tf.scalar(0));
    const opt = tf.train.momentum(1, 0.9);
    const first = update(opt, x);
    if (setTo !== undefined) opt.setMomentum(setTo);
    const second = update(opt, x);
    x.dispose();
    opt.dispose();
    return [first, second];
  };
  const untouched = deltas(undefined);
  const zeroed = deltas(0);
  expect(untouched[1]).toBeCloseTo(-3 * 1.9, 5);
  expect(zeroed[1]).toBeCloseTo(untouched[1]!, 6); // momentum 0 would have given -3
  // So the driver refuses it, with the reason and the fix; the lr alone is fine.
  const opt = tf.train.momentum(1, 0.9);
  expect(() => createScheduler(opt, { schedules: { lr: 0.05, momentum: (t) => 0.5 + t / 10 } })).toThrow(
    /createScheduler: schedules.momentum cannot drive TensorFlow.js's tf.train.momentum: its setMomentum changes getConfig\(\).momentum but not the update.*@dl\/optim's sgd\(\{ momentum \}\)/,
  );
  const s = createScheduler(opt, { schedules: { lr: (t) => 0.05 / (t + 1) } });
  s.step();
  expect(opt.getConfig()).toMatchObject({ learningRate: 0.025, momentum: 0.9 });
  const x = tf.variable(tf.scalar(0));
  expect(update(opt, x)).toBeCloseTo(-3 * 0.025, 6);
  x.dispose();
  opt.dispose();
});
