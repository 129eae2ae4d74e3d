import { defineOptions, describe } from '@dl/internal';
import { checkCurves } from './_checkCurves';
import { mean, std } from './_stats';
import { REMEDIES } from './remedies';
import type { Verdict } from './Verdict';

/** The losses of one training run, one value per epoch (or per evaluation step), aligned by index. */
export interface Curves {
  /** Training loss. */
  train: readonly number[];
  /** Validation loss (an i.i.d. split of the training data), same length as `train`. */
  validation?: readonly number[];
  /** Test loss (data that may come from another distribution), same length as `train`. */
  test?: readonly number[];
}

/** Options of {@link diagnoseCurves}. */
export interface DiagnoseCurvesOptions {
  /**
   * The loss of the best constant predictor (label entropy for cross-entropy, target variance for MSE: see
   * {@link constantPredictorLoss}). Losses are judged on the scale from `floor` to it. Without it the first
   * training loss is the reference (the evidence says so).
   * @defaultValue undefined
   */
  constantLoss?: number;
  /**
   * The lowest attainable loss, when known (e.g. the noise level of a regression).
   * @defaultValue 0
   */
  floor?: number;
  /**
   * Runs of a smaller or simpler model on the same data (the playbook: start with a shallow network or a linear
   * model to see what loss is attainable). A larger model whose training loss ends above the smaller one's by
   * more than the spread across seeds has an optimization problem.
   * @defaultValue undefined
   */
  smaller?: Curves | readonly Curves[];
  /**
   * The training loss is "large" when $(L_\text{end} - \text{floor}) / (\text{ref} - \text{floor})$ exceeds this.
   * @defaultValue 0.3
   */
  largeLoss?: number;
  /**
   * The fraction of the curve whose mean is the "final" value, and over which convergence is judged.
   * @defaultValue 0.1
   */
  tail?: number;
  /**
   * A curve is still falling when its mean over the last tail is below the mean over the tail before by more
   * than this (on the reference scale).
   * @defaultValue 0.02
   */
  convergedTolerance?: number;
  /**
   * Overfitting: the validation loss ends above its minimum by more than this (on the reference scale) while the
   * gap to the training loss widens.
   * @defaultValue 0.02
   */
  overfitRise?: number;
  /**
   * Overfitting without a rise: the final validation loss exceeds the final training loss by more than this
   * (on the reference scale).
   * @defaultValue 0.15
   */
  generalizationGap?: number;
  /**
   * Mismatch: the final test loss exceeds the final validation loss by more than this (on the reference scale).
   * @defaultValue 0.1
   */
  mismatchGap?: number;
  /**
   * Diverging: the final training loss exceeds the first by this factor, or gave back more than half of its
   * progress (end − min > ½ (start − min)).
   * @defaultValue 1.5
   */
  divergeRatio?: number;
}

/** The numbers behind a {@link Diagnosis} (of the first run, or means over runs where it says so). */
export interface DiagnosisEvidence {
  /** The number of runs judged. */
  runs: number;
  /** Where the reference scale comes from. */
  reference: 'constantLoss' | 'initial training loss';
  /** The reference loss (constant predictor, or the first training loss). */
  referenceLoss: number;
  /** The floor of the scale. */
  floor: number;
  /** First training loss (mean over runs). */
  trainStart: number;
  /** Final training loss: mean over the tail, mean over runs. */
  trainEnd: number;
  /** `(trainEnd − floor) / (referenceLoss − floor)`. */
  relativeTrainLoss: number;
  /** Standard deviation of the runs' final training losses (0 for one run). */
  trainEndSpread: number;
  /** Drop of the training loss over the last tail, on the reference scale (mean over runs). */
  tailDrop: number;
  /** Final training loss of the smaller model (mean over its runs), when given. */
  smallerTrainEnd: number | null;
  /** Minimum validation loss (first run) and its epoch. */
  validationMin: number | null;
  /** Epoch of the validation minimum (first run): where early stopping would have stopped. */
  validationMinEpoch: number | null;
  /** Final validation loss (mean over runs). */
  validationEnd: number | null;
  /** Final test loss (mean over runs). */
  testEnd: number | null;
  /** Validation minus training loss at the validation minimum and at the end (first run). */
  gapAtMin: number | null;
  /** Validation minus training loss at the end (mean over runs). */
  gapAtEnd: number | null;
  /** The first non-finite value, when one stopped the analysis. */
  nonFinite: NonFiniteLoss | null;
}

/** Where a non-finite loss was found (see {@link DiagnosisEvidence.nonFinite}). */
export interface NonFiniteLoss {
  /** Which curve. */
  curve: 'train' | 'validation' | 'test';
  /** The run's index. */
  run: number;
  /** The epoch (index in the curve). */
  epoch: number;
  /** The value: NaN or ±Infinity. */
  value: number;
}

/** The result of {@link diagnoseCurves}: a verdict, the rule that fired, its evidence and the remedies. */
export interface Diagnosis {
  /** The case of the playbook. */
  verdict: Verdict;
  /** The identifier of the rule that fired (stable, for programs). */
  rule: string;
  /** One sentence for people. */
  summary: string;
  /** The numbers behind the verdict. */
  evidence: DiagnosisEvidence;
  /** The thresholds in force (the options, resolved). */
  thresholds: Readonly<Record<string, number>>;
  /**
   * $c = a \cdot (\tfrac12 + \tfrac12 m)$: $a$ the share of runs whose own verdict is this one, $m \in [0,1]$ how
   * far the deciding number is from its threshold (relative, clipped). One run gives $a = 1$.
   */
  confidence: number;
  /** Each run's own verdict. */
  perRun: Verdict[];
  /** The playbook's remedies for this case, in the order to try them. */
  remedies: readonly string[];
  /** Where to stop (the validation minimum), for overfitting. */
  earlyStopEpoch: number | null;
}

const readOptions = /* @__PURE__ */ defineOptions<DiagnoseCurvesOptions>()('diagnoseCurves', {
  constantLoss: undefined,
  floor: 0,
  smaller: undefined,
  largeLoss: 0.3,
  tail: 0.1,
  convergedTolerance: 0.02,
  overfitRise: 0.02,
  generalizationGap: 0.15,
  mismatchGap: 0.1,
  divergeRatio: 1.5,
});

interface RunJudgement {
  verdict: Verdict;
  rule: string;
  margin: number;
}

/**
 * Tells which case of the training playbook a run is in, from its loss curves — plain numbers from any framework.
 *
 * The flowchart (Hung-yi Lee, "General guide" of ML 2021/2022): is the **training** loss large? Then either the
 * model is too simple (**model bias**) or the optimizer fails (**optimization**: a smaller model reaches a lower
 * training loss). Is it small but the validation/test loss large? Then **overfitting** (validation minimum then a
 * rise, or a wide gap) or **mismatch** (validation fine, test bad). Before those: **diverging** (non-finite losses
 * or a training loss that rose) and **not converged** (still falling). "Large" is judged on the scale from
 * `floor` to `constantLoss` (the best constant predictor), never against a fixed number.
 *
 * Each run (seed or fold) is judged alone; the verdict is the most common one, and the confidence is their
 * agreement weighted by the margin of the deciding number (see {@link Diagnosis.confidence}).
 *
 * @param runs - one run's curves, or several runs (seeds, folds) of the same setup.
 * @param options - references and thresholds, see {@link DiagnoseCurvesOptions}.
 * @returns the {@link Diagnosis}.
 * @example
 * ```ts
 * import { diagnoseCurves } from '@dl/diagnose';
 * const train = [2.3, 1.2, 0.6, 0.3, 0.15, 0.08, 0.05, 0.03, 0.02, 0.02];
 * const validation = [2.3, 1.3, 0.8, 0.6, 0.55, 0.6, 0.7, 0.8, 0.9, 1.0];
 * const d = diagnoseCurves({ train, validation }, { constantLoss: 2.3 });
 * d.verdict; // 'overfitting'
 * d.earlyStopEpoch; // 4
 * ```
 */
export function diagnoseCurves(runs: Curves | readonly Curves[], options?: DiagnoseCurvesOptions): Diagnosis {
  const fn = 'diagnoseCurves';
  const o = readOptions(options);
  const list = checkCurves(fn, 'runs', runs);
  const thresholds: Record<string, number> = {};
  for (const key of [
    'floor',
    'largeLoss',
    'tail',
    'convergedTolerance',
    'overfitRise',
    'generalizationGap',
    'mismatchGap',
    'divergeRatio',
  ] as const) {
    const v = o[key];
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new RangeError(`${fn}: ${key} must be a finite number, got ${describe(v)}`);
    thresholds[key] = v;
  }
  if (!(o.tail > 0 && o.tail <= 0.5)) throw new RangeError(`${fn}: tail must be in (0, 0.5], got ${o.tail}`);
  if (!(o.divergeRatio > 1)) throw new RangeError(`${fn}: divergeRatio must be > 1, got ${o.divergeRatio}`);
  const smaller = o.smaller === undefined ? null : checkCurves(fn, 'smaller', o.smaller);
  const floor = o.floor;

  // Non-finite values end the analysis: that is divergence, reported with where it happened.
  for (let r = 0; r < list.length; r++) {
    for (const curve of ['train', 'validation', 'test'] as const) {
      const c = list[r]![curve];
      const i = c?.findIndex((v) => !Number.isFinite(v)) ?? -1;
      if (c !== undefined && i >= 0) {
        return finish(list, o, thresholds, floor, smaller, 'diverging', 'non-finite-loss', 1, [], {
          curve,
          run: r,
          epoch: i,
          value: c[i]!,
        });
      }
    }
  }
  if (o.constantLoss !== undefined && (typeof o.constantLoss !== 'number' || !(o.constantLoss > floor))) {
    throw new RangeError(
      `${fn}: constantLoss must be a number > floor (${floor}), got ${describe(o.constantLoss)}`,
    );
  }
  const judgements = list.map((c) => judge(c, o, floor, smaller));
  const counts = new Map<Verdict, number>();
  for (const j of judgements) counts.set(j.verdict, (counts.get(j.verdict) ?? 0) + 1);
  let verdict = judgements[0]!.verdict;
  for (const [v, n] of counts) if (n > counts.get(verdict)!) verdict = v;
  const agreeing = judgements.filter((j) => j.verdict === verdict);
  const margin = mean(agreeing.map((j) => j.margin));
  const confidence = (agreeing.length / list.length) * (0.5 + 0.5 * margin);
  return finish(
    list,
    o,
    thresholds,
    floor,
    smaller,
    verdict,
    agreeing[0]!.rule,
    confidence,
    judgements.map((j) => j.verdict),
    null,
  );
}

type Resolved = ReturnType<typeof readOptions>;

function scaleOf(c: Curves, o: Resolved, floor: number): number {
  const ref = o.constantLoss ?? c.train[0]!;
  return Math.max(ref - floor, Number.MIN_VALUE);
}

function tailLength(n: number, tail: number): number {
  return Math.max(1, Math.ceil(tail * n));
}

/** Drop over the last tail relative to the tail before it, on the reference scale. */
function tailDrop(curve: readonly number[], k: number, scale: number): number {
  const n = curve.length;
  if (n < 2 * k) return 0;
  return (mean(curve, n - 2 * k, n - k) - mean(curve, n - k)) / scale;
}

const clipMargin = (value: number, threshold: number): number =>
  Math.min(1, Math.abs(value - threshold) / Math.max(Math.abs(threshold), 1e-12));

function judge(c: Curves, o: Resolved, floor: number, smaller: Curves[] | null): RunJudgement {
  const T = c.train;
  const n = T.length;
  const k = tailLength(n, o.tail);
  const scale = scaleOf(c, o, floor);
  const start = T[0]!;
  const end = mean(T, n - k);
  const min = Math.min(...T);
  if (end > start * o.divergeRatio)
    return { verdict: 'diverging', rule: 'train-loss-rose', margin: clipMargin(end / start, o.divergeRatio) };
  if (start > min && end - min > 0.5 * (start - min) && (end - min) / scale > o.convergedTolerance) {
    return {
      verdict: 'diverging',
      rule: 'train-loss-unstable',
      margin: clipMargin((end - min) / (start - min), 0.5),
    };
  }
  const relative = (end - floor) / scale;
  const drop = tailDrop(T, k, scale);
  if (relative > o.largeLoss) {
    if (smaller !== null) {
      const theirs = smaller.map((s) => mean(s.train, s.train.length - tailLength(s.train.length, o.tail)));
      const spread = Math.max(std(theirs), o.convergedTolerance * scale);
      const gap = end - mean(theirs);
      if (gap > spread)
        return {
          verdict: 'optimization',
          rule: 'smaller-model-trains-better',
          margin: clipMargin(gap, spread),
        };
    }
    if (drop > o.convergedTolerance)
      return {
        verdict: 'not-converged',
        rule: 'train-loss-still-falling',
        margin: clipMargin(drop, o.convergedTolerance),
      };
    return { verdict: 'model-bias', rule: 'train-loss-large', margin: clipMargin(relative, o.largeLoss) };
  }
  const V = c.validation;
  if (V === undefined) {
    if (drop > o.convergedTolerance)
      return {
        verdict: 'not-converged',
        rule: 'train-loss-still-falling',
        margin: clipMargin(drop, o.convergedTolerance),
      };
    return { verdict: 'inconclusive', rule: 'no-validation-curve', margin: 0 };
  }
  const vEnd = mean(V, n - k);
  let argmin = 0;
  for (let i = 1; i < n; i++) if (V[i]! < V[argmin]!) argmin = i;
  const rise = (vEnd - V[argmin]!) / scale;
  const gapAtMin = V[argmin]! - T[argmin]!;
  const gapAtEnd = vEnd - end;
  if (rise > o.overfitRise && gapAtEnd > gapAtMin) {
    return {
      verdict: 'overfitting',
      rule: 'validation-minimum-then-rise',
      margin: clipMargin(rise, o.overfitRise),
    };
  }
  if (gapAtEnd / scale > o.generalizationGap) {
    return {
      verdict: 'overfitting',
      rule: 'generalization-gap',
      margin: clipMargin(gapAtEnd / scale, o.generalizationGap),
    };
  }
  const X = c.test;
  if (X !== undefined) {
    const mismatch = (mean(X, n - k) - vEnd) / scale;
    if (mismatch > o.mismatchGap)
      return {
        verdict: 'mismatch',
        rule: 'test-worse-than-validation',
        margin: clipMargin(mismatch, o.mismatchGap),
      };
  }
  const vDrop = tailDrop(V, k, scale);
  if (drop > o.convergedTolerance && vDrop > o.convergedTolerance) {
    return {
      verdict: 'not-converged',
      rule: 'losses-still-falling',
      margin: clipMargin(Math.min(drop, vDrop), o.convergedTolerance),
    };
  }
  return { verdict: 'healthy', rule: 'small-loss-small-gap', margin: clipMargin(relative, o.largeLoss) };
}

const SUMMARIES: Record<string, (e: DiagnosisEvidence) => string> = {
  'non-finite-loss': (e) =>
    `the ${e.nonFinite!.curve} loss of run ${e.nonFinite!.run} is ${e.nonFinite!.value} at epoch ${e.nonFinite!.epoch}`,
  'train-loss-rose': (e) => `the training loss rose from ${fmt(e.trainStart)} to ${fmt(e.trainEnd)}`,
  'train-loss-unstable': (e) =>
    `the training loss gave back more than half of its progress (ends at ${fmt(e.trainEnd)})`,
  'smaller-model-trains-better': (e) =>
    `the training loss ends at ${fmt(e.trainEnd)}, above the smaller model's ${fmt(e.smallerTrainEnd!)}: the optimizer fails to use the capacity`,
  'train-loss-still-falling': (e) =>
    `the training loss is still falling at the end (${fmt(e.tailDrop)} of the scale over the last tail)`,
  'losses-still-falling': (e) =>
    `training and validation losses are still falling (${fmt(e.tailDrop)} over the last tail)`,
  'train-loss-large': (e) =>
    `the training loss stays at ${fmt(e.trainEnd)}, ${fmt(100 * e.relativeTrainLoss)}% of the way from the floor to the ${e.reference === 'constantLoss' ? 'constant predictor' : 'initial loss'}`,
  'no-validation-curve': () =>
    'the training loss is small; without a validation curve nothing more can be said',
  'validation-minimum-then-rise': (e) =>
    `the validation loss reached its minimum ${fmt(e.validationMin!)} at epoch ${e.validationMinEpoch} and rose to ${fmt(e.validationEnd!)} while the training loss kept falling`,
  'generalization-gap': (e) => `the validation loss ends ${fmt(e.gapAtEnd!)} above the training loss`,
  'test-worse-than-validation': (e) =>
    `validation is fine (${fmt(e.validationEnd!)}) but the test loss ends at ${fmt(e.testEnd!)}: the test data differ from the training data`,
  'small-loss-small-gap': (e) =>
    `training loss ${fmt(e.trainEnd)}, validation ${fmt(e.validationEnd ?? Number.NaN)}: small, with a small gap`,
};

function fmt(x: number): string {
  return Number.isFinite(x) ? Number(x.toPrecision(3)).toString() : String(x);
}

function finish(
  list: Curves[],
  o: Resolved,
  thresholds: Record<string, number>,
  floor: number,
  smaller: Curves[] | null,
  verdict: Verdict,
  rule: string,
  confidence: number,
  perRun: Verdict[],
  nonFinite: DiagnosisEvidence['nonFinite'],
): Diagnosis {
  const first = list[0]!;
  const n = first.train.length;
  const k = tailLength(n, o.tail);
  const finiteRuns = nonFinite === null ? list : [];
  const ends = finiteRuns.map((c) => mean(c.train, c.train.length - tailLength(c.train.length, o.tail)));
  const scale = scaleOf(first, o, floor);
  const avg = (f: (c: Curves) => number | null): number | null => {
    if (finiteRuns.length === 0) return null;
    const vals = finiteRuns.map(f);
    return vals.some((v) => v === null) ? null : mean(vals as number[]);
  };
  const V = nonFinite === null ? first.validation : undefined;
  let argmin: number | null = null;
  if (V !== undefined) {
    argmin = 0;
    for (let i = 1; i < n; i++) if (V[i]! < V[argmin]!) argmin = i;
  }
  const trainEnd = ends.length > 0 ? mean(ends) : Number.NaN;
  const evidence: DiagnosisEvidence = {
    runs: list.length,
    reference: o.constantLoss === undefined ? 'initial training loss' : 'constantLoss',
    referenceLoss: o.constantLoss ?? first.train[0]!,
    floor,
    trainStart: mean(list.map((c) => c.train[0]!)),
    trainEnd,
    relativeTrainLoss: (trainEnd - floor) / scale,
    trainEndSpread: std(ends),
    tailDrop:
      finiteRuns.length > 0
        ? mean(finiteRuns.map((c) => tailDrop(c.train, k, scaleOf(c, o, floor))))
        : Number.NaN,
    smallerTrainEnd:
      smaller === null
        ? null
        : mean(smaller.map((s) => mean(s.train, s.train.length - tailLength(s.train.length, o.tail)))),
    validationMin: V !== undefined && argmin !== null ? V[argmin]! : null,
    validationMinEpoch: argmin,
    validationEnd: avg((c) => (c.validation === undefined ? null : mean(c.validation, n - k))),
    testEnd: avg((c) => (c.test === undefined ? null : mean(c.test, n - k))),
    gapAtMin: V !== undefined && argmin !== null ? V[argmin]! - first.train[argmin]! : null,
    gapAtEnd: avg((c) =>
      c.validation === undefined ? null : mean(c.validation, n - k) - mean(c.train, n - k),
    ),
    nonFinite,
  };
  return {
    verdict,
    rule,
    summary: SUMMARIES[rule]!(evidence),
    evidence,
    thresholds,
    confidence,
    perRun: perRun.length > 0 ? perRun : list.map(() => verdict),
    remedies: REMEDIES[verdict],
    earlyStopEpoch: verdict === 'overfitting' ? argmin : null,
  };
}
