/**
 * Renders the pictures of docs/metrics.md with the package's own metrics and SVG functions, on seeded synthetic
 * predictions (two binary classifiers, one over-confident; a 4-class classifier).
 *
 * Write them:  UPDATE_PLOTS=1 npx vitest run test/plots.test.ts
 * test/plots.test.ts fails when the committed SVGs differ from what this renders.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  averagePrecisionScore,
  calibrationCurve,
  confusionMatrix,
  confusionMatrixSvg,
  precisionRecallCurve,
  precisionRecallCurveSvg,
  reliabilityDiagramSvg,
  rocAucScore,
  rocCurve,
  rocCurveSvg,
} from '../src/index';

/** The folder the SVGs go to: docs/images/metrics at the repository root. */
export const plotsDir = fileURLToPath(new URL('../../../docs/images/metrics/', import.meta.url));

/** mulberry32: a small seeded generator, so the pictures are the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Synthetic data: labels, a calibrated model's probabilities, and an over-confident model's. */
export function syntheticData() {
  const rand = rng(2026);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const n = 400;
  const y: number[] = [];
  const calibrated: number[] = [];
  const overconfident: number[] = [];
  for (let i = 0; i < n; i++) {
    const logit = normal() * 1.6;
    const p = 1 / (1 + Math.exp(-logit));
    y.push(rand() < p ? 1 : 0);
    calibrated.push(Math.round(p * 1000) / 1000);
    const q = 1 / (1 + Math.exp(-(2.5 * logit + 0.8 * normal())));
    overconfident.push(Math.round(q * 1000) / 1000);
  }
  const classes = ['cat', 'dog', 'fox', 'owl'];
  const yTrue: string[] = [];
  const yPred: string[] = [];
  for (let i = 0; i < 200; i++) {
    const c = Math.floor(rand() * 4);
    yTrue.push(classes[c]!);
    const confused = c === 1 && rand() < 0.35 ? 2 : rand() < 0.2 ? Math.floor(rand() * 4) : c;
    yPred.push(classes[confused]!);
  }
  return { y, calibrated, overconfident, yTrue, yPred };
}

/** Every picture, by file name. */
export function renderPlots(): Record<string, string> {
  const { y, calibrated, overconfident, yTrue, yPred } = syntheticData();
  const auc = (s: number[]) => (rocAucScore(y, s) as number).toFixed(3);
  const ap = (s: number[]) => (averagePrecisionScore(y, s) as number).toFixed(3);
  return {
    'confusion-matrix.svg': confusionMatrixSvg(confusionMatrix(yTrue, yPred), {
      labels: ['cat', 'dog', 'fox', 'owl'],
      title: 'confusion matrix (counts)',
    }),
    'confusion-matrix-normalized.svg': confusionMatrixSvg(confusionMatrix(yTrue, yPred), {
      labels: ['cat', 'dog', 'fox', 'owl'],
      normalize: 'true',
      title: "normalize: 'true' (recall on the diagonal)",
    }),
    'roc.svg': rocCurveSvg([rocCurve(y, calibrated), rocCurve(y, overconfident)], {
      title: 'ROC curves',
      labels: [
        `calibrated model (AUC ${auc(calibrated)})`,
        `over-confident model (AUC ${auc(overconfident)})`,
      ],
    }),
    'precision-recall.svg': precisionRecallCurveSvg(
      [precisionRecallCurve(y, calibrated), precisionRecallCurve(y, overconfident)],
      {
        title: 'precision-recall curves',
        labels: [`calibrated model (AP ${ap(calibrated)})`, `over-confident model (AP ${ap(overconfident)})`],
      },
    ),
    'reliability.svg': reliabilityDiagramSvg(
      [calibrationCurve(y, calibrated, { nBins: 10 }), calibrationCurve(y, overconfident, { nBins: 10 })],
      {
        title: 'reliability diagram (10 uniform bins)',
        labels: ['calibrated model', 'over-confident model'],
      },
    ),
  };
}

/** Writes every picture to docs/images/metrics; returns the paths. */
export function writePlots(): string[] {
  mkdirSync(plotsDir, { recursive: true });
  return Object.entries(renderPlots()).map(([name, svg]) => {
    const path = join(plotsDir, name);
    writeFileSync(path, svg);
    return path;
  });
}
