import { describe } from '@dl/internal';
import { checkStateRecord, flatOf, transformation } from './_transform';
import type { GradientTransformation, Hyperparameter } from './types';

/** The state of {@link injectHyperparams}. */
export interface InjectHyperparamsState<S = unknown> {
  /** Updates so far: the step schedules are evaluated at. */
  count: number;
  /**
   * The hyperparameters the last update used (after `init`: those of step 0). Read the current learning rate here;
   * to change a constant one at run time, pass a state with a new value (schedules overwrite theirs each step).
   */
  hyperparams: Record<string, number>;
  /** The inner transformation's state. */
  inner: S;
}

/**
 * Makes hyperparameters visible and settable in the state: `injectHyperparams(adam, { lr: schedule })` builds
 * the optimizer at each update with the hyperparameters of that step and records them in `state.hyperparams`
 * (optax users' most repeated request: read the current learning rate). Options that are not numbers or
 * schedules go in `fixed`.
 *
 * @typeParam O - the factory's options.
 * @param factory - a transformation factory such as `adam` or `scaleByRms`.
 * @param hyperparams - the numeric hyperparameters to inject, each a number or a schedule.
 * @param fixed - other options passed unchanged.
 * @returns the transformation.
 * @example
 * ```ts
 * import { injectHyperparams, sgd } from '@dl/optim';
 * const opt = injectHyperparams(sgd, { lr: (step: number) => 0.1 * 0.5 ** step });
 * const params = [new Float32Array([1])];
 * let s = opt.init(params);
 * s.hyperparams.lr; // 0.1
 * [, s] = opt.update([new Float32Array([1])], s, params);
 * [, s] = opt.update([new Float32Array([1])], s, params);
 * s.hyperparams.lr; // 0.05
 * s = { ...s, hyperparams: { lr: 0.001 } };
 * ```
 * @see {@link https://optax.readthedocs.io/en/latest/api/optimizer_schedules.html#optax.inject_hyperparams | optax.inject_hyperparams}
 */
export function injectHyperparams<O extends object>(
  factory: (options?: O) => GradientTransformation,
  hyperparams: Readonly<Record<string, Hyperparameter>>,
  fixed?: Partial<O>,
): GradientTransformation<InjectHyperparamsState> {
  const fn = 'injectHyperparams';
  if (typeof factory !== 'function')
    throw new TypeError(`${fn}: factory must be a function such as adam, got ${describe(factory)}`);
  const names = Object.keys(hyperparams ?? {});
  for (const k of names) {
    const v = hyperparams[k];
    if (typeof v !== 'number' && typeof v !== 'function') {
      throw new TypeError(`${fn}: hyperparams.${k} must be a number or a schedule, got ${describe(v)}`);
    }
  }
  const at = (count: number, current: Record<string, number>) => {
    const out: Record<string, number> = {};
    for (const k of names) {
      const v = hyperparams[k]!;
      out[k] = typeof v === 'function' ? v(count) : (current[k] ?? v);
    }
    return out;
  };
  const build = (h: Record<string, number>, name: string) =>
    flatOf(factory({ ...fixed, ...h } as O), name, 'factory(options)');
  return transformation<InjectHyperparamsState>(fn, {
    init(params, f) {
      const h = at(0, {});
      return { count: 0, hyperparams: h, inner: build(h, f).init(params, f) };
    },
    update(grads, state, params, ctx) {
      checkStateRecord(ctx.fn, state, ['count', 'hyperparams', 'inner']);
      const h = at(state.count, state.hyperparams);
      const [u, s] = build(h, ctx.fn).update(grads, state.inner, params, ctx);
      return [u, { count: state.count + 1, hyperparams: h, inner: s }];
    },
  });
}
