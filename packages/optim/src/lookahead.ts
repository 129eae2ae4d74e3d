import { defineOptions, describe } from '@dl/internal';
import { checkStateRecord, flatOf, transformation, withData } from './_transform';
import type { Leaf } from './_tree';
import type { FloatArray, GradientTransformation } from './types';

/** Options of {@link lookahead}. */
export interface LookaheadOptions {
  /**
   * The number of fast steps $k$ between synchronizations.
   * @defaultValue 6
   */
  syncPeriod?: number;
  /**
   * The slow step size $\alpha$, in (0, 1].
   * @defaultValue 0.5
   */
  slowStepSize?: number;
}

/** The state of {@link lookahead}. */
export interface LookaheadState<S = unknown> {
  /** Fast steps so far. */
  count: number;
  /** The slow weights, one array per leaf (the parameters hold the fast weights). */
  slow: FloatArray[];
  /** The fast optimizer's state. */
  inner: S;
}

const read = defineOptions<LookaheadOptions>()('lookahead', { syncPeriod: 6, slowStepSize: 0.5 });

/**
 * Lookahead: the inner ("fast") optimizer takes $k$ steps, then the slow weights move towards the fast ones and
 * the fast weights restart from there:
 * $$\phi \leftarrow \phi + \alpha(\theta_{t} - \phi),\qquad \theta_t \leftarrow \phi\qquad(\text{every } k \text{ steps}).$$
 * The parameters hold the fast weights; the slow weights live in the state.
 *
 * @param inner - the fast optimizer.
 * @param options - see {@link LookaheadOptions}.
 * @returns the transformation.
 * @example
 * ```ts
 * import { lookahead, sgd } from '@dl/optim';
 * const opt = lookahead(sgd({ lr: 1 }), { syncPeriod: 2, slowStepSize: 0.5 });
 * const params = [new Float64Array([0])];
 * let s = opt.init(params);
 * let u;
 * [u, s] = opt.update([new Float64Array([-1])], s, params);
 * params[0][0] += (u as Float64Array[])[0][0];
 * [u, s] = opt.update([new Float64Array([-1])], s, params);
 * params[0][0] + (u as Float64Array[])[0][0]; // 1
 * ```
 * @see Zhang, Lucas, Hinton & Ba 2019, "Lookahead Optimizer: k steps forward, 1 step back", Algorithm 1.
 */
export function lookahead<S>(
  inner: GradientTransformation<S>,
  options?: LookaheadOptions,
): GradientTransformation<LookaheadState<S>> {
  const fn = 'lookahead';
  const { syncPeriod: k, slowStepSize: alpha } = read(options);
  if (!Number.isInteger(k) || k < 1)
    throw new RangeError(`${fn}: syncPeriod must be an integer >= 1, got ${describe(k)}`);
  if (typeof alpha !== 'number' || !(alpha > 0 && alpha <= 1)) {
    throw new RangeError(`${fn}: slowStepSize must be in (0, 1], got ${describe(alpha)}`);
  }
  const f = flatOf(inner, 'lookahead', 'inner');
  return transformation<LookaheadState<S>>(fn, {
    init: (params, name) => ({
      count: 0,
      slow: params.map((l) => l.data.slice()),
      inner: f.init(params, name),
    }),
    update(grads, state, params, ctx) {
      if (!params) throw new TypeError(`${ctx.fn}: params are required (the slow weights follow them)`);
      checkStateRecord(ctx.fn, state, ['count', 'slow', 'inner']);
      const [u, s] = f.update(grads, state.inner, params, ctx);
      const count = state.count + 1;
      if (count % k !== 0) return [u, { count, slow: state.slow, inner: s }];
      const slow = state.slow.map((a) => a.slice());
      const out: (Leaf | null)[] = params.map((p, j) => {
        const uj = u[j];
        const phi = slow[j]!;
        const d =
          p.data instanceof Float32Array ? new Float32Array(phi.length) : new Float64Array(phi.length);
        for (let i = 0; i < phi.length; i++) {
          const fast = p.data[i]! + (uj ? uj.data[i]! : 0);
          const next = phi[i]! + alpha * (fast - phi[i]!);
          phi[i] = next;
          d[i] = next - p.data[i]!;
        }
        return withData(p, d);
      });
      return [out, { count, slow, inner: s }];
    },
  });
}
