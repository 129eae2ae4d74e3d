// Proof on real training: the learning-rate range test on the digits MLP (@dl/nn + @dl/optim + @dl/loss, data/digits)
// restores the model and the optimizer, and the rate it suggests then trains the network to >= 0.95 accuracy.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { crossEntropyLoss } from '@dl/loss';
import { Linear, ReLU, Sequential } from '@dl/nn';
import { createOptimizer, sgd } from '@dl/optim';
import { argmax, indexSelect, noGrad, type Tensor, tensor } from '@dl/tensor';
import { expect, test } from 'vitest';
import { runLrRangeTest } from '../src/runLrRangeTest';

const rows = gunzipSync(readFileSync(new URL('../../../data/digits/digits.csv.gz', import.meta.url)))
  .toString()
  .trim()
  .split('\n')
  .map((l) => l.split(',').map(Number));
const x = tensor(rows.map((r) => r.slice(0, 64).map((v) => v / 16)));
const y = tensor(
  rows.map((r) => r[64]!),
  { dtype: 'int32' },
);
/** A seeded shuffle (LCG), so the split and the batches are the same on every run. */
function shuffle(items: number[], seed: number): number[] {
  const order = items.slice();
  let s = seed;
  for (let i = order.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
// a random split: the file's last rows come from other writers (a mismatch is not what this test is about)
const all = shuffle(
  Array.from({ length: rows.length }, (_, i) => i),
  3,
);
const trainIdx = all.slice(0, 1400);
const testIdx = all.slice(1400);
const EPOCHS = 30;
const xTest = indexSelect(x, 0, tensor(testIdx, { dtype: 'int32' }));
const yTest = indexSelect(y, 0, tensor(testIdx, { dtype: 'int32' }));

/** Batches of 64 over a fixed shuffle of the training rows, cycling. */
function* batches(seed: number): Generator<{ x: Tensor; y: Tensor }> {
  const order = shuffle(trainIdx, seed);
  for (;;) {
    for (let b = 0; b + 64 <= order.length; b += 64) {
      const idx = tensor(order.slice(b, b + 64), { dtype: 'int32' });
      yield { x: indexSelect(x, 0, idx), y: indexSelect(y, 0, idx) };
    }
  }
}

test('LR finder on the digits MLP: restores model and optimizer, and its rate trains to >= 0.95 accuracy', {
  timeout: 120_000,
}, () => {
  const model = new Sequential(
    new Linear(64, 64, { seed: 1 }),
    new ReLU(),
    new Linear(64, 64, { seed: 2 }),
    new ReLU(),
    new Linear(64, 10, { seed: 3 }),
  );
  const optimizer = createOptimizer([...model.parameters()], sgd({ lr: 0.01, momentum: 0.9 }));
  const trainStep = (batch: { x: Tensor; y: Tensor }, lr: number): number => {
    for (const g of optimizer.paramGroups) g.lr = lr;
    optimizer.zeroGrad();
    const loss = crossEntropyLoss(model.forward(batch.x) as Tensor, batch.y);
    loss.backward();
    optimizer.step();
    return loss.item();
  };
  const before = JSON.stringify(model.stateDict());
  const data = batches(7);
  const report = runLrRangeTest(
    (lr) => trainStep(data.next().value, lr),
    { startLr: 1e-4, endLr: 10, numIter: 100 },
    {
      snapshot: () => ({
        model: JSON.stringify(model.stateDict()),
        optimizer: JSON.stringify(optimizer.stateDict()),
      }),
      restore: (s) => {
        model.loadStateDict(JSON.parse(s.model));
        optimizer.loadStateDict(JSON.parse(s.optimizer));
      },
    },
  );
  // the sweep trained the model (and blew it up), and restore put everything back
  expect(report.restored).toBe(true);
  expect(report.curve.status).toBe('diverged');
  expect(JSON.stringify(model.stateDict())).toBe(before);
  expect(optimizer.paramGroups[0]!.lr).toBe(0.01);
  const { suggestions } = report;
  expect(suggestions.lr).not.toBeNull();
  expect(suggestions.agreement.range).not.toBeNull();
  console.log(
    `LR finder (digits MLP, SGD momentum 0.9): ${report.curve.iteration} iterations (${report.curve.status}); steepest ${suggestions.steepest!.lr.toPrecision(3)}, valley ${suggestions.valley!.lr.toPrecision(3)}, minimum/10 ${suggestions.minimum!.lr.toPrecision(3)}; agree ${suggestions.agreement.agree} (ratio ${suggestions.agreement.ratio!.toFixed(1)})`,
  );
  // train with the suggested rate from the restored initialization; then, as a control, with the sweep's first rate
  const initial = {
    model: JSON.stringify(model.stateDict()),
    optimizer: JSON.stringify(optimizer.stateDict()),
  };
  const trainAndScore = (lr: number): number => {
    model.loadStateDict(JSON.parse(initial.model));
    optimizer.loadStateDict(JSON.parse(initial.optimizer));
    const train = batches(11);
    for (let step = 0; step < 21 * EPOCHS; step++) trainStep(train.next().value, lr);
    return noGrad(() => {
      const predicted = argmax(model.forward(xTest) as Tensor, { axis: 1 }).data as Int32Array;
      const truth = yTest.data as Int32Array;
      return predicted.filter((p, i) => p === truth[i]).length / truth.length;
    });
  };
  const accuracy = trainAndScore(suggestions.lr!);
  const control = trainAndScore(1e-4);
  console.log(
    `trained ${EPOCHS} epochs at the suggested lr ${suggestions.lr!.toPrecision(3)}: test accuracy ${accuracy.toFixed(4)} (control at lr 1e-4: ${control.toFixed(4)})`,
  );
  expect(control).toBeLessThan(0.9);
  expect(accuracy).toBeGreaterThanOrEqual(0.95);
});
