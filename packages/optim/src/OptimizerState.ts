import type { FloatArray } from './types';

/**
 * The state of a named optimizer (`adam`, `sgd`, …) in the composable form: plain data, one entry per parameter
 * leaf in tree order.
 */
export interface OptimizerState {
  /** The number of updates so far; schedules are evaluated at this count (0 for the first update). */
  count: number;
  /** Per leaf: the number of updates that leaf received (leaves with a missing gradient are skipped, as PyTorch does). */
  steps: number[];
  /** Per state array name (`expAvg`, `expAvgSq`, `momentumBuffer`, …): one array per leaf. */
  slots: Record<string, FloatArray[]>;
  /** Per scalar state name (NAdam's `muProduct`): one number per leaf. */
  scalars: Record<string, number[]>;
}
