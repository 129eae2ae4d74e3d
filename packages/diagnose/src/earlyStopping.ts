import { defineOptions, describe } from '@dl/internal';
import { checkState } from './_checkState';

/** Options of {@link earlyStopping}. */
export interface EarlyStoppingOptions {
  /**
   * The name of the monitored quantity, used when {@link EarlyStopping.update} receives a record of logs
   * (`{ val_loss: 0.3, loss: 0.2 }`) and to choose the direction in `mode: 'auto'`.
   * @defaultValue 'val_loss'
   */
  monitor?: string;
  /**
   * The smallest change that counts as an improvement: with `mode: 'min'`, epoch `t` improves when
   * $m_t < \text{best} - |\text{minDelta}|$.
   * @defaultValue 0
   */
  minDelta?: number;
  /**
   * The number of epochs without improvement after which training stops.
   * @defaultValue 0
   */
  patience?: number;
  /**
   * `'min'`: the quantity should decrease (a loss); `'max'`: increase (an accuracy); `'auto'`: `'max'` when the
   * monitor's name contains `acc`, `auc`, `f1`, `precision` or `recall`, else `'min'` (Keras' rule).
   * @defaultValue 'auto'
   */
  mode?: 'min' | 'max' | 'auto';
  /**
   * A value the quantity must beat: while it has not, the patience counter is not reset even by an
   * improvement over the best value so far (Keras 3 semantics). `null` for none.
   * @defaultValue null
   */
  baseline?: number | null;
  /**
   * Whether the best epoch's parameters should be restored when training stops; the state then says when to
   * take a snapshot (`improved`) and when to restore it (`restore`). See {@link createEarlyStopping} for the
   * hook form that does both.
   * @defaultValue false
   */
  restoreBest?: boolean;
  /**
   * The number of epochs (from 0) to wait before monitoring starts: updates of earlier epochs are ignored.
   * @defaultValue 0
   */
  startFromEpoch?: number;
}

/** The state of {@link earlyStopping}: a plain JSON-safe record. */
export interface EarlyStoppingState {
  /** The number of updates received (the index of the next epoch). */
  epoch: number;
  /** The best value seen, `null` before the first monitored epoch. */
  best: number | null;
  /** The epoch of the best value, `-1` before the first monitored epoch. */
  bestEpoch: number;
  /** Epochs since the counter was last reset (Keras' `wait`). */
  wait: number;
  /** Whether training should stop now. */
  stop: boolean;
  /** The epoch at which `stop` became true, `-1` while training goes on. */
  stoppedEpoch: number;
  /** Whether the last epoch is the new best: take a snapshot of the parameters now (when restoring best). */
  improved: boolean;
  /** Whether the parameters of `bestEpoch` should be restored now (set with `stop` when `restoreBest`). */
  restore: boolean;
}

/** An early-stopping rule: `init()` gives the first state, `update(state, value)` the next one (pure). */
export interface EarlyStopping {
  /** The direction actually used (`'auto'` resolved). */
  readonly mode: 'min' | 'max';
  /** The state before any epoch. */
  init(): EarlyStoppingState;
  /**
   * The state after one more epoch. `value` is the monitored number, or a record of logs in which the
   * `monitor` key is looked up; a missing key leaves the counters unchanged (as Keras, which warns). A NaN or
   * infinite value counts as no improvement. The input state is not modified.
   */
  update(state: EarlyStoppingState, value: number | Readonly<Record<string, number>>): EarlyStoppingState;
}

const readOptions = /* @__PURE__ */ defineOptions<EarlyStoppingOptions>()('earlyStopping', {
  monitor: 'val_loss',
  minDelta: 0,
  patience: 0,
  mode: 'auto',
  baseline: null,
  restoreBest: false,
  startFromEpoch: 0,
});

/** Keras' `auto` rule: metrics that grow when they get better. */
function autoMode(monitor: string): 'min' | 'max' {
  return /acc|auc|f1|precision|recall/i.test(monitor) ? 'max' : 'min';
}

/**
 * Stop training when a monitored quantity has stopped improving — Keras 3's `EarlyStopping` callback as a pair
 * of pure functions over a plain state record, for any training loop of any framework.
 *
 * Each epoch (from `startFromEpoch` on) increments `wait`; an epoch improves when
 * $m_t < \text{best} - |\delta|$ (`mode: 'min'`; mirrored for `'max'`), and then becomes the best (and resets
 * `wait` unless a `baseline` has not been beaten yet). Training stops when `wait >= patience` on an epoch
 * after the first. With `restoreBest`, `improved` tells when to snapshot the parameters and `restore` when to
 * put the best ones back; {@link createEarlyStopping} wraps both in hooks. Unlike TensorFlow.js (whose
 * `restoreBestWeights` throws), restoring works with any framework.
 *
 * @param options - monitor, minDelta, patience, mode, baseline, restoreBest, startFromEpoch.
 * @returns the {@link EarlyStopping} rule.
 * @example
 * ```ts
 * import { earlyStopping } from '@dl/diagnose';
 * const rule = earlyStopping({ patience: 2 });
 * let state = rule.init();
 * for (const loss of [1, 0.8, 0.85, 0.9, 0.7]) {
 *   state = rule.update(state, loss);
 *   if (state.stop) break;
 * }
 * state.stoppedEpoch; // 3
 * state.bestEpoch; // 1
 * ```
 * @see {@link https://keras.io/api/callbacks/early_stopping/ | keras.callbacks.EarlyStopping}
 */
export function earlyStopping(options?: EarlyStoppingOptions): EarlyStopping {
  const fn = 'earlyStopping';
  const o = readOptions(options);
  if (typeof o.monitor !== 'string' || o.monitor === '') {
    throw new TypeError(`${fn}: monitor must be a non-empty string, got ${describe(o.monitor)}`);
  }
  if (typeof o.minDelta !== 'number' || !Number.isFinite(o.minDelta)) {
    throw new RangeError(`${fn}: minDelta must be a finite number, got ${describe(o.minDelta)}`);
  }
  if (typeof o.patience !== 'number' || !Number.isInteger(o.patience) || o.patience < 0) {
    throw new RangeError(`${fn}: patience must be an integer >= 0, got ${describe(o.patience)}`);
  }
  if (o.mode !== 'min' && o.mode !== 'max' && o.mode !== 'auto') {
    throw new RangeError(`${fn}: mode must be one of "min", "max", "auto", got ${describe(o.mode)}`);
  }
  if (o.baseline !== null && (typeof o.baseline !== 'number' || !Number.isFinite(o.baseline))) {
    throw new RangeError(`${fn}: baseline must be a finite number or null, got ${describe(o.baseline)}`);
  }
  if (typeof o.restoreBest !== 'boolean') {
    throw new TypeError(`${fn}: restoreBest must be a boolean, got ${describe(o.restoreBest)}`);
  }
  if (typeof o.startFromEpoch !== 'number' || !Number.isInteger(o.startFromEpoch) || o.startFromEpoch < 0) {
    throw new RangeError(`${fn}: startFromEpoch must be an integer >= 0, got ${describe(o.startFromEpoch)}`);
  }
  const { monitor, patience, baseline, restoreBest, startFromEpoch } = o;
  const mode = o.mode === 'auto' ? autoMode(monitor) : o.mode;
  const delta = Math.abs(o.minDelta);
  const improves = (m: number, ref: number | null): boolean =>
    ref === null || (mode === 'min' ? m + delta < ref : m - delta > ref);
  return {
    mode,
    init: () => ({
      epoch: 0,
      best: null,
      bestEpoch: -1,
      wait: 0,
      stop: false,
      stoppedEpoch: -1,
      improved: false,
      restore: false,
    }),
    update(state, value) {
      checkState('earlyStopping.update', state, ['epoch', 'wait', 'bestEpoch', 'stoppedEpoch']);
      const epoch = state.epoch;
      const next: EarlyStoppingState = { ...state, epoch: epoch + 1, improved: false, restore: false };
      let m: unknown = value;
      if (typeof value === 'object' && value !== null) {
        m = (value as Record<string, unknown>)[monitor];
        if (m === undefined) return next;
      }
      if (typeof m !== 'number') {
        throw new TypeError(
          `earlyStopping.update: value must be a number or a record with a number under "${monitor}", got ${describe(m)}`,
        );
      }
      if (epoch < startFromEpoch || state.stop) return next;
      next.wait = state.wait + 1;
      if (!Number.isNaN(m) && improves(m, state.best)) {
        next.best = m;
        next.bestEpoch = epoch;
        next.improved = true;
        if (baseline === null || improves(m, baseline)) next.wait = 0;
        return next;
      }
      if (next.wait >= patience && epoch > 0) {
        next.stop = true;
        next.stoppedEpoch = epoch;
        next.restore = restoreBest && state.bestEpoch >= 0;
      }
      return next;
    },
  };
}
