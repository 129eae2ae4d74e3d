import { describe, expect, test } from 'vitest';
import { lrRangeTest } from './lrRangeTest';
import { runLrRangeTest } from './runLrRangeTest';
import { suggestLearningRates } from './suggestLearningRates';

describe('lrRangeTest', () => {
  test('exponential and linear sweeps reach endLr at the last iteration', () => {
    const e = lrRangeTest({ startLr: 1e-3, endLr: 10, numIter: 5 });
    expect([0, 1, 2, 3, 4].map((i) => e.lrAt(i))).toEqual(
      [0.001, 0.01, 0.1, 1, 10].map((v, i) => e.lrAt(i) && v),
    );
    expect(e.lrAt(4)).toBeCloseTo(10, 12);
    const l = lrRangeTest({ startLr: 1, endLr: 3, numIter: 3, stepMode: 'linear' });
    expect([l.lrAt(0), l.lrAt(1), l.lrAt(2)]).toEqual([1, 2, 3]);
    expect(() => l.lrAt(3)).toThrow('lrRangeTest.lrAt: i must be an integer in [0, 2], got 3');
  });

  test('bias-corrected smoothing: the first smoothed value is the first loss, constants stay constant', () => {
    const t = lrRangeTest({ numIter: 10 });
    let s = t.init();
    for (let i = 0; i < 10; i++) s = t.update(s, 1.5);
    for (const v of s.smoothed) expect(v).toBeCloseTo(1.5, 12);
    expect(s.status).toBe('completed');
    expect(() => t.update(s, 1)).toThrow('lrRangeTest.update: the sweep is over (status "completed")');
  });

  test('torch-lr-finder smoothing (debias: false) starts at the first loss; beta 0 is no smoothing', () => {
    const t = lrRangeTest({ numIter: 3, beta: 0.5, debias: false, divergeThreshold: null });
    let s = t.init();
    for (const l of [4, 2, 100]) s = t.update(s, l);
    expect(s.smoothed).toEqual([4, 3, 51.5]);
    expect(s.status).toBe('completed');
    const raw = lrRangeTest({ numIter: 3, beta: 0 });
    let r = raw.init();
    for (const l of [4, 2, 3]) r = raw.update(r, l);
    expect(r.smoothed).toEqual([4, 2, 3]);
  });

  test('stops on divergence and on a non-finite loss; update never modifies its input; the state is JSON', () => {
    const t = lrRangeTest({ numIter: 50, beta: 0 });
    let s = t.init();
    const frozen = JSON.stringify(s);
    const s1 = t.update(s, 2);
    expect(JSON.stringify(s)).toBe(frozen);
    s = t.update(t.update(s1, 1), 4.5);
    expect(s.status).toBe('diverged');
    expect(s.stop).toBe(true);
    let n = t.init();
    n = t.update(t.update(n, 1), Number.NaN);
    expect(n.status).toBe('non-finite');
    expect(n.smoothed).toEqual([1, null]);
    expect(JSON.parse(JSON.stringify(n))).toEqual(n);
  });

  test('bad input: errors name the function, the argument, the value and what was expected', () => {
    expect(() => lrRangeTest({ startLr: 0 })).toThrow(
      'lrRangeTest: startLr must be a finite number > 0, got 0',
    );
    expect(() => lrRangeTest({ startLr: 1, endLr: 1 })).toThrow(
      'lrRangeTest: endLr must be a finite number > startLr (1), got 1',
    );
    expect(() => lrRangeTest({ numIter: 1 })).toThrow(
      'lrRangeTest: numIter must be an integer in [2, 1e7], got 1',
    );
    expect(() => lrRangeTest({ stepMode: 'log' as never })).toThrow(
      'lrRangeTest: stepMode must be one of "exp", "linear", got "log"',
    );
    expect(() => lrRangeTest({ beta: 1 })).toThrow('lrRangeTest: beta must be a number in [0, 1), got 1');
    expect(() => lrRangeTest({ divergeThreshold: 1 })).toThrow(RangeError);
    expect(() => lrRangeTest({ debias: 1 as never })).toThrow(TypeError);
    expect(() => lrRangeTest({ end_lr: 1 } as never)).toThrow(/unknown option 'end_lr'.*'endLr'/);
    const t = lrRangeTest();
    expect(() => t.update({} as never, 1)).toThrow('lrRangeTest.update: state must be the record');
    expect(() => t.update(t.init(), '1' as never)).toThrow(
      'lrRangeTest.update: loss must be a number, got "1"',
    );
  });
});

describe('suggestLearningRates', () => {
  const lrs = Array.from({ length: 30 }, (_, i) => 1e-4 * 10 ** (i / 6));
  const smoothed = lrs.map((lr) => 2.3 - Math.tanh(Math.log10(lr / 1e-3)) + (lr > 0.3 ? 40 * (lr - 0.3) : 0));

  test('reports the three rules, the window read, and where they agree', () => {
    const s = suggestLearningRates({ lrs, smoothed });
    expect(s.window).toEqual([3, 25]);
    for (const k of ['steepest', 'valley', 'minimum'] as const) {
      expect(s[k]!.index).toBeGreaterThanOrEqual(3);
      expect(s[k]!.index).toBeLessThan(25);
      expect(s[k]!.lrAtPoint).toBe(lrs[s[k]!.index]);
    }
    expect(s.minimum!.lr).toBe(s.minimum!.lrAtPoint / 10);
    expect(s.agreement.range![0]).toBe(Math.min(s.steepest!.lr, s.valley!.lr, s.minimum!.lr));
    expect(s.agreement.ratio).toBeCloseTo(s.agreement.range![1] / s.agreement.range![0], 12);
    const strict = suggestLearningRates({ lrs, smoothed }, { agreementFactor: 1 });
    expect(strict.agreement.agree).toBe(false);
    expect(strict.agreement.consensus).toBeNull();
  });

  test('reads the curve only up to its first null or non-finite loss; too few points give a reason', () => {
    const cut = smoothed.map((v, i) => (i >= 12 ? null : v));
    expect(suggestLearningRates({ lrs, smoothed: cut }).window).toEqual([3, 7]);
    const few = suggestLearningRates({ lrs: lrs.slice(0, 6), smoothed: smoothed.slice(0, 6) });
    expect(few.lr).toBeNull();
    expect(few.reason).toBe(
      'too few points: 6 finite of 6, 1 left after skipping 0 at the start and 5 at the end (need 2)',
    );
  });

  test('bad input: errors name the function, the argument, the value and what was expected', () => {
    expect(() => suggestLearningRates(null as never)).toThrow(
      'suggestLearningRates: curve must be an object { lrs, smoothed } of arrays, got null',
    );
    expect(() => suggestLearningRates({ lrs: [1, 2], smoothed: [1] })).toThrow(
      'suggestLearningRates: curve.lrs has 2 values but curve.smoothed has 1',
    );
    expect(() => suggestLearningRates({ lrs: [1, -2], smoothed: [1, 2] })).toThrow(
      'suggestLearningRates: curve.lrs[1] must be a finite number > 0, got -2',
    );
    expect(() => suggestLearningRates({ lrs: [1, 2], smoothed: [1, '2' as never] })).toThrow(TypeError);
    expect(() => suggestLearningRates({ lrs, smoothed }, { skipEnd: -1 })).toThrow(
      'suggestLearningRates: skipEnd must be an integer >= 0, got -1',
    );
    expect(() => suggestLearningRates({ lrs, smoothed }, { agreementFactor: 0.5 })).toThrow(RangeError);
  });
});

describe('runLrRangeTest', () => {
  const quadratic = () => {
    const m = { w: 0, velocity: 0 };
    const step = (lr: number) => {
      const loss = (m.w - 3) ** 2;
      m.velocity = 0.5 * m.velocity + 2 * (m.w - 3);
      m.w -= lr * m.velocity;
      return loss;
    };
    const hooks = {
      snapshot: () => ({ ...m }),
      restore: (s: { w: number; velocity: number }) => Object.assign(m, s),
    };
    return { m, step, hooks };
  };

  test('restores the model and the optimizer state after the sweep', () => {
    const { m, step, hooks } = quadratic();
    m.w = 1;
    m.velocity = 0.25;
    const r = runLrRangeTest(step, { startLr: 1e-3, endLr: 10, numIter: 80 }, hooks);
    expect(m).toEqual({ w: 1, velocity: 0.25 });
    expect(r.restored).toBe(true);
    expect(r.curve.status).toBe('diverged');
    expect(r.suggestions.lr).toBeGreaterThan(1e-3);
  });

  test('an asynchronous step (and async hooks) give a promise of the same report', async () => {
    const a = quadratic();
    const b = quadratic();
    const sync = runLrRangeTest(a.step, { startLr: 1e-3, endLr: 10, numIter: 80 }, a.hooks);
    const pending = runLrRangeTest(
      async (lr) => b.step(lr),
      { startLr: 1e-3, endLr: 10, numIter: 80 },
      {
        snapshot: async () => b.hooks.snapshot(),
        restore: async (s) => b.hooks.restore(s),
      },
    );
    expect(pending).toBeInstanceOf(Promise);
    expect(await pending).toEqual(sync);
    expect(b.m).toEqual({ w: 0, velocity: 0 });
  });

  test('restores also when a step throws, and rethrows', async () => {
    const { m, step, hooks } = quadratic();
    let calls = 0;
    const failing = (lr: number) => {
      if (++calls === 5) throw new Error('out of memory');
      return step(lr);
    };
    expect(() => runLrRangeTest(failing, { numIter: 10 }, hooks)).toThrow('out of memory');
    expect(m).toEqual({ w: 0, velocity: 0 });
    calls = 0;
    await expect(runLrRangeTest(async (lr) => failing(lr), { numIter: 10 }, hooks)).rejects.toThrow(
      'out of memory',
    );
    expect(m).toEqual({ w: 0, velocity: 0 });
  });

  test('bad input: errors name the function, the argument, the value and what was expected', () => {
    expect(() => runLrRangeTest(1 as never)).toThrow(
      'runLrRangeTest: step must be a function (lr, iteration) => loss, got 1',
    );
    expect(() => runLrRangeTest(() => 1, { numIter: 0 })).toThrow(
      'runLrRangeTest: numIter must be an integer in [2, 1e7], got 0',
    );
    expect(() => runLrRangeTest(() => 1, { skipEnd: 1.5 })).toThrow(
      'runLrRangeTest: skipEnd must be an integer >= 0, got 1.5',
    );
    expect(() => runLrRangeTest(() => 1, {}, { snapshot: () => 0 } as never)).toThrow(
      'runLrRangeTest: hooks.restore must be a function, got undefined',
    );
    expect(() => runLrRangeTest(() => 'x' as never)).toThrow(
      `runLrRangeTest: step must return a number (the batch's loss), got "x"`,
    );
    expect(() => runLrRangeTest(() => 1, { smooth_f: 0.05 } as never)).toThrow(/unknown option 'smooth_f'/);
  });
});
