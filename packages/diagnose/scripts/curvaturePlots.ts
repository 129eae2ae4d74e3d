/**
 * Renders the curvature pictures of docs/diagnose.md with the package's own functions, on the small digits MLP
 * of test/curvature.training.test.ts (64-16-10, tanh, weight decay 1e-3, 400 digits): the Hessian's eigenvalue
 * density at initialization and after training (spectralDensity → spectralDensitySvg), and 1-D / 2-D loss
 * landscape slices around the trained point along filter-normalized directions (lossLandscape →
 * lossLandscapeSvg). Everything is seeded, so the SVGs are the same on every run.
 *
 * Write them:  UPDATE_PLOTS=1 npx vitest run test/curvaturePlots.test.ts
 * test/curvaturePlots.test.ts fails when the committed SVGs differ from what this renders.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lossLandscape, spectralDensity } from '../src/index';
import { lossLandscapeSvg, spectralDensitySvg } from '../src/report';
import { curvatureAt, digits, flatMlp, train } from '../test/digitsMlp';

/** The folder the SVGs go to: docs/images/diagnose-curvature at the repository root. */
export const plotsDir = fileURLToPath(new URL('../../../docs/images/diagnose-curvature/', import.meta.url));

/** Rounds the losses to 6 significant digits so that the pictures do not depend on the last bits of a sum. */
const round = (a: Float64Array) => a.map((v) => Number(v.toPrecision(6)));

export function renderPlots(): Record<string, string> {
  const data = digits(0, 400);
  const model = flatMlp([64, 16, 10], 1, 'tanh', 1e-3);
  const steps = 600;
  const trained = train(model, data, {
    optimizer: 'adam',
    lr: (s: number) => 0.02 * 0.5 * (1 + Math.cos((Math.PI * s) / steps)),
    epochs: steps,
    batchSize: 400,
    seed: 1,
  });
  const density = (point: Float64Array) => {
    const d = spectralDensity(curvatureAt(model, data, point).hvp, {
      dimension: model.dimension,
      iterations: 60,
      runs: 4,
      gridSize: 400,
    });
    return { ...d, density: round(d.density), grid: round(d.grid) };
  };
  const loss = curvatureAt(model, data, trained).loss;
  const slice = (dimensions: 1 | 2) => {
    const s = lossLandscape({
      loss,
      point: trained,
      shapes: model.shapes,
      dimensions,
      steps: dimensions === 1 ? 41 : 25,
      range: 1,
      seed: 3,
    });
    return { ...s, values: round(s.values) };
  };
  return {
    'density-init.svg': spectralDensitySvg(density(model.init), {
      title: 'Hessian eigenvalue density at initialization (64-16-10 MLP)',
    }),
    'density-trained.svg': spectralDensitySvg(density(trained), {
      title: 'Hessian eigenvalue density after training',
    }),
    'landscape-1d.svg': lossLandscapeSvg(slice(1), { title: 'Loss along a filter-normalized direction' }),
    'landscape-2d.svg': lossLandscapeSvg(slice(2), {
      title: 'Loss on a filter-normalized plane',
      height: 360,
    }),
  };
}

export function writePlots(): string[] {
  mkdirSync(plotsDir, { recursive: true });
  const plots = renderPlots();
  for (const [name, svg] of Object.entries(plots)) writeFileSync(join(plotsDir, name), svg);
  return Object.keys(plots);
}
