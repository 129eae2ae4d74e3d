import type { Label } from '../types';
import { show } from './check';

/**
 * scikit-learn's `_check_pos_label_consistency`: without `posLabel`, the classes must be within {0, 1} or
 * {-1, 1} and the positive class is 1.
 */
export function positiveLabel(
  fn: string,
  classes: readonly Label[],
  posLabel: Label | undefined | null,
): Label {
  if (posLabel !== undefined && posLabel !== null) return posLabel;
  const ok =
    classes.every((c) => typeof c === 'number') &&
    (classes.every((c) => c === 0 || c === 1) || classes.every((c) => c === -1 || c === 1));
  if (!ok) {
    throw new RangeError(
      `${fn}: yTrue takes values ${show(classes)} and posLabel is not given; make yTrue take values in {0, 1} or {-1, 1}, or pass posLabel`,
    );
  }
  return 1;
}
