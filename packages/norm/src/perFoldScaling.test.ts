import { crossValidate, kFold } from '@dl/crossval';
import { expect, test } from 'vitest';
import { standardScaler } from './standardScaler';

// The recipe of docs/norm.md: fit the scaler inside `fit`, on the training indices only.
const rows = (x: number[][], idx: Int32Array) => Array.from(idx, (i) => x[i]!);

function data(outlier: number): number[][] {
  return Array.from({ length: 20 }, (_, i) => [i % 7, i === 19 ? outlier : (i * 37) % 11]);
}

async function run(x: number[][], leaky: boolean) {
  const scaler = standardScaler();
  const leakyState = scaler.fit(x);
  const states: ReturnType<typeof scaler.fit>[] = [];
  const result = await crossValidate({
    splitter: kFold({ nSplits: 4 }),
    data: { nSamples: x.length },
    fit: ({ train }) => {
      const state = leaky ? leakyState : scaler.fit(rows(x, train));
      states.push(state);
      return state;
    },
    // The score: the mean of the scaled training rows' second feature (0 when the scaler saw only them).
    evaluate: (state, _idx, { train }) => {
      const z = scaler.transform(rows(x, train), state);
      return z.reduce((s, r) => s + r[1]!, 0) / z.length;
    },
  });
  return { states, scores: result.testScore.score! };
}

test('scaling fitted per fold inside crossValidate uses only the training rows; a leaky fit sees the test fold', async () => {
  const perFold = await run(data(10), false);
  const perFoldOutlier = await run(data(1000), false);
  const leaky = await run(data(10), true);
  const leakyOutlier = await run(data(1000), true);
  // Per fold: the scaled training features are centred exactly, whatever the held-out rows are.
  for (const s of perFold.scores) expect(Math.abs(s)).toBeLessThan(1e-12);
  // Row 19 is held out in the last fold: changing it leaves that fold's statistics as they were ...
  expect(perFoldOutlier.states[3]).toEqual(perFold.states[3]);
  expect(perFoldOutlier.states[0]).not.toEqual(perFold.states[0]);
  // ... while the leaky scaler, fitted on everything, moves with the held-out row: the test fold leaked in.
  expect(leakyOutlier.states[3]!.mean![1]).toBeGreaterThan(leaky.states[3]!.mean![1]! + 40);
  expect(leaky.scores.some((s) => Math.abs(s) > 0.01)).toBe(true);
});
