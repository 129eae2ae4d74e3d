import { describe } from '@dl/internal';
import type { RandomState, RandomStateLike } from '../RandomState';
import { checkInt } from './data';
import { checkRandomState } from './random';

function kind(fn: string, arg: string, v: unknown): 'i' | 'f' | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new TypeError(
      `${fn}: ${arg} must be a number (an integer count or a fraction in (0, 1)), got ${describe(v)}`,
    );
  }
  return Number.isInteger(v) ? 'i' : 'f';
}

/**
 * scikit-learn's `_validate_shuffle_split`: integers are counts, non-integers fractions; the test count rounds up
 * ($\lceil t n \rceil$), the train count down ($\lfloor r n \rfloor$).
 */
export function shuffleSplitSizes(
  fn: string,
  n: number,
  testSize: number | undefined,
  trainSize: number | undefined,
  defaultTestSize: number,
): { nTrain: number; nTest: number } {
  if (testSize === undefined && trainSize === undefined) testSize = defaultTestSize;
  const tk = kind(fn, 'testSize', testSize);
  const rk = kind(fn, 'trainSize', trainSize);
  for (const [arg, k, v] of [
    ['testSize', tk, testSize],
    ['trainSize', rk, trainSize],
  ] as const) {
    if ((k === 'i' && (v! >= n || v! <= 0)) || (k === 'f' && (v! <= 0 || v! >= 1))) {
      throw new RangeError(
        `${fn}: ${arg} must be an integer in [1, ${n - 1}] or a fraction in (0, 1) (with ${n} samples), got ${v}`,
      );
    }
  }
  if (tk === 'f' && rk === 'f' && trainSize! + testSize! > 1) {
    throw new RangeError(
      `${fn}: testSize + trainSize must be <= 1 when both are fractions, got ${testSize} + ${trainSize} = ${trainSize! + testSize!}`,
    );
  }
  let nTest = tk === 'f' ? Math.ceil(testSize! * n) : (testSize ?? 0);
  let nTrain = rk === 'f' ? Math.floor(trainSize! * n) : (trainSize ?? 0);
  if (trainSize === undefined) nTrain = n - nTest;
  else if (testSize === undefined) nTest = n - nTrain;
  if (nTrain + nTest > n) {
    throw new RangeError(
      `${fn}: the train and test sets must fit in the ${n} samples, got ${nTrain} + ${nTest} = ${nTrain + nTest}`,
    );
  }
  if (nTrain === 0) {
    throw new RangeError(
      `${fn}: the train set must not be empty, got 0 samples with nSamples ${n}, testSize ${testSize} and trainSize ${trainSize}`,
    );
  }
  return { nTrain, nTest };
}

/**
 * scikit-learn's `_approximate_mode`: splits `nDraws` over classes in proportion to `counts`, handing the
 * remainder to the largest fractional parts, ties broken at random by `rng.choice` (a permutation).
 */
export function approximateMode(counts: ArrayLike<number>, nDraws: number, rng: RandomState): Int32Array {
  const k = counts.length;
  let total = 0;
  for (let i = 0; i < k; i++) total += counts[i]!;
  const floored = new Int32Array(k);
  const remainder = new Float64Array(k);
  let sum = 0;
  for (let i = 0; i < k; i++) {
    const continuous = (counts[i]! / total) * nDraws;
    const f = Math.floor(continuous);
    floored[i] = f;
    remainder[i] = continuous - f;
    sum += f;
  }
  let needToAdd = nDraws - sum;
  if (needToAdd > 0) {
    const values = Array.from(new Set(remainder)).sort((a, b) => b - a);
    for (const value of values) {
      const inds: number[] = [];
      for (let i = 0; i < k; i++) if (remainder[i] === value) inds.push(i);
      const addNow = Math.min(inds.length, needToAdd);
      const chosen = rng.permutation(inds.length).subarray(0, addNow);
      for (const c of chosen) floored[inds[c]!]!++;
      needToAdd -= addNow;
      if (needToAdd === 0) break;
    }
  }
  return floored;
}

/** Validates the options shared by the shuffle-split family. */
export function checkShuffleOptions(
  fn: string,
  options: { nSplits?: number; randomState?: RandomStateLike },
  defaultN: number,
): number {
  const { nSplits = defaultN, randomState } = options;
  checkInt(fn, 'nSplits', nSplits, 1);
  checkRandomState(fn, randomState);
  return nSplits;
}
