import { defineOptions } from '@dl/internal';
import {
  biasCorrection,
  checkBool,
  checkNonNegative,
  checkPositive,
  checkUnit,
  ema,
  emaSq,
  roundFor,
} from './_math';
import { checkStateArrays, mapLeaves, transformation, zerosLike } from './_transform';
import type { FloatArray, GradientTransformation } from './types';

/** Options of {@link scaleByAdam}: optax's names. */
export interface ScaleByAdamOptions {
  /**
   * Decay $\beta_1$ of the first moment, in [0, 1).
   * @defaultValue 0.9
   */
  b1?: number;
  /**
   * Decay $\beta_2$ of the second moment, in [0, 1).
   * @defaultValue 0.999
   */
  b2?: number;
  /**
   * $\epsilon$ added outside the square root.
   * @defaultValue 1e-8
   */
  eps?: number;
  /**
   * $\epsilon_{root}$ added inside the square root.
   * @defaultValue 0
   */
  epsRoot?: number;
  /**
   * AMSGrad: divide by the running maximum of the raw $v_t$ (PyTorch's and Keras's choice; optax takes the maximum of
   * the bias-corrected one).
   * @defaultValue false
   */
  amsgrad?: boolean;
  /**
   * Nesterov momentum (NAdam's look-ahead, as optax's `nesterov`).
   * @defaultValue false
   */
  nesterov?: boolean;
}

/** The state of {@link scaleByAdam}: per-leaf moments and the update count. */
export interface ScaleByAdamState {
  /** Updates so far. */
  count: number;
  /** First moments, one array per leaf. */
  mu: FloatArray[];
  /** Second moments, one array per leaf. */
  nu: FloatArray[];
  /** Running maxima of `nu` (AMSGrad; empty without it). */
  nuMax: FloatArray[];
}

const read = defineOptions<ScaleByAdamOptions>()('scaleByAdam', {
  b1: 0.9,
  b2: 0.999,
  eps: 1e-8,
  epsRoot: 0,
  amsgrad: false,
  nesterov: false,
});

/**
 * Rescales updates by Adam's moment estimates (no learning rate: chain {@link scaleByLearningRate}).
 *
 * $$m_t = \beta_1 m_{t-1} + (1-\beta_1) g_t,\quad v_t = \beta_2 v_{t-1} + (1-\beta_2) g_t^2,\quad
 * u_t = \frac{\hat m_t}{\sqrt{\hat v_t + \epsilon_{root}} + \epsilon}$$
 * with $\hat m_t = m_t/(1-\beta_1^t)$ (Nesterov: $\beta_1 m_t/(1-\beta_1^{t+1}) + (1-\beta_1)g_t/(1-\beta_1^t)$) and
 * $\hat v_t = v_t/(1-\beta_2^t)$ (AMSGrad: of $\max_{s\le t} v_s$).
 *
 * @param options - see {@link ScaleByAdamOptions}.
 * @returns the transformation.
 * @example
 * ```ts
 * import { chain, scaleByAdam, scaleByLearningRate } from '@dl/optim';
 * const opt = chain(scaleByAdam(), scaleByLearningRate(0.1));
 * const params = [new Float64Array([1])];
 * const [updates] = opt.update([new Float64Array([3])], opt.init(params), params);
 * (updates as Float64Array[])[0][0]; // -0.1
 * ```
 * @see Kingma & Ba 2015, "Adam: A Method for Stochastic Optimization", Algorithm 1.
 * @see {@link https://optax.readthedocs.io/en/latest/api/transformations.html#optax.scale_by_adam | optax.scale_by_adam}
 */
export function scaleByAdam(options?: ScaleByAdamOptions): GradientTransformation<ScaleByAdamState> {
  const fn = 'scaleByAdam';
  const o = read(options);
  const b1 = checkUnit(fn, 'b1', o.b1);
  const b2 = checkUnit(fn, 'b2', o.b2);
  const eps = checkPositive(fn, 'eps', o.eps);
  const epsRoot = checkNonNegative(fn, 'epsRoot', o.epsRoot);
  const amsgrad = checkBool(fn, 'amsgrad', o.amsgrad);
  const nesterov = checkBool(fn, 'nesterov', o.nesterov);
  return transformation<ScaleByAdamState>(fn, {
    init: (params) => ({
      count: 0,
      mu: params.map(zerosLike),
      nu: params.map(zerosLike),
      nuMax: amsgrad ? params.map(zerosLike) : [],
    }),
    update(grads, state, _params, ctx) {
      checkStateArrays(ctx.fn, state, amsgrad ? ['mu', 'nu', 'nuMax'] : ['mu', 'nu'], grads.length);
      const t = state.count + 1;
      const bc1 = biasCorrection(b1, t);
      const bc1Next = biasCorrection(b1, t + 1);
      const bc2 = biasCorrection(b2, t);
      const mu = state.mu.map((a) => a.slice());
      const nu = state.nu.map((a) => a.slice());
      const nuMax = state.nuMax.map((a) => a.slice());
      const updates = mapLeaves(grads, (g, j) => {
        const R = roundFor(g.data);
        const m = mu[j]!;
        const v = nu[j]!;
        const vm = nuMax[j];
        const u = zerosLike(g);
        const c1 = R(1 - b1);
        const c2 = R(1 - b2);
        for (let i = 0; i < u.length; i++) {
          const gi = g.data[i]!;
          const mi = ema(R, m[i]!, gi, R(b1), c1);
          let vi = emaSq(R, v[i]!, gi, R(b2), c2);
          m[i] = mi;
          v[i] = vi;
          if (vm) {
            vi = Math.max(vm[i]!, vi);
            vm[i] = vi;
          }
          const mHat = nesterov ? (b1 * mi) / bc1Next + ((1 - b1) * gi) / bc1 : mi / bc1;
          u[i] = mHat / (Math.sqrt(vi / bc2 + epsRoot) + eps);
        }
        return u;
      });
      return [updates, { count: t, mu, nu, nuMax }];
    },
  });
}
