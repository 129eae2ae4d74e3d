import { describe, expect, it } from 'vitest';
import { divergenceGuard } from './divergenceGuard';
import { gradientHealth } from './gradientHealth';
import { gradientNoiseScale } from './gradientNoiseScale';

describe('divergenceGuard', () => {
  it('NaN and Infinity diverge at once, with the step', () => {
    const g = divergenceGuard();
    let s = g.init();
    for (const v of [1, 0.9, Number.POSITIVE_INFINITY]) s = g.update(s, v);
    expect(s).toMatchObject({ diverged: true, reason: 'non-finite', divergedAt: 2, best: 0.9 });
  });
  it('a loss above factor × best diverges after patience strikes; a recovery resets them', () => {
    const g = divergenceGuard({ factor: 2, patience: 1 });
    let s = g.init();
    for (const v of [1, 2.5, 0.9, 2.5, 2.6]) s = g.update(s, v);
    expect(s).toMatchObject({ diverged: true, reason: 'exploded', divergedAt: 4, strikes: 2 });
    let t = g.init();
    for (const v of [1, 2.5, 1.5, 2.5]) t = g.update(t, v);
    expect(t.diverged).toBe(false);
  });
  it('rejects bad options and values', () => {
    expect(() => divergenceGuard({ factor: 1 })).toThrow(
      new RangeError('divergenceGuard: factor must be a finite number > 1, got 1'),
    );
    expect(() => divergenceGuard({ patience: -1 })).toThrow(/patience must be an integer >= 0, got -1/);
    expect(() => divergenceGuard().update(divergenceGuard().init(), '1' as never)).toThrow(
      new TypeError('divergenceGuard.update: loss must be a number, got "1"'),
    );
  });
});

describe('gradientNoiseScale', () => {
  it('recovers |G|^2 and tr(Sigma) from simulated minibatch gradients', () => {
    // per-example gradients g_i = G + noise with known covariance; E|mean of B|^2 = |G|^2 + tr(S)/B
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648 - 0.5;
    };
    const G = [0.3, -0.2, 0.1];
    const sd = [1, 2, 0.5];
    const trS = sd.reduce((s, v) => s + (v * v) / 12, 0); // uniform(-0.5, 0.5) * sd has variance sd^2/12
    const sq = (B: number, reps: number) => {
      let acc = 0;
      for (let r = 0; r < reps; r++) {
        const m = G.map(() => 0);
        for (let b = 0; b < B; b++) for (let j = 0; j < 3; j++) m[j]! += G[j]! + sd[j]! * rand();
        acc += m.reduce((s, v) => s + (v / B) ** 2, 0);
      }
      return acc / reps;
    };
    const est = gradientNoiseScale({
      smallBatch: 4,
      smallSquaredNorm: sq(4, 4000),
      largeBatch: 64,
      largeSquaredNorm: sq(64, 1000),
    });
    const G2 = G.reduce((s, v) => s + v * v, 0);
    expect(est.trueSquaredNorm).toBeCloseTo(G2, 1);
    expect(est.traceCovariance / trS).toBeCloseTo(1, 1);
    expect(est.noiseScale).toBeCloseTo(trS / G2, 0);
  });
  it('noise-dominated measurements give Infinity; bad input is an error', () => {
    expect(
      gradientNoiseScale({ smallBatch: 1, smallSquaredNorm: 1, largeBatch: 2, largeSquaredNorm: 0.4 })
        .noiseScale,
    ).toBe(Number.POSITIVE_INFINITY);
    expect(() =>
      gradientNoiseScale({ smallBatch: 8, smallSquaredNorm: 1, largeBatch: 8, largeSquaredNorm: 1 }),
    ).toThrow(new RangeError('gradientNoiseScale: largeBatch must be larger than smallBatch (8), got 8'));
    expect(() =>
      gradientNoiseScale({ smallBatch: 8, smallSquaredNorm: Number.NaN, largeBatch: 9, largeSquaredNorm: 1 }),
    ).toThrow(/smallSquaredNorm must be a finite number >= 0, got NaN/);
  });
});

describe('gradientHealth', () => {
  it('flags vanishing, exploding, non-finite gradients, update ratios and dead units', () => {
    const h = gradientHealth({
      a: { grad: [1e-9] },
      b: { grad: [3e3, 0] },
      c: { grad: [Number.NaN] },
      d: { grad: [0.1, 0.1], param: [3, 4], update: [0, 1e-6] },
      e: { grad: [0.1, 0.1], param: [3, 4], update: [0, 1] },
      f: { grad: [0.1], activations: { shape: [3, 4], data: [0, 0, 0, 1, 0, 0, 2, 0, 0, 0, 0, 3] } },
      ok: { grad: [0.1, 0.1], param: [3, 4], update: [0.003, 0.004] },
    });
    expect(h.a!.issues).toEqual(['vanishing']);
    expect(h.b!.issues).toEqual(['exploding']);
    expect(h.c!.issues).toEqual(['non-finite']);
    expect(h.d!.issues).toEqual(['update-too-small']);
    expect(h.e!).toMatchObject({ paramNorm: 5, updateRatio: 0.2, issues: ['update-too-large'] });
    expect(h.f!).toMatchObject({ deadFraction: 0.5, issues: [] });
    expect(h.ok!).toMatchObject({ updateRatio: 0.001, issues: [] });
  });
  it('rejects mismatched sizes with the group named', () => {
    expect(() => gradientHealth({ w: { grad: [1, 2], param: [1] } })).toThrow(
      new RangeError('gradientHealth: groups["w"].param has 1 values, its grad 2'),
    );
    expect(() => gradientHealth({ w: { grad: null as never } })).toThrow(
      /groups\["w"\]\.grad must be an array of numbers, got null/,
    );
    expect(() => gradientHealth({ w: { grad: [1] } }, { exploding_threshold: 1 } as never)).toThrow(
      /unknown option/,
    );
  });
});
