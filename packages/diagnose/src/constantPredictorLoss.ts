import { describe } from '@dl/internal';

/**
 * The loss of the best constant predictor — the reference against which "the training loss is large" is judged.
 *
 * - `'crossEntropy'`: predicting the class frequencies $p_c$ everywhere gives the label entropy
 *   $H = -\sum_c p_c \ln p_c$ (nats, as PyTorch's cross-entropy).
 * - `'mse'`: predicting the mean gives the (population) variance of the targets, $\frac1n\sum_i (y_i-\bar y)^2$.
 *
 * @param loss - `'crossEntropy'` (targets are class labels, numbers or strings) or `'mse'` (numeric targets).
 * @param targets - the training targets.
 * @returns the constant predictor's loss.
 * @example
 * ```ts
 * import { constantPredictorLoss } from '@dl/diagnose';
 * constantPredictorLoss('crossEntropy', [0, 1, 0, 1]); // 0.6931
 * constantPredictorLoss('mse', [1, 2, 3, 4]); // 1.25
 * ```
 */
export function constantPredictorLoss(
  loss: 'crossEntropy' | 'mse',
  targets: ArrayLike<number> | readonly string[],
): number {
  const fn = 'constantPredictorLoss';
  if (loss !== 'crossEntropy' && loss !== 'mse') {
    throw new RangeError(`${fn}: loss must be "crossEntropy" or "mse", got ${describe(loss)}`);
  }
  if (
    targets === null ||
    typeof targets !== 'object' ||
    typeof targets.length !== 'number' ||
    targets.length === 0
  ) {
    throw new TypeError(
      `${fn}: targets must be a non-empty array of labels or numbers, got ${describe(targets)}`,
    );
  }
  const n = targets.length;
  if (loss === 'crossEntropy') {
    const counts = new Map<unknown, number>();
    for (let i = 0; i < n; i++) counts.set(targets[i], (counts.get(targets[i]) ?? 0) + 1);
    let h = 0;
    for (const c of counts.values()) h -= (c / n) * Math.log(c / n);
    return h;
  }
  let mean = 0;
  for (let i = 0; i < n; i++) {
    const y = targets[i];
    if (typeof y !== 'number' || !Number.isFinite(y)) {
      throw new TypeError(`${fn}: mse targets must be finite numbers, got ${describe(y)} at index ${i}`);
    }
    mean += y;
  }
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((targets[i] as number) - mean) ** 2;
  return ss / n;
}
