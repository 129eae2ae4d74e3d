import type { Schedule } from './types';
import { checkStep, isFunction, show } from './validate';

/**
 * Runs schedules one after another: from `boundaries[i]` on, `schedules[i + 1]` runs with its own step count
 * restarted at 0 (optax's `join_schedules`, PyTorch's `SequentialLR`).
 *
 * $$f(t) = g_k(t - b_{k-1}),\qquad k = \#\lbrace i : b_i \le t\rbrace,\ b_{-1} = 0$$
 *
 * The hand-off is exact: at step $b_i$ the next schedule is at its own step 0. Base values do not carry over:
 * each schedule returns its own values (give a decay the same `initial` as the warmup's peak).
 *
 * @param schedules - the schedules, in order (a number is a constant schedule).
 * @param boundaries - the steps where each next schedule starts: `schedules.length - 1` integers, sorted
 *   increasingly (PyTorch's `milestones`).
 * @returns the joined {@link Schedule}.
 * @example
 * ```ts
 * import { joinSchedules, linearFactor, cosineAnnealing } from '@dl/schedule';
 * const lr = joinSchedules(
 *   [linearFactor({ initial: 0.1, startFactor: 0.1, totalIters: 5 }), cosineAnnealing({ initial: 0.1, tMax: 95 })],
 *   [5],
 * );
 * lr(0); // 0.01
 * lr(5); // 0.1
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.optim.lr_scheduler.SequentialLR.html | torch.optim.lr_scheduler.SequentialLR}
 * @see {@link https://optax.readthedocs.io/en/latest/api/optimizer_schedules.html | optax.join_schedules}
 */
export function joinSchedules(
  schedules: readonly (Schedule | number)[],
  boundaries: readonly number[],
): Schedule {
  const fn = 'joinSchedules';
  if (!Array.isArray(schedules) || schedules.length === 0) {
    throw new TypeError(`${fn}: schedules must be a non-empty array of schedules, got ${show(schedules)}`);
  }
  if (!Array.isArray(boundaries) || boundaries.length !== schedules.length - 1) {
    throw new RangeError(
      `${fn}: boundaries must be an array of ${schedules.length - 1} step(s) (one fewer than the schedules), got ${show(boundaries)}`,
    );
  }
  boundaries.forEach((b, i) => {
    if (!Number.isInteger(b) || b < 0 || (i > 0 && b <= boundaries[i - 1]!)) {
      throw new RangeError(
        `${fn}: boundaries must be integers >= 0 in increasing order, got ${show(boundaries)}`,
      );
    }
  });
  const parts = schedules.map((s, i) =>
    typeof s === 'number' ? () => s : isFunction(fn, `schedules[${i}]`, s as Schedule),
  );
  const bs = boundaries.slice();
  return (step) => {
    checkStep(fn, step);
    let k = 0;
    while (k < bs.length && bs[k]! <= step) k++;
    return parts[k]!(k === 0 ? step : step - bs[k - 1]!);
  };
}
