import type { Values } from './types';

/**
 * How the scores of several outputs (`yTrue` of shape `[n, outputs]`) are combined: `'raw_values'` (one per
 * output), `'uniform_average'`, `'variance_weighted'` (by the variance of each output of `yTrue`; R² and explained
 * variance only), or one weight per output.
 */
export type MultiOutput = 'raw_values' | 'uniform_average' | 'variance_weighted' | readonly number[];

/** Options shared by the regression metrics ({@link meanAbsoluteError} and the others). */
export interface RegressionOptions {
  /**
   * Per-sample weights, $\ge 0$.
   * @defaultValue undefined (every sample weighs 1)
   */
  sampleWeight?: Values;
  /**
   * How the scores of several outputs are combined (see {@link MultiOutput}).
   * @defaultValue 'uniform_average'
   */
  multioutput?: MultiOutput;
}
