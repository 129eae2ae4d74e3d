import { defineOptions, describe } from '@dl/internal';
import type { FoldContext } from './FoldContext';
import { checkBool } from './internal/data';
import { checkFunction, collectSplits } from './internal/driver';
import { checkRandomState, resolveRandomState } from './internal/random';
import type { RandomStateLike } from './RandomState';
import type { SplitData, Splitter, WarningHandler } from './Splitter';
import { translateTrainSizes } from './translateTrainSizes';

/** Options of {@link learningCurve}. */
export interface LearningCurveOptions<M> {
  /** The splitter. */
  splitter: Splitter;
  /** The data given to `splitter.split`. */
  data: SplitData;
  /** Trains a model on `context.train` (the first `size` indices of the split's train set; may be async). */
  fit: (context: FoldContext) => M | Promise<M>;
  /** Scores a model on `indices` (a number: learning curves track one metric). */
  evaluate: (model: M, indices: Int32Array, context: FoldContext) => number | Promise<number>;
  /**
   * Training-set sizes: fractions of the first split's train size if any is not an integer, else counts
   * (see {@link translateTrainSizes}).
   * @defaultValue `np.linspace(0.1, 1.0, 5)` = [0.1, 0.325, 0.55, 0.775, 1]
   */
  trainSizes?: readonly number[];
  /**
   * Permute each split's train set before taking prefixes (scikit-learn's `shuffle`).
   * @defaultValue false
   */
  shuffle?: boolean;
  /**
   * The seed of that permutation (one stream over the splits).
   * @defaultValue undefined (a fresh random seed)
   */
  randomState?: RandomStateLike;
  /**
   * Cancels the run.
   * @defaultValue undefined
   */
  signal?: AbortSignal;
  /**
   * Called after each fit with the number of fits done and the total.
   * @defaultValue undefined
   */
  onProgress?: (event: { completed: number; total: number }) => void;
  /**
   * Receives the duplicate-sizes warning.
   * @defaultValue console.warn
   */
  onWarning?: WarningHandler;
}

/** @internal The checker of {@link LearningCurveOptions}: its option names and defaults. */
export const learningCurveOptions = /* @__PURE__ */ defineOptions<LearningCurveOptions<unknown>>()(
  'learningCurve',
  {
    splitter: undefined,
    data: undefined,
    fit: undefined,
    evaluate: undefined,
    trainSizes: undefined,
    shuffle: false,
    randomState: undefined,
    signal: undefined,
    onProgress: undefined,
    onWarning: undefined,
  },
  { required: true },
);

/** The outcome of {@link learningCurve}: one row per training size, one column per split. */
export interface LearningCurveResult {
  /** The absolute training sizes used. */
  trainSizes: number[];
  /** `trainScores[t][s]`: the score on the training subset of size `trainSizes[t]` in split `s`. */
  trainScores: number[][];
  /** `testScores[t][s]`: the test score of that model. */
  testScores: number[][];
  /** `fitTimes[t][s]`: milliseconds spent fitting it. */
  fitTimes: number[][];
}

function linspace(start: number, stop: number, num: number): number[] {
  const step = (stop - start) / (num - 1);
  const out = Array.from({ length: num }, (_, i) => i * step + start);
  out[num - 1] = stop;
  return out;
}

/**
 * A learning curve: test and train scores as a function of the training-set size, for each split.
 *
 * For each split (in order) and each size $m$ in `trainSizes` (translated by {@link translateTrainSizes}
 * against the first split's train size), fits on the first $m$ training indices (after one permutation per
 * split with `shuffle`) and scores on that subset and on the test set, like scikit-learn's `learning_curve`.
 *
 * @typeParam M - the type of the fitted model.
 * @param options - see {@link LearningCurveOptions}.
 * @returns a promise of the {@link LearningCurveResult}.
 * @example
 * ```ts
 * import { kFold, learningCurve } from '@dl/crossval';
 * const curve = await learningCurve({
 *   splitter: kFold({ nSplits: 2 }),
 *   data: { nSamples: 20 },
 *   trainSizes: [0.5, 1.0],
 *   fit: ({ train }) => train.length,
 *   evaluate: (size) => size,
 * });
 * curve.trainSizes; // [5, 10]
 * curve.testScores; // [[5, 5], [10, 10]]
 * ```
 * @see {@link https://scikit-learn.org/1.2/modules/generated/sklearn.model_selection.learning_curve.html | sklearn.model_selection.learning_curve}
 */
export async function learningCurve<M>(options: LearningCurveOptions<M>): Promise<LearningCurveResult> {
  options = learningCurveOptions(options, 'learningCurve') as typeof options;
  const fn = 'learningCurve';
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${fn}: options must be an object, got ${describe(options)}`);
  }
  const {
    splitter,
    data,
    fit,
    evaluate,
    trainSizes = linspace(0.1, 1.0, 5),
    shuffle = false,
    randomState,
    signal,
    onProgress,
    onWarning = console.warn,
  } = options;
  if (!splitter || typeof splitter.split !== 'function') {
    throw new TypeError(`${fn}: splitter must have a split method, got ${describe(splitter)}`);
  }
  checkFunction(fn, 'fit', fit, true);
  checkFunction(fn, 'evaluate', evaluate, true);
  checkBool(fn, 'shuffle', shuffle);
  checkRandomState(fn, randomState);
  signal?.throwIfAborted();
  let splits = collectSplits(fn, splitter.split(data));
  const sizes = translateTrainSizes(trainSizes, splits[0]!.train.length, { onWarning });
  if (shuffle) {
    const rng = resolveRandomState(fn, randomState);
    splits = splits.map((s) => ({ train: rng.permutation(s.train), test: s.test }));
  }
  const k = splits.length;
  const trainScores = sizes.map(() => new Array<number>(k));
  const testScores = sizes.map(() => new Array<number>(k));
  const fitTimes = sizes.map(() => new Array<number>(k));
  let completed = 0;
  for (let s = 0; s < k; s++) {
    for (let t = 0; t < sizes.length; t++) {
      signal?.throwIfAborted();
      const train = splits[s]!.train.subarray(0, sizes[t]);
      const context: FoldContext = { fold: s, nSplits: k, train, test: splits[s]!.test, signal };
      const t0 = performance.now();
      const model = await fit(context);
      fitTimes[t]![s] = performance.now() - t0;
      signal?.throwIfAborted();
      testScores[t]![s] = await evaluate(model, context.test, context);
      trainScores[t]![s] = await evaluate(model, train, context);
      for (const v of [testScores[t]![s], trainScores[t]![s]]) {
        if (typeof v !== 'number')
          throw new TypeError(`${fn}: evaluate must return a number, got ${describe(v)}`);
      }
      onProgress?.({ completed: ++completed, total: k * sizes.length });
    }
  }
  return { trainSizes: sizes, trainScores, testScores, fitTimes };
}
