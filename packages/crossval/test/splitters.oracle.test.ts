import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  auditSplits,
  groupKFold,
  groupShuffleSplit,
  kFold,
  leaveOneGroupOut,
  leaveOneOut,
  leavePOut,
  predefinedSplit,
  repeatedKFold,
  repeatedStratifiedKFold,
  type Splitter,
  shuffleSplit,
  stratifiedGroupKFold,
  stratifiedKFold,
  stratifiedShuffleSplit,
  timeSeriesSplit,
} from '../src/index';

interface Case {
  splitter: string;
  options: Record<string, unknown>;
  data: { nSamples?: number; y?: (number | string)[]; groups?: (number | string)[] };
  splits?: [number[], number[]][];
  nSplits?: number;
  error?: string;
  warns: boolean;
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/splits.json', import.meta.url), 'utf8')) as {
  cases: Case[];
};

// biome-ignore lint/suspicious/noExplicitAny: factories take different option types
const factories: Record<string, (o?: any) => Splitter> = {
  kFold,
  stratifiedKFold,
  groupKFold,
  stratifiedGroupKFold,
  repeatedKFold,
  repeatedStratifiedKFold,
  shuffleSplit,
  stratifiedShuffleSplit,
  groupShuffleSplit,
  timeSeriesSplit,
  leaveOneOut,
  leavePOut,
  leaveOneGroupOut,
  predefinedSplit,
};

const partitions = new Set([
  'kFold',
  'stratifiedKFold',
  'groupKFold',
  'stratifiedGroupKFold',
  'leaveOneOut',
  'leaveOneGroupOut',
]);

const byName = new Map<string, Case[]>();
for (const c of fixture.cases) byName.set(c.splitter, [...(byName.get(c.splitter) ?? []), c]);

describe.each([...byName.keys()])('%s equals scikit-learn 1.2', (name) => {
  const cases = byName.get(name)!;
  test.each(cases.map((c, i) => [i, c] as const))('case %i', (_, c) => {
    const warnings: string[] = [];
    const run = () => {
      // only the stratified splitters take onWarning (unknown options are errors)
      const warn = ['stratifiedKFold', 'stratifiedGroupKFold', 'repeatedStratifiedKFold'].includes(name);
      const onWarning = (m: string) => warnings.push(m);
      // leaveOneOut() and leaveOneGroupOut() take no options: an argument would be an error
      const options = warn ? { ...c.options, onWarning } : c.options;
      const splitter = Object.keys(options).length === 0 ? factories[name]!() : factories[name]!(options);
      return { splitter, splits: [...splitter.split(c.data)] };
    };
    if (c.error !== undefined) {
      expect(run).toThrow(RangeError);
      return;
    }
    const { splitter, splits } = run();
    expect(splits.map((s) => [Array.from(s.train), Array.from(s.test)])).toEqual(c.splits);
    expect(splitter.getNSplits(c.data)).toBe(c.nSplits);
    expect(warnings.length > 0).toBe(c.warns);
    // Leakage invariants: partitions where scikit-learn's splitter is one, groups never straddle.
    const nSamples = c.data.nSamples ?? (c.data.y ?? c.data.groups)!.length;
    const partition = partitions.has(name);
    const audit = auditSplits({
      splits,
      nSamples,
      groups: name.startsWith('group') || name.includes('Group') ? c.data.groups : undefined,
      partition,
    });
    expect(audit.problems).toEqual([]);
  });
});

test('the fixture covers every splitter', () => {
  expect([...byName.keys()].sort()).toEqual(Object.keys(factories).sort());
});
