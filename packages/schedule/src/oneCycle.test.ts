import { describe, expect, test } from 'vitest';
import { expectAt, expectError, fixture, oracleTests } from '../test/fromTorch';
import { oneCycle } from './oneCycle';
import { oneCycleMomentum } from './oneCycleMomentum';

describe('oneCycle + oneCycleMomentum (oracle: torch OneCycleLR cos/linear/three_phase, momentum)', () =>
  oracleTests('OneCycleLR'));

test('oneCycle: start, peak at pctStart·N - 1, final at N - 1, and step N accepted (boundaries)', () => {
  const c = fixture('OneCycleLR')[0]!; // max_lr 0.1, total_steps 100, 101 values (steps 0..100)
  const lr = oneCycle({ maxLr: 0.1, totalSteps: 100 });
  expectAt(lr, c, [0, 28, 29, 30, 99, 100]);
  expect(lr(29)).toBe(0.1);
  expect(lr(0)).toBeCloseTo(0.1 / 25, 15);
  const m = oneCycleMomentum({ maxLr: 0.1, totalSteps: 100 });
  expect(m(29)).toBe(0.85);
  expect(m(0)).toBe(0.95);
  expect(m(99)).toBeCloseTo(c.momentum![99]!, 15);
});

test('oneCycle three-phase returns to the start value at 2·pctStart·N - 2', () => {
  const c = fixture('OneCycleLR')[2]!; // max_lr 0.01, total 120, three_phase
  const lr = oneCycle({ maxLr: 0.01, totalSteps: 120, threePhase: true });
  expectAt(lr, c, [0, 35, 70, 71, 119, 120]);
  expect(lr(70)).toBeCloseTo(0.01 / 25, 15);
});

test('oneCycle takes epochs × stepsPerEpoch when totalSteps is not given', () => {
  const a = oneCycle({ maxLr: 0.5, epochs: 10, stepsPerEpoch: 13 });
  const b = oneCycle({ maxLr: 0.5, totalSteps: 130 });
  expect([0, 38, 100, 130].map(a)).toEqual([0, 38, 100, 130].map(b));
});

test.each([
  [
    'pctStart 1.2',
    () => oneCycle({ maxLr: 1, totalSteps: 10, pctStart: 1.2 }),
    RangeError,
    /^oneCycle: pctStart must be in \(0, 1\), got 1.2$/,
  ],
  [
    'pctStart 0',
    () => oneCycle({ maxLr: 1, totalSteps: 10, pctStart: 0 }),
    RangeError,
    /pctStart must be in \(0, 1\), got 0/,
  ],
  [
    'totalSteps 0',
    () => oneCycle({ maxLr: 1, totalSteps: 0 }),
    RangeError,
    /^oneCycle: totalSteps must be an integer >= 1, got 0$/,
  ],
  [
    'totalSteps -5',
    () => oneCycle({ maxLr: 1, totalSteps: -5 }),
    RangeError,
    /totalSteps must be an integer >= 1, got -5/,
  ],
  [
    'neither totalSteps nor epochs',
    () => oneCycle({ maxLr: 1 }),
    TypeError,
    /^oneCycle: give totalSteps, or both epochs and stepsPerEpoch, got neither$/,
  ],
  [
    'epochs 0',
    () => oneCycle({ maxLr: 1, epochs: 0, stepsPerEpoch: 3 }),
    RangeError,
    /^oneCycle: epochs must be an integer >= 1, got 0$/,
  ],
  [
    'stepsPerEpoch 1.5',
    () => oneCycle({ maxLr: 1, epochs: 2, stepsPerEpoch: 1.5 }),
    RangeError,
    /^oneCycle: stepsPerEpoch must be an integer >= 1, got 1.5$/,
  ],
  [
    'maxLr missing',
    () => oneCycle({ totalSteps: 10 } as never),
    TypeError,
    /^oneCycle: maxLr must be a finite number, got undefined$/,
  ],
  [
    'unknown annealStrategy',
    () => oneCycle({ maxLr: 1, totalSteps: 10, annealStrategy: 'exp' as never }),
    RangeError,
    /^oneCycle: annealStrategy must be one of "cos", "linear", got "exp"$/,
  ],
  [
    'divFactor 0',
    () => oneCycle({ maxLr: 1, totalSteps: 10, divFactor: 0 }),
    RangeError,
    /^oneCycle: divFactor must be > 0, got 0$/,
  ],
  [
    'finalDivFactor -1',
    () => oneCycle({ maxLr: 1, totalSteps: 10, finalDivFactor: -1 }),
    RangeError,
    /^oneCycle: finalDivFactor must be > 0, got -1$/,
  ],
  [
    'a step past the total',
    () => oneCycle({ maxLr: 1, totalSteps: 10 })(11),
    RangeError,
    /^oneCycle: step must be <= totalSteps \(10\), got 11$/,
  ],
  [
    'a negative step',
    () => oneCycle({ maxLr: 1, totalSteps: 10 })(-1),
    RangeError,
    /^oneCycle: step must be a finite number >= 0, got -1$/,
  ],
  [
    'baseMomentum NaN',
    () => oneCycleMomentum({ maxLr: 1, totalSteps: 10, baseMomentum: Number.NaN }),
    TypeError,
    /^oneCycleMomentum: baseMomentum must be a finite number, got NaN$/,
  ],
  [
    'maxMomentum NaN',
    () => oneCycleMomentum({ maxLr: 1, totalSteps: 10, maxMomentum: Number.NaN }),
    TypeError,
    /^oneCycleMomentum: maxMomentum must be a finite number, got NaN$/,
  ],
  [
    'a momentum step past the total',
    () => oneCycleMomentum({ maxLr: 1, totalSteps: 10 })(12),
    RangeError,
    /^oneCycleMomentum: step must be <= totalSteps \(10\), got 12$/,
  ],
])('oneCycle rejects %s', (_, thunk, type, message) => expectError(thunk, type, message));
