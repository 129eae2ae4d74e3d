import { defineOptions, describe } from '@dl/internal';
import type { FoldContext } from './FoldContext';
import { resolveData } from './internal/data';
import { checkConcurrency, checkFunction, collectSplits, contextOf, runPool } from './internal/driver';
import type { SplitData, Splitter } from './Splitter';

/** Options of {@link crossValPredict}. */
export interface CrossValPredictOptions<M, P> {
  /** A splitter whose test sets partition the samples (K-fold family, leave-one-out, ...). */
  splitter: Splitter;
  /** The data given to `splitter.split`. */
  data: SplitData;
  /** Trains a model on `context.train` (may be async). */
  fit: (context: FoldContext) => M | Promise<M>;
  /** Predicts the samples `indices` (the test set): one prediction per index, in that order. */
  predict: (model: M, indices: Int32Array, context: FoldContext) => ArrayLike<P> | Promise<ArrayLike<P>>;
  /**
   * Folds run at once.
   * @defaultValue 1
   */
  concurrency?: number;
  /**
   * Cancels the run.
   * @defaultValue undefined
   */
  signal?: AbortSignal;
}

/** @internal The checker of {@link CrossValPredictOptions}: its option names and defaults. */
export const crossValPredictOptions = /* @__PURE__ */ defineOptions<
  CrossValPredictOptions<unknown, unknown>
>()(
  'crossValPredict',
  {
    splitter: undefined,
    data: undefined,
    fit: undefined,
    predict: undefined,
    concurrency: 1,
    signal: undefined,
  },
  { required: true },
);

/**
 * Out-of-fold predictions: each sample is predicted by the model that did not see it in training.
 *
 * The test sets must partition the samples (every sample tested exactly once), as scikit-learn requires; shuffle
 * splits, time-series splits and leave-p-out are rejected. Returns an array with one prediction per sample,
 * in sample order.
 *
 * @typeParam M - the type of the fitted model.
 * @typeParam P - the type of one prediction.
 * @param options - `splitter`, `data`, `fit`, `predict`, `concurrency`, `signal`; see
 *   {@link CrossValPredictOptions}.
 * @returns a promise of the predictions, indexed by sample.
 * @example
 * ```ts
 * import { crossValPredict, kFold } from '@dl/crossval';
 * const y = [1, 2, 3, 4];
 * // "model": the mean of the training targets
 * const pred = await crossValPredict({
 *   splitter: kFold({ nSplits: 2 }),
 *   data: { y },
 *   fit: ({ train }) => Array.from(train, (i) => y[i]!).reduce((a, b) => a + b) / train.length,
 *   predict: (mean, idx) => Array.from(idx, () => mean),
 * });
 * pred; // [3.5, 3.5, 1.5, 1.5]
 * ```
 * @see {@link https://scikit-learn.org/1.2/modules/generated/sklearn.model_selection.cross_val_predict.html | sklearn.model_selection.cross_val_predict}
 */
export async function crossValPredict<M, P>(options: CrossValPredictOptions<M, P>): Promise<P[]> {
  options = crossValPredictOptions(options, 'crossValPredict') as typeof options;
  const fn = 'crossValPredict';
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${fn}: options must be an object, got ${describe(options)}`);
  }
  const { splitter, data, fit, predict, concurrency = 1, signal } = options;
  if (!splitter || typeof splitter.split !== 'function') {
    throw new TypeError(`${fn}: splitter must have a split method, got ${describe(splitter)}`);
  }
  checkFunction(fn, 'fit', fit, true);
  checkFunction(fn, 'predict', predict, true);
  checkConcurrency(fn, concurrency);
  signal?.throwIfAborted();
  const { n } = resolveData(fn, data, 'none', `${fn}: data`);
  const splits = collectSplits(fn, splitter.split(data));
  const tested = new Int32Array(n);
  for (const s of splits) for (const i of s.test) tested[i]!++;
  const bad = tested.findIndex((t) => t !== 1);
  if (bad >= 0) {
    throw new RangeError(
      `${fn}: the splitter's test sets must partition the samples (each tested exactly once), got sample ${bad} tested ${tested[bad]} times by ${splitter.name ?? 'the splitter'}`,
    );
  }
  const out = new Array<P>(n);
  await runPool(splits.length, concurrency, signal, async (f) => {
    const context = contextOf(splits, f, signal);
    const model = await fit(context);
    signal?.throwIfAborted();
    const p = await predict(model, context.test, context);
    if (!p || p.length !== context.test.length) {
      throw new RangeError(
        `${fn}: predict must return one prediction per test index (${context.test.length}), got ${p ? p.length : String(p)}`,
      );
    }
    for (let j = 0; j < context.test.length; j++) out[context.test[j]!] = p[j]!;
  });
  return out;
}
