import { describe } from '@dl/internal';
import type { FoldContext, Score } from '../FoldContext';
import type { Split } from '../Splitter';

/** Materializes a splitter's splits, checking that each is a `{ train, test }` pair of index arrays. */
export function collectSplits(fn: string, splits: Iterable<Split>): Split[] {
  const out: Split[] = [];
  for (const s of splits) {
    if (!s || typeof s.train?.length !== 'number' || typeof s.test?.length !== 'number') {
      throw new TypeError(`${fn}: the splitter must yield { train, test } index arrays, got ${describe(s)}`);
    }
    out.push(s);
  }
  if (out.length === 0) throw new RangeError(`${fn}: the splitter must yield at least one split, got 0`);
  return out;
}

/** Normalizes a score to named metrics (`score` for a bare number), checking that the metric names agree. */
export function normalizeScore(
  fn: string,
  what: string,
  s: Score,
  keys: string[] | undefined,
): Record<string, number> {
  let out: Record<string, number>;
  if (typeof s === 'number') out = { score: s };
  else if (s !== null && typeof s === 'object') out = { ...s };
  else throw new TypeError(`${fn}: ${what} must return a number or a record of numbers, got ${describe(s)}`);
  for (const [k, v] of Object.entries(out)) {
    if (typeof v !== 'number')
      throw new TypeError(`${fn}: ${what} metric '${k}' must be a number, got ${describe(v)}`);
  }
  if (keys && keys.join('\0') !== Object.keys(out).join('\0')) {
    throw new TypeError(
      `${fn}: ${what} must return the same metrics in every fold, got [${Object.keys(out).join(', ')}], expected [${keys.join(', ')}]`,
    );
  }
  return out;
}

/** Runs `task` over `0..count-1` with at most `concurrency` in flight, results in index order. */
export async function runPool<T>(
  count: number,
  concurrency: number,
  signal: AbortSignal | undefined,
  task: (i: number) => Promise<T>,
): Promise<T[]> {
  const out = new Array<T>(count);
  let next = 0;
  const lane = async () => {
    while (next < count) {
      signal?.throwIfAborted();
      const i = next++;
      out[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  signal?.throwIfAborted();
  return out;
}

/** Mean and population standard deviation (ddof 0, like `np.std`). */
export function meanStd(values: readonly number[]): { mean: number; std: number } {
  const n = values.length;
  let s = 0;
  for (const v of values) s += v;
  const mean = s / n;
  let q = 0;
  for (const v of values) q += (v - mean) * (v - mean);
  return { mean, std: Math.sqrt(q / n) };
}

/** Builds the context of fold `i`. */
export function contextOf(splits: Split[], i: number, signal: AbortSignal | undefined): FoldContext {
  return { fold: i, nSplits: splits.length, train: splits[i]!.train, test: splits[i]!.test, signal };
}

/** Checks an optional callback. */
export function checkFunction(fn: string, arg: string, f: unknown, required: boolean): void {
  if (f === undefined && !required) return;
  if (typeof f !== 'function') throw new TypeError(`${fn}: ${arg} must be a function, got ${describe(f)}`);
}

/** Checks the `concurrency` option. */
export function checkConcurrency(fn: string, c: unknown): number {
  if (typeof c !== 'number' || !Number.isInteger(c) || c < 1) {
    throw new RangeError(`${fn}: concurrency must be an integer >= 1, got ${describe(c)}`);
  }
  return c;
}
