import { describe, expect, test } from 'vitest';
import { groupKFold } from './groupKFold';
import { kFold } from './kFold';
import { leavePOut } from './leavePOut';
import { RandomState } from './RandomState';
import { repeatedKFold } from './repeatedKFold';
import { shuffleSplit } from './shuffleSplit';
import { stratifiedKFold } from './stratifiedKFold';
import { timeSeriesSplit } from './timeSeriesSplit';

const tests = (it: Iterable<{ test: Int32Array }>) => [...it].map((s) => Array.from(s.test));

describe('the splitter protocol', () => {
  test('an integer seed gives the same splits on every call; a RandomState stream advances', () => {
    const seeded = kFold({ nSplits: 3, shuffle: true, randomState: 5 });
    expect(tests(seeded.split({ nSamples: 9 }))).toEqual(tests(seeded.split({ nSamples: 9 })));
    const stream = kFold({ nSplits: 3, shuffle: true, randomState: new RandomState(5) });
    const a = tests(stream.split({ nSamples: 9 }));
    const b = tests(stream.split({ nSamples: 9 }));
    expect(a).toEqual(tests(seeded.split({ nSamples: 9 })));
    expect(b).not.toEqual(a);
  });

  test('repeatedKFold equals kFold runs sharing one RandomState', () => {
    const rng = new RandomState(11);
    const expected = [0, 1, 2].flatMap(() =>
      tests(kFold({ nSplits: 4, shuffle: true, randomState: rng }).split({ nSamples: 10 })),
    );
    expect(
      tests(repeatedKFold({ nSplits: 4, nRepeats: 3, randomState: 11 }).split({ nSamples: 10 })),
    ).toEqual(expected);
  });

  test('nSamples comes from X (array, typed array or tensor-like shape), y or groups', () => {
    const cv = kFold({ nSplits: 2 });
    const expected = tests(cv.split({ nSamples: 4 }));
    expect(tests(cv.split({ X: [[1], [2], [3], [4]] }))).toEqual(expected);
    expect(tests(cv.split({ X: new Float32Array(4) }))).toEqual(expected);
    expect(tests(cv.split({ X: { shape: [4, 28, 28] } }))).toEqual(expected);
    expect(tests(cv.split({ y: [0, 1, 0, 1] }))).toEqual(expected);
    expect(tests(cv.split({ groups: ['a', 'b', 'c', 'd'] }))).toEqual(expected);
  });

  test('labels may be strings or typed arrays; relabelling does not change stratified folds', () => {
    const y = [2, 2, 5, 5, 2, 5, 2, 2, 5, 2];
    const names = y.map((v) => (v === 2 ? 'Happy' : 'Sad'));
    const cv = stratifiedKFold({ nSplits: 3, shuffle: true, randomState: 0 });
    const ref = tests(cv.split({ y }));
    expect(tests(cv.split({ y: names }))).toEqual(ref);
    expect(tests(cv.split({ y: Int32Array.from(y) }))).toEqual(ref);
    expect(tests(cv.split({ y: Uint8Array.from(y, (v) => 9 - v) }))).toEqual(ref);
  });

  test('splits are lazy and getNSplits matches the count', () => {
    for (const cv of [kFold({ nSplits: 4 }), timeSeriesSplit({ nSplits: 3 }), shuffleSplit({ nSplits: 6 })]) {
      expect([...cv.split({ nSamples: 20 })]).toHaveLength(cv.getNSplits({ nSamples: 20 }));
    }
    expect(leavePOut({ p: 3 }).getNSplits({ nSamples: 10 })).toBe(120);
    expect([...leavePOut({ p: 3 }).split({ nSamples: 10 })]).toHaveLength(120);
  });

  test('groupKFold keeps groups whole and balances fold sizes', () => {
    const groups = Array.from({ length: 100 }, (_, i) => i % 17);
    const splits = [...groupKFold({ nSplits: 4 }).split({ groups })];
    const seen = new Set<number>();
    for (const { train, test } of splits) {
      const tg = new Set(Array.from(test, (i) => groups[i]!));
      for (const i of train) expect(tg.has(groups[i]!)).toBe(false);
      for (const g of tg) seen.add(g);
      expect(test.length).toBeGreaterThanOrEqual(18);
    }
    expect(seen.size).toBe(17);
  });
});
