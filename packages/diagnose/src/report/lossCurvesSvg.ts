import { defineOptions, describe } from '@dl/internal';
import { checkCurves } from '../_checkCurves';
import type { Curves, Diagnosis } from '../diagnoseCurves';
import { checkDiagnosis, checkSize, checkText } from './_check';
import { COLORS, extent, fmt, Plot } from './_svg';

/** Options of {@link lossCurvesSvg}. */
export interface LossCurvesSvgOptions {
  /**
   * The diagnosis of these curves (from {@link index!diagnoseCurves}, same runs): its verdict becomes the subtitle and its
   * evidence is marked on the picture — the validation minimum, the early-stop epoch, the final generalization gap
   * (validation − training, over the tail the verdict averaged), the test − validation gap, the constant-predictor
   * reference and the floor, the smaller model's final training loss, the first non-finite loss.
   * @defaultValue undefined (curves only)
   */
  diagnosis?: Diagnosis;
  /**
   * The runs of the smaller or simpler reference model (the `smaller` option of {@link index!diagnoseCurves}): their
   * training curves are drawn dashed.
   * @defaultValue undefined
   */
  smaller?: Curves | readonly Curves[];
  /**
   * The width of the image, in pixels.
   * @defaultValue 560
   */
  width?: number;
  /**
   * The height of the image, in pixels.
   * @defaultValue 320
   */
  height?: number;
  /**
   * A title drawn above the plot (escaped).
   * @defaultValue '' (none)
   */
  title?: string;
  /**
   * The label of the x axis.
   * @defaultValue 'epoch'
   */
  xLabel?: string;
  /**
   * The label of the y axis.
   * @defaultValue 'loss'
   */
  yLabel?: string;
  /**
   * Use a logarithmic y axis (values ≤ 0 are then left out).
   * @defaultValue false
   */
  logY?: boolean;
}

const lossCurvesSvgOptions = /* @__PURE__ */ defineOptions<LossCurvesSvgOptions>()('lossCurvesSvg', {
  diagnosis: undefined,
  smaller: undefined,
  width: 560,
  height: 320,
  title: '',
  xLabel: 'epoch',
  yLabel: 'loss',
  logY: false,
});

const TRAIN = COLORS[0]!;
const VALIDATION = COLORS[1]!;
const TEST = COLORS[2]!;
const MARK = COLORS[3]!;
const SMALLER = COLORS[4]!;
const REFERENCE = '#777';

/**
 * Draws loss curves as an SVG document, with the evidence of their {@link Diagnosis} marked on them: where the
 * validation loss was lowest and where early stopping would stop, the gap
 * $\bar L_\text{val} - \bar L_\text{train}$ over the final tail (the numbers the verdict used), the test −
 * validation gap of a mismatch, the reference scale from `floor` to the constant predictor's loss, a smaller
 * model's final training loss, and the first non-finite loss. The tail over which "final" values are averaged is
 * shaded.
 *
 * Several runs (seeds, folds) are drawn together: the first strongly, the others lighter; the marks are the
 * diagnosis' (first run's minimum, means over runs for the final values, as {@link index!DiagnosisEvidence} says).
 * Hand-written SVG, no dependency; deterministic output (coordinates rounded to 0.01 px).
 *
 * @param curves - one run's {@link Curves}, or several runs; NaN and ±Infinity are allowed (they break the line).
 * @param options - the diagnosis to mark, size, title, labels, log axis.
 * @returns a standalone SVG document (a string ending with a newline).
 * @example
 * ```ts
 * import { diagnoseCurves } from '@dl/diagnose';
 * import { lossCurvesSvg } from '@dl/diagnose/report';
 * const curves = {
 *   train: [2.3, 1.2, 0.6, 0.3, 0.15, 0.08, 0.05, 0.03, 0.02, 0.02],
 *   validation: [2.3, 1.3, 0.8, 0.6, 0.55, 0.6, 0.7, 0.8, 0.9, 1.0],
 * };
 * const diagnosis = diagnoseCurves(curves, { constantLoss: 2.3 });
 * const svg = lossCurvesSvg(curves, { diagnosis, title: 'digits MLP' });
 * svg.startsWith('<svg'); // true
 * svg.includes('early stop at epoch 4'); // true
 * ```
 */
export function lossCurvesSvg(
  curves: Curves | readonly Curves[],
  options: LossCurvesSvgOptions = {},
): string {
  const fn = 'lossCurvesSvg';
  const o = lossCurvesSvgOptions(options, fn);
  const runs = checkCurves(fn, 'curves', curves);
  const width = checkSize(fn, 'width', o.width, 200);
  const height = checkSize(fn, 'height', o.height, 150);
  const title = checkText(fn, 'title', o.title);
  const xLabel = checkText(fn, 'xLabel', o.xLabel);
  const yLabel = checkText(fn, 'yLabel', o.yLabel);
  if (typeof o.logY !== 'boolean')
    throw new TypeError(`${fn}: logY must be a boolean, got ${describe(o.logY)}`);
  const d = o.diagnosis === undefined ? null : checkDiagnosis(fn, 'diagnosis', o.diagnosis);
  const e = d?.evidence;
  const smaller = o.smaller === undefined ? [] : checkCurves(fn, 'smaller', o.smaller);
  const n = Math.max(...runs.map((c) => c.train.length), ...smaller.map((c) => c.train.length));
  const values: number[] = [];
  for (const c of runs) values.push(...c.train, ...(c.validation ?? []), ...(c.test ?? []));
  for (const c of smaller) values.push(...c.train);
  const refs: number[] = [];
  if (e) {
    if (e.reference === 'constantLoss') refs.push(e.referenceLoss);
    if (e.floor !== 0) refs.push(e.floor);
    if (e.smallerTrainEnd !== null) refs.push(e.smallerTrainEnd);
  }
  let [lo, hi] = extent([...values, ...refs], o.logY);
  if (!o.logY) {
    // start the axis at 0 unless the curves live in a narrow band far from it (then zoom on the band)
    if (lo >= 0 && hi - lo > 0.35 * hi) lo = 0;
    else lo -= 0.08 * (hi - lo);
    hi += 0.05 * (hi - lo);
  }
  const hasValidation = runs.some((c) => c.validation !== undefined);
  const hasTest = runs.some((c) => c.test !== undefined);
  const legend: { label: string; color: string; dash?: boolean }[] = [{ label: 'training', color: TRAIN }];
  if (hasValidation) legend.push({ label: 'validation', color: VALIDATION });
  if (hasTest) legend.push({ label: 'test', color: TEST });
  if (smaller.length) legend.push({ label: 'smaller model (training)', color: SMALLER, dash: true });
  const subtitle = d
    ? `verdict: ${d.verdict} (${d.rule}, confidence ${fmt(d.confidence, 2)}${runs.length > 1 ? `, ${runs.length} runs` : ''})`
    : '';
  const plot = new Plot({
    width,
    height,
    title,
    subtitle,
    xLabel,
    yLabel,
    x: [0, Math.max(n - 1, 1)],
    y: [lo, hi],
    logY: o.logY,
    legend,
  });
  const tailK = d ? Math.max(1, Math.ceil((d.thresholds['tail'] ?? 0.1) * n)) : 0;
  if (tailK > 0 && tailK < n) {
    const x0 = plot.x(n - tailK);
    const x1 = plot.x(n - 1);
    plot.raw(
      `<rect x="${Math.round(x0 * 100) / 100}" y="${plot.top}" width="${Math.round((x1 - x0) * 100) / 100}" height="${plot.h}" fill="#000" fill-opacity="0.04"/>`,
    );
  }
  if (e) {
    if (e.reference === 'constantLoss') {
      plot.hline(e.referenceLoss, REFERENCE, `constant predictor ${fmt(e.referenceLoss)}`);
    }
    if (e.floor !== 0) plot.hline(e.floor, REFERENCE, `floor ${fmt(e.floor)}`);
    if (e.smallerTrainEnd !== null) {
      plot.hline(e.smallerTrainEnd, SMALLER, `smaller model's final training loss ${fmt(e.smallerTrainEnd)}`);
    }
  }
  const xs = Array.from({ length: n }, (_, i) => i);
  smaller.forEach((c, r) => {
    plot.line(xs, c.train, SMALLER, r === 0 ? { dash: true } : { dash: true, width: 1, opacity: 0.35 });
  });
  // Lighter runs first, the first run on top.
  for (let r = runs.length - 1; r >= 0; r--) {
    const c = runs[r]!;
    const style = r === 0 ? {} : { width: 1, opacity: 0.35 };
    if (c.test) plot.line(xs, c.test, TEST, style);
    if (c.validation) plot.line(xs, c.validation, VALIDATION, style);
    plot.line(xs, c.train, TRAIN, style);
  }
  if (d && e) {
    const last = n - 1;
    if (e.nonFinite) {
      plot.vline(
        e.nonFinite.epoch,
        MARK,
        `${e.nonFinite.curve} loss ${e.nonFinite.value} at epoch ${e.nonFinite.epoch}`,
        e.nonFinite.epoch > n / 2 ? 'end' : 'start',
      );
    } else {
      if (d.rule === 'train-loss-rose' || d.rule === 'train-loss-unstable') {
        const T = runs[0]!.train;
        let argmin = 0;
        for (let i = 1; i < T.length; i++) if (T[i]! < T[argmin]!) argmin = i;
        plot.points([argmin], [T[argmin]!], TRAIN, 4);
        plot.text(argmin, T[argmin]!, `training minimum ${fmt(T[argmin]!)} (epoch ${argmin})`, TRAIN, 6, 14);
      }
      if (e.validationMinEpoch !== null && e.validationMin !== null) {
        const m = e.validationMinEpoch;
        plot.points([m], [e.validationMin], VALIDATION, 4);
        plot.text(
          m,
          e.validationMin,
          `validation minimum ${fmt(e.validationMin)} (epoch ${m})`,
          VALIDATION,
          m > n / 2 ? -6 : 6,
          14,
          m > n / 2 ? 'end' : 'start',
        );
      }
      if (d.earlyStopEpoch !== null) {
        plot.vline(
          d.earlyStopEpoch,
          MARK,
          `early stop at epoch ${d.earlyStopEpoch}`,
          d.earlyStopEpoch > n * 0.6 ? 'end' : 'start',
        );
      }
      if (e.validationEnd !== null && e.gapAtEnd !== null) {
        plot.bracket(last, e.trainEnd, e.validationEnd, MARK, `gap ${fmt(e.gapAtEnd, 3)}`, 'left');
      }
      if (e.testEnd !== null && e.validationEnd !== null) {
        const at = Math.max(0, last - Math.max(1, Math.round(0.2 * last)));
        plot.bracket(
          at,
          e.validationEnd,
          e.testEnd,
          TEST,
          `test − validation ${fmt(e.testEnd - e.validationEnd, 3)}`,
          'left',
        );
      }
    }
  }
  return plot.end();
}
