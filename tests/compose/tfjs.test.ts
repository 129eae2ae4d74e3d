// Real TensorFlow.js 4.22 programs using single @dl packages the way users would: the packages packed to tarballs,
// installed with plain npm beside tfjs-core, tfjs-layers and tfjs-backend-cpu in a project outside the workspace,
// each program (tests/compose/programs) run by node. The programs assert for themselves (training improves, the
// numbers agree, tf.memory().numTensors does not grow) and print `ok {summary}`; docs/tfjs.md shows them.
import { expect, inject, test } from 'vitest';
import { runProgram } from './project';

// packed and installed by setup.ts
const project = inject('compose');

/** Runs a program and returns the summary it printed after `ok`. */
async function summary(file: string): Promise<Record<string, unknown>> {
  const out = await runProgram(project.dir, file);
  const line = out.split('\n').find((l) => l.startsWith('ok '));
  expect(line, `${file} printed:\n${out}`).toBeDefined();
  return JSON.parse(line!.slice(3));
}

test('the project holds TensorFlow.js 4.22 and the packed @dl packages', () => {
  expect(project.versions['@tensorflow/tfjs-core']).toBe('4.22.0');
  expect(project.versions['@tensorflow/tfjs-layers']).toBe('4.22.0');
  expect(project.versions['@tensorflow/tfjs-backend-wasm']).toBe('4.22.0');
  expect(Object.keys(project.versions)).toContain('@dl/schedule');
});

test("schedule-adam.mjs: @dl/schedule's warmup-cosine drives tf.train.adam inside model.fit", async () => {
  const s = (await summary('schedule-adam.mjs')) as { loss: number[]; accuracy: number; steps: number };
  expect(s.steps).toBe(240);
  expect(s.loss[1]!).toBeLessThan(0.6 * s.loss[0]!);
  expect(s.accuracy).toBeGreaterThan(0.75);
});

test("optim-adamw.mjs: @dl/optim's adam equals tf.train.adam on tfjs variables; adamw + warmup-cosine trains", async () => {
  const s = (await summary('optim-adamw.mjs')) as {
    maxDifference: number;
    loss: number[];
    accuracy: number[];
  };
  expect(s.maxDifference).toBeLessThan(1e-5);
  expect(s.loss[1]!).toBeLessThan(0.6 * s.loss[0]!);
  expect(s.accuracy[1]!).toBeGreaterThan(s.accuracy[0]! + 0.2);
});

test("crossval-metrics.mjs: stratified folds (@dl/crossval), per-fold scaling (@dl/norm); @dl/metrics' accuracy equals tfjs's", async () => {
  const s = (await summary('crossval-metrics.mjs')) as {
    accuracy: number[];
    tfjsAccuracy: number[];
    mean: { accuracy: number };
  };
  expect(s.accuracy).toHaveLength(5);
  s.accuracy.forEach((a, k) => {
    expect(Math.fround(a)).toBe(s.tfjsAccuracy[k]);
  });
  expect(s.mean.accuracy).toBeGreaterThan(0.7);
});

test('diagnose-curves.mjs: model.fit histories get the verdicts their setups were built for', async () => {
  const s = (await summary('diagnose-curves.mjs')) as Record<string, { verdict: string }>;
  expect(Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.verdict]))).toEqual({
    'well set': 'healthy',
    'stopped early': 'not-converged',
    'over-sized': 'overfitting',
  });
});

test('early-stopping.mjs: createEarlyStopping restores the best epoch of a tfjs model', async () => {
  const s = (await summary('early-stopping.mjs')) as Record<string, number>;
  expect(s['stoppedEpoch']).toBe(s['bestEpoch']! + 5);
  expect(s['restoredLoss']).toBeCloseTo(s['bestLoss']!, 6);
  expect(s['lastLoss']).toBeGreaterThan(s['bestLoss']!);
});

test('one-cycle-sgd.cjs: the same from CommonJS, one-cycle on tf.train.sgd, @dl/metrics equals tfjs', async () => {
  const s = (await summary('one-cycle-sgd.cjs')) as { loss: number[]; accuracy: number };
  expect(s.loss[1]!).toBeLessThan(0.4 * s.loss[0]!);
  expect(s.accuracy).toBeGreaterThan(0.85);
});

test('wasm-backend.mjs: the same @dl-driven training on the cpu and WebAssembly backends gives the same curve', async () => {
  const s = (await summary('wasm-backend.mjs')) as { gap: number; accuracy: { cpu: number; wasm: number } };
  expect(s.gap).toBeLessThan(1e-4);
  expect(s.accuracy.cpu).toBeGreaterThan(0.75);
});

test("loss-interop.mjs: @dl/loss's value and gradient equal tfjs's; a loss tfjs lacks trains a tfjs model", async () => {
  const s = (await summary('loss-interop.mjs')) as {
    gradGap: number;
    multiMargin: number[];
    accuracy: number;
  };
  expect(s.gradGap).toBeLessThan(1e-6);
  expect(s.multiMargin[1]!).toBeLessThan(0.5 * s.multiMargin[0]!);
  expect(s.accuracy).toBeGreaterThan(0.75);
});
