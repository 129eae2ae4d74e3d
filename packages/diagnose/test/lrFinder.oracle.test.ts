// The range test's smoothing, divergence stop and the three suggestion rules against fastai's and
// torch-lr-finder's published algorithms, re-implemented in scripts/oracle_lr_finder.py and applied to losses
// recorded from real PyTorch 1.13 training (fixtures/lr-finder.json).
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { type LrRangeTestOptions, lrRangeTest } from '../src/lrRangeTest';
import { runLrRangeTest } from '../src/runLrRangeTest';
import { suggestLearningRates } from '../src/suggestLearningRates';

interface Case {
  name: string;
  options: Required<LrRangeTestOptions> & { skipStart: number; skipEnd: number };
  lrs: number[];
  raw: (number | string)[];
  expected: {
    smoothed: (number | null)[];
    iterations: number;
    steepest?: number;
    valley?: number;
    minimum?: number;
  };
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/lr-finder.json', import.meta.url), 'utf8')) as {
  torch: string;
  cases: Case[];
};

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));

describe('lrRangeTest + suggestLearningRates equal the published rules on recorded PyTorch curves', () => {
  test('the fixture covers recorded curves, both smoothings, divergence stops and a NaN', () => {
    expect(fixture.cases.filter((c) => c.name.startsWith('digits')).length).toBe(20);
    expect(fixture.cases.some((c) => !c.options.debias)).toBe(true);
    expect(fixture.cases.filter((c) => c.expected.iterations < c.options.numIter).length).toBeGreaterThan(8);
    expect(fixture.cases.some((c) => c.raw.includes('NaN'))).toBe(true);
  });

  test.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { skipStart, skipEnd, ...sweep } = c.options;
    const rule = lrRangeTest(sweep);
    const raw = c.raw.map(Number);
    let s = rule.init();
    while (!s.stop) s = rule.update(s, raw[s.iteration]!);
    expect(s.iteration).toBe(c.expected.iterations);
    s.lrs.forEach((lr, i) => {
      expect(close(lr, c.lrs[i]!), `lr ${i}: ${lr} vs ${c.lrs[i]}`).toBe(true);
    });
    s.smoothed.forEach((v, i) => {
      const want = c.expected.smoothed[i]!;
      if (want === null) expect(v).toBeNull();
      else expect(close(v!, want), `smoothed ${i}: ${v} vs ${want}`).toBe(true);
    });
    const g = suggestLearningRates(s, { skipStart, skipEnd });
    if (c.expected.steepest === undefined) {
      expect(g.steepest).toBeNull();
      expect(g.reason).toMatch(/too few points/);
      return;
    }
    expect(g.steepest!.index).toBe(c.expected.steepest);
    expect(g.valley!.index).toBe(c.expected.valley);
    expect(g.minimum!.index).toBe(c.expected.minimum);
    expect(g.steepest!.lr).toBe(s.lrs[c.expected.steepest]);
    expect(g.valley!.lr).toBe(s.lrs[c.expected.valley!]);
    expect(g.minimum!.lr).toBe(s.lrs[c.expected.minimum!]! / 10);
    expect(g.lr).toBe(g.valley!.lr);
  });

  test('runLrRangeTest over the recorded losses gives the same curve and suggestions', () => {
    const c = fixture.cases[0]!;
    const { skipStart, skipEnd, ...sweep } = c.options;
    const raw = c.raw.map(Number);
    const lrsSeen: number[] = [];
    const report = runLrRangeTest(
      (lr, i) => {
        lrsSeen.push(lr);
        return raw[i]!;
      },
      { ...sweep, skipStart, skipEnd },
    );
    expect(report.restored).toBe(false);
    expect(lrsSeen).toEqual(report.curve.lrs);
    expect(report.suggestions.valley!.index).toBe(c.expected.valley);
    expect(report.suggestions.steepest!.index).toBe(c.expected.steepest);
  });
});
