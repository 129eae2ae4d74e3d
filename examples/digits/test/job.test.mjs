import { execFileSync, spawnSync } from 'node:child_process';
import { crossEntropyLoss } from '@dl/loss';
import { getNumThreads, hvp, slice, tensor } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import { parseOptions } from '../main.mjs';
import { loadDigits } from '../src/loadDigits.mjs';
import { renderReport } from '../src/report.mjs';
import { availableBackends, buildModel, curvatureAt, flatLoss, runDigits } from '../src/runDigits.mjs';

const small = { epochs: 2, folds: 2, hessianBatch: 64 };

describe('the digits job', () => {
  it("the Hessian check's products (one retained gradient graph) equal hvp()'s bit for bit", () => {
    const { x, y } = loadDigits();
    const model = buildModel(0, 0.1).eval();
    const lossOf = (logits, target) => crossEntropyLoss(logits, target, { labelSmoothing: 0.1 });
    const { flat, f } = flatLoss(model, slice(x, [[0, 32]]), slice(y, [[0, 32]]), lossOf);
    expect(flat).toHaveLength(17610);
    const at = curvatureAt(f, flat);
    for (let k = 0; k < 3; k++) {
      // a different vector each time: the retained graph serves every product
      const v = Float32Array.from(flat, (_, i) => Math.sin(i * (k + 1)));
      const expected = hvp(f, tensor(flat), tensor(v)).data;
      expect(at.hvp(v)).toEqual(expected);
      expect(expected.some((h) => h !== 0)).toBe(true);
    }
  });

  it('--threads splits the large products over threads and gives the same numbers bit for bit', async () => {
    // the Hessian check's products at batch 256 (2.1M multiply-adds) go to the threads
    const one = await runDigits({ ...small, epochs: 1, hessianBatch: 256 });
    const two = await runDigits({ ...small, epochs: 1, hessianBatch: 256, threads: 2 });
    expect(one.threads).toBe(1);
    expect(two.threads).toBe(2);
    const numbers = (r) => r.folds.map((f) => [f.curves, f.hessian.largest, f.hessian.smallest]);
    expect(numbers(two)).toEqual(numbers(one));
    expect(getNumThreads()).toBe(1); // the job restores the count it found
  });

  it('the same seed gives the same numbers; another seed does not', async () => {
    const a = await runDigits(small);
    const b = await runDigits(small);
    const c = await runDigits({ ...small, seed: 1 });
    const numbers = (r) =>
      r.folds.map((f) => [f.accuracy, f.curves.train, f.curves.validation, f.hessian.largest]);
    expect(numbers(b)).toEqual(numbers(a));
    expect(numbers(c)).not.toEqual(numbers(a));
    expect(a.folds).toHaveLength(2);
    expect(a.mean.accuracy).toBeGreaterThan(0.8);
    expect(a.folds[0].confusion.flat().reduce((s, v) => s + v, 0)).toBe(a.folds[0].testSize);
    expect(a.folds[0].curves.train).toHaveLength(2);
    expect(a.folds[0].hessian.largest).toBeGreaterThan(0);
    const html = renderReport(a);
    expect(html).toMatch(/<svg/);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    expect(html).toContain('Hessian check');
    // each fold's loss chart and the all-folds chart mark the validation minimum
    expect(html.match(/validation minimum [\d.]+ \(epoch \d+\)/g)?.length).toBeGreaterThanOrEqual(3);
  });

  it('early stopping stops and restores the best epoch', async () => {
    // 10 epochs: with the float32 exponential of 4f09996 the 6-epoch run's validation loss fell every epoch in both
    // folds (no stop); at 10 the second fold's rises 2 % at epoch 5
    const r = await runDigits({ epochs: 10, folds: 2, patience: 1, lr: 0.3, hessianBatch: 0 });
    const stopped = r.folds.filter((f) => f.stoppedEpoch !== null);
    expect(stopped.length).toBeGreaterThan(0);
    for (const f of stopped) expect(f.curves.validation).toHaveLength(f.stoppedEpoch + 1);
  });

  it('reports the kernels that ran; Node runs both CPU backends', async () => {
    expect(availableBackends()).toEqual(['wasm', 'js']);
    const r = await runDigits({ epochs: 1, folds: 2, hessianBatch: 0, backend: 'js' });
    expect(r.kernels).toBe('js');
    expect(r.folds[0].hessian).toBeNull();
    expect(renderReport(r)).toContain('on the js kernels');
  });
});

describe('command-line options', () => {
  it('parses the documented options', () => {
    expect(
      parseOptions([
        '--epochs',
        '3',
        '--folds',
        '4',
        '--seed',
        '7',
        '--batch-size',
        '32',
        '--lr',
        '0.01',
        '--backend',
        'js',
      ]),
    ).toEqual({
      settings: { epochs: 3, folds: 4, seed: 7, batchSize: 32, lr: 0.01, backend: 'js' },
      out: 'digits-report',
      json: false,
      help: false,
    });
  });

  it('rejects bad values and unknown options with a clear error', () => {
    expect(() => parseOptions(['--epochs', '0'])).toThrow('--epochs must be an integer >= 1, got "0"');
    expect(() => parseOptions(['--folds', '1'])).toThrow('--folds must be an integer >= 2, got "1"');
    expect(() => parseOptions(['--lr', 'fast'])).toThrow('--lr must be a number > 0, got "fast"');
    expect(() => parseOptions(['--backend', 'gpu'])).toThrow(
      '--backend must be one of "wasm", "js", got "gpu"',
    );
    expect(() => parseOptions(['--hessian-batch', '1.5'])).toThrow(
      '--hessian-batch must be an integer >= 0, got "1.5"',
    );
    expect(parseOptions(['--hessian-batch', '0']).settings.hessianBatch).toBe(0);
    expect(() => parseOptions(['--threads', '0'])).toThrow(
      '--threads must be an integer in [1, 64], got "0"',
    );
    expect(() => parseOptions(['--threads', '65'])).toThrow(
      '--threads must be an integer in [1, 64], got "65"',
    );
    expect(parseOptions(['--threads', '2']).settings.threads).toBe(2);
    expect(() => parseOptions(['--epoch', '3'])).toThrow(/Unknown option '--epoch'/);
  });

  it('the CLI prints the usage for --help and exits 2 with the usage on a bad option', () => {
    const main = new URL('../main.mjs', import.meta.url).pathname;
    // runs the built packages (this package's turbo test task depends on their build)
    const bad = spawnSync(process.execPath, [main, '--folds', 'x'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^error: --folds must be an integer >= 2, got "x"/);
    expect(bad.stderr).toContain('Usage: node examples/digits/main.mjs');
    expect(execFileSync(process.execPath, [main, '--help'], { encoding: 'utf8' })).toContain('--batch-size');
  });
});
