import { describe } from '@dl/internal';
import { checkState } from './_checkState';
import { type EarlyStoppingOptions, type EarlyStoppingState, earlyStopping } from './earlyStopping';

/** The snapshot hooks of {@link createEarlyStopping}: how to copy the parameters and how to put them back. */
export interface EarlyStoppingHooks<S> {
  /** Returns a copy of the current parameters (called on every new best epoch). */
  snapshot: () => S;
  /** Puts a copy made by `snapshot` back (called once, when training stops). */
  restore: (snapshot: S) => void;
}

/** A stateful early-stopping driver made by {@link createEarlyStopping}. */
export interface EarlyStoppingDriver {
  /** Feeds one epoch's value (or record of logs); returns whether training should stop now. */
  update(value: number | Readonly<Record<string, number>>): boolean;
  /** The current state (a copy: JSON-safe, resumable with `createEarlyStopping(options, hooks, state)`). */
  state(): EarlyStoppingState;
}

/**
 * Early stopping with restore-best for any framework: {@link earlyStopping}'s rule driven for you, calling
 * `snapshot()` on every new best epoch and `restore()` when training stops (only with `restoreBest: true`).
 *
 * @param options - the options of {@link earlyStopping}.
 * @param hooks - `snapshot` and `restore`; required when `restoreBest` is true.
 * @param state - a state to resume from (from {@link EarlyStoppingDriver.state}).
 * @returns the driver.
 * @example
 * ```ts
 * import { createEarlyStopping } from '@dl/diagnose';
 * let weights = [0];
 * const stopper = createEarlyStopping({ patience: 1, restoreBest: true }, {
 *   snapshot: () => weights.slice(),
 *   restore: (w) => { weights = w; },
 * });
 * const losses = [0.5, 0.3, 0.4];
 * for (let epoch = 0; epoch < losses.length; epoch++) {
 *   weights = [epoch]; // "training" changes the weights
 *   if (stopper.update(losses[epoch])) break;
 * }
 * weights; // [1]
 * ```
 */
export function createEarlyStopping<S = unknown>(
  options?: EarlyStoppingOptions,
  hooks?: EarlyStoppingHooks<S>,
  state?: EarlyStoppingState,
): EarlyStoppingDriver {
  let rule: ReturnType<typeof earlyStopping>;
  try {
    rule = earlyStopping(options);
  } catch (e) {
    // the options are earlyStopping's: name the function the user called
    if ((e instanceof TypeError || e instanceof RangeError) && e.message.startsWith('earlyStopping:')) {
      throw new (e instanceof TypeError ? TypeError : RangeError)(
        `createEarlyStopping${e.message.slice(13)}`,
      );
    }
    throw e;
  }
  const restoreBest = options?.restoreBest === true;
  if (restoreBest) {
    if (hooks === undefined || typeof hooks.snapshot !== 'function' || typeof hooks.restore !== 'function') {
      throw new TypeError(
        `createEarlyStopping: restoreBest needs hooks { snapshot, restore } (functions), got ${describe(hooks)}`,
      );
    }
  }
  if (state !== undefined)
    checkState('createEarlyStopping', state, ['epoch', 'wait', 'bestEpoch', 'stoppedEpoch']);
  let current = state === undefined ? rule.init() : { ...state };
  let best: { value: S } | null = null;
  return {
    update(value) {
      try {
        current = rule.update(current, value);
      } catch (e) {
        throw renamed(e, 'earlyStopping.update', 'createEarlyStopping.update');
      }
      if (restoreBest && hooks !== undefined) {
        if (current.improved) best = { value: hooks.snapshot() };
        if (current.restore && best !== null) hooks.restore(best.value);
      }
      return current.stop;
    },
    state: () => ({ ...current }),
  };
}

/** The rule's errors, naming the function the user called. */
function renamed(e: unknown, from: string, to: string): unknown {
  if ((e instanceof TypeError || e instanceof RangeError) && e.message.startsWith(`${from}:`)) {
    return new (e instanceof TypeError ? TypeError : RangeError)(`${to}${e.message.slice(from.length)}`);
  }
  return e;
}
