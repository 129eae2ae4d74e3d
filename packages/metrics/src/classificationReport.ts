import { defineOptions } from '@dl/internal';
import { num, oneOf, show } from './internal/check';
import { fixed, pyNumber } from './internal/format';
import { targets } from './internal/targets';
import { prfs, prfsOptions, type ZeroDivision } from './precisionRecallFscoreSupport';
import type { Label, Labels, Matrix, Values } from './types';

/** Options of {@link classificationReport}. */
export interface ClassificationReportOptions {
  /**
   * The labels to report, in order.
   * @defaultValue undefined (the sorted labels present in `yTrue` and `yPred`)
   */
  labels?: readonly Label[];
  /**
   * Display names of the labels, in the same order.
   * @defaultValue undefined (the labels as strings)
   */
  targetNames?: readonly string[];
  /**
   * Per-sample weights, $\ge 0$.
   * @defaultValue undefined (every sample weighs 1)
   */
  sampleWeight?: Values;
  /**
   * Digits after the decimal point in the text report.
   * @defaultValue 2
   */
  digits?: number;
  /**
   * Return the structured report (an object) instead of the text.
   * @defaultValue false
   */
  outputDict?: boolean;
  /**
   * The value of a 0/0 score.
   * @defaultValue 'warn' (0, as scikit-learn, without a warning)
   */
  zeroDivision?: ZeroDivision;
}

/** One row of a {@link ClassificationReportDict}. */
export interface ClassificationReportRow {
  /** The precision of the label, or its average. */
  precision: number;
  /** The recall of the label, or its average. */
  recall: number;
  /** The F1 score of the label, or its average. */
  'f1-score': number;
  /** The (weighted) number of true samples of the label, or of all labels. */
  support: number;
}

/**
 * The structured report: one row per label name, then `'accuracy'` (a number, when micro averaging equals
 * accuracy) or `'micro avg'`, `'macro avg'`, `'weighted avg'` and, for multilabel targets, `'samples avg'`.
 */
export type ClassificationReportDict = Record<string, ClassificationReportRow | number>;

const readOptions = defineOptions<ClassificationReportOptions>()('classificationReport', {
  labels: undefined,
  targetNames: undefined,
  sampleWeight: undefined,
  digits: 2,
  outputDict: false,
  zeroDivision: 'warn',
});

const pad = (s: string, w: number) => s.padStart(w);

/**
 * The main classification metrics per label and averaged, as text or structured — scikit-learn's
 * `classification_report`, character for character.
 *
 * Each label gets precision, recall, F1 and support (see {@link precisionRecallFscoreSupport}); then the micro
 * average (shown as `accuracy` when it equals the accuracy: single-label targets reporting every present label),
 * the macro and the support-weighted averages, and for multilabel targets the samples average.
 *
 * @param yTrue - the true labels, or a multilabel indicator matrix.
 * @param yPred - the predicted labels, or a multilabel indicator matrix.
 * @param options - `labels`, `targetNames`, `sampleWeight`, `digits`, `outputDict`, `zeroDivision`.
 * @returns the text report, or the structured one with `outputDict: true`.
 * @example
 * ```ts
 * import { classificationReport } from '@dl/metrics';
 * const report = classificationReport([0, 1, 2, 2, 2], [0, 0, 2, 2, 1], { outputDict: true });
 * report['accuracy']; // 0.6
 * classificationReport(['a', 'b'], ['a', 'a']).split('\n')[0]; // '              precision    recall  f1-score   support'
 * ```
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.classification_report.html
 */
export function classificationReport(
  yTrue: Labels | Matrix,
  yPred: Labels | Matrix,
  options: ClassificationReportOptions & { outputDict: true },
): ClassificationReportDict;
export function classificationReport(
  yTrue: Labels | Matrix,
  yPred: Labels | Matrix,
  options?: ClassificationReportOptions & { outputDict?: false },
): string;
export function classificationReport(
  yTrue: Labels | Matrix,
  yPred: Labels | Matrix,
  options?: ClassificationReportOptions,
): string | ClassificationReportDict;
export function classificationReport(
  yTrue: Labels | Matrix,
  yPred: Labels | Matrix,
  options?: ClassificationReportOptions,
): string | ClassificationReportDict {
  const fn = 'classificationReport';
  const o = readOptions(options);
  const digits = num(
    fn,
    'digits',
    o.digits,
    (v) => Number.isInteger(v) && v >= 0 && v <= 20,
    'an integer in [0, 20]',
  );
  oneOf(fn, 'outputDict', o.outputDict, [true, false]);
  const tg = targets(fn, yTrue, yPred);
  const labelsGiven = o.labels !== undefined;
  const base = {
    ...prfsOptions.defaults,
    sampleWeight: o.sampleWeight,
    zeroDivision: o.zeroDivision,
    labels: o.labels,
  };
  const per = prfs(fn, yTrue, yPred, { ...base, average: null });
  const labels = per.labels;
  const micro =
    tg.kind !== 'multilabel' &&
    (!labelsGiven ||
      (new Set(labels).size === tg.present.length && tg.present.every((l) => labels.includes(l as Label))));
  let names: string[];
  if (o.targetNames !== undefined) {
    if (!Array.isArray(o.targetNames) || o.targetNames.some((n) => typeof n !== 'string')) {
      throw new TypeError(`${fn}: targetNames must be an array of strings, got ${show(o.targetNames)}`);
    }
    if (o.targetNames.length !== labels.length) {
      throw new RangeError(
        `${fn}: targetNames must have one name per label (${labels.length}), got ${o.targetNames.length}; pass labels to report a subset`,
      );
    }
    names = [...o.targetNames];
  } else names = labels.map((l) => String(l));
  const p = per.precision as number[];
  const r = per.recall as number[];
  const f = per.fscore as number[];
  const s = per.support!;
  const totalSupport = s.reduce((a, b) => a + b, 0);
  // scikit-learn prints float supports with sample weights, and (a quirk of its counting) when no sample is right
  const isFloat =
    o.sampleWeight !== undefined || (tg.kind !== 'multilabel' && tg.t.every((v, i) => v !== tg.p[i]));
  const averages =
    tg.kind === 'multilabel' ? ['micro', 'macro', 'weighted', 'samples'] : ['micro', 'macro', 'weighted'];
  const dict: ClassificationReportDict = {};
  const width = Math.max(...names.map((n) => n.length), 'weighted avg'.length, digits);
  const lines: string[] = [];
  if (o.outputDict) {
    names.forEach((n, i) => {
      dict[n] = { precision: p[i]!, recall: r[i]!, 'f1-score': f[i]!, support: s[i]! };
    });
  } else {
    lines.push(
      `${pad('', width)} ${['precision', 'recall', 'f1-score', 'support'].map((h) => ` ${pad(h, 9)}`).join('')}`,
      '',
    );
    names.forEach((n, i) => {
      lines.push(
        `${pad(n, width)} ${[p[i]!, r[i]!, f[i]!].map((v) => ` ${pad(fixed(v, digits), 9)}`).join('')} ${pad(pyNumber(s[i]!, isFloat), 9)}`,
      );
    });
    lines.push('');
  }
  for (const average of averages) {
    const heading = average === 'micro' && micro ? 'accuracy' : `${average} avg`;
    const a = prfs(fn, yTrue, yPred, { ...base, average: average as 'micro' });
    const row = [a.precision as number, a.recall as number, a.fscore as number];
    if (o.outputDict) {
      dict[heading] =
        heading === 'accuracy'
          ? row[0]!
          : { precision: row[0]!, recall: row[1]!, 'f1-score': row[2]!, support: totalSupport };
    } else if (heading === 'accuracy') {
      lines.push(
        `${pad(heading, width)}  ${pad('', 9)} ${pad('', 9)} ${pad(fixed(row[2]!, digits), 9)} ${pad(pyNumber(totalSupport, isFloat), 9)}`,
      );
    } else {
      lines.push(
        `${pad(heading, width)} ${row.map((v) => ` ${pad(fixed(v, digits), 9)}`).join('')} ${pad(pyNumber(totalSupport, isFloat), 9)}`,
      );
    }
  }
  return o.outputDict ? dict : `${lines.join('\n')}\n`;
}
