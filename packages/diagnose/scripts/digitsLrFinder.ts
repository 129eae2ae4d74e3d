/**
 * The learning-rate range test on the digits MLP (64-64-64-10, SGD with momentum 0.9, batches of 64;
 * @dl/nn + @dl/optim + @dl/loss on data/digits), shared by test/lrFinder.training.test.ts (the proof) and
 * scripts/examples.ts (the guide's picture).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { crossEntropyLoss } from '@dl/loss';
import { Linear, ReLU, Sequential } from '@dl/nn';
import { createOptimizer, sgd } from '@dl/optim';
import { argmax, indexSelect, noGrad, type Tensor, tensor } from '@dl/tensor';
import { type LrRangeTestReport, runLrRangeTest } from '../src/runLrRangeTest';

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
export const xTest = indexSelect(x, 0, tensor(testIdx, { dtype: 'int32' }));
export const yTest = indexSelect(y, 0, tensor(testIdx, { dtype: 'int32' }));

/** Batches of 64 over a fixed shuffle of the training rows, cycling. */
export function* batches(seed: number): Generator<{ x: Tensor; y: Tensor }> {
  const order = shuffle(trainIdx, seed);
  for (;;) {
    for (let b = 0; b + 64 <= order.length; b += 64) {
      const idx = tensor(order.slice(b, b + 64), { dtype: 'int32' });
      yield { x: indexSelect(x, 0, idx), y: indexSelect(y, 0, idx) };
    }
  }
}

/** A fresh digits MLP and its optimizer, with the training step and the snapshot hooks of the range test. */
export function digitsSetup() {
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
  const hooks = {
    snapshot: () => ({
      model: JSON.stringify(model.stateDict()),
      optimizer: JSON.stringify(optimizer.stateDict()),
    }),
    restore: (s: { model: string; optimizer: string }) => {
      model.loadStateDict(JSON.parse(s.model));
      optimizer.loadStateDict(JSON.parse(s.optimizer));
    },
  };
  const testAccuracy = (): number =>
    noGrad(() => {
      const predicted = argmax(model.forward(xTest) as Tensor, { axis: 1 }).data as Int32Array;
      const truth = yTest.data as Int32Array;
      return predicted.filter((p, i) => p === truth[i]).length / truth.length;
    });
  return { model, optimizer, trainStep, hooks, testAccuracy };
}

/** The range test of the proof: 1e-4 to 10 over 100 batches, the model and optimizer restored afterwards. */
export function digitsLrRangeTest(setup: ReturnType<typeof digitsSetup>): LrRangeTestReport {
  const data = batches(7);
  return runLrRangeTest(
    (lr) => setup.trainStep(data.next().value, lr),
    { startLr: 1e-4, endLr: 10, numIter: 100 },
    setup.hooks,
  );
}
