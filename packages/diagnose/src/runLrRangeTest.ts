import { defineOptions, describe } from '@dl/internal';
import {
  checkLrRangeTestOptions,
  type LrRangeTestOptions,
  type LrRangeTestState,
  lrRangeTest,
  lrRangeTestOptions,
} from './lrRangeTest';
import {
  checkSuggestOptions,
  type LrSuggestions,
  type SuggestLearningRatesOptions,
  suggestLearningRates,
} from './suggestLearningRates';

/** Options of {@link runLrRangeTest}: those of {@link lrRangeTest} and of {@link suggestLearningRates}. */
export interface RunLrRangeTestOptions extends LrRangeTestOptions, SuggestLearningRatesOptions {}

/**
 * How {@link runLrRangeTest} saves and puts back what the test changes: the model's parameters AND the
 * optimizer's state (moments, step counts) — framework-agnostic, like {@link EarlyStoppingHooks}.
 */
export interface LrRangeTestHooks<S> {
  /** Returns a copy of the parameters and the optimizer state (called once, before the first batch). */
  snapshot: () => S | Promise<S>;
  /**
   * Puts the copy back (called once, after the last batch, also when a step throws); a promise it returns is
   * awaited.
   */
  restore: (snapshot: S) => unknown;
}

/** The result of {@link runLrRangeTest}. */
export interface LrRangeTestReport {
  /** The recorded curve: rates, raw and smoothed losses, why the sweep stopped. */
  curve: LrRangeTestState;
  /** The three rules' suggestions and where they agree. */
  suggestions: LrSuggestions;
  /** Whether `restore` was called (false without hooks). */
  restored: boolean;
}

/** One training step of the range test: train one batch at `lr`, return its loss. */
export type LrRangeTestStep = (lr: number, iteration: number) => number;
/** An asynchronous training step (tfjs' `await model.trainOnBatch(…)`). */
export type AsyncLrRangeTestStep = (lr: number, iteration: number) => Promise<number>;

const readOptions = /* @__PURE__ */ defineOptions<RunLrRangeTestOptions>()('runLrRangeTest', {
  startLr: 1e-7,
  endLr: 10,
  numIter: 100,
  stepMode: 'exp',
  beta: 0.98,
  debias: true,
  divergeThreshold: 4,
  skipStart: undefined,
  skipEnd: 5,
  agreementFactor: 10,
});

const isThenable = (v: unknown): v is Promise<unknown> =>
  typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';

/**
 * Runs a learning-rate range test end to end with any framework: saves the model and the optimizer
 * (`hooks.snapshot`), trains `numIter` batches at the swept rates through `step(lr, i)` (stopping on
 * divergence), puts everything back (`hooks.restore`, also if a step throws), and returns the curve with the
 * suggestions of {@link suggestLearningRates} — steepest descent, valley and minimum/10, and whether they agree.
 *
 * `step` trains one batch at the given rate and returns its loss; when it returns a promise (tfjs), so does
 * `runLrRangeTest`. The pure pieces are {@link lrRangeTest} (the sweep as `init`/`update`) and
 * {@link suggestLearningRates}.
 *
 * @param step - trains one batch at `lr` and returns the batch's loss (a number, or a promise of one).
 * @param options - the sweep, the smoothing, the divergence threshold, the points to skip, the agreement factor.
 * @param hooks - `snapshot` and `restore` of the parameters and the optimizer state.
 * @returns the {@link LrRangeTestReport} (or a promise of it, for an asynchronous `step`).
 * @example
 * ```ts
 * import { runLrRangeTest } from '@dl/diagnose';
 * // a toy "model": one weight w minimising (w - 3)², trained by gradient descent
 * let w = 0;
 * const step = (lr: number) => {
 *   const loss = (w - 3) ** 2;
 *   w -= lr * 2 * (w - 3);
 *   return loss;
 * };
 * const report = runLrRangeTest(step, { startLr: 1e-3, endLr: 10, numIter: 60 }, {
 *   snapshot: () => w,
 *   restore: (saved) => { w = saved; },
 * });
 * w; // 0
 * report.restored; // true
 * report.curve.status; // 'diverged'
 * report.suggestions.lr! > 0.01 && report.suggestions.lr! < 1; // true
 * ```
 */
export function runLrRangeTest<S = unknown>(
  step: LrRangeTestStep,
  options?: RunLrRangeTestOptions,
  hooks?: LrRangeTestHooks<S>,
): LrRangeTestReport;
export function runLrRangeTest<S = unknown>(
  step: AsyncLrRangeTestStep,
  options?: RunLrRangeTestOptions,
  hooks?: LrRangeTestHooks<S>,
): Promise<LrRangeTestReport>;
export function runLrRangeTest<S = unknown>(
  step: LrRangeTestStep | AsyncLrRangeTestStep,
  options?: RunLrRangeTestOptions,
  hooks?: LrRangeTestHooks<S>,
): LrRangeTestReport | Promise<LrRangeTestReport> {
  const fn = 'runLrRangeTest';
  if (typeof step !== 'function') {
    throw new TypeError(`${fn}: step must be a function (lr, iteration) => loss, got ${describe(step)}`);
  }
  const o = readOptions(options, fn);
  const { skipStart, skipEnd, agreementFactor, ...sweep } = o;
  checkLrRangeTestOptions(fn, lrRangeTestOptions(sweep, fn) as Required<LrRangeTestOptions>);
  // check the suggestion options now, not after a long sweep
  checkSuggestOptions(fn, { skipStart, skipEnd, agreementFactor }, 0);
  if (hooks !== undefined) {
    if (hooks === null || typeof hooks !== 'object') {
      throw new TypeError(`${fn}: hooks must be an object { snapshot, restore }, got ${describe(hooks)}`);
    }
    for (const k of ['snapshot', 'restore'] as const) {
      if (typeof hooks[k] !== 'function') {
        throw new TypeError(`${fn}: hooks.${k} must be a function, got ${describe(hooks[k])}`);
      }
    }
  }
  const rule = lrRangeTest(sweep as LrRangeTestOptions);
  let state = rule.init();
  const feed = (loss: unknown): void => {
    if (typeof loss !== 'number') {
      throw new TypeError(`${fn}: step must return a number (the batch's loss), got ${describe(loss)}`);
    }
    state = rule.update(state, loss);
  };
  const report = (restored: boolean): LrRangeTestReport => ({
    curve: state,
    suggestions: suggestLearningRates(state, { skipStart, skipEnd, agreementFactor }),
    restored,
  });
  const restoreThen = (saved: S | undefined, done: () => LrRangeTestReport) => {
    if (hooks === undefined) return done();
    const r = hooks.restore(saved as S);
    return isThenable(r) ? r.then(done) : done();
  };
  const asyncRest = async (saved: S | undefined, pending: Promise<unknown> | null) => {
    try {
      if (pending !== null) feed(await pending);
      while (!state.stop) feed(await step(state.lr, state.iteration));
    } catch (e) {
      if (hooks !== undefined) await hooks.restore(saved as S);
      throw e;
    }
    if (hooks !== undefined) await hooks.restore(saved as S);
    return report(hooks !== undefined);
  };
  const saved = hooks?.snapshot();
  if (isThenable(saved)) return saved.then((s) => asyncRest(s as S, null));
  try {
    while (!state.stop) {
      const loss = step(state.lr, state.iteration);
      if (isThenable(loss)) return asyncRest(saved as S | undefined, loss);
      feed(loss);
    }
  } catch (e) {
    if (hooks !== undefined) hooks.restore(saved as S);
    throw e;
  }
  return restoreThen(saved as S | undefined, () => report(hooks !== undefined));
}
