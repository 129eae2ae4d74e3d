import { numbers, weights as readWeights, sameLength } from './internal/check';
import { guarded } from './internal/guarded';
import type { StreamingMetric } from './StreamingMetric';
import type { Values } from './types';

/** The state of {@link streamingRegression}: weighted sums and Welford moments, plain data. */
export interface RegressionState {
  /** The sum of the weights. */
  weight: number;
  /** $\sum w |y - \hat y|$. */
  sumAbs: number;
  /** $\sum w (y - \hat y)^2$. */
  sumSq: number;
  /** The largest $|y - \hat y|$. */
  maxAbs: number;
  /** The weighted mean of $y$. */
  meanTrue: number;
  /** $\sum w (y - \bar y)^2$. */
  m2True: number;
  /** The weighted mean of the residual $y - \hat y$. */
  meanResidual: number;
  /** $\sum w (d - \bar d)^2$ of the residuals $d$. */
  m2Residual: number;
}

/** What {@link streamingRegression}'s `compute` returns. */
export interface RegressionResult {
  /** Mean absolute error. */
  meanAbsoluteError: number;
  /** Mean squared error. */
  meanSquaredError: number;
  /** Root mean squared error. */
  rootMeanSquaredError: number;
  /** The largest absolute error. */
  maxError: number;
  /** $R^2$ with scikit-learn's `forceFinite` rule (1 for a perfect fit of a constant target, else 0). */
  r2: number;
  /** The explained variance score with the same rule. */
  explainedVariance: number;
}

function moments(
  mean: number,
  m2: number,
  w: number,
  mean2: number,
  m22: number,
  w2: number,
): [number, number] {
  const total = w + w2;
  if (total === 0) return [0, 0];
  const delta = mean2 - mean;
  return [mean + (delta * w2) / total, m2 + m22 + (delta * delta * w * w2) / total];
}

const score = (num: number, den: number) => (num === 0 ? 1 : den === 0 ? 0 : 1 - num / den);

/**
 * Single-output regression errors accumulated over batches: MAE, MSE, RMSE, max error, $R^2$ and explained
 * variance, from sums and Welford moments merged with Chan's formula — equal to {@link meanAbsoluteError},
 * {@link r2Score} etc. on all the data up to rounding (about 1e-12 relative).
 *
 * @returns the accumulator: `update(state, yTrue, yPred, sampleWeight?)`; `compute(state)` gives
 *   `{ meanAbsoluteError, meanSquaredError, rootMeanSquaredError, maxError, r2, explainedVariance }`.
 * @example
 * ```ts
 * import { streamingRegression } from '@dl/metrics';
 * const reg = streamingRegression();
 * let s = reg.update(reg.init(), [3, -0.5], [2.5, 0]);
 * s = reg.update(s, [2, 7], [2, 8]);
 * reg.compute(s).r2; // 0.9486
 * ```
 */
export function streamingRegression(): StreamingMetric<
  RegressionState,
  [yTrue: Values, yPred: Values, sampleWeight?: Values],
  RegressionResult
> {
  const fn = 'streamingRegression.update';
  const empty: RegressionState = {
    weight: 0,
    sumAbs: 0,
    sumSq: 0,
    maxAbs: 0,
    meanTrue: 0,
    m2True: 0,
    meanResidual: 0,
    m2Residual: 0,
  };
  const merge = (a: RegressionState, b: RegressionState): RegressionState => {
    const [meanTrue, m2True] = moments(a.meanTrue, a.m2True, a.weight, b.meanTrue, b.m2True, b.weight);
    const [meanResidual, m2Residual] = moments(
      a.meanResidual,
      a.m2Residual,
      a.weight,
      b.meanResidual,
      b.m2Residual,
      b.weight,
    );
    return {
      weight: a.weight + b.weight,
      sumAbs: a.sumAbs + b.sumAbs,
      sumSq: a.sumSq + b.sumSq,
      maxAbs: Math.max(a.maxAbs, b.maxAbs),
      meanTrue,
      m2True,
      meanResidual,
      m2Residual,
    };
  };
  return guarded('streamingRegression', {
    init: () => ({ ...empty }),
    update(state, yTrue, yPred, sampleWeight) {
      const t = numbers(fn, 'yTrue', yTrue);
      const p = numbers(fn, 'yPred', yPred);
      sameLength(fn, 'yTrue', t.length, 'yPred', p.length);
      const w = readWeights(fn, sampleWeight, t.length);
      // the batch's own moments (two passes), then merged into the state
      let sw = 0;
      let st = 0;
      let sd = 0;
      const b: RegressionState = { ...empty };
      for (let i = 0; i < t.length; i++) {
        const wi = w ? w[i]! : 1;
        const d = t[i]! - p[i]!;
        sw += wi;
        st += wi * t[i]!;
        sd += wi * d;
        b.sumAbs += wi * Math.abs(d);
        b.sumSq += wi * d * d;
        b.maxAbs = Math.max(b.maxAbs, Math.abs(d));
      }
      b.weight = sw;
      b.meanTrue = sw === 0 ? 0 : st / sw;
      b.meanResidual = sw === 0 ? 0 : sd / sw;
      for (let i = 0; i < t.length; i++) {
        const wi = w ? w[i]! : 1;
        b.m2True += wi * (t[i]! - b.meanTrue) ** 2;
        b.m2Residual += wi * (t[i]! - p[i]! - b.meanResidual) ** 2;
      }
      return merge(state, b);
    },
    merge,
    compute(s) {
      const mse = s.sumSq / s.weight;
      return {
        meanAbsoluteError: s.sumAbs / s.weight,
        meanSquaredError: mse,
        rootMeanSquaredError: Math.sqrt(mse),
        maxError: s.maxAbs,
        r2: score(s.sumSq, s.m2True),
        explainedVariance: score(s.m2Residual, s.m2True),
      };
    },
  });
}
