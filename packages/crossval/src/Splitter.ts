/** A class label or group identifier: a number or a string (booleans and mixed types are rejected). */
export type Label = number | string;

/** A tensor-like value: only its `shape` is read (the first entry is the number of samples). */
export interface ShapeLike {
  /** The dimensions, outermost first. */
  readonly shape: readonly number[];
}

/**
 * What a splitter splits. Give `nSamples`, or `X` (anything with a `length`, or a `shape` whose first entry is
 * the number of samples), or let `y` / `groups` set the length. Every array given must have that length.
 */
export interface SplitData {
  /**
   * The number of samples.
   * @defaultValue the length of `X`, else of `y`, else of `groups`
   */
  nSamples?: number;
  /**
   * The samples, only their count is used: an array, a typed array, or a tensor-like `{ shape }`.
   * @defaultValue undefined
   */
  X?: ArrayLike<unknown> | ShapeLike;
  /**
   * The targets (class labels), required by stratified splitters.
   * @defaultValue undefined
   */
  y?: ArrayLike<Label>;
  /**
   * The group of each sample, required by group splitters.
   * @defaultValue undefined
   */
  groups?: ArrayLike<Label>;
}

/** One train/test split: sample indices into the data given to `split`. */
export interface Split {
  /** The training indices. */
  train: Int32Array;
  /** The test (or validation) indices. */
  test: Int32Array;
}

/**
 * The splitter protocol every factory of this package returns, and what {@link crossValidate} consumes.
 *
 * `split(data)` yields the splits lazily, in scikit-learn's order and with scikit-learn's index order (ascending
 * for the K-fold family, shuffled for the shuffle-split family). `getNSplits(data)` returns how many splits
 * `split(data)` yields; `data` is needed only where the count depends on it (leave-one-out, leave-p-out,
 * leave-one-group-out). Any object with these two methods is a splitter, so custom splitters plug into the
 * driver.
 *
 * @example
 * ```ts
 * import { kFold, type Splitter } from '@dl/crossval';
 * const cv: Splitter = kFold({ nSplits: 3 });
 * cv.getNSplits(); // 3
 * const folds = [...cv.split({ nSamples: 6 })].map((s) => Array.from(s.test));
 * folds; // [[0, 1], [2, 3], [4, 5]]
 * ```
 * @see {@link https://scikit-learn.org/1.2/glossary.html#term-CV-splitter | scikit-learn's CV splitter}
 */
export interface Splitter {
  /** The factory's name, used in error messages. */
  readonly name: string;
  /**
   * Generates the train/test index pairs.
   * @param data - the number of samples and, where the splitter needs them, `y` and `groups`.
   * @returns an iterable of splits.
   */
  split(data: SplitData): Iterable<Split>;
  /**
   * The number of splits `split(data)` yields.
   * @param data - needed only by splitters whose count depends on the data.
   * @returns the number of splits.
   */
  getNSplits(data?: SplitData): number;
}

/** Receives a warning where scikit-learn would warn (not raise); the default is `console.warn`. */
export type WarningHandler = (message: string) => void;
