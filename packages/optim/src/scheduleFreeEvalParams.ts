import { describe } from '@dl/internal';
import type { OptimizerState } from './OptimizerState';
import type { FloatArray } from './types';

/**
 * The evaluation point $x_t$ of a schedule-free optimizer (`scheduleFreeAdamw`, `scheduleFreeSgd`): the
 * parameters hold the gradient point $y_t$ during training; evaluate (and save the final model) at $x_t$.
 * Copy these arrays into the parameters for evaluation, and back to $y_t$ to resume training.
 *
 * @param state - the state of a schedule-free optimizer (from its `update`, or the facade's
 *   `stateDict().state[group]`).
 * @returns one array per parameter leaf, in tree order.
 * @example
 * ```ts
 * import { scheduleFreeEvalParams, scheduleFreeSgd } from '@dl/optim';
 * const opt = scheduleFreeSgd({ lr: 0.5, momentum: 0.5 });
 * const params = [new Float64Array([1])];
 * const [, state] = opt.update([new Float64Array([1])], opt.init(params), params);
 * scheduleFreeEvalParams(state)[0][0]; // 0.5
 * ```
 * @see Defazio et al. 2024, "The Road Less Scheduled".
 */
export function scheduleFreeEvalParams(
  state: OptimizerState | { slots: Record<string, ArrayLike<number>[]> },
): FloatArray[] {
  const x = (state as { slots?: Record<string, unknown> } | null)?.slots?.['x'];
  if (!Array.isArray(x)) {
    throw new TypeError(
      `scheduleFreeEvalParams: state must be the state of scheduleFreeAdamw or scheduleFreeSgd, got ${describe(state)}`,
    );
  }
  return x.map((a: ArrayLike<number>) =>
    a instanceof Float32Array || a instanceof Float64Array ? a.slice() : Float64Array.from(a),
  );
}
