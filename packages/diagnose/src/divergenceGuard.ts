import { defineOptions, describe } from '@dl/internal';
import { checkState } from './_checkState';

/** Options of {@link divergenceGuard}. */
export interface DivergenceGuardOptions {
  /**
   * The loss has diverged when it exceeds the best loss seen by this factor (the LR range test's usual 4-5×).
   * @defaultValue 4
   */
  factor?: number;
  /**
   * How many consecutive losses above `factor × best` are tolerated before declaring divergence (non-finite
   * losses diverge at once).
   * @defaultValue 0
   */
  patience?: number;
}

/** The state of {@link divergenceGuard}: plain JSON-safe data. */
export interface DivergenceGuardState {
  /** Losses received. */
  step: number;
  /** The best (lowest) finite loss, `null` before the first. */
  best: number | null;
  /** Consecutive losses above `factor × best`. */
  strikes: number;
  /** Whether training has diverged. */
  diverged: boolean;
  /** Why, once diverged: `'non-finite'` or `'exploded'`. */
  reason: 'non-finite' | 'exploded' | null;
  /** The step at which it diverged, `-1` before. */
  divergedAt: number;
}

/** A divergence guard: pure `init`/`update` over a {@link DivergenceGuardState}. */
export interface DivergenceGuard {
  /** The state before any loss. */
  init(): DivergenceGuardState;
  /** The state after one more loss (per step or per epoch); the input is not modified. */
  update(state: DivergenceGuardState, loss: number): DivergenceGuardState;
}

const readOptions = /* @__PURE__ */ defineOptions<DivergenceGuardOptions>()('divergenceGuard', {
  factor: 4,
  patience: 0,
});

/**
 * Stops a run that has blown up: a NaN or infinite loss, or a loss above `factor` times the best one for more
 * than `patience` consecutive steps. NaN never crashes it — it is the verdict.
 *
 * @param options - factor and patience.
 * @returns the {@link DivergenceGuard}.
 * @example
 * ```ts
 * import { divergenceGuard } from '@dl/diagnose';
 * const guard = divergenceGuard();
 * let s = guard.init();
 * for (const loss of [2, 1, 0.5, 3, Number.NaN]) s = guard.update(s, loss);
 * s.reason; // 'exploded'
 * s.divergedAt; // 3
 * ```
 */
export function divergenceGuard(options?: DivergenceGuardOptions): DivergenceGuard {
  const fn = 'divergenceGuard';
  const { factor, patience } = readOptions(options);
  if (typeof factor !== 'number' || !(factor > 1) || !Number.isFinite(factor)) {
    throw new RangeError(`${fn}: factor must be a finite number > 1, got ${describe(factor)}`);
  }
  if (typeof patience !== 'number' || !Number.isInteger(patience) || patience < 0) {
    throw new RangeError(`${fn}: patience must be an integer >= 0, got ${describe(patience)}`);
  }
  return {
    init: () => ({ step: 0, best: null, strikes: 0, diverged: false, reason: null, divergedAt: -1 }),
    update(state, loss) {
      checkState('divergenceGuard.update', state, ['step', 'strikes', 'divergedAt']);
      if (typeof loss !== 'number') {
        throw new TypeError(`divergenceGuard.update: loss must be a number, got ${describe(loss)}`);
      }
      const next = { ...state, step: state.step + 1 };
      if (state.diverged) return next;
      if (!Number.isFinite(loss))
        return { ...next, diverged: true, reason: 'non-finite', divergedAt: state.step };
      if (state.best === null || loss < state.best) return { ...next, best: loss, strikes: 0 };
      const strikes = loss > factor * state.best ? state.strikes + 1 : 0;
      if (strikes > patience)
        return { ...next, strikes, diverged: true, reason: 'exploded', divergedAt: state.step };
      return { ...next, strikes };
    },
  };
}
