import { defineOptions, describe } from '@dl/internal';
import type { WarningHandler } from './Splitter';

/** Options of {@link translateTrainSizes}. */
export interface TranslateTrainSizesOptions {
  /**
   * Called when duplicate sizes are removed (scikit-learn's RuntimeWarning).
   * @defaultValue console.warn
   */
  onWarning?: WarningHandler;
}

/** @internal The checker of {@link TranslateTrainSizesOptions}: its option names and defaults. */
export const translateTrainSizesOptions = /* @__PURE__ */ defineOptions<TranslateTrainSizesOptions>()(
  'translateTrainSizes',
  { onWarning: undefined },
);

/**
 * The absolute training-set sizes of a learning curve, by scikit-learn's `_translate_train_sizes` rules.
 *
 * If any entry is not an integer, all are fractions of `nMaxTrainingSamples`, in $(0, 1]$: size
 * $= \operatorname{clip}(\lfloor f \cdot n_\text{max} \rfloor, 1, n_\text{max})$ (truncation, as numpy's
 * `astype(int)`). Otherwise they are counts in $[1, n_\text{max}]$. The result is sorted and deduplicated,
 * with a warning when duplicates were dropped. Note: an all-integer list is counts, so `[1]` means one sample
 * (write `[0.5, 1]` rather than `[1]` for fractions, as numpy would infer from `[0.5, 1.0]`).
 *
 * @param trainSizes - fractions or counts.
 * @param nMaxTrainingSamples - the largest training set (scikit-learn uses the first split's train size).
 * @param options - `onWarning`; see {@link TranslateTrainSizesOptions}.
 * @returns the sorted distinct sizes.
 * @example
 * ```ts
 * import { translateTrainSizes } from '@dl/crossval';
 * translateTrainSizes([0.1, 0.5, 1], 10); // [1, 5, 10]
 * translateTrainSizes([2, 8], 10); // [2, 8]
 * ```
 * @see {@link https://scikit-learn.org/1.2/modules/generated/sklearn.model_selection.learning_curve.html | sklearn.model_selection.learning_curve}
 */
export function translateTrainSizes(
  trainSizes: readonly number[],
  nMaxTrainingSamples: number,
  options: TranslateTrainSizesOptions = {},
): number[] {
  options = translateTrainSizesOptions(options, 'translateTrainSizes');
  const fn = 'translateTrainSizes';
  const { onWarning = console.warn } = options;
  if (!Array.isArray(trainSizes) || trainSizes.length === 0) {
    throw new TypeError(
      `${fn}: trainSizes must be a non-empty array of numbers, got ${describe(trainSizes)}`,
    );
  }
  if (!Number.isInteger(nMaxTrainingSamples) || nMaxTrainingSamples < 1) {
    throw new RangeError(`${fn}: nMaxTrainingSamples must be an integer >= 1, got ${nMaxTrainingSamples}`);
  }
  for (const v of trainSizes) {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new TypeError(`${fn}: trainSizes must hold finite numbers, got ${describe(v)}`);
    }
  }
  const lo = Math.min(...trainSizes);
  const hi = Math.max(...trainSizes);
  let abs: number[];
  if (trainSizes.some((v) => !Number.isInteger(v))) {
    if (lo <= 0 || hi > 1) {
      throw new RangeError(
        `${fn}: trainSizes are fractions of the largest training set and must be in (0, 1], got [${lo}, ${hi}]`,
      );
    }
    abs = trainSizes.map((f) =>
      Math.min(nMaxTrainingSamples, Math.max(1, Math.trunc(f * nMaxTrainingSamples))),
    );
  } else {
    if (lo <= 0 || hi > nMaxTrainingSamples) {
      throw new RangeError(
        `${fn}: trainSizes are counts and must be in [1, ${nMaxTrainingSamples}], got [${lo}, ${hi}]`,
      );
    }
    abs = trainSizes.slice();
  }
  const unique = [...new Set(abs)].sort((a, b) => a - b);
  if (unique.length < trainSizes.length) {
    onWarning(
      `${fn}: removed duplicate entries from trainSizes; the number of ticks is ${unique.length} instead of ${trainSizes.length}`,
    );
  }
  return unique;
}
