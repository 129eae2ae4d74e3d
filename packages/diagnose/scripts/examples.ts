/**
 * The guide's example reports and pictures (docs/diagnose.md, docs/images/diagnose/), from REAL training runs on
 * the digits data (data/digits) with @dl/nn + @dl/optim + @dl/tensor, whose true case is known by construction.
 *
 * - `recordExamples()` trains the runs and returns their curves (and an LR range test); test/plots.test.ts writes
 *   them to fixtures/example-runs.json when RECORD_EXAMPLES=1 (a few seconds), so the pictures do not depend on
 *   retraining.
 * - `renderExamples(runs)` diagnoses each recorded run and renders its picture (`<verdict>.svg`) and its report
 *   (`reports[<verdict>]`, Markdown), plus the LR finder's picture: the stale-image test compares them with the
 *   files on disk (UPDATE_PLOTS=1 rewrites them).
 */
import { Sigmoid } from '@dl/nn';
import { constantPredictorLoss } from '../src/constantPredictorLoss';
import { type Curves, diagnoseCurves } from '../src/diagnoseCurves';
import { createReport } from '../src/report/createReport';
import { lossCurvesSvg } from '../src/report/lossCurvesSvg';
import { lrFinderSvg } from '../src/report/lrFinderSvg';
import { reportToMarkdown } from '../src/report/reportToMarkdown';
import { reportToText } from '../src/report/reportToText';
import type { LrRangeTestReport } from '../src/runLrRangeTest';
import { digitsLrRangeTest, digitsSetup } from './digitsLrFinder';
import { mlp, digitsSplit as split, train } from './digitsTraining';

/** The recorded runs (fixtures/example-runs.json). */
export interface ExampleRuns {
  constantLoss: number;
  cases: Record<string, { runs: Curves[]; smaller?: Curves[]; note: string }>;
  lrFinder: Pick<LrRangeTestReport, 'curve' | 'suggestions'>;
}

const round = (c: Curves): Curves => {
  const r = (a: readonly number[]) => a.map((v) => (Number.isFinite(v) ? Number(v.toPrecision(6)) : v));
  return {
    train: r(c.train),
    ...(c.validation && { validation: r(c.validation) }),
    ...(c.test && { test: r(c.test) }),
  };
};

/** Trains the example runs (the setups of test/proof.training.test.ts, plus a diverging one) and an LR range test. */
export function recordExamples(): ExampleRuns {
  const trainSet = split(0, 1000);
  const validation = split(1000, 1400);
  const constantLoss = constantPredictorLoss('crossEntropy', Array.from(trainSet.y.data as Int32Array));
  const data = { train: trainSet, validation };
  const cases: ExampleRuns['cases'] = {
    'model-bias': {
      note: 'a 64-1-10 network (a one-unit bottleneck), full-batch Adam 0.02, 150 steps, 2 seeds',
      runs: [1, 2].map((s) => train(mlp([64, 1, 10], s), data, 150, 0.02)),
    },
    optimization: {
      note: 'a 9-layer plain sigmoid network (64-32×8-10) against a 64-32-10 one, full-batch Adam 0.001, 60 steps, 2 seeds each',
      runs: [1, 2].map((s) =>
        train(mlp([64, 32, 32, 32, 32, 32, 32, 32, 32, 10], s, Sigmoid), data, 60, 0.001),
      ),
      smaller: [1, 2].map((s) => train(mlp([64, 32, 10], s, Sigmoid), data, 60, 0.001)),
    },
    overfitting: {
      note: 'a 64-256-10 network on 40 training examples, full-batch Adam 0.01, 300 steps',
      runs: [train(mlp([64, 256, 10], 3), { train: split(0, 40), validation }, 300, 0.01)],
    },
    mismatch: {
      note: 'a 64-64-10 network trained on the digits, tested on inverted images (16 − pixel), Adam 0.01, 80 steps',
      runs: [
        train(mlp([64, 64, 10], 4), { ...data, test: split(1400, 1797, (v) => (16 - v) / 16) }, 80, 0.01),
      ],
    },
    healthy: {
      note: 'a 64-64-10 network, full-batch Adam 0.01, 80 steps, 2 seeds',
      runs: [5, 6].map((s) => train(mlp([64, 64, 10], s), data, 80, 0.01)),
    },
    diverging: {
      note: 'the same 64-64-10 network with full-batch SGD (momentum 0.9) at 3 (far too high), 80 steps',
      runs: [train(mlp([64, 64, 10], 5), data, 80, 3, 'sgd')],
    },
  };
  for (const c of Object.values(cases)) {
    c.runs = c.runs.map(round);
    if (c.smaller) c.smaller = c.smaller.map(round);
  }
  // the LR range test of test/lrFinder.training.test.ts
  const report = digitsLrRangeTest(digitsSetup());
  return { constantLoss, cases, lrFinder: { curve: report.curve, suggestions: report.suggestions } };
}

/** The pictures (`<name>.svg`) and Markdown reports of the guide, rendered from the recorded runs. */
export function renderExamples(ex: ExampleRuns): {
  images: Record<string, string>;
  reports: Record<string, string>;
} {
  const images: Record<string, string> = {};
  const reports: Record<string, string> = {};
  for (const [name, c] of Object.entries(ex.cases)) {
    const diagnosis = diagnoseCurves(c.runs, {
      constantLoss: ex.constantLoss,
      ...(c.smaller && { smaller: c.smaller }),
    });
    images[`${name}.svg`] = lossCurvesSvg(c.runs, {
      diagnosis,
      title: c.note.split(',')[0]!,
      logY: name === 'mismatch',
      ...(c.smaller && { smaller: c.smaller }),
    });
    const report = createReport({
      title: `Report: ${name}`,
      curves: c.runs,
      diagnosis,
      ...(c.smaller && { smaller: c.smaller }),
    });
    if (name === 'overfitting') reports['text-overfitting'] = `\`\`\`text\n${reportToText(report)}\`\`\`\n`;
    reports[name] = reportToMarkdown(report, {
      headingLevel: 4,
      figureHref: () => `images/diagnose/${name}.svg`,
    });
  }
  images['lr-finder.svg'] = lrFinderSvg(ex.lrFinder, {
    title: 'LR range test, digits MLP (SGD, momentum 0.9)',
  });
  reports['lr-finder'] = reportToMarkdown(
    createReport({ title: 'Report: LR range test', lrFinder: ex.lrFinder }),
    {
      headingLevel: 4,
      figureHref: () => 'images/diagnose/lr-finder.svg',
    },
  );
  return { images, reports };
}
