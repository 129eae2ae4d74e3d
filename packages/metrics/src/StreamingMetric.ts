/**
 * A metric computed over batches, as a set of pure functions on a plain, JSON-serializable state (the optax
 * `init` / `update` pattern): `init()` gives the empty state; `update(state, …batch)` returns a new state with the
 * batch added (the old one is not changed); `merge(a, b)` combines the states of two disjoint parts of the data
 * (parallel folds, workers, shards); `compute(state)` gives the value.
 *
 * `compute(merge(update(init(), A), update(init(), B)))` equals the metric on A and B together.
 *
 * @typeParam S - the state, plain data (`JSON.parse(JSON.stringify(state))` is a valid state).
 * @typeParam B - the arguments of one batch, after the state.
 * @typeParam R - what `compute` returns.
 */
export interface StreamingMetric<S, B extends unknown[], R> {
  /** The state before any batch. */
  init(): S;
  /** Adds one batch; returns a new state. */
  update(state: S, ...batch: B): S;
  /** Combines the states of two disjoint parts of the data. */
  merge(a: S, b: S): S;
  /** The metric of all data added so far. */
  compute(state: S): R;
}
