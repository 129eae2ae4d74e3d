import type { OptimizerState } from './OptimizerState';
import type { GradientTransformation } from './types';

/**
 * A named optimizer (`adam(...)`, `sgd(...)`, …): a {@link GradientTransformation} whose update is one fused
 * pass per parameter, usable in a `chain`, and the rule that `createOptimizer` runs in place over parameter
 * groups.
 *
 * @typeParam O - its options.
 */
export interface NamedOptimizer<O = object> extends GradientTransformation<OptimizerState> {
  /** The factory's name (`'adam'`), recorded in state dicts. */
  readonly name: string;
  /** The options after defaults, as checked. */
  readonly options: Readonly<Required<O>>;
}
