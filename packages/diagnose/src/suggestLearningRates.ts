import { defineOptions, describe } from '@dl/internal';

/** Options of {@link suggestLearningRates}. */
export interface SuggestLearningRatesOptions {
  /**
   * The number of first points left out (the start of the curve is flat and noisy). Default: a tenth of the
   * iterations recorded, as fastai's $\lfloor N/10 \rfloor$ (torch-lr-finder: 10, the same for 100 iterations).
   * @defaultValue undefined (⌊number of points / 10⌋)
   */
  skipStart?: number;
  /**
   * The number of last points left out (the loss is exploding there). As fastai and torch-lr-finder.
   * @defaultValue 5
   */
  skipEnd?: number;
  /**
   * The suggestions agree when the largest is at most this factor above the smallest.
   * @defaultValue 10 (one decade)
   */
  agreementFactor?: number;
}

/** One suggested learning rate and the point of the curve it comes from. */
export interface LrSuggestion {
  /** The suggested learning rate. */
  lr: number;
  /** The index of the point (in the whole recorded curve) the rule picked. */
  index: number;
  /** The learning rate at that point (for `minimum`, ten times the suggestion). */
  lrAtPoint: number;
  /** The smoothed loss at that point. */
  loss: number;
}

/** The result of {@link suggestLearningRates}. */
export interface LrSuggestions {
  /** torch-lr-finder's rule: the point of steepest descent (`argmin` of `np.gradient` of the loss). */
  steepest: LrSuggestion | null;
  /** fastai's default rule: a point a bit past the start of the longest descending stretch ("valley"). */
  valley: LrSuggestion | null;
  /** fastai's rule: a tenth of the rate at the minimum loss. */
  minimum: LrSuggestion | null;
  /** The suggestion to use: the valley's (fastai's default), `null` when there are too few points. */
  lr: number | null;
  /** Where the three rules agree. */
  agreement: {
    /** The smallest and the largest suggestion. */
    range: [number, number] | null;
    /** `range[1] / range[0]`. */
    ratio: number | null;
    /** Whether `ratio <= agreementFactor`. */
    agree: boolean;
    /** The geometric mean of the three suggestions, when they agree. */
    consensus: number | null;
  };
  /** The points the rules looked at: indices `[start, end)` of the recorded curve. */
  window: [number, number];
  /** Why there is no suggestion (too few points), `null` otherwise. */
  reason: string | null;
}

/** The curve the rules read: learning rates and (smoothed) losses, aligned. */
export interface LrCurve {
  /** The learning rate of each point. */
  lrs: readonly number[];
  /** The smoothed loss of each point (`null` or non-finite values end the curve). */
  smoothed: readonly (number | null)[];
}

const readOptions = /* @__PURE__ */ defineOptions<SuggestLearningRatesOptions>()('suggestLearningRates', {
  skipStart: undefined,
  skipEnd: 5,
  agreementFactor: 10,
});

/** @internal Checks resolved suggestion options, naming `fn`; `skipStart` defaults to ⌊n/10⌋. */
export function checkSuggestOptions(
  fn: string,
  o: SuggestLearningRatesOptions,
  n: number,
): { skipStart: number; skipEnd: number; agreementFactor: number } {
  const skipStart = o.skipStart === undefined ? Math.floor(n / 10) : o.skipStart;
  for (const [name, v] of [
    ['skipStart', skipStart],
    ['skipEnd', o.skipEnd],
  ] as const) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      throw new RangeError(`${fn}: ${name} must be an integer >= 0, got ${describe(v)}`);
    }
  }
  const factor = o.agreementFactor;
  if (typeof factor !== 'number' || !Number.isFinite(factor) || !(factor >= 1)) {
    throw new RangeError(`${fn}: agreementFactor must be a finite number >= 1, got ${describe(factor)}`);
  }
  return { skipStart, skipEnd: o.skipEnd as number, agreementFactor: factor };
}

/** torch-lr-finder: argmin of np.gradient (central differences, one-sided at the ends). */
function steepestIndex(y: readonly number[]): number {
  const n = y.length;
  let best = 0;
  let bestGrad = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const g = i === 0 ? y[1]! - y[0]! : i === n - 1 ? y[n - 1]! - y[n - 2]! : (y[i + 1]! - y[i - 1]!) / 2;
    if (g < bestGrad) {
      bestGrad = g;
      best = i;
    }
  }
  return best;
}

/** fastai's valley: the longest decreasing run by its O(n²) programme, as published (same tie-breaking). */
function valleyIndex(y: readonly number[]): number {
  const n = y.length;
  const lds = new Array<number>(n).fill(1);
  let maxStart = 0;
  let maxEnd = 0;
  for (let i = 1; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (y[i]! < y[j]! && lds[i]! < lds[j]! + 1) lds[i] = lds[j]! + 1;
      if (lds[maxEnd]! < lds[i]!) {
        maxEnd = i;
        maxStart = maxEnd - lds[maxEnd]!;
      }
    }
  }
  const sections = (maxEnd - maxStart) / 3;
  return maxStart + Math.trunc(sections) + Math.trunc(sections / 2);
}

function argmin(y: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < y.length; i++) if (y[i]! < y[best]!) best = i;
  return best;
}

/**
 * Suggests learning rates from a range test's curve by the three published rules, reported together with
 * whether they agree: **steepest** descent (torch-lr-finder: the point where `np.gradient` of the smoothed loss
 * is most negative), **valley** (fastai's default: in the longest decreasing stretch from index $a$ to $b$, the
 * point $a + \lfloor (b-a)/3 \rfloor + \lfloor (b-a)/6 \rfloor$) and **minimum** ÷ 10 (fastai: a tenth of the rate
 * at the lowest loss). The curve is read up to its first non-finite loss, without its first `skipStart` and last
 * `skipEnd` points. Each rule's pick equals the published algorithm's on recorded PyTorch curves (tested).
 *
 * @param curve - the rates and smoothed losses: an {@link LrRangeTestState}, or any `{ lrs, smoothed }`.
 * @param options - the points to skip and the agreement factor.
 * @returns the {@link LrSuggestions}.
 * @example
 * ```ts
 * import { suggestLearningRates } from '@dl/diagnose';
 * const lrs = [1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1, 3e-1, 1, 3];
 * const smoothed = [2.3, 2.3, 2.25, 2.1, 1.7, 1.1, 0.8, 0.9, 1.6, 4];
 * const s = suggestLearningRates({ lrs, smoothed }, { skipStart: 0, skipEnd: 1 });
 * s.steepest?.lr; // 0.01
 * s.valley?.lr; // 0.003
 * s.minimum?.lr; // 0.01
 * s.agreement.agree; // true
 * ```
 * @see {@link https://docs.fast.ai/callback.schedule.html#valley | fastai valley, minimum}
 * @see {@link https://github.com/davidtvs/pytorch-lr-finder | torch-lr-finder (plot, suggest_lr)}
 */
export function suggestLearningRates(curve: LrCurve, options?: SuggestLearningRatesOptions): LrSuggestions {
  const fn = 'suggestLearningRates';
  const o = readOptions(options, fn);
  const ok =
    typeof curve === 'object' && curve !== null && Array.isArray(curve.lrs) && Array.isArray(curve.smoothed);
  if (!ok)
    throw new TypeError(`${fn}: curve must be an object { lrs, smoothed } of arrays, got ${describe(curve)}`);
  const { lrs, smoothed } = curve;
  if (lrs.length !== smoothed.length) {
    throw new RangeError(
      `${fn}: curve.lrs has ${lrs.length} values but curve.smoothed has ${smoothed.length}; they must be aligned`,
    );
  }
  lrs.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || !(v > 0)) {
      throw new RangeError(`${fn}: curve.lrs[${i}] must be a finite number > 0, got ${describe(v)}`);
    }
  });
  let finite = smoothed.length;
  for (let i = 0; i < smoothed.length; i++) {
    const v = smoothed[i];
    if (v !== null && typeof v !== 'number') {
      throw new TypeError(`${fn}: curve.smoothed[${i}] must be a number or null, got ${describe(v)}`);
    }
    if (v === null || !Number.isFinite(v)) {
      finite = i;
      break;
    }
  }
  const { skipStart, skipEnd, agreementFactor: factor } = checkSuggestOptions(fn, o, lrs.length);
  const start = skipStart;
  const end = Math.max(start, finite - skipEnd);
  const none: LrSuggestions = {
    steepest: null,
    valley: null,
    minimum: null,
    lr: null,
    agreement: { range: null, ratio: null, agree: false, consensus: null },
    window: [start, end],
    reason: null,
  };
  if (end - start < 2) {
    none.reason = `too few points: ${finite} finite of ${lrs.length}, ${end - start} left after skipping ${start} at the start and ${skipEnd} at the end (need 2)`;
    return none;
  }
  const y = smoothed.slice(start, end) as number[];
  const pick = (k: number, divide = 1): LrSuggestion => ({
    lr: lrs[start + k]! / divide,
    index: start + k,
    lrAtPoint: lrs[start + k]!,
    loss: y[k]!,
  });
  const steepest = pick(steepestIndex(y));
  const valley = pick(valleyIndex(y));
  const minimum = pick(argmin(y), 10);
  const all = [steepest.lr, valley.lr, minimum.lr];
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const agree = hi / lo <= factor;
  return {
    steepest,
    valley,
    minimum,
    lr: valley.lr,
    agreement: {
      range: [lo, hi],
      ratio: hi / lo,
      agree,
      consensus: agree ? Math.cbrt(all[0]! * all[1]! * all[2]!) : null,
    },
    window: [start, end],
    reason: null,
  };
}
