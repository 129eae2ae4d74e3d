import { defineOptions, describe } from '@dl/internal';
import { checkStateRecord, flatOf, mapLeaves, transformation, withData, zerosLike } from './_transform';
import type { Leaf } from './_tree';
import type { FloatArray, GradientTransformation } from './types';

/** Options of {@link multiSteps}. */
export interface MultiStepsOptions {
  /**
   * The number of micro-batches $k$ whose gradients are averaged into one update.
   * @defaultValue 1
   */
  everyK?: number;
}

/** The state of {@link multiSteps}. */
export interface MultiStepsState<S = unknown> {
  /** Micro-batches accumulated since the last update (0 … k-1). */
  miniStep: number;
  /** Updates made by the inner transformation so far (what its schedules count). */
  count: number;
  /** The sum of the gradients since the last update, one array per leaf. */
  gradAcc: FloatArray[];
  /** The inner transformation's state. */
  inner: S;
}

const read = defineOptions<MultiStepsOptions>()('multiSteps', { everyK: 1 });

/**
 * Gradient accumulation: averages the gradients of `everyK` calls and runs the inner transformation once on the
 * mean; the other calls return zero updates and leave the inner state alone. Schedules inside count inner updates
 * (one per $k$ micro-batches), as `createScheduler` does when stepped once per update.
 *
 * @param inner - the transformation to run every $k$ calls.
 * @param options - see {@link MultiStepsOptions}.
 * @returns the transformation.
 * @example
 * ```ts
 * import { multiSteps, sgd } from '@dl/optim';
 * const opt = multiSteps(sgd({ lr: 1 }), { everyK: 2 });
 * const params = [new Float64Array([0])];
 * let s = opt.init(params);
 * let u;
 * [u, s] = opt.update([new Float64Array([1])], s, params);
 * (u as Float64Array[])[0][0]; // 0
 * [u, s] = opt.update([new Float64Array([3])], s, params);
 * (u as Float64Array[])[0][0]; // -2
 * s.count; // 1
 * ```
 * @see {@link https://optax.readthedocs.io/en/latest/api/optimizer_wrappers.html#optax.MultiSteps | optax.MultiSteps}
 */
export function multiSteps<S>(
  inner: GradientTransformation<S>,
  options?: MultiStepsOptions,
): GradientTransformation<MultiStepsState<S>> {
  const fn = 'multiSteps';
  const { everyK } = read(options);
  if (!Number.isInteger(everyK) || everyK < 1)
    throw new RangeError(`${fn}: everyK must be an integer >= 1, got ${describe(everyK)}`);
  const f = flatOf(inner, 'multiSteps', 'inner');
  return transformation<MultiStepsState<S>>(fn, {
    init: (params, name) => ({
      miniStep: 0,
      count: 0,
      gradAcc: params.map(zerosLike),
      inner: f.init(params, name),
    }),
    update(grads, state, params, ctx) {
      checkStateRecord(ctx.fn, state, ['miniStep', 'count', 'gradAcc', 'inner']);
      const acc = state.gradAcc.map((a, j) => {
        const g = grads[j];
        const b = a.slice();
        if (g) for (let i = 0; i < b.length; i++) b[i] = b[i]! + g.data[i]!;
        return b;
      });
      const mini = state.miniStep + 1;
      if (mini < everyK) {
        return [mapLeaves(grads, (g) => zerosLike(g)), { ...state, miniStep: mini, gradAcc: acc }];
      }
      const mean: (Leaf | null)[] = grads.map((g, j) => {
        if (!g) return null;
        const m = acc[j]!;
        for (let i = 0; i < m.length; i++) m[i] = m[i]! / everyK;
        return withData(g, m);
      });
      const [u, s] = f.update(mean, state.inner, params, ctx);
      return [
        u,
        {
          miniStep: 0,
          count: state.count + 1,
          gradAcc: state.gradAcc.map((a) => zerosLike({ data: a } as Leaf)),
          inner: s,
        },
      ];
    },
  });
}
