import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
// @ts-expect-error plain JavaScript worker module without types
import { fitModel, score } from '../test/workers/leastSquares.mjs';
import { crossValidate } from './crossValidate';
import { kFold } from './kFold';
import { RandomState } from './RandomState';
import type { Split, Splitter } from './Splitter';
import { shuffleSplit } from './shuffleSplit';

const rng = new RandomState(3);
const x = Array.from({ length: 60 }, () => rng.randomSample() * 10);
const y = x.map((v) => 3 * v - 2 + (rng.randomSample() - 0.5));
const payload = { x, y };
const workerFile = fileURLToPath(new URL('../test/workers/leastSquares.mjs', import.meta.url));
type Model = { a: number; b: number };

function serial(options: { returnTrainScore?: boolean; concurrency?: number } = {}) {
  return crossValidate<Model>({
    splitter: kFold({ nSplits: 4, shuffle: true, randomState: 0 }),
    data: { X: x },
    fit: async ({ train }) => fitModel(payload, train),
    evaluate: async (model, idx) => ({ mse: score(payload, model, idx) }),
    ...options,
  });
}

describe('crossValidate', () => {
  test('fits and scores every fold with async callbacks, and summarises mean and population std', async () => {
    const r = await serial({ returnTrainScore: true });
    expect(r.folds.map((f) => f.fold)).toEqual([0, 1, 2, 3]);
    const folds = [...kFold({ nSplits: 4, shuffle: true, randomState: 0 }).split({ nSamples: 60 })];
    r.folds.forEach((f, i) => {
      expect(Array.from(f.test)).toEqual(Array.from(folds[i]!.test));
      const m = fitModel(payload, folds[i]!.train);
      expect(f.testScore.mse).toBe(score(payload, m, folds[i]!.test));
      expect(f.trainScore!.mse).toBe(score(payload, m, folds[i]!.train));
      expect(f.fitTime).toBeGreaterThanOrEqual(0);
    });
    const s = r.testScore.mse!;
    const mean = s.reduce((a, b) => a + b) / s.length;
    expect(r.mean.mse).toBeCloseTo(mean, 12);
    expect(r.std.mse).toBeCloseTo(Math.sqrt(s.reduce((a, v) => a + (v - mean) ** 2, 0) / s.length), 12);
    expect(r.trainScore!.mse).toHaveLength(4);
    expect(r.trainMean!.mse).toBeGreaterThan(0);
    expect(r.fitTime).toHaveLength(4);
  });

  test('a bare number score is reported as the metric "score"', async () => {
    const r = await crossValidate({
      splitter: kFold({ nSplits: 2 }),
      data: { nSamples: 4 },
      fit: () => 1,
      evaluate: (_m, idx) => idx[0]!,
    });
    expect(r.testScore).toEqual({ score: [0, 2] });
    expect(r.mean.score).toBe(1);
    expect(r.std.score).toBe(1);
    expect(r.trainScore).toBeUndefined();
  });

  test('concurrency > 1 gives the same results in split order', async () => {
    const a = await serial();
    const b = await serial({ concurrency: 3 });
    expect(b.testScore).toEqual(a.testScore);
  });

  test('reports progress after each fold', async () => {
    const events: [number, number, number][] = [];
    await crossValidate({
      splitter: kFold({ nSplits: 3 }),
      data: { nSamples: 6 },
      fit: () => 0,
      evaluate: () => 0,
      onProgress: (e) => events.push([e.completed, e.total, e.result.fold]),
    });
    expect(events).toEqual([
      [1, 3, 0],
      [2, 3, 1],
      [3, 3, 2],
    ]);
  });

  test('an AbortSignal cancels: no fold starts after the abort and the promise rejects with the reason', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const run = crossValidate({
      splitter: kFold({ nSplits: 5 }),
      data: { nSamples: 10 },
      signal: controller.signal,
      fit: async ({ fold, signal }) => {
        started.push(fold);
        if (fold === 1) controller.abort(new Error('stop'));
        expect(signal).toBe(controller.signal);
        return fold;
      },
      evaluate: () => 0,
    });
    await expect(run).rejects.toThrow('stop');
    expect(started).toEqual([0, 1]);
  });

  test('an already aborted signal rejects before any fit', async () => {
    let fits = 0;
    await expect(
      crossValidate({
        splitter: kFold(),
        data: { nSamples: 10 },
        signal: AbortSignal.abort(),
        fit: () => fits++,
        evaluate: () => 0,
      }),
    ).rejects.toThrow();
    expect(fits).toBe(0);
  });

  test('runs folds in parallel on worker threads (tinypool) with the same results as the serial run', async () => {
    const counter = new SharedArrayBuffer(8);
    const parallel = await crossValidate<never>({
      splitter: kFold({ nSplits: 4, shuffle: true, randomState: 0 }),
      data: { X: x },
      returnTrainScore: true,
      worker: { filename: workerFile, maxThreads: 4, payload: { ...payload, counter, holdMs: 300 } },
    });
    const reference = await serial({ returnTrainScore: true });
    expect(parallel.testScore).toEqual(reference.testScore);
    expect(parallel.trainScore).toEqual(reference.trainScore);
    expect(parallel.mean).toEqual(reference.mean);
    // at least two folds were running at the same time
    expect(new Int32Array(counter)[1]).toBeGreaterThanOrEqual(2);
  });

  test('aborting cancels folds running on worker threads', async () => {
    const controller = new AbortController();
    const run = crossValidate<never>({
      splitter: kFold({ nSplits: 4 }),
      data: { X: x },
      signal: controller.signal,
      worker: {
        filename: workerFile,
        maxThreads: 2,
        payload: { ...payload, counter: new SharedArrayBuffer(8), holdMs: 2000 },
      },
    });
    setTimeout(() => controller.abort(new Error('cancelled by the user')), 100);
    const t0 = performance.now();
    await expect(run).rejects.toThrow();
    expect(performance.now() - t0).toBeLessThan(1500);
  });

  test('accepts any object implementing the splitter protocol', async () => {
    const custom: Splitter = {
      name: 'evenOdd',
      getNSplits: () => 2,
      *split() {
        yield { train: Int32Array.of(0, 2), test: Int32Array.of(1, 3) };
        yield { train: Int32Array.of(1, 3), test: Int32Array.of(0, 2) };
      },
    };
    const r = await crossValidate({
      splitter: custom,
      data: { nSamples: 4 },
      fit: ({ train }) => train[0]!,
      evaluate: (m) => m,
    });
    expect(r.testScore.score).toEqual([0, 1]);
  });

  test('a worker given as a file URL works too', async () => {
    const r = await crossValidate<never>({
      splitter: kFold({ nSplits: 2 }),
      data: { X: x },
      worker: { filename: new URL('../test/workers/leastSquares.mjs', import.meta.url), payload },
    });
    expect(r.testScore.mse).toHaveLength(2);
  });

  test('rejects bad options with clear errors', async () => {
    const base = { splitter: kFold({ nSplits: 2 }), data: { nSamples: 4 }, fit: () => 0, evaluate: () => 0 };
    await expect(crossValidate(null as never)).rejects.toThrow(
      'crossValidate: options must be an object like { splitter: … }, got null',
    );
    await expect(crossValidate({ ...base, splitter: {} as Splitter })).rejects.toThrow(
      'crossValidate: splitter must have a split method, got an object',
    );
    await expect(crossValidate({ ...base, fit: undefined })).rejects.toThrow(
      'crossValidate: fit must be a function, got undefined',
    );
    await expect(crossValidate({ ...base, evaluate: 3 as never })).rejects.toThrow(
      'crossValidate: evaluate must be a function, got 3',
    );
    await expect(crossValidate({ ...base, onProgress: 1 as never })).rejects.toThrow(
      'crossValidate: onProgress must be a function, got 1',
    );
    await expect(crossValidate({ ...base, concurrency: 0 })).rejects.toThrow(
      'crossValidate: concurrency must be an integer >= 1, got 0',
    );
    await expect(crossValidate({ ...base, evaluate: () => 'x' as never })).rejects.toThrow(
      'crossValidate: evaluate must return a number or a record of numbers, got "x"',
    );
    await expect(crossValidate({ ...base, evaluate: () => ({ a: 'x' }) as never })).rejects.toThrow(
      'crossValidate: evaluate metric \'a\' must be a number, got "x"',
    );
    let k = 0;
    await expect(
      crossValidate({ ...base, evaluate: (): Record<string, number> => (k++ === 0 ? { a: 1 } : { b: 1 }) }),
    ).rejects.toThrow(
      'crossValidate: evaluate must return the same metrics in every fold, got [b], expected [a]',
    );
    const empty: Splitter = { name: 'empty', getNSplits: () => 0, split: () => [] };
    await expect(crossValidate({ ...base, splitter: empty })).rejects.toThrow(
      'crossValidate: the splitter must yield at least one split, got 0',
    );
    const broken: Splitter = { name: 'broken', getNSplits: () => 1, split: () => [3 as unknown as Split] };
    await expect(crossValidate({ ...base, splitter: broken })).rejects.toThrow(
      'crossValidate: the splitter must yield { train, test } index arrays, got 3',
    );
    await expect(
      crossValidate({
        splitter: kFold({ nSplits: 2 }),
        data: { nSamples: 4 },
        worker: { filename: 3 as never },
      }),
    ).rejects.toThrow('crossValidate: worker.filename must be a path or a file URL, got 3');
    await expect(
      crossValidate({
        splitter: shuffleSplit({ nSplits: 2, randomState: 0 }),
        data: { X: x },
        returnTrainScore: true,
        worker: { filename: workerFile, name: 'returnsNumber', payload },
      }),
    ).rejects.toThrow('crossValidate: the worker must return { testScore }, got 42');
    await expect(
      crossValidate({
        splitter: shuffleSplit({ nSplits: 2, randomState: 0 }),
        data: { X: x },
        returnTrainScore: true,
        worker: { filename: workerFile, name: 'withoutTrainScore', payload },
      }),
    ).rejects.toThrow('crossValidate: the worker must return trainScore when returnTrainScore is true');
  });
});
