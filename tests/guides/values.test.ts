// The scikit-learn numbers printed in docs/scikit-learn.md are scikit-learn 1.2's own: each `expr; // value` line
// of the "Same seed, same folds" block is compared with fixtures/sklearn-values.json (scripts/sklearn_values.py).
// code.test.ts runs the same lines against @dl, so the guide shows numbers both libraries give.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { root } from './guides';

const guide = readFileSync(join(root, 'docs/scikit-learn.md'), 'utf8');
const fixture = JSON.parse(readFileSync(join(root, 'tests/guides/fixtures/sklearn-values.json'), 'utf8'));

/** The value printed after `//` on the guide's line that starts with `expression`. */
function printed(expression: string): unknown {
  const line = guide.split('\n').find((l) => l.startsWith(expression));
  expect(line, `a line starting with ${expression}`).toBeDefined();
  return JSON.parse(line!.slice(line!.lastIndexOf('// ') + 3));
}

test.each([
  ['stratifiedKFold', '[...stratifiedKFold({ nSplits: 4, shuffle: true, randomState: 0 })'],
  ['kFold', '[...kFold({ nSplits: 3, shuffle: true, randomState: 0 })'],
  ['accuracyScore', 'accuracyScore(yTrue, yPred);'],
  ['f1Macro', "f1Score(yTrue, yPred, { average: 'macro' });"],
  ['confusionMatrix', 'confusionMatrix(yTrue, yPred);'],
  ['standardScalerMean', 'state.mean;'],
  ['standardScalerScale', 'state.scale;'],
  ['standardScalerTransform', 'scaler.transform([[2, 30]], state);'],
  ['minMaxScalerTransform', 'minMax.transform([[2, 30]]'],
])('%s: the guide prints scikit-learn 1.2.1 value', (key, expression) => {
  expect(fixture.sklearn).toBe('1.2.1');
  expect(printed(expression)).toEqual(fixture[key]);
});
