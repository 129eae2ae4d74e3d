import { defineOptions, describe } from '@dl/internal';
import { checkCurves } from '../_checkCurves';
import type { ClassifierTwoSampleTestResult } from '../classifierTwoSampleTest';
import type { Curves, Diagnosis } from '../diagnoseCurves';
import type { FeatureShiftReport } from '../featureShift';
import type { PlateauDetectorState } from '../plateauDetector';
import type { LrRangeTestReport } from '../runLrRangeTest';
import { checkDiagnosis, checkText } from './_check';
import { fmt } from './_svg';
import { lossCurvesSvg } from './lossCurvesSvg';
import { lrFinderSvg } from './lrFinderSvg';

/**
 * A picture in a report: any standalone SVG document with a caption. {@link createReport} makes the loss-curve
 * and LR-finder figures itself; pass others (the Hessian spectrum from `spectralDensitySvg`, a loss-landscape
 * slice from `lossLandscapeSvg`, your own) in {@link ReportOptions.figures}.
 */
export interface ReportFigure {
  /** A stable identifier, also the file stem the Markdown links to (`loss-curves` → `loss-curves.svg`). */
  id: string;
  /** The caption. */
  title: string;
  /** The SVG document. */
  svg: string;
  /** Alternative text for people who cannot see the picture (defaults to the title). */
  alt?: string;
}

/** One labelled number or word of a {@link ReportSection}. */
export interface ReportFact {
  /** What it is. */
  label: string;
  /** Its value, formatted for people. */
  value: string;
}

/** A section of a {@link Report}: a summary sentence, facts, a list (remedies, notes) and a figure. */
export interface ReportSection {
  /** A stable identifier (`diagnosis`, `lr-finder`, `plateau`, `feature-shift`, `classifier-test`, a figure's id). */
  id: string;
  /** The heading. */
  title: string;
  /** One or two sentences for people. */
  summary: string;
  /** The numbers behind the summary. */
  facts: ReportFact[];
  /** The heading of `items` (`'Remedies, in the order to try them'`), empty when there are none. */
  itemsTitle: string;
  /** A list: the remedies of a verdict, notes. */
  items: string[];
  /** The id of the section's figure in {@link Report.figures}, `null` when none. */
  figure: string | null;
}

/** A report: plain JSON data (`JSON.stringify` it for machines), rendered by {@link reportToMarkdown} and {@link reportToText}. */
export interface Report {
  /** The report's title. */
  title: string;
  /** The sections, in order. */
  sections: ReportSection[];
  /** The figures the sections refer to, in order. */
  figures: ReportFigure[];
}

/** What {@link createReport} puts in a report: every part is optional. */
export interface ReportOptions {
  /**
   * The report's title.
   * @defaultValue 'Training diagnosis'
   */
  title?: string;
  /**
   * The loss curves the diagnosis was made from (one run or several): drawn with the evidence marked.
   * @defaultValue undefined
   */
  curves?: Curves | readonly Curves[];
  /**
   * The smaller or simpler reference model's runs (as given to {@link index!diagnoseCurves}): drawn dashed.
   * @defaultValue undefined
   */
  smaller?: Curves | readonly Curves[];
  /**
   * The verdict of {@link index!diagnoseCurves}, with its evidence and remedies.
   * @defaultValue undefined
   */
  diagnosis?: Diagnosis;
  /**
   * A learning-rate range test ({@link index!runLrRangeTest}): its suggestions and curve.
   * @defaultValue undefined
   */
  lrFinder?: Pick<LrRangeTestReport, 'curve' | 'suggestions'>;
  /**
   * The last state of a {@link index!plateauDetector}.
   * @defaultValue undefined
   */
  plateau?: PlateauDetectorState;
  /**
   * Per-feature shift tests ({@link index!featureShift}).
   * @defaultValue undefined
   */
  featureShift?: FeatureShiftReport;
  /**
   * A classifier two-sample test ({@link index!classifierTwoSampleTest}).
   * @defaultValue undefined
   */
  classifierTest?: ClassifierTwoSampleTestResult;
  /**
   * More figures, each becoming a section of its own (e.g. the Hessian's spectral density, a landscape slice).
   * @defaultValue []
   */
  figures?: readonly ReportFigure[];
}

const readOptions = /* @__PURE__ */ defineOptions<ReportOptions>()('createReport', {
  title: 'Training diagnosis',
  curves: undefined,
  smaller: undefined,
  diagnosis: undefined,
  lrFinder: undefined,
  plateau: undefined,
  featureShift: undefined,
  classifierTest: undefined,
  figures: [],
});

const BARS = '▁▂▃▄▅▆▇█';

/** A one-line sparkline of a curve (at most `width` characters, each the mean of its stretch). */
export function sparkline(values: readonly number[], width = 32): string {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return '';
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const n = Math.min(width, values.length);
  let out = '';
  for (let k = 0; k < n; k++) {
    const from = Math.floor((k * values.length) / n);
    const to = Math.max(from + 1, Math.floor(((k + 1) * values.length) / n));
    const part = values.slice(from, to);
    if (!part.every(Number.isFinite)) {
      out += '×';
      continue;
    }
    const m = part.reduce((s, v) => s + v, 0) / part.length;
    out += BARS[hi > lo ? Math.round(((m - lo) / (hi - lo)) * (BARS.length - 1)) : 0];
  }
  return out;
}

const pct = (v: number) => `${fmt(100 * v, 3)}%`;

function diagnosisSection(
  d: Diagnosis,
  runs: Curves[] | null,
  smaller: Curves[] | null,
  figures: ReportFigure[],
): ReportSection {
  const e = d.evidence;
  const facts: ReportFact[] = [
    { label: 'verdict', value: d.verdict },
    { label: 'rule', value: d.rule },
    { label: 'confidence', value: fmt(d.confidence, 2) },
    { label: 'runs', value: String(e.runs) },
    {
      label: 'reference scale',
      value: `${fmt(e.floor)} (floor) to ${fmt(e.referenceLoss)} (${e.reference === 'constantLoss' ? 'constant predictor' : 'initial training loss'})`,
    },
    {
      label: 'training loss',
      value: `${fmt(e.trainStart)} → ${fmt(e.trainEnd)} (${pct(e.relativeTrainLoss)} of the scale)`,
    },
  ];
  if (e.runs > 1) facts.push({ label: 'spread of final training loss', value: fmt(e.trainEndSpread) });
  if (e.smallerTrainEnd !== null)
    facts.push({ label: "smaller model's final training loss", value: fmt(e.smallerTrainEnd) });
  if (e.validationMin !== null) {
    facts.push({
      label: 'validation minimum',
      value: `${fmt(e.validationMin)} at epoch ${e.validationMinEpoch}`,
    });
  }
  if (e.validationEnd !== null) facts.push({ label: 'final validation loss', value: fmt(e.validationEnd) });
  if (e.gapAtEnd !== null) facts.push({ label: 'final gap (validation − training)', value: fmt(e.gapAtEnd) });
  if (e.testEnd !== null) facts.push({ label: 'final test loss', value: fmt(e.testEnd) });
  if (e.nonFinite) {
    facts.push({
      label: 'first non-finite loss',
      value: `${e.nonFinite.value} in ${e.nonFinite.curve} (run ${e.nonFinite.run}, epoch ${e.nonFinite.epoch})`,
    });
  }
  if (d.earlyStopEpoch !== null) facts.push({ label: 'early-stop epoch', value: String(d.earlyStopEpoch) });
  if (runs) {
    facts.push({ label: 'training curve', value: sparkline(runs[0]!.train) });
    if (runs[0]!.validation) facts.push({ label: 'validation curve', value: sparkline(runs[0]!.validation) });
  }
  let figure: string | null = null;
  if (runs) {
    figure = 'loss-curves';
    figures.push({
      id: figure,
      title: `Loss curves with the evidence of the verdict (${d.verdict}) marked`,
      svg: lossCurvesSvg(runs, { diagnosis: d, ...(smaller && { smaller }) }),
    });
  }
  return {
    id: 'diagnosis',
    title: `Verdict: ${d.verdict}`,
    summary: `${d.summary.charAt(0).toUpperCase()}${d.summary.slice(1)}.`,
    facts,
    itemsTitle: d.remedies.length ? 'Remedies, in the order to try them' : '',
    items: [...d.remedies],
    figure,
  };
}

function lrFinderSection(
  r: Pick<LrRangeTestReport, 'curve' | 'suggestions'>,
  figures: ReportFigure[],
): ReportSection {
  const { curve, suggestions: s } = r;
  const facts: ReportFact[] = [
    {
      label: 'sweep',
      value: `${curve.iteration} iterations, ${fmt(curve.lrs[0] ?? Number.NaN, 3)} to ${fmt(curve.lrs.at(-1) ?? Number.NaN, 3)} (${curve.status})`,
    },
  ];
  for (const [key, label] of [
    ['steepest', 'steepest descent (torch-lr-finder)'],
    ['valley', 'valley (fastai)'],
    ['minimum', 'minimum ÷ 10 (fastai)'],
  ] as const) {
    const v = s[key];
    if (v) facts.push({ label, value: `${fmt(v.lr, 3)} (point ${v.index}, loss ${fmt(v.loss)})` });
  }
  if (s.agreement.range) {
    facts.push({
      label: 'agreement',
      value: `${s.agreement.agree ? 'yes' : 'no'}: ${fmt(s.agreement.range[0], 3)} to ${fmt(s.agreement.range[1], 3)} (×${fmt(s.agreement.ratio!, 3)})`,
    });
  }
  if (s.agreement.consensus !== null)
    facts.push({ label: 'geometric mean', value: fmt(s.agreement.consensus, 3) });
  figures.push({
    id: 'lr-finder',
    title: 'Learning-rate range test: smoothed loss and the suggestions',
    svg: lrFinderSvg(r),
  });
  const summary = s.reason
    ? `No suggestion: ${s.reason}.`
    : `Suggested learning rate ${fmt(s.lr!, 3)} (valley); the three rules ${
        s.agreement.agree ? 'agree' : 'disagree'
      } within a factor of ${fmt(s.agreement.ratio!, 3)}.`;
  return {
    id: 'lr-finder',
    title: 'Learning-rate range test',
    summary,
    facts,
    itemsTitle: '',
    items: [],
    figure: 'lr-finder',
  };
}

function plateauSection(p: PlateauDetectorState): ReportSection {
  const summary = p.exhausted
    ? `The metric plateaued at epoch ${p.lastPlateauEpoch} with the learning rate already at its minimum: stop, or change something else.`
    : p.plateaus > 0
      ? `${p.plateaus} plateau${p.plateaus > 1 ? 's' : ''} so far, the last at epoch ${p.lastPlateauEpoch}; the learning rate is now ${fmt(p.lr, 3)}.`
      : 'No plateau so far.';
  return {
    id: 'plateau',
    title: 'Plateaus',
    summary,
    facts: [
      { label: 'epochs', value: String(p.epoch) },
      { label: 'best', value: p.best === null ? '—' : `${fmt(p.best)} at epoch ${p.bestEpoch}` },
      { label: 'epochs without improvement', value: String(p.numBadEpochs) },
      { label: 'plateaus', value: String(p.plateaus) },
      { label: 'learning rate', value: fmt(p.lr, 3) },
    ],
    itemsTitle: '',
    items: [],
    figure: null,
  };
}

function featureShiftSection(f: FeatureShiftReport): ReportSection {
  const top = [...f.features]
    .sort((a, b) => a.adjustedPvalue - b.adjustedPvalue || b.statistic - a.statistic)
    .slice(0, 5);
  return {
    id: 'feature-shift',
    title: 'Feature shift (per-feature KS tests)',
    summary: f.anyShift
      ? `${f.shifted.length} of ${f.features.length} features shifted: ${f.shifted.slice(0, 10).join(', ')}${f.shifted.length > 10 ? ', …' : ''}.`
      : `No feature shifted (${f.features.length} tested).`,
    facts: top.map((r) => ({
      label: `feature ${r.feature}`,
      value: `KS ${fmt(r.statistic, 3)}, adjusted p ${fmt(r.adjustedPvalue, 3)}, PSI ${fmt(r.psi, 3)}${r.shifted ? ' (shifted)' : ''}`,
    })),
    itemsTitle: '',
    items: [],
    figure: null,
  };
}

function classifierSection(c: ClassifierTwoSampleTestResult): ReportSection {
  return {
    id: 'classifier-test',
    title: 'Classifier two-sample test',
    summary: c.shifted
      ? `A classifier tells the two data sets apart (AUC ${fmt(c.auc, 3)}, p = ${fmt(c.pValue, 3)}): they differ.`
      : `A classifier cannot tell the two data sets apart (AUC ${fmt(c.auc, 3)}, p = ${fmt(c.pValue, 3)}).`,
    facts: [
      { label: 'held-out AUC', value: fmt(c.auc, 4) },
      { label: 'per fold', value: c.foldAucs.map((v) => fmt(v, 3)).join(', ') },
      { label: 'p-value', value: `${fmt(c.pValue, 3)} (${c.pValueMethod}; shifted when below ${c.alpha})` },
      { label: 'split', value: `${c.method}, ${c.scored} rows scored` },
    ],
    itemsTitle: '',
    items: [],
    figure: null,
  };
}

/**
 * Gathers the results of a training diagnosis into one {@link Report}: plain JSON data with a section per part —
 * the verdict with its evidence and remedies (and the loss curves with the evidence marked), the learning-rate
 * range test (and its curve with the suggestions), plateaus, feature shift, the classifier two-sample test, and
 * any other figures (the Hessian spectrum, a loss-landscape slice). Render it with {@link reportToMarkdown} or
 * {@link reportToText}; `JSON.stringify` it for machines.
 *
 * @param options - the parts to report, all optional.
 * @returns the {@link Report}.
 * @example
 * ```ts
 * import { diagnoseCurves } from '@dl/diagnose';
 * import { createReport, reportToText } from '@dl/diagnose/report';
 * const curves = {
 *   train: [2.3, 1.2, 0.6, 0.3, 0.15, 0.08, 0.05, 0.03, 0.02, 0.02],
 *   validation: [2.3, 1.3, 0.8, 0.6, 0.55, 0.6, 0.7, 0.8, 0.9, 1.0],
 * };
 * const report = createReport({ curves, diagnosis: diagnoseCurves(curves, { constantLoss: 2.3 }) });
 * report.sections[0].title; // 'Verdict: overfitting'
 * report.figures[0].id; // 'loss-curves'
 * reportToText(report).includes('early-stop epoch'); // true
 * ```
 */
export function createReport(options: ReportOptions = {}): Report {
  const fn = 'createReport';
  const o = readOptions(options, fn);
  const title = checkText(fn, 'title', o.title);
  const runs = o.curves === undefined ? null : checkCurves(fn, 'curves', o.curves);
  const smaller = o.smaller === undefined ? null : checkCurves(fn, 'smaller', o.smaller);
  const figures: ReportFigure[] = [];
  const sections: ReportSection[] = [];
  if (o.diagnosis !== undefined)
    sections.push(diagnosisSection(checkDiagnosis(fn, 'diagnosis', o.diagnosis), runs, smaller, figures));
  else if (runs) {
    figures.push({ id: 'loss-curves', title: 'Loss curves', svg: lossCurvesSvg(runs) });
    sections.push({
      id: 'curves',
      title: 'Loss curves',
      summary: 'Not diagnosed (pass `diagnosis` for a verdict).',
      facts: [{ label: 'training curve', value: sparkline(runs[0]!.train) }],
      itemsTitle: '',
      items: [],
      figure: 'loss-curves',
    });
  }
  const need = (name: string, v: unknown, keys: string[]) => {
    const ok = typeof v === 'object' && v !== null && keys.every((k) => k in (v as object));
    if (!ok)
      throw new TypeError(
        `${fn}: ${name} must be the result of ${name === 'lrFinder' ? 'runLrRangeTest' : name}(), got ${describe(v)}`,
      );
  };
  if (o.lrFinder !== undefined) {
    need('lrFinder', o.lrFinder, ['curve', 'suggestions']);
    sections.push(lrFinderSection(o.lrFinder, figures));
  }
  if (o.plateau !== undefined) {
    need('plateau', o.plateau, ['plateaus', 'lastPlateauEpoch', 'lr']);
    sections.push(plateauSection(o.plateau));
  }
  if (o.featureShift !== undefined) {
    need('featureShift', o.featureShift, ['features', 'shifted', 'anyShift']);
    sections.push(featureShiftSection(o.featureShift));
  }
  if (o.classifierTest !== undefined) {
    need('classifierTest', o.classifierTest, ['auc', 'pValue', 'foldAucs']);
    sections.push(classifierSection(o.classifierTest));
  }
  if (!Array.isArray(o.figures))
    throw new TypeError(`${fn}: figures must be an array of { id, title, svg }, got ${describe(o.figures)}`);
  o.figures.forEach((f: unknown, i: number) => {
    const g = f as ReportFigure | null;
    if (
      g === null ||
      typeof g !== 'object' ||
      typeof g.id !== 'string' ||
      !/^[a-z0-9][a-z0-9._-]*$/i.test(g.id) ||
      typeof g.title !== 'string' ||
      typeof g.svg !== 'string' ||
      !g.svg.trimStart().startsWith('<svg') ||
      (g.alt !== undefined && typeof g.alt !== 'string')
    ) {
      throw new TypeError(
        `${fn}: figures[${i}] must be { id (letters, digits, . _ -), title, svg (an <svg> document), alt? }, got ${describe(f)}`,
      );
    }
    if (figures.some((h) => h.id === g.id))
      throw new RangeError(`${fn}: figures[${i}].id "${g.id}" is used twice`);
    figures.push({ ...g });
    sections.push({
      id: g.id,
      title: g.title,
      summary: '',
      facts: [],
      itemsTitle: '',
      items: [],
      figure: g.id,
    });
  });
  return { title, sections, figures };
}
