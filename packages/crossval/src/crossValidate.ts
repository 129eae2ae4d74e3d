import { defineOptions, describe } from '@dl/internal';
import type { FoldContext, Score } from './FoldContext';
import {
  checkConcurrency,
  checkFunction,
  collectSplits,
  contextOf,
  meanStd,
  normalizeScore,
  runPool,
} from './internal/driver';
import type { Split, SplitData, Splitter } from './Splitter';

/** What a worker module's exported function receives for one fold (see {@link CrossValidateWorker}). */
export interface WorkerFoldTask {
  /** The split's index. */
  fold: number;
  /** The number of splits. */
  nSplits: number;
  /** The training indices. */
  train: Int32Array;
  /** The test indices. */
  test: Int32Array;
  /** Whether the worker should also score the training set. */
  returnTrainScore: boolean;
  /** The `payload` given in {@link CrossValidateWorker} (structured-cloned). */
  payload: unknown;
}

/** What a worker module's exported function returns for one fold. */
export interface WorkerFoldResult {
  /** The test score. */
  testScore: Score;
  /** The training score, when `returnTrainScore` was asked for. */
  trainScore?: Score;
  /** Milliseconds spent fitting, when the worker measures it (else the driver measures the whole task). */
  fitTime?: number;
}

/**
 * Runs folds in parallel on worker threads through tinypool: the module at `filename` exports a function
 * (named `name`) from {@link WorkerFoldTask} to {@link WorkerFoldResult} (or a promise of it).
 */
export interface CrossValidateWorker {
  /** The worker module: an absolute path or a `file:` URL of a JavaScript module Node can import. */
  filename: string | URL;
  /**
   * The exported function to call.
   * @defaultValue 'fitAndScore'
   */
  name?: string;
  /**
   * The most worker threads.
   * @defaultValue the `concurrency` option, or the number of splits when that is 1
   */
  maxThreads?: number;
  /**
   * Data passed to every task (structured-cloned): a dataset path, hyperparameters.
   * @defaultValue undefined
   */
  payload?: unknown;
}

/**
 * The metric names of a {@link Score} type: `'score'` when `evaluate` returns a number, the record's keys when
 * it returns a record (`'accuracy' | 'loss'` for `{ accuracy, loss }`).
 */
export type ScoreKeys<S extends Score> = S extends number ? 'score' : keyof S & string;

/** One number per metric of a {@link Score} type: `{ score: number }` or `{ accuracy: number; loss: number }`. */
export type ScoreRecord<S extends Score, V = number> = { [K in ScoreKeys<S>]: V };

/**
 * Options of {@link crossValidate}.
 * @typeParam M - the model `fit` returns.
 * @typeParam S - what `evaluate` returns, which types the result's metrics.
 */
export interface CrossValidateOptions<M, S extends Score = Score> {
  /** The splitter (any object with `split` and `getNSplits`). */
  splitter: Splitter;
  /** The data given to `splitter.split`. */
  data: SplitData;
  /**
   * Trains a model on `context.train` (may be async, e.g. a TensorFlow.js `model.fit`). Required unless
   * `worker` is given.
   */
  fit?: (context: FoldContext) => M | Promise<M>;
  /**
   * Scores a fitted model on `indices` (the test set, or the train set for train scores).
   * Required unless `worker` is given.
   */
  evaluate?: (model: M, indices: Int32Array, context: FoldContext) => S | Promise<S>;
  /**
   * Also score each model on its training set.
   * @defaultValue false
   */
  returnTrainScore?: boolean;
  /**
   * Folds run at once in this thread (useful when `fit` awaits I/O or a GPU), or worker threads with `worker`.
   * @defaultValue 1
   */
  concurrency?: number;
  /**
   * Cancels the run: no new fold starts, and the returned promise rejects with the signal's reason.
   * @defaultValue undefined
   */
  signal?: AbortSignal;
  /**
   * Called after each fold with its result.
   * @defaultValue undefined
   */
  onProgress?: (event: CrossValidateProgress<S>) => void;
  /**
   * Run the folds on worker threads instead of calling `fit`/`evaluate`.
   * @defaultValue undefined
   */
  worker?: CrossValidateWorker;
}

/** @internal The checker of {@link CrossValidateOptions}: its option names and defaults. */
export const crossValidateOptions = /* @__PURE__ */ defineOptions<CrossValidateOptions<unknown, Score>>()(
  'crossValidate',
  {
    splitter: undefined,
    data: undefined,
    fit: undefined,
    evaluate: undefined,
    returnTrainScore: false,
    concurrency: 1,
    signal: undefined,
    onProgress: undefined,
    worker: undefined,
  },
  { required: true },
);

/**
 * One fold's outcome in {@link CrossValidateResult}.
 * @typeParam S - what `evaluate` returns.
 */
export interface FoldResult<S extends Score = Score> {
  /** The split's index. */
  fold: number;
  /** The training indices. */
  train: Int32Array;
  /** The test indices. */
  test: Int32Array;
  /** The test metrics (`score` when `evaluate` returns a number). */
  testScore: ScoreRecord<S>;
  /** The train metrics, with `returnTrainScore`. */
  trainScore?: ScoreRecord<S>;
  /** Milliseconds spent in `fit`. */
  fitTime: number;
  /** Milliseconds spent in `evaluate` on the test set. */
  scoreTime: number;
}

/**
 * A progress event of {@link crossValidate}.
 * @typeParam S - what `evaluate` returns.
 */
export interface CrossValidateProgress<S extends Score = Score> {
  /** Folds finished so far. */
  completed: number;
  /** The number of folds. */
  total: number;
  /** The fold just finished. */
  result: FoldResult<S>;
}

/**
 * The outcome of {@link crossValidate}.
 * @typeParam S - what `evaluate` returns: the metrics are typed from it (`mean.score` for a number,
 *   `mean.accuracy` for `{ accuracy }`).
 */
export interface CrossValidateResult<S extends Score = Score> {
  /** Per-fold results, in split order. */
  folds: FoldResult<S>[];
  /** Each test metric's values across folds. */
  testScore: ScoreRecord<S, number[]>;
  /** Each test metric's mean over folds. */
  mean: ScoreRecord<S>;
  /** Each test metric's population standard deviation over folds (ddof 0, as `np.std`). */
  std: ScoreRecord<S>;
  /** Each train metric's values across folds, with `returnTrainScore`. */
  trainScore?: ScoreRecord<S, number[]>;
  /** Each train metric's mean, with `returnTrainScore`. */
  trainMean?: ScoreRecord<S>;
  /** Each train metric's standard deviation, with `returnTrainScore`. */
  trainStd?: ScoreRecord<S>;
  /** Milliseconds spent fitting, per fold. */
  fitTime: number[];
}

async function runInWorkers(
  fn: string,
  splits: Split[],
  worker: CrossValidateWorker,
  threads: number,
  returnTrainScore: boolean,
  signal: AbortSignal | undefined,
  onDone: (i: number, r: WorkerFoldResult, elapsed: number) => FoldResult,
): Promise<FoldResult[]> {
  if (
    worker === null ||
    typeof worker !== 'object' ||
    !(typeof worker.filename === 'string' || worker.filename instanceof URL)
  ) {
    throw new TypeError(
      `${fn}: worker.filename must be a path or a file URL, got ${describe(worker?.filename)}`,
    );
  }
  // The module name is a variable so that bundlers targeting browsers do not follow it: worker threads exist in
  // Node only, and tinypool (with its Node built-ins) is loaded only when a worker is asked for.
  const tinypool = 'tinypool';
  const { Tinypool } = (await import(
    /* @vite-ignore */ /* webpackIgnore: true */ tinypool
  )) as typeof import('tinypool');
  const filename = worker.filename instanceof URL ? worker.filename.href : worker.filename;
  const maxThreads = worker.maxThreads ?? threads;
  checkConcurrency(fn, maxThreads);
  const pool = new Tinypool({ filename, maxThreads, minThreads: Math.min(1, maxThreads) });
  try {
    return await Promise.all(
      splits.map(async (s, i) => {
        const task: WorkerFoldTask = {
          fold: i,
          nSplits: splits.length,
          train: s.train,
          test: s.test,
          returnTrainScore,
          payload: worker.payload,
        };
        const t0 = performance.now();
        const r = (await pool.run(task, { name: worker.name ?? 'fitAndScore', signal })) as WorkerFoldResult;
        return onDone(i, r, performance.now() - t0);
      }),
    );
  } finally {
    await pool.destroy();
  }
}

/**
 * Cross-validates a model: fits it on each split's train set and scores it on the test set (and optionally the
 * train set), returning per-fold results and each metric's mean and standard deviation.
 *
 * `fit` and `evaluate` may be async (TensorFlow.js training is). Folds run one at a time by default, or
 * `concurrency` at a time; with `worker`, they run on worker threads through tinypool and the worker module does
 * the fitting and scoring. Results are in split order whatever the concurrency, and equal to a serial run when
 * fitting is deterministic. The standard deviation is the population one ($\sqrt{\tfrac1k\sum_i (s_i -
 * \bar s)^2}$), as scikit-learn reports in `cv_results_`.
 *
 * @typeParam M - the type of the fitted model.
 * @param options - `splitter`, `data`, `fit`, `evaluate`, `returnTrainScore`, `concurrency`, `signal`,
 *   `onProgress`, `worker`; see {@link CrossValidateOptions}.
 * @returns a promise of the {@link CrossValidateResult}.
 * @example
 * ```ts
 * import { crossValidate, kFold } from '@dl/crossval';
 * const x = [1, 2, 3, 4, 5, 6];
 * const y = x.map((v) => 2 * v);
 * const result = await crossValidate({
 *   splitter: kFold({ nSplits: 3 }),
 *   data: { X: x, y },
 *   // "model": the least-squares slope through the origin
 *   fit: ({ train }) => {
 *     let xy = 0;
 *     let xx = 0;
 *     for (const i of train) { xy += x[i]! * y[i]!; xx += x[i]! * x[i]!; }
 *     return xy / xx;
 *   },
 *   evaluate: (slope, idx) => Math.max(...Array.from(idx, (i) => Math.abs(slope * x[i]! - y[i]!))),
 * });
 * result.mean.score; // 0
 * result.folds.length; // 3
 * ```
 * @see {@link https://scikit-learn.org/1.2/modules/generated/sklearn.model_selection.cross_validate.html | sklearn.model_selection.cross_validate}
 */
export async function crossValidate<M, S extends Score = Score>(
  options: CrossValidateOptions<M, S>,
): Promise<CrossValidateResult<S>> {
  options = crossValidateOptions(options, 'crossValidate') as typeof options;
  const fn = 'crossValidate';
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${fn}: options must be an object, got ${describe(options)}`);
  }
  const {
    splitter,
    data,
    fit,
    evaluate,
    returnTrainScore = false,
    concurrency = 1,
    signal,
    onProgress,
    worker,
  } = options;
  if (!splitter || typeof splitter.split !== 'function') {
    throw new TypeError(`${fn}: splitter must have a split method, got ${describe(splitter)}`);
  }
  checkFunction(fn, 'fit', fit, worker === undefined);
  checkFunction(fn, 'evaluate', evaluate, worker === undefined);
  checkFunction(fn, 'onProgress', onProgress, false);
  checkConcurrency(fn, concurrency);
  signal?.throwIfAborted();
  const splits = collectSplits(fn, splitter.split(data));
  let testKeys: string[] | undefined;
  let trainKeys: string[] | undefined;
  let completed = 0;
  const finish = (i: number, test: Score, train: Score | undefined, fitTime: number, scoreTime: number) => {
    const testScore = normalizeScore(fn, 'evaluate', test, testKeys);
    testKeys ??= Object.keys(testScore);
    const result: FoldResult = {
      fold: i,
      train: splits[i]!.train,
      test: splits[i]!.test,
      testScore,
      fitTime,
      scoreTime,
    };
    if (returnTrainScore) {
      if (train === undefined)
        throw new TypeError(`${fn}: the worker must return trainScore when returnTrainScore is true`);
      result.trainScore = normalizeScore(fn, 'evaluate (train)', train, trainKeys);
      trainKeys ??= Object.keys(result.trainScore);
    }
    completed++;
    onProgress?.({ completed, total: splits.length, result: result as unknown as FoldResult<S> });
    return result;
  };
  let folds: FoldResult[];
  if (worker !== undefined) {
    const threads = concurrency > 1 ? concurrency : splits.length;
    folds = await runInWorkers(fn, splits, worker, threads, returnTrainScore, signal, (i, r, elapsed) => {
      if (r === null || typeof r !== 'object')
        throw new TypeError(`${fn}: the worker must return { testScore }, got ${describe(r)}`);
      return finish(i, r.testScore, r.trainScore, r.fitTime ?? elapsed, 0);
    });
  } else {
    folds = await runPool(splits.length, concurrency, signal, async (i) => {
      const context = contextOf(splits, i, signal);
      const t0 = performance.now();
      const model = await fit!(context);
      const t1 = performance.now();
      signal?.throwIfAborted();
      const test = await evaluate!(model, context.test, context);
      const t2 = performance.now();
      const train = returnTrainScore ? await evaluate!(model, context.train, context) : undefined;
      return finish(i, test, train, t1 - t0, t2 - t1);
    });
  }
  const collect = (get: (f: FoldResult) => Record<string, number>, keys: string[]) => {
    const values: Record<string, number[]> = {};
    const mean: Record<string, number> = {};
    const std: Record<string, number> = {};
    for (const k of keys) {
      values[k] = folds.map((f) => get(f)[k]!);
      ({ mean: mean[k], std: std[k] } = meanStd(values[k]));
    }
    return { values, mean, std };
  };
  const t = collect((f) => f.testScore, testKeys!);
  const result: CrossValidateResult = {
    folds,
    testScore: t.values,
    mean: t.mean,
    std: t.std,
    fitTime: folds.map((f) => f.fitTime),
  };
  if (returnTrainScore) {
    const r = collect((f) => f.trainScore!, trainKeys!);
    result.trainScore = r.values;
    result.trainMean = r.mean;
    result.trainStd = r.std;
  }
  return result as unknown as CrossValidateResult<S>;
}
