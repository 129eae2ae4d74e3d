import { defineOptions, describe } from '@dl/internal';
import { transformation } from './_transform';
import type { FloatArray, GradientTransformation } from './types';

/** Options of {@link averageParams}. */
export interface AverageParamsOptions {
  /**
   * `'ema'`: exponential moving average with `decay`; `'swa'`: the equal-weight running mean of stochastic weight
   * averaging (PyTorch's `swa_utils.AveragedModel` default).
   * @defaultValue 'ema'
   */
  mode?: 'ema' | 'swa';
  /**
   * The EMA decay $\beta$, in [0, 1).
   * @defaultValue 0.999
   */
  decay?: number;
}

/** The state of {@link averageParams}. */
export interface AverageParamsState {
  /** Updates averaged so far. */
  count: number;
  /** The averaged parameters, one array per leaf (evaluate with these). */
  average: FloatArray[];
}

const read = defineOptions<AverageParamsOptions>()('averageParams', { mode: 'ema', decay: 0.999 });

/**
 * Keeps an average of the parameters after each update (place it LAST in a `chain`: it leaves the updates unchanged
 * and averages $\theta + u$). The first update copies; then
 * $$\text{ema: } \bar\theta \leftarrow \beta\bar\theta + (1-\beta)\theta,\qquad
 * \text{swa: } \bar\theta \leftarrow \bar\theta + \frac{\theta - \bar\theta}{n + 1}.$$
 * Read the average from `state.average` (in a chain: the last state).
 *
 * @param options - see {@link AverageParamsOptions}.
 * @returns the transformation (it needs `params` in `update`).
 * @example
 * ```ts
 * import { averageParams, chain, sgd } from '@dl/optim';
 * const opt = chain(sgd({ lr: 1 }), averageParams({ mode: 'swa' }));
 * const params = [new Float64Array([0])];
 * let s = opt.init(params);
 * for (const g of [-1, -1, -1]) {
 *   let u;
 *   [u, s] = opt.update([new Float64Array([g])], s, params);
 *   params[0][0] += (u as Float64Array[])[0][0];
 * }
 * (s[1] as { average: Float64Array[] }).average[0][0]; // 2
 * ```
 * @see Izmailov et al. 2018, "Averaging Weights Leads to Wider Optima and Better Generalization" (SWA);
 *   Polyak & Juditsky 1992.
 */
export function averageParams(options?: AverageParamsOptions): GradientTransformation<AverageParamsState> {
  const fn = 'averageParams';
  const { mode, decay } = read(options);
  if (mode !== 'ema' && mode !== 'swa')
    throw new TypeError(`${fn}: mode must be 'ema' or 'swa', got ${describe(mode)}`);
  if (typeof decay !== 'number' || !(decay >= 0 && decay < 1)) {
    throw new RangeError(`${fn}: decay must be in [0, 1), got ${describe(decay)}`);
  }
  return transformation<AverageParamsState>(fn, {
    init: (params) => ({ count: 0, average: params.map((l) => l.data.slice()) }),
    update(grads, state, params, ctx) {
      if (!params) throw new TypeError(`${ctx.fn}: params are required (their average is kept)`);
      const n = state.count;
      const average = state.average.map((a, j) => {
        const b = a.slice();
        const p = params[j]!.data;
        const u = grads[j]?.data;
        for (let i = 0; i < b.length; i++) {
          const theta = p[i]! + (u ? u[i]! : 0);
          b[i] =
            n === 0
              ? theta
              : mode === 'ema'
                ? decay * b[i]! + (1 - decay) * theta
                : b[i]! + (theta - b[i]!) / (n + 1);
        }
        return b;
      });
      return [grads.slice(), { count: n + 1, average }];
    },
  });
}
