/** What the driver tells `fit`, `evaluate` and `predict` about the fold at hand. */
export interface FoldContext {
  /** The split's index, from 0. */
  fold: number;
  /** The number of splits. */
  nSplits: number;
  /** The training indices. */
  train: Int32Array;
  /** The test indices. */
  test: Int32Array;
  /** Aborted when the run is cancelled; pass it on to long training loops. */
  signal: AbortSignal | undefined;
}

/** A fold's score: one number, or several named metrics (every fold must return the same names). */
export type Score = number | Readonly<Record<string, number>>;
