import { defineOptions, describe } from '@dl/internal';
import { encodeSorted } from './internal/labels';
import type { Label, Split } from './Splitter';

/** Options of {@link auditSplits}. */
export interface AuditSplitsOptions {
  /** The splits to check (e.g. `[...splitter.split(data)]`). */
  splits: Iterable<Split>;
  /** The number of samples the indices refer to. */
  nSamples: number;
  /**
   * Class labels: when given, the report has each fold's class proportions.
   * @defaultValue undefined
   */
  y?: ArrayLike<Label>;
  /**
   * Groups: when given, a group found in both the train and test set of a split is a problem.
   * @defaultValue undefined
   */
  groups?: ArrayLike<Label>;
  /**
   * Require the test sets to partition the samples (each sample tested exactly once), as K-fold splitters and
   * {@link crossValPredict} do.
   * @defaultValue false
   */
  partition?: boolean;
}

/** @internal The checker of {@link AuditSplitsOptions}: its option names and defaults. */
export const auditSplitsOptions = /* @__PURE__ */ defineOptions<AuditSplitsOptions>()(
  'auditSplits',
  {
    splits: undefined,
    nSamples: undefined,
    y: undefined,
    groups: undefined,
    partition: false,
  },
  { required: true },
);

/** Per-split findings of {@link auditSplits}. */
export interface SplitAudit {
  /** The number of training samples. */
  trainSize: number;
  /** The number of test samples. */
  testSize: number;
  /** Samples that are in both train and test (leakage). */
  overlap: number[];
  /** Groups that have samples in both train and test (leakage); empty without `groups`. */
  leakedGroups: Label[];
  /** Class proportions of the test set, by class (sorted labels); empty without `y`. */
  testProportions: Record<string, number>;
  /** Class proportions of the train set, by class; empty without `y`. */
  trainProportions: Record<string, number>;
}

/** The report of {@link auditSplits}. */
export interface SplitsAudit {
  /** True when no problem was found. */
  ok: boolean;
  /** One sentence per problem found. */
  problems: string[];
  /** Findings per split. */
  splits: SplitAudit[];
  /** Whether the test sets partition the samples. */
  isPartition: boolean;
  /** The class proportions of the whole data set; empty without `y`. */
  proportions: Record<string, number>;
}

/**
 * Checks splits for leakage and reports class balance: indices in range and unique, no sample in both train and
 * test, no group straddling train and test, test sets partitioning the samples where required, and each
 * split's class proportions next to the whole set's.
 *
 * @param options - `splits`, `nSamples`, `y`, `groups`, `partition`; see {@link AuditSplitsOptions}.
 * @returns a {@link SplitsAudit}; `ok` is false and `problems` says why when anything is wrong.
 * @example
 * ```ts
 * import { auditSplits, groupKFold, kFold } from '@dl/crossval';
 * const groups = [0, 0, 1, 1, 2, 2];
 * auditSplits({ splits: groupKFold({ nSplits: 3 }).split({ groups }), nSamples: 6, groups, partition: true }).ok; // true
 * const leaky = auditSplits({ splits: kFold({ nSplits: 3 }).split({ nSamples: 6 }), nSamples: 6, groups: [0, 1, 1, 2, 2, 0] });
 * leaky.problems[0]; // 'split 0: groups in both train and test: 0, 1'
 * ```
 * @see {@link https://scikit-learn.org/1.2/common_pitfalls.html#data-leakage | scikit-learn: data leakage}
 */
export function auditSplits(options: AuditSplitsOptions): SplitsAudit {
  options = auditSplitsOptions(options, 'auditSplits');
  const fn = 'auditSplits';
  const { splits, nSamples: n, y, groups, partition = false } = options ?? ({} as AuditSplitsOptions);
  if (!splits || typeof (splits as Iterable<Split>)[Symbol.iterator] !== 'function') {
    throw new TypeError(`${fn}: splits must be an iterable of { train, test }, got ${describe(splits)}`);
  }
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw new TypeError(`${fn}: nSamples must be a non-negative integer, got ${describe(n)}`);
  }
  if (y !== undefined && y.length !== n)
    throw new RangeError(`${fn}: y has length ${y.length}, expected ${n}`);
  if (groups !== undefined && groups.length !== n) {
    throw new RangeError(`${fn}: groups has length ${groups.length}, expected ${n}`);
  }
  const ye = y === undefined ? undefined : encodeSorted(fn, 'y', y);
  const ge = groups === undefined ? undefined : encodeSorted(fn, 'groups', groups);
  const proportionsOf = (idx: ArrayLike<number>): Record<string, number> => {
    const out: Record<string, number> = {};
    if (!ye) return out;
    const c = new Float64Array(ye.classes.length);
    for (let i = 0; i < idx.length; i++) c[ye.codes[idx[i]!]!]!++;
    ye.classes.forEach((k, j) => {
      out[String(k)] = idx.length ? c[j]! / idx.length : 0;
    });
    return out;
  };
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const problems: string[] = [];
  const timesTested = new Int32Array(n);
  const audits: SplitAudit[] = [];
  let s = 0;
  for (const { train, test } of splits) {
    const where = new Int8Array(n);
    let bad = false;
    for (const [name, idx, mark] of [
      ['train', train, 1],
      ['test', test, 2],
    ] as const) {
      for (let i = 0; i < idx.length; i++) {
        const v = idx[i]!;
        if (!Number.isInteger(v) || v < 0 || v >= n) {
          problems.push(`split ${s}: ${name} index ${v} is out of range [0, ${n})`);
          bad = true;
          break;
        }
        if (where[v]! & mark) {
          problems.push(`split ${s}: ${name} index ${v} appears twice`);
          bad = true;
          break;
        }
        where[v]! |= mark;
      }
    }
    const overlap: number[] = [];
    for (let i = 0; i < n; i++) if (where[i] === 3) overlap.push(i);
    if (overlap.length)
      problems.push(`split ${s}: samples in both train and test: ${overlap.slice(0, 10).join(', ')}`);
    if (!bad) for (let i = 0; i < test.length; i++) timesTested[test[i]!]!++;
    const leakedGroups: Label[] = [];
    if (ge && !bad) {
      const side = new Int8Array(ge.classes.length);
      for (let i = 0; i < n; i++) if (where[i]) side[ge.codes[i]!]! |= where[i]!;
      side.forEach((m, g) => {
        if (m === 3) leakedGroups.push(ge.classes[g]!);
      });
      if (leakedGroups.length) {
        problems.push(`split ${s}: groups in both train and test: ${leakedGroups.slice(0, 10).join(', ')}`);
      }
    }
    audits.push({
      trainSize: train.length,
      testSize: test.length,
      overlap,
      leakedGroups,
      testProportions: bad ? {} : proportionsOf(test),
      trainProportions: bad ? {} : proportionsOf(train),
    });
    s++;
  }
  const isPartition = timesTested.every((t) => t === 1);
  if (partition && !isPartition) {
    const i = timesTested.findIndex((t) => t !== 1);
    problems.push(
      `the test sets do not partition the samples: sample ${i} is tested ${timesTested[i]} times, expected exactly once`,
    );
  }
  return {
    ok: problems.length === 0,
    problems,
    splits: audits,
    isPartition,
    proportions: proportionsOf(all),
  };
}
