// Curvature proofs on real training: a small @dl/nn MLP (64-16-10, tanh; @dl/nn's Linear initialization) on 400
// UCI digits (data/digits), its loss written as a function of one flat float64 parameter vector (test/digitsMlp.ts)
// so that the framework-agnostic tools see only numbers: a gradient, a loss and exact Hessian-vector products by
// double backward. Trained functionally with @dl/optim. The numbers in the comments are from the run that set the
// assertions (2026-12-01); the assertions keep margins around them.
import { beforeAll, describe, expect, it } from 'vitest';
import type { CriticalPointAnalysis } from '../src/analyzeCriticalPoint';
import { analyzeCriticalPoint } from '../src/analyzeCriticalPoint';
import { epsilonSharpness } from '../src/epsilonSharpness';
import { lanczos } from '../src/lanczos';
import { curvatureAt, digits, flatMlp, train } from './digitsMlp';

const data = digits(0, 400);
const validation = digits(1000, 1400);

describe('a small MLP at its initialization and at a trained point', { timeout: 120_000 }, () => {
  // cross-entropy + ½·1e-3·|θ|² (weight decay gives the loss true minima instead of minima at infinity)
  const model = flatMlp([64, 16, 10], 1, 'tanh', 1e-3);
  const analyze = (point: Float64Array) => {
    const c = curvatureAt(model, data, point);
    return analyzeCriticalPoint({
      point,
      gradient: c.gradient,
      hvp: c.hvp,
      loss: c.loss,
      lanczos: { maxIterations: 300, tolerance: 1e-3 },
    });
  };
  const steps = 600;
  let atInit: CriticalPointAnalysis;
  let atEnd: CriticalPointAnalysis;
  beforeAll(() => {
    const trained = train(model, data, {
      optimizer: 'adam',
      lr: (s: number) => 0.02 * 0.5 * (1 + Math.cos((Math.PI * s) / steps)),
      epochs: steps,
      batchSize: 400,
      seed: 1,
    });
    atInit = analyze(model.init);
    atEnd = analyze(trained);
  }, 120_000);

  it('at initialization: not a critical point, with strong negative curvature (saddle-like)', () => {
    // measured: |g| = 0.303, λmax = 0.986, λmin = -0.348 (λmin/λmax = -0.35), 20 products
    expect(atInit.kind).toBe('not-critical');
    expect(atInit.gradientNorm).toBeGreaterThan(0.1);
    expect(atInit.smallest.value).toBeLessThan(-0.2 * atInit.largest.value);
    expect(atInit.smallest.value).toBeLessThan(-atInit.smallest.residual);
  });

  it('after training: near a minimum — the gradient is 200x smaller and λmin >= -1e-3 λmax', () => {
    // measured: loss 0.0918, |g| = 1.46e-3, λmax = 0.622, λmin = -2.5e-4 ± 2e-7 (λmin/λmax = -4e-4), 101 products;
    // the default gradientTolerance (1e-3) still calls it 'not-critical': Adam stops near, not at, the minimum
    expect(atEnd.gradientNorm).toBeLessThan(atInit.gradientNorm / 100);
    expect(atEnd.smallest.value).toBeGreaterThanOrEqual(-1e-3 * atEnd.largest.value);
    expect(atEnd.kind).not.toBe('inconclusive');
  });
});

describe('sharpness of small-batch vs large-batch minima (Keskar et al. 2017), on a tiny task', {
  timeout: 120_000,
}, () => {
  // Adam (lr 0.01), no weight decay, each run stopped at the first epoch whose training loss is below 0.02, so that
  // the minima are compared at the same training loss. Batch 16 vs full batch (400).
  // Measured (seed 1 / seed 2):
  //   batch 16:  15 / 17 epochs, validation 0.192 / 0.168, λmax 0.441 / 0.497, ε-sharpness(1e-3) 0.097 / 0.088 %
  //   batch 400: 138 / 144 epochs, validation 0.237 / 0.195, λmax 0.414 / 0.419, ε-sharpness(1e-3) 0.036 / 0.037 %
  // What is robust here: the large-batch minimum generalizes worse (Keskar's gap), but it is NOT sharper — by the
  // top eigenvalue the two are within 20 %, and the small-batch minimum has the larger ε-sharpness. (With SGD at
  // lr 0.3 the large-batch λmax was the larger one, 0.59-0.62 vs 0.51-0.54, with ε-sharpness still the other way:
  // the two sharpness measures disagree on this task, and neither explains the gap alone.)
  const run = (seed: number, batchSize: number) => {
    const model = flatMlp([64, 16, 10], seed, 'tanh', 0);
    const point = train(model, data, {
      optimizer: 'adam',
      lr: 0.01,
      epochs: batchSize === 400 ? 2000 : 200,
      batchSize,
      seed,
      until: (theta) => curvatureAt(model, data, theta).loss(theta) < 0.02,
    });
    const c = curvatureAt(model, data, point);
    return {
      train: c.loss(point),
      validation: curvatureAt(model, validation, point).loss(point),
      top: lanczos(c.hvp, { dimension: model.dimension, maxIterations: 100 }).largest[0]!.value,
      sharpness: epsilonSharpness({ loss: c.loss, gradient: c.gradient, point, epsilon: 1e-3 }).sharpness,
    };
  };
  for (const seed of [1, 2]) {
    it(`seed ${seed}: at the same training loss the large-batch minimum generalizes worse but is not sharper`, () => {
      const small = run(seed, 16);
      const large = run(seed, 400);
      expect(small.train).toBeLessThan(0.02);
      expect(large.train).toBeLessThan(0.02);
      expect(large.validation).toBeGreaterThan(small.validation);
      expect(small.sharpness).toBeGreaterThan(1.5 * large.sharpness);
      expect(large.top).toBeLessThan(1.5 * small.top);
      expect(small.top).toBeLessThan(1.5 * large.top);
    });
  }
});
