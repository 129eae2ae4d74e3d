import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('bench:digits', () => {
  it("runs a script outside the repository with this package's TensorFlow.js (the resolve hook)", () => {
    // a stand-in for shared/reference/digits_tfjs.mjs: a file in a folder with no node_modules
    const dir = mkdtempSync(join(tmpdir(), 'digits-reference-'));
    const script = join(dir, 'reference.mjs');
    writeFileSync(
      script,
      "import * as tf from '@tensorflow/tfjs-core';\nimport '@tensorflow/tfjs-backend-cpu';\n" +
        "await tf.setBackend('cpu');\nconsole.log(tf.version_core, tf.getBackend(), tf.add(1, 2).dataSync()[0]);\n",
    );
    const hook = fileURLToPath(new URL('../bench/tfjs-resolve.mjs', import.meta.url));
    expect(() => execFileSync(process.execPath, [script], { stdio: 'pipe' })).toThrow(/Cannot find package/);
    const out = execFileSync(process.execPath, ['--import', hook, script], { encoding: 'utf8' });
    expect(out.trim()).toBe('4.22.0 cpu 3');
  });

  it('times one training step of the job by phase (bench/step.mjs)', () => {
    const script = fileURLToPath(new URL('../bench/step.mjs', import.meta.url));
    const out = execFileSync(process.execPath, [script, '--steps', '40', '--rounds', '1'], {
      encoding: 'utf8',
    });
    const row = (phase) => Number(new RegExp(`\\| ${phase} \\| ([\\d.]+) \\|`).exec(out)?.[1]);
    for (const phase of ['gather', 'forward\\+loss', 'backward', 'step'])
      expect(row(phase)).toBeGreaterThan(0);
    const total = Number(/\| \*\*one training step\*\* \| \*\*([\d.]+)\*\* \|/.exec(out)?.[1]);
    expect(total).toBeGreaterThanOrEqual(row('forward\\+loss') + row('backward'));
    expect(out).toMatch(/5 folds of the job at this rate: [\d.]+ s/);
  });
  it('compares the step of two checkouts in one process (bench/abStep.mjs), and rejects bad arguments', () => {
    const script = fileURLToPath(new URL('../bench/abStep.mjs', import.meta.url));
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const out = execFileSync(process.execPath, [script, root, '--steps', '24', '--rounds', '1'], {
      encoding: 'utf8',
    });
    const row = (label) => /\| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \|/.exec(out.split(label)[1] ?? '');
    for (const label of ['one training step', 'validation pass']) {
      const m = row(label);
      expect(Number(m?.[1])).toBeGreaterThan(0);
      expect(Number(m?.[2])).toBeGreaterThan(0);
    }
    let failure = null;
    try {
      execFileSync(process.execPath, [script, '--steps', 'x'], { encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      failure = error;
    }
    expect(failure?.status).toBe(2);
    expect(String(failure?.stderr)).toMatch(/^abStep: .*\nusage: node examples\/digits\/bench\/abStep\.mjs/);
  });
  it("rejects bad options with the usage, and accepts pnpm's `--` separator", () => {
    const script = fileURLToPath(new URL('../bench/bench.mjs', import.meta.url));
    const run = (args) => {
      try {
        execFileSync(process.execPath, [script, ...args], { encoding: 'utf8', stdio: 'pipe' });
        return { status: 0, stderr: '' };
      } catch (error) {
        return { status: error.status, stderr: String(error.stderr) };
      }
    };
    const unknown = run(['--round', '3']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^bench:digits: Unknown option '--round'/);
    expect(unknown.stderr).toMatch(/usage: node examples\/digits\/bench\/bench\.mjs/);
    // after `--` the options are parsed (not refused as positional), so a bad value is reported as such
    const badRounds = run(['--', '--rounds', 'x']);
    expect(badRounds.status).toBe(2);
    expect(badRounds.stderr).toMatch(/--rounds must be a positive integer, got 'x'/);
  });
});
