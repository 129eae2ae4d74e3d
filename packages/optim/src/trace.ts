import { defineOptions } from '@dl/internal';
import { checkBool, checkHyper, checkNonNegative, hyperAt } from './_math';
import { checkStateArrays, mapLeaves, transformation, zerosLike } from './_transform';
import type { FloatArray, GradientTransformation, Hyperparameter } from './types';

/** Options of {@link trace}. */
export interface TraceOptions {
  /**
   * The momentum $\mu$ (a number or a schedule).
   * @defaultValue 0.9
   */
  decay?: Hyperparameter;
  /**
   * Nesterov momentum: the update is $g_t + \mu\, b_t$.
   * @defaultValue false
   */
  nesterov?: boolean;
}

/** The state of {@link trace}. */
export interface TraceState {
  /** Updates so far (the step schedules are evaluated at). */
  count: number;
  /** The momentum buffers, one array per leaf. */
  trace: FloatArray[];
}

const read = defineOptions<TraceOptions>()('trace', { decay: 0.9, nesterov: false });

/**
 * Momentum (heavy ball, optionally Nesterov) as a transformation: PyTorch's SGD momentum with dampening 0.
 *
 * $$b_t = \mu b_{t-1} + g_t,\qquad u_t = \text{nesterov} ?\ g_t + \mu b_t : b_t$$
 *
 * @param options - see {@link TraceOptions}.
 * @returns the transformation.
 * @example
 * ```ts
 * import { trace } from '@dl/optim';
 * const t = trace({ decay: 0.5 });
 * let s = t.init([new Float64Array(1)]);
 * let u;
 * [u, s] = t.update([new Float64Array([1])], s);
 * [u, s] = t.update([new Float64Array([1])], s);
 * (u as Float64Array[])[0][0]; // 1.5
 * ```
 * @see Polyak 1964; Sutskever et al. 2013, "On the importance of initialization and momentum in deep learning".
 */
export function trace(options?: TraceOptions): GradientTransformation<TraceState> {
  const fn = 'trace';
  const o = read(options);
  const decay = checkHyper(fn, 'decay', o.decay, checkNonNegative);
  const nesterov = checkBool(fn, 'nesterov', o.nesterov);
  return transformation<TraceState>(fn, {
    init: (params) => ({ count: 0, trace: params.map(zerosLike) }),
    update(grads, state, _p, ctx) {
      checkStateArrays(ctx.fn, state, ['trace'], grads.length);
      const mu = hyperAt(ctx.fn, 'decay', decay, state.count, checkNonNegative);
      const tr = state.trace.map((a) => a.slice());
      const updates = mapLeaves(grads, (g, j) => {
        const b = tr[j]!;
        const u = zerosLike(g);
        for (let i = 0; i < u.length; i++) {
          const bi = mu * b[i]! + g.data[i]!;
          b[i] = bi;
          u[i] = nesterov ? g.data[i]! + mu * b[i]! : b[i]!;
        }
        return u;
      });
      return [updates, { count: state.count + 1, trace: tr }];
    },
  });
}
