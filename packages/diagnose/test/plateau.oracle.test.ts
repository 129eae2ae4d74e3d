// plateauDetector against PyTorch 1.13's ReduceLROnPlateau, epoch by epoch (fixtures/plateau.json, written by
// scripts/oracle_plateau.py from recorded validation curves of real training and a few constructed sequences).
import { readFileSync } from 'node:fs';
import { reduceOnPlateau } from '@dl/schedule';
import { describe, expect, test } from 'vitest';
import {
  type PlateauDetectorOptions,
  type PlateauDetectorState,
  plateauDetector,
} from '../src/plateauDetector';

interface Case {
  sequence: string;
  mode: 'min' | 'max';
  options: Required<Omit<PlateauDetectorOptions, 'mode' | 'lr'>>;
  plateau: boolean[];
  lr: number[];
  numBadEpochs: number[];
  cooldownCounter: number[];
  bestEpoch: number[];
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/plateau.json', import.meta.url), 'utf8')) as {
  torch: string;
  initialLr: number;
  sequences: { name: string; mode: string; values: (number | string)[] }[];
  cases: Case[];
};
const values = new Map(fixture.sequences.map((s) => [s.name, s.values.map(Number)]));

function run(c: Case): PlateauDetectorState[] {
  const detector = plateauDetector({ ...c.options, mode: c.mode, lr: fixture.initialLr });
  const states: PlateauDetectorState[] = [];
  let s = detector.init();
  for (const v of values.get(c.sequence)!) {
    s = detector.update(s, v);
    states.push(s);
  }
  return states;
}

describe(`plateauDetector equals PyTorch ${fixture.torch} ReduceLROnPlateau epoch by epoch`, () => {
  test('the fixture covers recorded training curves, both modes, plateaus, cooldowns, minLr and eps', () => {
    expect(fixture.cases.length).toBeGreaterThan(150);
    expect(fixture.sequences.filter((s) => s.name.startsWith('digits')).length).toBe(6);
    const plateaus = fixture.cases.reduce((n, c) => n + c.plateau.filter(Boolean).length, 0);
    expect(plateaus).toBeGreaterThan(500);
    // some plateaus leave the rate unchanged (minLr reached, or the change below eps): exhausted
    const exhausted = fixture.cases.filter((c) =>
      c.plateau.some((p, i) => p && c.lr[i] === (i === 0 ? fixture.initialLr : c.lr[i - 1])),
    );
    expect(exhausted.length).toBeGreaterThan(10);
  });

  test.each(fixture.cases.map((c, i) => [`${i}: ${c.sequence} ${JSON.stringify(c.options)}`, c] as const))(
    '%s',
    (_name, c) => {
      const states = run(c);
      expect(states.map((s) => s.plateau)).toEqual(c.plateau);
      expect(states.map((s) => s.lr)).toEqual(c.lr);
      expect(states.map((s) => s.numBadEpochs)).toEqual(c.numBadEpochs);
      expect(states.map((s) => s.cooldownCounter)).toEqual(c.cooldownCounter);
      expect(states.map((s) => s.bestEpoch)).toEqual(c.bestEpoch);
      states.forEach((s, i) => {
        const before = i === 0 ? fixture.initialLr : c.lr[i - 1]!;
        expect(s.reduced).toBe(c.lr[i]! !== before);
        expect(s.exhausted).toBe(c.plateau[i]! && c.lr[i]! === before);
      });
    },
  );
});

test("@dl/schedule's reduceOnPlateau (PyTorch preset) sets the rates plateauDetector tracks, on finite curves", () => {
  let compared = 0;
  for (const c of fixture.cases) {
    const v = values.get(c.sequence)!;
    if (!v.every(Number.isFinite)) continue;
    const rule = reduceOnPlateau({ ...c.options, mode: c.mode, initial: fixture.initialLr });
    let s = rule.init();
    const lrs = v.map((m) => {
      s = rule.update(s, m);
      return s.value;
    });
    expect(lrs).toEqual(run(c).map((x) => x.lr));
    compared++;
  }
  expect(compared).toBeGreaterThan(150);
});

test('the state is plain JSON: a detector resumed from a serialized state continues identically', () => {
  const c = fixture.cases[5]!;
  const v = values.get(c.sequence)!;
  const detector = plateauDetector({ ...c.options, mode: c.mode, lr: fixture.initialLr });
  let s = detector.init();
  for (const m of v.slice(0, 20)) s = detector.update(s, m);
  let resumed = JSON.parse(JSON.stringify(s)) as PlateauDetectorState;
  expect(resumed).toEqual(s);
  for (const m of v.slice(20)) {
    s = detector.update(s, m);
    resumed = detector.update(resumed, m);
  }
  expect(resumed).toEqual(s);
  expect(s).toEqual(run(c).at(-1));
});
