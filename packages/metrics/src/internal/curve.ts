import type { Label } from '../types';
import { positiveLabel } from './binary';
import {
  numbers,
  labels as readLabels,
  weights as readWeights,
  sameLength,
  show,
  uniqueLabels,
} from './check';
import { argsortStable } from './sort';

/** scikit-learn's `_binary_clf_curve`: counts at each distinct score, from the highest. */
export interface ClfCurve {
  fps: Float64Array;
  tps: Float64Array;
  thresholds: Float64Array;
  /** The distinct labels of yTrue (after dropping zero-weight samples). */
  classes: Label[];
}

/** Reads binary-task inputs: labels, finite scores, weights; returns the 0/1 truth and scores. */
export function binaryInputs(
  fn: string,
  yTrue: unknown,
  yScore: unknown,
  posLabel: Label | undefined | null,
  sampleWeight: unknown,
  scoreName = 'yScore',
): { y: Uint8Array; s: Float64Array; w: Float64Array | undefined; classes: Label[] } {
  const t = readLabels(fn, 'yTrue', yTrue);
  let s = numbers(fn, scoreName, yScore);
  sameLength(fn, 'yTrue', t.length, scoreName, s.length);
  let w = readWeights(fn, sampleWeight, t.length);
  let tt = t;
  if (w) {
    // scikit-learn drops zero-weight samples (and their thresholds)
    const keep: number[] = [];
    for (let i = 0; i < w.length; i++) if (w[i] !== 0) keep.push(i);
    if (keep.length < w.length) {
      tt = keep.map((i) => t[i]!);
      s = Float64Array.from(keep, (i) => s[i]!);
      w = Float64Array.from(keep, (i) => w![i]!);
    }
  }
  const classes = uniqueLabels(fn, { name: 'yTrue', values: tt });
  if (classes.length > 2 && (posLabel === undefined || posLabel === null)) {
    throw new RangeError(
      `${fn}: yTrue must be binary (two classes at most) unless posLabel is given, got ${classes.length} classes ${show(classes)}`,
    );
  }
  const pos = positiveLabel(fn, classes, posLabel);
  const y = new Uint8Array(tt.length);
  for (let i = 0; i < tt.length; i++) y[i] = tt[i] === pos ? 1 : 0;
  return { y, s, w, classes };
}

/** The counts of `_binary_clf_curve` from 0/1 truth, scores and optional weights. */
export function clfCurve(
  y: Uint8Array,
  s: Float64Array,
  w: Float64Array | undefined,
): Omit<ClfCurve, 'classes'> {
  const n = s.length;
  const order = argsortStable(s);
  const fps = new Float64Array(n);
  const tps = new Float64Array(n);
  const thr = new Float64Array(n);
  let m = 0;
  let tp = 0;
  let fp = 0;
  for (let r = n - 1; r >= 0; r--) {
    const i = order[r]!;
    if (w) {
      const wi = w[i]!;
      if (y[i]) tp += wi;
      else fp += wi;
    } else if (y[i]) tp++;
    else fp++;
    const v = s[i]!;
    if (r === 0 || s[order[r - 1]!] !== v) {
      fps[m] = fp;
      tps[m] = tp;
      thr[m] = v;
      m++;
    }
  }
  return { fps: fps.subarray(0, m), tps: tps.subarray(0, m), thresholds: thr.subarray(0, m) };
}

/** Binary inputs to curve counts, as `_binary_clf_curve`. */
export function binaryCurve(
  fn: string,
  yTrue: unknown,
  yScore: unknown,
  posLabel: Label | undefined | null,
  sampleWeight: unknown,
  scoreName?: string,
): ClfCurve {
  const { y, s, w, classes } = binaryInputs(fn, yTrue, yScore, posLabel, sampleWeight, scoreName);
  if (s.length === 0) throw new RangeError(`${fn}: every sample has weight 0`);
  return { ...clfCurve(y, s, w), classes };
}

/** The ROC points of roc_curve (optionally dropping collinear points), with the (0, 0) start. */
export function rocPoints(
  c: { fps: Float64Array; tps: Float64Array; thresholds: Float64Array },
  drop: boolean,
): { fpr: Float64Array; tpr: Float64Array; thresholds: Float64Array } {
  let { fps, tps, thresholds } = c;
  const m = fps.length;
  if (drop && m > 2) {
    const f = new Float64Array(m);
    const t = new Float64Array(m);
    const h = new Float64Array(m);
    let k = 0;
    for (let i = 0; i < m; i++) {
      if (i > 0 && i < m - 1) {
        const d2f = fps[i + 1]! - fps[i]! - (fps[i]! - fps[i - 1]!);
        const d2t = tps[i + 1]! - tps[i]! - (tps[i]! - tps[i - 1]!);
        if (d2f === 0 && d2t === 0) continue;
      }
      f[k] = fps[i]!;
      t[k] = tps[i]!;
      h[k] = thresholds[i]!;
      k++;
    }
    fps = f.subarray(0, k);
    tps = t.subarray(0, k);
    thresholds = h.subarray(0, k);
  }
  const k = fps.length + 1;
  const fpr = new Float64Array(k);
  const tpr = new Float64Array(k);
  const thr = new Float64Array(k);
  const fn = fps[fps.length - 1]!;
  const tn = tps[tps.length - 1]!;
  thr[0] = thresholds[0]! + 1;
  for (let i = 1; i < k; i++) {
    fpr[i] = fn <= 0 ? Number.NaN : fps[i - 1]! / fn;
    tpr[i] = tn <= 0 ? Number.NaN : tps[i - 1]! / tn;
    thr[i] = thresholds[i - 1]!;
  }
  if (fn <= 0) fpr[0] = Number.NaN;
  if (tn <= 0) tpr[0] = Number.NaN;
  return { fpr, tpr, thresholds: thr };
}

/** np.trapz(y, x). */
export function trapz(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 1; i < x.length; i++) s += ((x[i]! - x[i - 1]!) * (y[i]! + y[i - 1]!)) / 2;
  return s;
}

/** scikit-learn's `_binary_roc_auc_score` on 0/1 truth (with McClish's standardized partial AUC for maxFpr). */
export function binaryRocAuc(
  fn: string,
  y: Uint8Array,
  s: Float64Array,
  w: Float64Array | undefined,
  maxFpr: number | undefined | null,
): number {
  let pos = false;
  let neg = false;
  for (let i = 0; i < y.length; i++) {
    if (y[i]) pos = true;
    else neg = true;
  }
  if (!pos || !neg) {
    throw new RangeError(
      `${fn}: only one class is present in yTrue; ROC AUC is not defined in that case (scikit-learn raises too)`,
    );
  }
  let yy = y;
  let ss = s;
  let ww = w;
  if (w) {
    const keep: number[] = [];
    for (let i = 0; i < w.length; i++) if (w[i] !== 0) keep.push(i);
    if (keep.length < w.length) {
      yy = Uint8Array.from(keep, (i) => y[i]!);
      ss = Float64Array.from(keep, (i) => s[i]!);
      ww = Float64Array.from(keep, (i) => w[i]!);
    }
  }
  const { fpr, tpr } = rocPoints(clfCurve(yy, ss, ww), true);
  if (maxFpr === undefined || maxFpr === null || maxFpr === 1) return trapz(fpr, tpr);
  let stop = 0;
  while (stop < fpr.length && fpr[stop]! <= maxFpr) stop++;
  const x0 = fpr[stop - 1]!;
  const x1 = fpr[stop]!;
  const y0 = tpr[stop - 1]!;
  const y1 = tpr[stop]!;
  const yi = y0 + ((maxFpr - x0) * (y1 - y0)) / (x1 - x0);
  const xs = [...fpr.subarray(0, stop), maxFpr];
  const ys = [...tpr.subarray(0, stop), yi];
  const partial = trapz(xs, ys);
  const minArea = 0.5 * maxFpr ** 2;
  const maxArea = maxFpr;
  return 0.5 * (1 + (partial - minArea) / (maxArea - minArea));
}

/** -sum(diff(recall) * precision[:-1]) of precision_recall_curve, from 0/1 truth. */
export function binaryAveragePrecision(y: Uint8Array, s: Float64Array, w: Float64Array | undefined): number {
  let yy = y;
  let ss = s;
  let ww = w;
  if (w) {
    const keep: number[] = [];
    for (let i = 0; i < w.length; i++) if (w[i] !== 0) keep.push(i);
    if (keep.length < w.length) {
      yy = Uint8Array.from(keep, (i) => y[i]!);
      ss = Float64Array.from(keep, (i) => s[i]!);
      ww = Float64Array.from(keep, (i) => w[i]!);
    }
  }
  const { fps, tps } = clfCurve(yy, ss, ww);
  const m = tps.length;
  const total = tps[m - 1]!;
  // the curve reversed: recall decreasing to the appended 0, precision with the appended 1
  let ap = 0;
  for (let i = 0; i < m; i++) {
    const p = tps[i]! + fps[i]! === 0 ? 0 : tps[i]! / (tps[i]! + fps[i]!);
    const r = total === 0 ? 1 : tps[i]! / total;
    const rNext = i === 0 ? 0 : total === 0 ? 1 : tps[i - 1]! / total;
    ap += (r - rNext) * p;
  }
  return ap;
}
