import { describe, expect, test } from 'vitest';
import { plateauDetector } from './plateauDetector';

describe('plateauDetector', () => {
  test('counts plateaus and remembers the last one; update does not modify its input', () => {
    const d = plateauDetector({ patience: 1, lr: 1, factor: 0.5 });
    let s = d.init();
    const frozen = Object.freeze({ ...s });
    expect(() => d.update(frozen, 1)).not.toThrow();
    for (const m of [3, 2, 2, 2, 2, 2]) s = d.update(s, m);
    expect(s.plateaus).toBe(2);
    expect(s.lastPlateauEpoch).toBe(5);
    expect(s.lr).toBe(0.25);
    expect(s.best).toBe(2);
  });

  test("NaN and Infinity are bad epochs, never the best; 'max' mode follows accuracies", () => {
    const d = plateauDetector({ patience: 0 });
    let s = d.init();
    s = d.update(s, Number.NaN);
    expect(s.best).toBeNull();
    expect(s.plateau).toBe(true);
    s = d.update(s, Number.NEGATIVE_INFINITY);
    expect(s.best).toBeNull();
    const m = plateauDetector({ mode: 'max', patience: 0 });
    let t = m.init();
    for (const a of [0.5, 0.6, 0.6]) t = m.update(t, a);
    expect(t.best).toBe(0.6);
    expect(t.plateau).toBe(true);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  test('bad input: errors name the function, the argument, the value and what was expected', () => {
    expect(() => plateauDetector({ factor: 1 })).toThrow(
      'plateauDetector: factor must be a number in (0, 1), got 1',
    );
    expect(() => plateauDetector({ patience: 1.5 })).toThrow(
      'plateauDetector: patience must be an integer >= 0, got 1.5',
    );
    expect(() => plateauDetector({ mode: 'auto' as never })).toThrow(
      'plateauDetector: mode must be one of "min", "max", got "auto"',
    );
    expect(() => plateauDetector({ thresholdMode: 'relative' as never })).toThrow(
      'plateauDetector: thresholdMode must be one of "rel", "abs", got "relative"',
    );
    expect(() => plateauDetector({ lr: 0 })).toThrow(
      'plateauDetector: lr must be a finite number > 0, got 0',
    );
    expect(() => plateauDetector({ minLr: -1 })).toThrow(RangeError);
    expect(() => plateauDetector({ cooldown: -1 })).toThrow(RangeError);
    expect(() => plateauDetector({ eps: Number.NaN })).toThrow(RangeError);
    expect(() => plateauDetector({ threshold: -1e-4 })).toThrow(RangeError);
    expect(() => plateauDetector({ min_lr: 0.1 } as never)).toThrow(/unknown option 'min_lr'.*'minLr'/);
    const d = plateauDetector();
    expect(() => d.update({} as never, 1)).toThrow(
      'plateauDetector.update: state must be the record returned by init() or update()',
    );
    expect(() => d.update(d.init(), '1' as never)).toThrow(
      'plateauDetector.update: metric must be a number, got "1"',
    );
  });
});
