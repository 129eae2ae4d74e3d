// The classifier two-sample test's p-value pieces against SciPy 1.10 / scikit-learn 1.2 (fixtures/c2st.json,
// written by scripts/oracle_c2st.py).
import { readFileSync } from 'node:fs';
import { rocAucScore } from '@dl/metrics';
import { expect, test } from 'vitest';
import { mannWhitneyMoments, mannWhitneyPValue } from '../src/_mannWhitney';
import { normalSf } from '../src/_normal';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/c2st.json', import.meta.url), 'utf8')) as {
  scipy: string;
  normal: { z: number; sf: number }[];
  folds: { scores: number[]; labels: number[]; auc: number; pvalue: number }[];
};

test.each(fixture.normal.map((c) => [c.z, c.sf] as const))(
  `normalSf(%d) equals scipy ${fixture.scipy}'s norm.sf to 1e-11 relative`,
  (z, sf) => {
    const got = normalSf(z);
    if (sf === 0) expect(got).toBeLessThan(1e-300);
    else expect(Math.abs(got - sf) / sf).toBeLessThan(1e-11);
  },
);

test.each(fixture.folds.map((c, i) => [i, c] as const))(
  "fold %d: the AUC (rocAucScore) equals roc_auc_score, the 'normal' p-value equals mannwhitneyu's (ties included)",
  (_i, c) => {
    const auc = rocAucScore(c.labels, c.scores);
    expect(Math.abs(auc - c.auc)).toBeLessThan(1e-14);
    const p = mannWhitneyPValue([mannWhitneyMoments(c.scores, c.labels, auc)]);
    expect(Math.abs(p - c.pvalue) / Math.max(c.pvalue, 1e-300)).toBeLessThan(1e-9);
  },
);
