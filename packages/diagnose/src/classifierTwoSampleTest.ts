import { defineOptions, describe } from '@dl/internal';
import { rocAucScore } from '@dl/metrics';
import { mannWhitneyMoments, mannWhitneyPValue } from './_mannWhitney';
import { shuffleInPlace, uniforms } from './_random';
import type { FeatureMatrix } from './featureShift';

/** Options of {@link classifierTwoSampleTest}. `fit` and `predict` are required. */
export interface ClassifierTwoSampleTestOptions<M = unknown> {
  /**
   * Trains any classifier to tell the two samples apart: rows `x` with labels `y` (0: reference, 1: current).
   * May return a promise.
   * @defaultValue undefined (required)
   */
  fit: (x: number[][], y: number[]) => M | Promise<M>;
  /**
   * Scores held-out rows: one number per row, higher meaning "more likely from `current`" (a probability, a logit,
   * a margin: only the order matters). May return a promise.
   * @defaultValue undefined (required)
   */
  predict: (model: M, x: number[][]) => ArrayLike<number> | Promise<ArrayLike<number>>;
  /**
   * `'kfold'`: stratified K-fold, every row scored once by a model that did not see it; `'holdout'`: one
   * stratified split, a model trained on one part scores the other.
   * @defaultValue 'kfold'
   */
  method?: 'kfold' | 'holdout';
  /**
   * The number of folds (`'kfold'`).
   * @defaultValue 5
   */
  nSplits?: number;
  /**
   * The held-out fraction of each sample (`'holdout'`).
   * @defaultValue 0.3
   */
  testSize?: number;
  /**
   * `'permutation'`: Monte Carlo permutation of the labels among the scored rows (within each fold);
   * `'normal'`: the AUC's null distribution, the Mann–Whitney normal approximation with tie correction, summed
   * over folds.
   * @defaultValue 'permutation'
   */
  pValue?: 'permutation' | 'normal';
  /**
   * The number of permutations (`pValue: 'permutation'`).
   * @defaultValue 1000
   */
  nPermutations?: number;
  /**
   * The significance level of `shifted`.
   * @defaultValue 0.05
   */
  alpha?: number;
  /**
   * The seed of the split and of the permutations.
   * @defaultValue 0
   */
  randomState?: number;
}

/** The result of {@link classifierTwoSampleTest}. */
export interface ClassifierTwoSampleTestResult {
  /**
   * The held-out ROC AUC of telling `current` from `reference` (0.5: indistinguishable). With several folds,
   * the folds' AUCs weighted by their numbers of (reference, current) pairs: $\sum_k U_k / \sum_k n_{0k} n_{1k}$.
   */
  auc: number;
  /** The AUC of each fold (one for `'holdout'`), by @dl/metrics' `rocAucScore`. */
  foldAucs: number[];
  /** The one-sided p-value of "the classifier does better than chance" (a shift). */
  pValue: number;
  /** How `pValue` was computed. */
  pValueMethod: 'permutation' | 'normal';
  /** The split used. */
  method: 'kfold' | 'holdout';
  /** The number of rows scored (all rows for `'kfold'`). */
  scored: number;
  /** Whether `pValue < alpha`: the two samples differ in a way the classifier can see. */
  shifted: boolean;
  /** The significance level used. */
  alpha: number;
}

const readOptions = /* @__PURE__ */ defineOptions<ClassifierTwoSampleTestOptions>()(
  'classifierTwoSampleTest',
  {
    fit: undefined,
    predict: undefined,
    method: 'kfold',
    nSplits: 5,
    testSize: 0.3,
    pValue: 'permutation',
    nPermutations: 1000,
    alpha: 0.05,
    randomState: 0,
  },
  { required: true },
);

function rowsOf(fn: string, name: string, x: unknown): number[][] {
  let rows: number[][];
  if (Array.isArray(x)) {
    if (x.length === 0) throw new RangeError(`${fn}: ${name} must hold at least one row, got []`);
    const f = (x[0] as unknown[] | undefined)?.length;
    if (!Array.isArray(x[0]) || f === 0) {
      throw new TypeError(`${fn}: ${name}[0] must be a non-empty row of numbers, got ${describe(x[0])}`);
    }
    rows = x.map((row: unknown, i) => {
      if (!Array.isArray(row) || row.length !== f) {
        throw new RangeError(
          `${fn}: ${name}[${i}] must have ${f} values like ${name}[0], got ${describe(row)}`,
        );
      }
      return row.slice() as number[];
    });
  } else {
    const t = x as { shape?: unknown; data?: ArrayLike<number> } | null;
    const shape = t?.shape;
    if (
      t === null ||
      typeof t !== 'object' ||
      !Array.isArray(shape) ||
      shape.length !== 2 ||
      !Number.isInteger(shape[0]) ||
      !Number.isInteger(shape[1]) ||
      shape[0] < 1 ||
      shape[1] < 1 ||
      t.data === undefined ||
      t.data.length !== shape[0] * shape[1]
    ) {
      throw new TypeError(
        `${fn}: ${name} must be rows of numbers or { shape: [n, features], data }, got ${describe(x)}`,
      );
    }
    const [n, f] = shape as [number, number];
    rows = Array.from({ length: n }, (_, i) => Array.from({ length: f }, (_, j) => t.data![i * f + j]!));
  }
  for (let i = 0; i < rows.length; i++) {
    for (let j = 0; j < rows[i]!.length; j++) {
      const v = rows[i]![j];
      if (typeof v !== 'number' || Number.isNaN(v)) {
        throw new TypeError(`${fn}: ${name}[${i}][${j}] must be a number, got ${describe(v)}`);
      }
    }
  }
  return rows;
}

/**
 * The classifier two-sample test (Lopez-Paz & Oquab, 2017): can a classifier tell the two data sets apart? Train
 * any classifier (`fit`/`predict`, any framework) to separate `reference` (label 0) from `current` (label 1), score
 * rows it did not see, and measure its ROC AUC with @dl/metrics' `rocAucScore`: 0.5 means indistinguishable; the
 * p-value says whether it beats chance. It sees what per-feature tests ({@link featureShift}) miss — a change in
 * how features vary together.
 *
 * Under the null hypothesis (one distribution), held-out scores are independent of the labels, so the labels of
 * the scored rows are exchangeable within each fold. `pValue: 'permutation'` (default) permutes them within each
 * fold and recomputes the AUC: $p = (1 + \#\lbrace b : \mathrm{AUC}_b \ge \mathrm{AUC}\rbrace)/(1 + B)$, exact
 * for any sample size, no refitting. `pValue: 'normal'` uses the AUC's null distribution: $U_k = \mathrm{AUC}_k
 * n_{0k} n_{1k}$ is a Mann–Whitney statistic with mean $n_{0k}n_{1k}/2$ and variance
 * $\frac{n_{0k}n_{1k}}{12}\bigl(n_k + 1 - \frac{\sum_t (t^3 - t)}{n_k(n_k-1)}\bigr)$ ($t$: sizes of tied
 * groups), summed over folds, one-sided normal tail (equal to SciPy's `mannwhitneyu(…, alternative='greater',
 * method='asymptotic', use_continuity=False)` on one fold; tested).
 *
 * @typeParam M - the type of the fitted model.
 * @param reference - the first sample (rows of features, or `{ shape: [n, features], data }`).
 * @param current - the second sample, with the same features.
 * @param options - `fit` and `predict` (required), the split, the p-value method, alpha, the seed.
 * @returns a promise of the {@link ClassifierTwoSampleTestResult}.
 * @example
 * ```ts
 * import { classifierTwoSampleTest } from '@dl/diagnose';
 * // a nearest-centroid classifier: the score is how much closer a row is to the current sample's centroid
 * const centroid = (x: number[][]) => x[0].map((_, j) => x.reduce((s, r) => s + r[j], 0) / x.length);
 * const dist = (a: number[], b: number[]) => a.reduce((s, v, j) => s + (v - b[j]) ** 2, 0);
 * const fit = (x: number[][], y: number[]) => [0, 1].map((c) => centroid(x.filter((_, i) => y[i] === c)));
 * const predict = (c: number[][], x: number[][]) => x.map((r) => dist(r, c[0]) - dist(r, c[1]));
 * const train = Array.from({ length: 100 }, (_, i) => [Math.sin(i), Math.cos(3 * i)]);
 * const test = train.map(([a, b]) => [a + 0.8, b]); // feature 0 moved
 * const result = await classifierTwoSampleTest(train, test, { fit, predict });
 * result.shifted; // true
 * result.auc > 0.7; // true
 * ```
 * @see {@link https://arxiv.org/abs/1610.06545 | Lopez-Paz & Oquab, Revisiting Classifier Two-Sample Tests (ICLR 2017)}
 */
export async function classifierTwoSampleTest<M>(
  reference: FeatureMatrix,
  current: FeatureMatrix,
  options: ClassifierTwoSampleTestOptions<M>,
): Promise<ClassifierTwoSampleTestResult> {
  const fn = 'classifierTwoSampleTest';
  const o = readOptions(options, fn);
  const { fit, predict, method, nSplits, testSize, pValue, nPermutations, alpha, randomState } = o;
  if (typeof fit !== 'function') {
    throw new TypeError(`${fn}: fit must be a function (x, y) => model, got ${describe(fit)}`);
  }
  if (typeof predict !== 'function') {
    throw new TypeError(`${fn}: predict must be a function (model, x) => scores, got ${describe(predict)}`);
  }
  if (method !== 'kfold' && method !== 'holdout') {
    throw new RangeError(`${fn}: method must be one of "kfold", "holdout", got ${describe(method)}`);
  }
  if (pValue !== 'permutation' && pValue !== 'normal') {
    throw new RangeError(`${fn}: pValue must be one of "permutation", "normal", got ${describe(pValue)}`);
  }
  if (typeof nSplits !== 'number' || !Number.isInteger(nSplits) || nSplits < 2) {
    throw new RangeError(`${fn}: nSplits must be an integer >= 2, got ${describe(nSplits)}`);
  }
  if (typeof testSize !== 'number' || !(testSize > 0 && testSize < 1)) {
    throw new RangeError(`${fn}: testSize must be a number in (0, 1), got ${describe(testSize)}`);
  }
  if (
    typeof nPermutations !== 'number' ||
    !Number.isInteger(nPermutations) ||
    nPermutations < 1 ||
    nPermutations > 1e7
  ) {
    throw new RangeError(
      `${fn}: nPermutations must be an integer in [1, 1e7], got ${describe(nPermutations)}`,
    );
  }
  if (typeof alpha !== 'number' || !(alpha > 0 && alpha < 1)) {
    throw new RangeError(`${fn}: alpha must be a number in (0, 1), got ${describe(alpha)}`);
  }
  if (typeof randomState !== 'number' || !Number.isInteger(randomState)) {
    throw new RangeError(`${fn}: randomState must be an integer, got ${describe(randomState)}`);
  }
  const a = rowsOf(fn, 'reference', reference);
  const b = rowsOf(fn, 'current', current);
  if (a[0]!.length !== b[0]!.length) {
    throw new RangeError(
      `${fn}: reference has ${a[0]!.length} features but current has ${b[0]!.length}; they must have the same features`,
    );
  }
  const rows = [...a, ...b];
  const labels = rows.map((_, i) => (i < a.length ? 0 : 1));
  const random = uniforms(randomState);
  // stratified assignment: each sample's rows shuffled, then dealt round-robin to folds (or cut for holdout)
  const foldOf = new Int32Array(rows.length).fill(-1);
  const smallest = Math.min(a.length, b.length);
  for (const [from, to] of [
    [0, a.length],
    [a.length, rows.length],
  ] as const) {
    const idx = shuffleInPlace(
      Array.from({ length: to - from }, (_, i) => from + i),
      random,
    );
    const nTest = Math.round(testSize * idx.length);
    for (let k = 0; k < idx.length; k++) {
      foldOf[idx[k]!] = method === 'kfold' ? k % nSplits : k < nTest ? 0 : 1;
    }
  }
  if (method === 'kfold' && smallest < nSplits) {
    throw new RangeError(
      `${fn}: each sample needs at least nSplits (${nSplits}) rows for stratified K-fold, got ${smallest}`,
    );
  }
  if (
    method === 'holdout' &&
    (Math.round(testSize * smallest) < 1 || smallest - Math.round(testSize * smallest) < 1)
  ) {
    throw new RangeError(
      `${fn}: testSize ${testSize} leaves no training or no held-out row of the smaller sample (${smallest} rows)`,
    );
  }
  const folds = method === 'kfold' ? nSplits : 1;
  const foldScores: number[][] = [];
  const foldLabels: number[][] = [];
  for (let k = 0; k < folds; k++) {
    const trainRows: number[][] = [];
    const trainLabels: number[] = [];
    const testRows: number[][] = [];
    const testLabels: number[] = [];
    for (let i = 0; i < rows.length; i++) {
      const held = method === 'kfold' ? foldOf[i] === k : foldOf[i] === 0;
      (held ? testRows : trainRows).push(rows[i]!.slice());
      (held ? testLabels : trainLabels).push(labels[i]!);
    }
    const model = await fit(trainRows, trainLabels);
    const scores = await predict(model, testRows);
    if (
      scores === null ||
      typeof scores !== 'object' ||
      typeof (scores as ArrayLike<number>).length !== 'number' ||
      scores.length !== testRows.length
    ) {
      throw new TypeError(
        `${fn}: predict must return one score per row (${testRows.length} rows), got ${describe(scores)}`,
      );
    }
    const s = Array.from(scores as ArrayLike<number>);
    s.forEach((v, i) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new TypeError(
          `${fn}: predict returned a score that is not a finite number at row ${i}: ${describe(v)}`,
        );
      }
    });
    foldScores.push(s);
    foldLabels.push(testLabels);
  }
  const aucOf = (lab: readonly number[][]) => {
    let u = 0;
    let pairs = 0;
    const each = foldScores.map((s, k) => {
      const auc = rocAucScore(lab[k]!, s);
      const n1 = lab[k]!.reduce((x, y) => x + y, 0);
      const n0 = lab[k]!.length - n1;
      u += auc * n0 * n1;
      pairs += n0 * n1;
      return auc;
    });
    return { auc: u / pairs, each };
  };
  const observed = aucOf(foldLabels);
  let p: number;
  if (pValue === 'normal') {
    p = mannWhitneyPValue(foldScores.map((s, k) => mannWhitneyMoments(s, foldLabels[k]!, observed.each[k]!)));
  } else {
    let atLeast = 0;
    const permuted = foldLabels.map((l) => l.slice());
    for (let r = 0; r < nPermutations; r++) {
      for (const l of permuted) shuffleInPlace(l, random);
      if (aucOf(permuted).auc >= observed.auc - 1e-12) atLeast++;
    }
    p = (1 + atLeast) / (1 + nPermutations);
  }
  return {
    auc: observed.auc,
    foldAucs: observed.each,
    pValue: p,
    pValueMethod: pValue,
    method,
    scored: foldScores.reduce((n, s) => n + s.length, 0),
    shifted: p < alpha,
    alpha,
  };
}
