import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { classificationReport, confusionMatrix, precisionRecallFscoreSupport } from '../src/index';

const guide = readFileSync(new URL('../../../docs/metrics.md', import.meta.url), 'utf8');
const yTrue = ['cat', 'cat', 'cat', 'cat', 'dog', 'dog', 'fox', 'fox'];
const yPred = ['cat', 'cat', 'cat', 'dog', 'dog', 'cat', 'dog', 'dog'];
const f4 = (v: number) => String(Number(v.toFixed(4)));

test('the worked confusion matrix of docs/metrics.md is what confusionMatrix gives', () => {
  expect(guide).toContain(
    `confusionMatrix(yTrue, yPred); // ${JSON.stringify(confusionMatrix(yTrue, yPred)).replace(/,/g, ', ')}`,
  );
});

test('the averaged numbers of the worked example are what precisionRecallFscoreSupport gives', () => {
  const macro0 = precisionRecallFscoreSupport(yTrue, yPred, { average: 'macro', zeroDivision: 0 });
  const macro1 = precisionRecallFscoreSupport(yTrue, yPred, { average: 'macro', zeroDivision: 1 });
  const weighted0 = precisionRecallFscoreSupport(yTrue, yPred, { average: 'weighted', zeroDivision: 0 });
  const weighted1 = precisionRecallFscoreSupport(yTrue, yPred, { average: 'weighted', zeroDivision: 1 });
  const micro = precisionRecallFscoreSupport(yTrue, yPred, { average: 'micro' });
  for (const v of [
    macro0.precision,
    macro1.precision,
    macro0.recall,
    macro0.fscore,
    weighted0.precision,
    weighted1.precision,
    weighted0.recall,
    weighted0.fscore,
    micro.precision,
  ]) {
    expect(guide).toContain(f4(v as number));
  }
  const per = precisionRecallFscoreSupport(yTrue, yPred);
  expect(per.fscore).toEqual([0.75, 1 / 3, 0]);
});

test('the report printed in the guide is classificationReport, character for character', () => {
  expect(guide).toContain(classificationReport(yTrue, yPred));
});
