import type { Label } from '../Splitter';

/** Labels encoded as integer codes. */
export interface Encoded {
  /** The distinct labels, in code order. */
  classes: Label[];
  /** The code of each sample. */
  codes: Int32Array;
  /** The number of samples of each code. */
  counts: Int32Array;
}

function isIntTyped(a: unknown): boolean {
  return (
    a instanceof Int32Array ||
    a instanceof Uint32Array ||
    a instanceof Int16Array ||
    a instanceof Uint16Array ||
    a instanceof Int8Array ||
    a instanceof Uint8Array ||
    a instanceof Uint8ClampedArray
  );
}

/** Encodes labels by order of first appearance (0 = the first label seen), checking their types. */
export function encodeFirst(fn: string, arg: string, labels: ArrayLike<Label>): Encoded {
  const n = labels.length;
  const codes = new Int32Array(n);
  const classes: Label[] = [];
  const countsList: number[] = [];
  if (isIntTyped(labels)) {
    // Dense fast path for small non-negative integer labels.
    const a = labels as ArrayLike<number>;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const v = a[i]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (n > 0 && max - min < 1 << 20) {
      const table = new Int32Array(max - min + 1).fill(-1);
      for (let i = 0; i < n; i++) {
        const k = a[i]! - min;
        let c = table[k]!;
        if (c < 0) {
          c = table[k] = classes.length;
          classes.push(a[i]!);
          countsList.push(0);
        }
        codes[i] = c;
        countsList[c]!++;
      }
      return { classes, codes, counts: Int32Array.from(countsList) };
    }
  }
  const map = new Map<Label, number>();
  let kind: string | undefined;
  for (let i = 0; i < n; i++) {
    const v = labels[i]!;
    const t = typeof v;
    if (t !== kind) {
      if (t !== 'number' && t !== 'string') {
        throw new TypeError(`${fn}: ${arg} must hold numbers or strings, got ${t} at index ${i}`);
      }
      if (kind !== undefined) {
        throw new TypeError(
          `${fn}: ${arg} must hold only numbers or only strings, got a ${t} at index ${i} after ${kind}s`,
        );
      }
      kind = t;
    }
    if (typeof v === 'number' && Number.isNaN(v))
      throw new TypeError(`${fn}: ${arg} must not contain NaN, got NaN at index ${i}`);
    let c = map.get(v);
    if (c === undefined) {
      c = classes.length;
      map.set(v, c);
      classes.push(v);
      countsList.push(0);
    }
    codes[i] = c;
    countsList[c]!++;
  }
  return { classes, codes, counts: Int32Array.from(countsList) };
}

/** Compares labels as numpy sorts them (numbers numerically, strings by code unit). */
export function compareLabels(a: Label, b: Label): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Encodes labels as `np.unique(labels, return_inverse=True, return_counts=True)` does: codes in sorted order. */
export function encodeSorted(fn: string, arg: string, labels: ArrayLike<Label>): Encoded {
  const first = encodeFirst(fn, arg, labels);
  const k = first.classes.length;
  const order = Array.from({ length: k }, (_, i) => i).sort((a, b) =>
    compareLabels(first.classes[a]!, first.classes[b]!),
  );
  const remap = new Int32Array(k);
  order.forEach((old, neu) => {
    remap[old] = neu;
  });
  const codes = first.codes;
  for (let i = 0; i < codes.length; i++) codes[i] = remap[codes[i]!]!;
  const counts = new Int32Array(k);
  for (let i = 0; i < k; i++) counts[remap[i]!] = first.counts[i]!;
  return { classes: order.map((i) => first.classes[i]!), codes, counts };
}

/**
 * scikit-learn's `type_of_target` check for classifiers: labels must be strings or integral numbers
 * ("binary"/"multiclass"), not continuous values.
 */
export function checkClassTarget(fn: string, classes: readonly Label[]): void {
  for (const c of classes) {
    if (typeof c === 'number' && !Number.isInteger(c)) {
      throw new TypeError(
        `${fn}: y must hold class labels (strings or integers, scikit-learn's 'binary' or 'multiclass'), got the continuous value ${c}`,
      );
    }
  }
}
