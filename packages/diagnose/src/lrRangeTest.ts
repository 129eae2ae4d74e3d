import { defineOptions, describe } from '@dl/internal';

/** Options of {@link lrRangeTest} (fastai's `lr_find` defaults). */
export interface LrRangeTestOptions {
  /**
   * The first learning rate of the sweep.
   * @defaultValue 1e-7
   */
  startLr?: number;
  /**
   * The last learning rate of the sweep (reached at the last iteration).
   * @defaultValue 10
   */
  endLr?: number;
  /**
   * The number of iterations (batches) of the sweep.
   * @defaultValue 100
   */
  numIter?: number;
  /**
   * `'exp'`: $\eta_i = \eta_0 (\eta_1/\eta_0)^{i/(N-1)}$; `'linear'`: $\eta_i = \eta_0 + \tfrac{i}{N-1}(\eta_1 - \eta_0)$.
   * @defaultValue 'exp'
   */
  stepMode?: 'exp' | 'linear';
  /**
   * The smoothing factor $\beta \in [0, 1)$ of the exponential moving average of the losses (0: no smoothing).
   * @defaultValue 0.98
   */
  beta?: number;
  /**
   * `true`: fastai's bias-corrected average $v_t = \beta v_{t-1} + (1-\beta)\ell_t$, $v_0 = 0$, smoothed
   * $v_t / (1 - \beta^t)$; `false`: torch-lr-finder's, started at the first loss: $s_0 = \ell_0$,
   * $s_t = \beta s_{t-1} + (1-\beta)\ell_t$ (its `smooth_f` is $1 - \beta$).
   * @defaultValue true
   */
  debias?: boolean;
  /**
   * The sweep stops after the first iteration whose smoothed loss exceeds `divergeThreshold` × the best smoothed
   * loss so far (fastai: 4, torch-lr-finder: 5). `null`: never stop early (a non-finite loss still stops).
   * @defaultValue 4
   */
  divergeThreshold?: number | null;
}

/** The state of {@link lrRangeTest}: a plain JSON-safe record (the curve so far). */
export interface LrRangeTestState {
  /** The number of losses recorded. */
  iteration: number;
  /** The learning rate to train the next batch with (the last one of the sweep once it is over). */
  lr: number;
  /** The learning rate of each recorded iteration. */
  lrs: number[];
  /** The raw loss of each recorded iteration (`null` for a NaN or infinite one, so the state stays JSON). */
  losses: (number | null)[];
  /** The smoothed loss of each recorded iteration (`null` where the raw loss was not finite). */
  smoothed: (number | null)[];
  /** The running average before bias correction (internal to the smoothing, kept for resuming). */
  average: number;
  /** The best smoothed loss so far, `null` before the first. */
  best: number | null;
  /** Whether the sweep is over: stop training and restore the model. */
  stop: boolean;
  /**
   * `'running'`; `'completed'` (all `numIter` iterations); `'diverged'` (smoothed loss above the threshold);
   * `'non-finite'` (a NaN or infinite loss).
   */
  status: 'running' | 'completed' | 'diverged' | 'non-finite';
}

/** A learning-rate range test: `init()` gives the first state, `update(state, loss)` the next one (pure). */
export interface LrRangeTest {
  /** The learning rate of iteration `i` of the sweep. */
  lrAt(i: number): number;
  /** The state before the first batch (its `lr` is the rate for the first batch). */
  init(): LrRangeTestState;
  /** The state after the loss of one more batch, trained at `state.lr`. The input state is not modified. */
  update(state: LrRangeTestState, loss: number): LrRangeTestState;
}

/** @internal The checker of {@link LrRangeTestOptions}. */
export const lrRangeTestOptions = /* @__PURE__ */ defineOptions<LrRangeTestOptions>()('lrRangeTest', {
  startLr: 1e-7,
  endLr: 10,
  numIter: 100,
  stepMode: 'exp',
  beta: 0.98,
  debias: true,
  divergeThreshold: 4,
});

/** @internal Checks resolved options, naming `fn`; returns the sweep's rate function. */
export function checkLrRangeTestOptions(fn: string, o: Required<LrRangeTestOptions>): (i: number) => number {
  const { startLr, endLr, numIter, stepMode, beta, debias, divergeThreshold } = o;
  if (typeof startLr !== 'number' || !Number.isFinite(startLr) || !(startLr > 0)) {
    throw new RangeError(`${fn}: startLr must be a finite number > 0, got ${describe(startLr)}`);
  }
  if (typeof endLr !== 'number' || !Number.isFinite(endLr) || !(endLr > startLr)) {
    throw new RangeError(
      `${fn}: endLr must be a finite number > startLr (${startLr}), got ${describe(endLr)}`,
    );
  }
  if (typeof numIter !== 'number' || !Number.isInteger(numIter) || numIter < 2 || numIter > 1e7) {
    throw new RangeError(`${fn}: numIter must be an integer in [2, 1e7], got ${describe(numIter)}`);
  }
  if (stepMode !== 'exp' && stepMode !== 'linear') {
    throw new RangeError(`${fn}: stepMode must be one of "exp", "linear", got ${describe(stepMode)}`);
  }
  if (typeof beta !== 'number' || !(beta >= 0 && beta < 1)) {
    throw new RangeError(`${fn}: beta must be a number in [0, 1), got ${describe(beta)}`);
  }
  if (typeof debias !== 'boolean')
    throw new TypeError(`${fn}: debias must be a boolean, got ${describe(debias)}`);
  if (
    divergeThreshold !== null &&
    (typeof divergeThreshold !== 'number' || !Number.isFinite(divergeThreshold) || !(divergeThreshold > 1))
  ) {
    throw new RangeError(
      `${fn}: divergeThreshold must be a finite number > 1 or null, got ${describe(divergeThreshold)}`,
    );
  }
  const ratio = endLr / startLr;
  return stepMode === 'exp'
    ? (i) => startLr * ratio ** (i / (numIter - 1))
    : (i) => startLr + (i / (numIter - 1)) * (endLr - startLr);
}

/**
 * The learning-rate range test (Smith 2017; fastai's `lr_find`, torch-lr-finder's `range_test`) as a pure rule
 * over a plain state: train one batch at `state.lr`, feed its loss to `update`, repeat until `state.stop`.
 *
 * The rate sweeps from `startLr` to `endLr` over `numIter` batches (exponentially or linearly); the losses are
 * smoothed by an exponential moving average — fastai's bias-corrected one by default,
 * $\hat\ell_t = v_t/(1-\beta^t)$ with $v_t = \beta v_{t-1} + (1-\beta)\ell_t$ — and the sweep stops when
 * $\hat\ell_t > k \cdot \min_{s \le t} \hat\ell_s$ (divergence) or on a non-finite loss. Suggestions come from
 * {@link suggestLearningRates}; {@link runLrRangeTest} drives the whole test and restores the model and the
 * optimizer afterwards. The smoothing and the stop are checked against fastai's and torch-lr-finder's rules on
 * recorded PyTorch losses (tested).
 *
 * @param options - the sweep, the smoothing and the divergence threshold.
 * @returns the {@link LrRangeTest} rule.
 * @example
 * ```ts
 * import { lrRangeTest } from '@dl/diagnose';
 * const test = lrRangeTest({ startLr: 1e-4, endLr: 1, numIter: 5, beta: 0.5 });
 * let state = test.init();
 * const losses = [2, 1.5, 1, 4, 30];
 * while (!state.stop) state = test.update(state, losses[state.iteration]); // train at state.lr
 * state.lrs; // [0.0001, 0.001, 0.01, 0.1, 1]
 * state.smoothed; // [2, 1.6667, 1.2857, 2.7333, 16.8065]
 * state.status; // 'diverged'
 * ```
 * @see {@link https://arxiv.org/abs/1506.01186 | Smith, Cyclical Learning Rates for Training Neural Networks (2017)}
 * @see {@link https://docs.fast.ai/callback.schedule.html#learner.lr_find | fastai lr_find}
 * @see {@link https://github.com/davidtvs/pytorch-lr-finder | torch-lr-finder}
 */
export function lrRangeTest(options?: LrRangeTestOptions): LrRangeTest {
  const fn = 'lrRangeTest';
  const o = lrRangeTestOptions(options, fn) as Required<LrRangeTestOptions>;
  const lrAt = checkLrRangeTestOptions(fn, o);
  const { numIter, beta, debias, divergeThreshold } = o;
  return {
    lrAt(i) {
      if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= numIter) {
        throw new RangeError(
          `lrRangeTest.lrAt: i must be an integer in [0, ${numIter - 1}], got ${describe(i)}`,
        );
      }
      return lrAt(i);
    },
    init: () => ({
      iteration: 0,
      lr: lrAt(0),
      lrs: [],
      losses: [],
      smoothed: [],
      average: 0,
      best: null,
      stop: false,
      status: 'running',
    }),
    update(state, loss) {
      const ok =
        typeof state === 'object' &&
        state !== null &&
        typeof state.iteration === 'number' &&
        Array.isArray(state.lrs) &&
        Array.isArray(state.losses) &&
        Array.isArray(state.smoothed);
      if (!ok) {
        throw new TypeError(
          `lrRangeTest.update: state must be the record returned by init() or update(), got ${describe(state)}`,
        );
      }
      if (typeof loss !== 'number') {
        throw new TypeError(`lrRangeTest.update: loss must be a number, got ${describe(loss)}`);
      }
      if (state.stop) {
        throw new RangeError(
          `lrRangeTest.update: the sweep is over (status "${state.status}"); got one more loss`,
        );
      }
      const t = state.iteration + 1;
      const next: LrRangeTestState = {
        ...state,
        iteration: t,
        lrs: [...state.lrs, state.lr],
        losses: [...state.losses, Number.isFinite(loss) ? loss : null],
      };
      if (!Number.isFinite(loss)) {
        next.smoothed = [...state.smoothed, null];
        next.stop = true;
        next.status = 'non-finite';
        return next;
      }
      let s: number;
      if (debias) {
        next.average = beta * state.average + (1 - beta) * loss;
        s = next.average / (1 - beta ** t);
      } else {
        next.average = t === 1 ? loss : beta * state.average + (1 - beta) * loss;
        s = next.average;
      }
      next.smoothed = [...state.smoothed, s];
      next.best = state.best === null || s < state.best ? s : state.best;
      if (divergeThreshold !== null && s > divergeThreshold * next.best) {
        next.stop = true;
        next.status = 'diverged';
      } else if (t >= numIter) {
        next.stop = true;
        next.status = 'completed';
      } else next.lr = lrAt(t);
      return next;
    },
  };
}
