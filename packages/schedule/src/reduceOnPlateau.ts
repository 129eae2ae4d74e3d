import { defineOptions } from '@dl/internal';
import { finite, inRange, integer, oneOf, positive, show } from './validate';

/** Options of {@link reduceOnPlateau}. */
export interface ReduceOnPlateauOptions {
  /**
   * The starting value (e.g. the learning rate). With the default 1 the state's `value` is a factor that can
   * multiply any other schedule (then `minLr` bounds the factor).
   * @defaultValue 1
   */
  initial?: number;
  /**
   * Whose semantics to follow. `'pytorch'`: `ReduceLROnPlateau` (reduce when the number of bad epochs EXCEEDS
   * `patience`, relative threshold, `eps`). `'keras'`: Keras' `ReduceLROnPlateau` callback (reduce when the wait
   * REACHES `patience`, absolute `min_delta` as `threshold`, no `eps`, cooldown epochs are not counted as bad):
   * one epoch earlier than PyTorch for the same `patience`.
   * @defaultValue 'pytorch'
   */
  preset?: 'pytorch' | 'keras';
  /**
   * `'min'`: the metric should decrease (a loss); `'max'`: it should increase (an accuracy).
   * @defaultValue 'min'
   */
  mode?: 'min' | 'max';
  /**
   * The reduction: `value ← max(value × factor, minLr)`; in (0, 1).
   * @defaultValue 0.1
   */
  factor?: number;
  /**
   * The number of epochs without improvement tolerated (see `preset` for the exact count).
   * @defaultValue 10
   */
  patience?: number;
  /**
   * The minimum change that counts as an improvement (Keras' `min_delta`).
   * @defaultValue 1e-4
   */
  threshold?: number;
  /**
   * `'rel'`: improvement means better than `best × (1 ∓ threshold)`; `'abs'`: better than `best ∓ threshold`.
   * @defaultValue 'rel' ('abs' with the Keras preset)
   */
  thresholdMode?: 'rel' | 'abs';
  /**
   * The number of epochs to wait after a reduction before counting bad epochs again.
   * @defaultValue 0
   */
  cooldown?: number;
  /**
   * The lower bound of the value.
   * @defaultValue 0
   */
  minLr?: number;
  /**
   * A reduction smaller than `eps` is skipped (PyTorch preset only).
   * @defaultValue 1e-8
   */
  eps?: number;
}

/** @internal The checker of {@link ReduceOnPlateauOptions}: its option names and defaults. */
export const reduceOnPlateauOptions = /* @__PURE__ */ defineOptions<ReduceOnPlateauOptions>()(
  'reduceOnPlateau',
  {
    initial: 1,
    preset: 'pytorch',
    mode: 'min',
    factor: 0.1,
    patience: 10,
    threshold: 1e-4,
    thresholdMode: undefined,
    cooldown: 0,
    minLr: 0,
    eps: 1e-8,
  },
);

/** The state of {@link reduceOnPlateau}: a plain JSON-safe record. */
export interface ReduceOnPlateauState {
  /** The current value (e.g. the learning rate, or a factor). */
  value: number;
  /** The best metric seen so far, `null` before the first one. */
  best: number | null;
  /** Consecutive epochs without improvement (Keras' `wait`). */
  numBadEpochs: number;
  /** Epochs left in the current cooldown. */
  cooldownCounter: number;
  /** The number of metrics received. */
  lastEpoch: number;
}

/** A reduce-on-plateau rule: `init()` gives the first state, `update(state, metric)` the next one (pure). */
export interface ReduceOnPlateau {
  /** The state before any metric. */
  init(): ReduceOnPlateauState;
  /** The state after one more metric (usually the validation loss of an epoch); the input is not modified. */
  update(state: ReduceOnPlateauState, metric: number): ReduceOnPlateauState;
}

/**
 * Reduce a value when a metric stops improving (PyTorch's `ReduceLROnPlateau`, or Keras' with `preset: 'keras'`).
 *
 * Stateful by nature, so it is not a {@link Schedule} but a pair of pure functions over a plain state record
 * (optax style). An epoch improves when, for `mode: 'min'`, $m < \text{best}(1 - \theta)$ (`'rel'`) or
 * $m < \text{best} - \theta$ (`'abs'`), mirrored for `'max'`. PyTorch preset: after more than `patience`
 * consecutive bad epochs, $v \leftarrow \max(v \cdot \text{factor}, \text{minLr})$ unless the change is at most
 * `eps`, then `cooldown` epochs during which bad epochs are not counted.
 *
 * To combine it with a schedule, keep `initial: 1` and multiply: `lr = cosine(step) * state.value`
 * ({@link createScheduler} does it with its `plateau` option).
 *
 * @param options - the mode, the factor, the patience, the thresholds and the bounds.
 * @returns the {@link ReduceOnPlateau} rule.
 * @example
 * ```ts
 * import { reduceOnPlateau } from '@dl/schedule';
 * const rule = reduceOnPlateau({ initial: 0.1, patience: 1 });
 * let state = rule.init();
 * for (const loss of [1, 0.9, 0.95, 0.95]) state = rule.update(state, loss);
 * state.value; // 0.01
 * state.best; // 0.9
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.optim.lr_scheduler.ReduceLROnPlateau.html | torch.optim.lr_scheduler.ReduceLROnPlateau}
 * @see {@link https://keras.io/api/callbacks/reduce_lr_on_plateau/ | keras.callbacks.ReduceLROnPlateau}
 */
export function reduceOnPlateau(options: ReduceOnPlateauOptions = {}): ReduceOnPlateau {
  const fn = 'reduceOnPlateau';
  const { initial, preset, mode, factor, patience, threshold, cooldown, minLr, eps } = reduceOnPlateauOptions(
    options,
    fn,
  );
  oneOf(fn, 'preset', preset, ['pytorch', 'keras']);
  const keras = preset === 'keras';
  const { thresholdMode = keras ? 'abs' : 'rel' } = options as ReduceOnPlateauOptions;
  finite(fn, 'initial', initial);
  oneOf(fn, 'mode', mode, ['min', 'max']);
  inRange(fn, 'factor', factor, 0, 1);
  integer(fn, 'patience', patience, 0);
  positive(fn, 'threshold', threshold, true);
  oneOf(fn, 'thresholdMode', thresholdMode, ['rel', 'abs']);
  integer(fn, 'cooldown', cooldown, 0);
  positive(fn, 'minLr', minLr, true);
  positive(fn, 'eps', eps, true);
  const better = (m: number, best: number | null): boolean => {
    if (best === null) return true;
    if (mode === 'min') return thresholdMode === 'rel' ? m < best * (1 - threshold) : m < best - threshold;
    return thresholdMode === 'rel' ? m > best * (threshold + 1) : m > best + threshold;
  };
  return {
    init: () => ({ value: initial, best: null, numBadEpochs: 0, cooldownCounter: 0, lastEpoch: 0 }),
    update(state, metric) {
      if (state === null || typeof state !== 'object' || typeof state.value !== 'number') {
        throw new TypeError(
          `${fn}.update: state must be a state from init() or update(), got ${show(state)}`,
        );
      }
      if (typeof metric !== 'number' || !Number.isFinite(metric)) {
        throw new RangeError(`${fn}: metric must be a finite number, got ${show(metric)}`);
      }
      let { value, best, numBadEpochs, cooldownCounter } = state;
      if (keras) {
        if (cooldownCounter > 0) {
          cooldownCounter -= 1;
          numBadEpochs = 0;
        }
        if (better(metric, best)) {
          best = metric;
          numBadEpochs = 0;
        } else if (cooldownCounter <= 0) {
          numBadEpochs += 1;
          if (numBadEpochs >= patience && value > minLr) {
            value = Math.max(value * factor, minLr);
            cooldownCounter = cooldown;
            numBadEpochs = 0;
          }
        }
      } else {
        if (better(metric, best)) {
          best = metric;
          numBadEpochs = 0;
        } else numBadEpochs += 1;
        if (cooldownCounter > 0) {
          cooldownCounter -= 1;
          numBadEpochs = 0;
        }
        if (numBadEpochs > patience) {
          const next = Math.max(value * factor, minLr);
          if (value - next > eps) value = next;
          cooldownCounter = cooldown;
          numBadEpochs = 0;
        }
      }
      return { value, best, numBadEpochs, cooldownCounter, lastEpoch: state.lastEpoch + 1 };
    },
  };
}
