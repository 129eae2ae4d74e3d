/**
 * Renders the plots of docs/schedule.md with the package's own `sample` and `plotSvg`.
 *
 * Write them:  UPDATE_PLOTS=1 npx vitest run test/plots.test.ts   (or `npx tsx scripts/plots.ts`)
 * test/plots.test.ts fails when the committed SVGs differ from what this renders.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  constant,
  constantFactor,
  cosineAnnealing,
  cosineAnnealingWarmRestarts,
  cyclic,
  cyclicMomentum,
  exponentialDecay,
  exponentialWarmup,
  inverseSqrt,
  joinSchedules,
  linearFactor,
  linearWarmup,
  multiplySchedules,
  multiStepDecay,
  oneCycle,
  oneCycleMomentum,
  plotSvg,
  polynomialDecay,
  radamWarmup,
  reduceOnPlateau,
  type Schedule,
  sample,
  stepDecay,
  untunedExponentialWarmup,
  untunedLinearWarmup,
  warmupCosineDecay,
  warmupStableDecay,
  warmupThenCosineDecay,
} from '../src/index';

/** The folder the SVGs go to: docs/images/schedule at the repository root. */
export const plotsDir = fileURLToPath(new URL('../../../docs/images/schedule/', import.meta.url));

function plot(title: string, steps: number, schedules: Record<string, Schedule>): string {
  const labels = Object.keys(schedules);
  return plotSvg(
    labels.map((k) => sample(schedules[k]!, steps)),
    { title, labels, height: 240 + (labels.length > 1 ? 14 * labels.length : 0) },
  );
}

/** The plateau rule's value over 100 epochs of a synthetic loss that stalls twice. */
function plateauValues(): number[] {
  const rule = reduceOnPlateau({ initial: 0.1, patience: 5, cooldown: 5, minLr: 1e-4 });
  let state = rule.init();
  const values: number[] = [];
  for (let epoch = 0; epoch < 100; epoch++) {
    values.push(state.value);
    const loss = epoch < 30 ? 1 / (1 + epoch) : 0.03 - 0.0002 * Math.min(epoch, 50) + 0.001 * (epoch % 3);
    state = rule.update(state, loss);
  }
  return values;
}

/** File name → SVG text, one plot per schedule. */
export function renderPlots(): Record<string, string> {
  const oc = { maxLr: 0.1, totalSteps: 100 };
  const cy = { baseLr: 0.01, maxLr: 0.1, stepSizeUp: 10, stepSizeDown: 15 };
  return {
    'constant.svg': plot('constant(0.1)', 100, { constant: constant(0.1) }),
    'constantFactor.svg': plot('constantFactor (ConstantLR)', 100, {
      'factor 1/3, 5 iters': constantFactor({ initial: 0.1 }),
      'factor 0.5, 30 iters': constantFactor({ initial: 0.1, factor: 0.5, totalIters: 30 }),
    }),
    'linearFactor.svg': plot('linearFactor (LinearLR)', 100, {
      '0.1 → 1 over 20': linearFactor({ initial: 0.1, startFactor: 0.1, totalIters: 20 }),
      '1 → 0.1 over 80': linearFactor({ initial: 0.1, startFactor: 1, endFactor: 0.1, totalIters: 80 }),
    }),
    'stepDecay.svg': plot('stepDecay (StepLR)', 100, {
      'stepSize 30, gamma 0.1': stepDecay({ initial: 0.1, stepSize: 30 }),
      'stepSize 10, gamma 0.7': stepDecay({ initial: 0.1, stepSize: 10, gamma: 0.7 }),
    }),
    'multiStepDecay.svg': plot('multiStepDecay (MultiStepLR)', 100, {
      'milestones [30, 80]': multiStepDecay({ initial: 0.1, milestones: [30, 80] }),
      'milestones [20, 50, 70], gamma 0.5': multiStepDecay({
        initial: 0.1,
        milestones: [20, 50, 70],
        gamma: 0.5,
      }),
    }),
    'exponentialDecay.svg': plot('exponentialDecay (ExponentialLR)', 100, {
      'gamma 0.95': exponentialDecay({ initial: 0.1, gamma: 0.95 }),
      'gamma 0.99': exponentialDecay({ initial: 0.1, gamma: 0.99 }),
    }),
    'polynomialDecay.svg': plot('polynomialDecay (PolynomialLR)', 100, {
      'power 1, 80 iters': polynomialDecay({ initial: 0.1, totalIters: 80 }),
      'power 2, 80 iters': polynomialDecay({ initial: 0.1, totalIters: 80, power: 2 }),
      'power 0.5, 80 iters': polynomialDecay({ initial: 0.1, totalIters: 80, power: 0.5 }),
    }),
    'cosineAnnealing.svg': plot('cosineAnnealing (CosineAnnealingLR), tMax 40', 100, {
      "'periodic' (PyTorch)": cosineAnnealing({ initial: 0.1, tMax: 40, etaMin: 0.001 }),
      "'clamped' (optax, Keras)": cosineAnnealing({ initial: 0.1, tMax: 40, etaMin: 0.001, mode: 'clamped' }),
    }),
    'cosineAnnealingWarmRestarts.svg': plot('cosineAnnealingWarmRestarts', 150, {
      't0 10, tMult 2': cosineAnnealingWarmRestarts({ initial: 0.1, t0: 10, tMult: 2 }),
      't0 25, tMult 1': cosineAnnealingWarmRestarts({ initial: 0.1, t0: 25, etaMin: 0.01 }),
    }),
    'cyclic.svg': plot('cyclic (CyclicLR)', 150, {
      triangular: cyclic(cy),
      triangular2: cyclic({ ...cy, mode: 'triangular2' }),
      'exp_range, gamma 0.99': cyclic({ ...cy, mode: 'exp_range', gamma: 0.99 }),
    }),
    'cyclicMomentum.svg': plot('cyclicMomentum', 150, { triangular: cyclicMomentum(cy) }),
    'oneCycle.svg': plot('oneCycle (OneCycleLR)', 100, {
      cos: oneCycle(oc),
      linear: oneCycle({ ...oc, annealStrategy: 'linear' }),
      'three-phase': oneCycle({ ...oc, threePhase: true }),
    }),
    'oneCycleMomentum.svg': plot('oneCycleMomentum', 100, {
      cos: oneCycleMomentum(oc),
      'three-phase': oneCycleMomentum({ ...oc, threePhase: true }),
    }),
    'reduceOnPlateau.svg': plotSvg(plateauValues(), {
      title: 'reduceOnPlateau (patience 5, cooldown 5), log scale',
      xLabel: 'epoch',
      logY: true,
    }),
    'inverseSqrt.svg': plot('inverseSqrt (Noam), warmupSteps 20', 200, {
      inverseSqrt: inverseSqrt({ initial: 0.1, warmupSteps: 20 }),
    }),
    'warmupStableDecay.svg': plot('warmupStableDecay (WSD)', 100, {
      '1-sqrt': warmupStableDecay({ initial: 0.1, warmupSteps: 10, stableSteps: 60, decaySteps: 30 }),
      linear: warmupStableDecay({
        initial: 0.1,
        warmupSteps: 10,
        stableSteps: 60,
        decaySteps: 30,
        decay: 'linear',
      }),
      cosine: warmupStableDecay({
        initial: 0.1,
        warmupSteps: 10,
        stableSteps: 60,
        decaySteps: 30,
        decay: 'cosine',
      }),
    }),
    'warmups.svg': plot('warmup factors (over a constant 1)', 100, {
      'linearWarmup(1, 30)': linearWarmup(1, 30),
      'exponentialWarmup(1, 15)': exponentialWarmup(1, 15),
      'untunedLinearWarmup(1, 0.95)': untunedLinearWarmup(1, 0.95),
      'radamWarmup(1, 0.95)': radamWarmup(1, 0.95),
    }),
    'untunedExponentialWarmup.svg': plot('untunedExponentialWarmup(1, beta2)', 100, {
      'beta2 0.95': untunedExponentialWarmup(1, 0.95),
      'beta2 0.9': untunedExponentialWarmup(1, 0.9),
    }),
    'joinSchedules.svg': plot('joinSchedules: LinearLR warmup, then cosine (SequentialLR)', 100, {
      joined: joinSchedules(
        [
          linearFactor({ initial: 0.1, startFactor: 0.1, totalIters: 10 }),
          cosineAnnealing({ initial: 0.1, tMax: 90 }),
        ],
        [10],
      ),
    }),
    'multiplySchedules.svg': plot('multiplySchedules: ConstantLR × ExponentialLR (ChainedScheduler)', 100, {
      product: multiplySchedules(
        constantFactor({ factor: 0.5, totalIters: 20 }),
        exponentialDecay({ initial: 0.1, gamma: 0.98 }),
      ),
    }),
    'warmupCosine.svg': plot('warmup 10 + cosine: optax (total 100) vs Keras (10 + 100)', 120, {
      'warmupCosineDecay (optax)': warmupCosineDecay({ peak: 0.1, warmupSteps: 10, totalSteps: 100 }),
      'warmupThenCosineDecay (Keras)': warmupThenCosineDecay({ peak: 0.1, warmupSteps: 10, decaySteps: 100 }),
    }),
  };
}

/** Writes every plot to `docs/images/schedule/`. */
export function writePlots(): string[] {
  mkdirSync(plotsDir, { recursive: true });
  return Object.entries(renderPlots()).map(([name, svg]) => {
    writeFileSync(join(plotsDir, name), svg);
    return name;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(`wrote ${writePlots().length} plots to ${plotsDir}`);
}
