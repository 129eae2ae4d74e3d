import { describe, expect, test } from 'vitest';
import { auditSplits } from './auditSplits';
import { groupKFold } from './groupKFold';
import { kFold } from './kFold';
import { shuffleSplit } from './shuffleSplit';
import { stratifiedKFold } from './stratifiedKFold';

const split = (train: number[], test: number[]) => ({
  train: Int32Array.from(train),
  test: Int32Array.from(test),
});

describe('auditSplits', () => {
  test('a clean K-fold is a partition with no leakage', () => {
    const r = auditSplits({
      splits: kFold({ nSplits: 5 }).split({ nSamples: 23 }),
      nSamples: 23,
      partition: true,
    });
    expect(r).toMatchObject({ ok: true, problems: [], isPartition: true });
    expect(r.splits.map((s) => s.testSize)).toEqual([5, 5, 5, 4, 4]);
  });

  test('reports per-fold class proportions next to the whole set', () => {
    const y = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1];
    const r = auditSplits({ splits: stratifiedKFold({ nSplits: 2 }).split({ y }), nSamples: 10, y });
    expect(r.proportions).toEqual({ 0: 0.6, 1: 0.4 });
    for (const s of r.splits) {
      expect(s.testProportions).toEqual({ 0: 0.6, 1: 0.4 });
      expect(s.trainProportions).toEqual({ 0: 0.6, 1: 0.4 });
    }
  });

  test('flags groups that straddle train and test', () => {
    const groups = ['a', 'a', 'b', 'b', 'c', 'c'];
    expect(
      auditSplits({ splits: groupKFold({ nSplits: 3 }).split({ groups }), nSamples: 6, groups }).ok,
    ).toBe(true);
    const r = auditSplits({ splits: [split([0, 2, 4], [1, 3, 5])], nSamples: 6, groups });
    expect(r.ok).toBe(false);
    expect(r.splits[0]!.leakedGroups).toEqual(['a', 'b', 'c']);
    expect(r.problems).toEqual(['split 0: groups in both train and test: a, b, c']);
  });

  test('flags overlap, duplicates, out-of-range indices and non-partitions', () => {
    const r = auditSplits({
      splits: [split([0, 1], [1, 2]), split([0, 0], [3]), split([9], [0])],
      nSamples: 4,
      partition: true,
    });
    expect(r.problems).toEqual([
      'split 0: samples in both train and test: 1',
      'split 1: train index 0 appears twice',
      'split 2: train index 9 is out of range [0, 4)',
      'the test sets do not partition the samples: sample 0 is tested 0 times, expected exactly once',
    ]);
    expect(r.splits[0]!.overlap).toEqual([1]);
    expect(r.isPartition).toBe(false);
  });

  test('shuffle splits are not partitions, which is only a problem when asked for', () => {
    const splits = [...shuffleSplit({ nSplits: 3, testSize: 2, randomState: 0 }).split({ nSamples: 10 })];
    expect(auditSplits({ splits, nSamples: 10 }).ok).toBe(true);
    expect(auditSplits({ splits, nSamples: 10, partition: true }).ok).toBe(false);
  });
});
