import { defineOptions, describe } from '@dl/internal';
import { checkState } from './_checkState';

/** Options of {@link plateauDetector}: PyTorch's `ReduceLROnPlateau` arguments, same names and defaults. */
export interface PlateauDetectorOptions {
  /**
   * `'min'`: the metric should decrease (a loss); `'max'`: it should increase (an accuracy).
   * @defaultValue 'min'
   */
  mode?: 'min' | 'max';
  /**
   * The learning rate the detector starts from (it tracks the rate PyTorch's scheduler would set). With the
   * default 1 the tracked `lr` is the factor by which the initial rate has been multiplied.
   * @defaultValue 1
   */
  lr?: number;
  /**
   * On a plateau the rate becomes $\max(\text{lr} \cdot \text{factor}, \text{minLr})$; in (0, 1).
   * @defaultValue 0.1
   */
  factor?: number;
  /**
   * A plateau is declared when the number of consecutive epochs without improvement EXCEEDS `patience`.
   * @defaultValue 10
   */
  patience?: number;
  /**
   * The change that counts as an improvement, relative or absolute (`thresholdMode`).
   * @defaultValue 1e-4
   */
  threshold?: number;
  /**
   * `'rel'`: $m$ improves on the best $b$ when $m < b(1 - \theta)$ (`'min'`) or $m > b(1 + \theta)$ (`'max'`);
   * `'abs'`: when $m < b - \theta$ or $m > b + \theta$.
   * @defaultValue 'rel'
   */
  thresholdMode?: 'rel' | 'abs';
  /**
   * Epochs after a plateau during which bad epochs are not counted.
   * @defaultValue 0
   */
  cooldown?: number;
  /**
   * The lowest learning rate: a plateau at `minLr` cannot be answered by a reduction (`exhausted`).
   * @defaultValue 0
   */
  minLr?: number;
  /**
   * A reduction smaller than `eps` is not applied (PyTorch's rule); the plateau then counts as exhausted.
   * @defaultValue 1e-8
   */
  eps?: number;
}

/** The state of {@link plateauDetector}: a plain JSON-safe record. */
export interface PlateauDetectorState {
  /** The number of metrics received (the index of the next epoch). */
  epoch: number;
  /** The best metric so far, `null` before the first finite one. */
  best: number | null;
  /** The epoch of `best`, `-1` before it. */
  bestEpoch: number;
  /** Consecutive epochs without improvement (PyTorch's `num_bad_epochs`). */
  numBadEpochs: number;
  /** Epochs left in the cooldown (PyTorch's `cooldown_counter`). */
  cooldownCounter: number;
  /** The learning rate PyTorch's scheduler would have set after this epoch. */
  lr: number;
  /** Whether this epoch ends a plateau (PyTorch calls `_reduce_lr` here). */
  plateau: boolean;
  /** Whether the learning rate was reduced at this epoch. */
  reduced: boolean;
  /**
   * Whether this plateau found the rate already at `minLr` (within `eps`): nothing left to reduce — stop, or
   * change something else (the playbook's optimization remedies).
   */
  exhausted: boolean;
  /** The number of plateaus so far. */
  plateaus: number;
  /** The epoch of the last plateau, `-1` before the first. */
  lastPlateauEpoch: number;
}

/** A plateau detector: `init()` gives the first state, `update(state, metric)` the next one (pure). */
export interface PlateauDetector {
  /** The state before any epoch. */
  init(): PlateauDetectorState;
  /**
   * The state after one more epoch's metric (usually the validation loss). NaN and ±Infinity never improve
   * (they count as bad epochs, as in PyTorch, except that PyTorch takes −Infinity as an improvement in `'min'`
   * mode). The input state is not modified.
   */
  update(state: PlateauDetectorState, metric: number): PlateauDetectorState;
}

const readOptions = /* @__PURE__ */ defineOptions<PlateauDetectorOptions>()('plateauDetector', {
  mode: 'min',
  lr: 1,
  factor: 0.1,
  patience: 10,
  threshold: 1e-4,
  thresholdMode: 'rel',
  cooldown: 0,
  minLr: 0,
  eps: 1e-8,
});

function checkNumber(
  fn: string,
  name: string,
  v: unknown,
  ok: (v: number) => boolean,
  expected: string,
): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v)) {
    throw new RangeError(`${fn}: ${name} must be ${expected}, got ${describe(v)}`);
  }
  return v;
}

/**
 * Tells when a monitored metric has stopped improving, with PyTorch's `ReduceLROnPlateau` semantics — the
 * decision a learning-rate scheduler acts on, as a monitor for any training loop (plain numbers in, a plain state
 * record out).
 *
 * An epoch improves when, in `'min'` mode, $m_t < b(1-\theta)$ (`thresholdMode: 'rel'`) or $m_t < b - \theta$
 * (`'abs'`), mirrored for `'max'`; otherwise `numBadEpochs` grows. During a cooldown bad epochs are not counted.
 * When $\text{numBadEpochs} > \text{patience}$ the epoch ends a **plateau**: the tracked rate becomes
 * $\text{lr} \leftarrow \max(\text{lr}\cdot\text{factor}, \text{minLr})$ unless that changes it by at most `eps`,
 * in which case the plateau is **exhausted** (the rate is at its floor: stop, or change something else), then
 * `cooldown` epochs follow. Epoch by epoch the decisions, rates, counters and best epochs equal PyTorch 1.13's
 * scheduler driven over the same metrics (recorded validation curves of real training, ties, NaN; tested).
 *
 * `@dl/schedule`'s `reduceOnPlateau` is the same rule on the scheduling side (it sets the rate); this monitor
 * reports what happened and when, for logs, dashboards and {@link diagnoseCurves}-style reports.
 *
 * @param options - PyTorch's arguments (`mode`, `factor`, `patience`, `threshold`, `thresholdMode`, `cooldown`,
 * `minLr`, `eps`) and the starting `lr`.
 * @returns the {@link PlateauDetector}.
 * @example
 * ```ts
 * import { plateauDetector } from '@dl/diagnose';
 * const detector = plateauDetector({ patience: 2, lr: 0.1, factor: 0.5, minLr: 0.05 });
 * let state = detector.init();
 * const events: string[] = [];
 * for (const loss of [1, 0.8, 0.8, 0.8, 0.8, 0.79, 0.8, 0.8, 0.8]) {
 *   state = detector.update(state, loss);
 *   if (state.plateau) events.push(`${state.epoch - 1}: ${state.exhausted ? 'exhausted' : `lr ${state.lr}`}`);
 * }
 * events; // ['4: lr 0.05', '8: exhausted']
 * state.bestEpoch; // 5
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.optim.lr_scheduler.ReduceLROnPlateau.html | torch.optim.lr_scheduler.ReduceLROnPlateau}
 */
export function plateauDetector(options?: PlateauDetectorOptions): PlateauDetector {
  const fn = 'plateauDetector';
  const o = readOptions(options, fn);
  if (o.mode !== 'min' && o.mode !== 'max') {
    throw new RangeError(`${fn}: mode must be one of "min", "max", got ${describe(o.mode)}`);
  }
  if (o.thresholdMode !== 'rel' && o.thresholdMode !== 'abs') {
    throw new RangeError(
      `${fn}: thresholdMode must be one of "rel", "abs", got ${describe(o.thresholdMode)}`,
    );
  }
  const lr0 = checkNumber(fn, 'lr', o.lr, (v) => v > 0, 'a finite number > 0');
  const factor = checkNumber(fn, 'factor', o.factor, (v) => v > 0 && v < 1, 'a number in (0, 1)');
  const patience = checkNumber(
    fn,
    'patience',
    o.patience,
    (v) => Number.isInteger(v) && v >= 0,
    'an integer >= 0',
  );
  const threshold = checkNumber(fn, 'threshold', o.threshold, (v) => v >= 0, 'a finite number >= 0');
  const cooldown = checkNumber(
    fn,
    'cooldown',
    o.cooldown,
    (v) => Number.isInteger(v) && v >= 0,
    'an integer >= 0',
  );
  const minLr = checkNumber(fn, 'minLr', o.minLr, (v) => v >= 0, 'a finite number >= 0');
  const eps = checkNumber(fn, 'eps', o.eps, (v) => v >= 0, 'a finite number >= 0');
  const { mode, thresholdMode } = o;
  const better = (m: number, best: number | null): boolean => {
    if (!Number.isFinite(m)) return false;
    if (best === null) return true;
    if (mode === 'min') return thresholdMode === 'rel' ? m < best * (1 - threshold) : m < best - threshold;
    return thresholdMode === 'rel' ? m > best * (threshold + 1) : m > best + threshold;
  };
  return {
    init: () => ({
      epoch: 0,
      best: null,
      bestEpoch: -1,
      numBadEpochs: 0,
      cooldownCounter: 0,
      lr: lr0,
      plateau: false,
      reduced: false,
      exhausted: false,
      plateaus: 0,
      lastPlateauEpoch: -1,
    }),
    update(state, metric) {
      checkState('plateauDetector.update', state, [
        'epoch',
        'bestEpoch',
        'numBadEpochs',
        'cooldownCounter',
        'lr',
        'plateaus',
        'lastPlateauEpoch',
      ]);
      if (typeof metric !== 'number') {
        throw new TypeError(`plateauDetector.update: metric must be a number, got ${describe(metric)}`);
      }
      const next: PlateauDetectorState = {
        ...state,
        epoch: state.epoch + 1,
        plateau: false,
        reduced: false,
        exhausted: false,
      };
      if (better(metric, state.best)) {
        next.best = metric;
        next.bestEpoch = state.epoch;
        next.numBadEpochs = 0;
      } else next.numBadEpochs = state.numBadEpochs + 1;
      if (state.cooldownCounter > 0) {
        next.cooldownCounter = state.cooldownCounter - 1;
        next.numBadEpochs = 0;
      }
      if (next.numBadEpochs > patience) {
        next.plateau = true;
        next.plateaus = state.plateaus + 1;
        next.lastPlateauEpoch = state.epoch;
        const lower = Math.max(state.lr * factor, minLr);
        if (state.lr - lower > eps) {
          next.lr = lower;
          next.reduced = true;
        } else next.exhausted = true;
        next.cooldownCounter = cooldown;
        next.numBadEpochs = 0;
      }
      return next;
    },
  };
}
