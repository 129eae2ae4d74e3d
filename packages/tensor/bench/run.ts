/**
 * Benchmark of @dl/tensor against TensorFlow.js 4.22 (cpu and wasm backends) and @jax-js/jax 0.1 (wasm device,
 * jitted), side by side in one process. PyTorch 1.13 runs the same cases in bench/torch_bench.py.
 *
 * Run from packages/tensor: `pnpm bench` (bundles this file with esbuild into .tmp/ and runs it with node).
 * Options: `--only=<substring>[,<substring>]` runs the matching rows; `--quick` takes fewer samples; `--js` runs
 * @dl/tensor with its JavaScript kernels only (`setKernelBackend('js')`);
 * `--no-wasm` / `--no-cpu` skip a TensorFlow.js backend; `--no-jax` skips jax-js.
 *
 * Method: per row, warm-up calls of each implementation, then up to 11 rounds of samples interleaved
 * (@dl, tfjs-cpu, tfjs-wasm, @dl, ...; each sample repeats the call until it lasts about 100 ms), wall-clock
 * median per call, with the medians of process CPU time in a second table (see bench/harness.ts).
 * TensorFlow.js calls are wrapped in `tf.tidy` and read back with `dataSync()` so asynchronous work is included
 * and nothing leaks; @dl/tensor is synchronous.
 */

import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import * as jax from '@jax-js/jax';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { getKernelBackend, setKernelBackend } from '../src/index';
import { allCases, type Case, type Runner } from './cases';
import { fmtMs, fmtRatio, type MeasureOptions, measure, measureInterleaved, type Timing } from './harness';

const args = process.argv.slice(2);
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const quick = args.includes('--quick');
const backends = (['cpu', 'wasm'] as const).filter((b) => !args.includes(`--no-${b}`));
const useJax = !args.includes('--no-jax');
const timing: MeasureOptions = quick
  ? { warmup: 2, samples: 5, minSamples: 3, budgetMs: 1000, sampleMs: 10 }
  : { warmup: 3, samples: 11, minSamples: 5, budgetMs: 3000, sampleMs: 100 };

// The wasm backend loads its .wasm files from disk in Node: point it at the package's dist folder.
const require = createRequire(import.meta.url);
setWasmPaths(`${path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'))}/dist/`);

/** Memory bandwidth of a plain typed-array copy (read + write), the ceiling for streaming ops. */
async function copyBandwidth(): Promise<number> {
  const n = 16 * 1024 * 1024;
  const src = new Float32Array(n).fill(1);
  const dst = new Float32Array(n);
  const t = await measure(() => dst.set(src), {
    warmup: 2,
    samples: 9,
    minSamples: 5,
    budgetMs: 2000,
    sampleMs: 1,
  });
  return (2 * n * 4) / (t.wallMs * 1e6);
}

/** Normwise relative difference: max |a - b| / max |b| (summation orders differ between implementations). */
function maxRelDiff(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    if (!(d <= diff)) diff = d;
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return diff / Math.max(scale, Number.MIN_VALUE);
}

function cpuModel(): string {
  return os.cpus()[0]?.model.trim() ?? 'unknown';
}

interface Row {
  c: Case;
  dl: Timing;
  tf: Partial<Record<'cpu' | 'wasm', Timing>>;
  jax?: Timing;
  agreement: number;
}

async function main(): Promise<void> {
  const cases = allCases().filter((c) => !only || only.some((o) => c.name.includes(o)));
  for (const b of backends) {
    if (!(await tf.setBackend(b))) throw new Error(`could not start the TensorFlow.js ${b} backend`);
    await tf.ready();
  }
  const wasmInfo = backends.includes('wasm')
    ? `SIMD ${tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? 'on' : 'off'}, multithreading ${
        (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) ? 'on' : 'off (not available in Node)'
      }, ${getThreadsCount()} thread(s)`
    : 'skipped';
  if (useJax) {
    await jax.init('wasm');
    jax.defaultDevice('wasm');
  }
  const copy = await copyBandwidth();
  console.log(`# @dl/tensor vs TensorFlow.js ${tf.version_core}\n`);
  console.log(`- date: ${new Date().toISOString()}`);
  console.log(
    `- machine: ${os.availableParallelism()} logical CPUs, ${cpuModel()}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(`- node ${process.version} (${process.arch}), V8 ${process.versions.v8}`);
  if (process.argv.includes('--js')) setKernelBackend('js');
  console.log(`- @dl/tensor kernels: ${getKernelBackend()}${process.argv.includes('--js') ? ' (--js)' : ''}`);
  console.log(`- tfjs wasm backend: ${wasmInfo}`);
  console.log(`- jax-js: ${useJax ? 'wasm device, jit-compiled functions' : 'skipped'}`);
  console.log(`- typed-array copy bandwidth (read + write): ${copy.toFixed(1)} GB/s`);
  console.log('');

  const rows: Row[] = [];
  for (const c of cases) {
    const dlRunner = c.dl();
    const tfRunners: Runner[] = [];
    for (const b of backends) {
      await tf.setBackend(b);
      tfRunners.push(c.tf(tf));
    }
    const jaxRunner = useJax && c.jax !== undefined ? c.jax(jax) : undefined;
    const timings = await measureInterleaved(
      [
        { run: dlRunner.run },
        ...backends.map((b, i) => ({
          run: tfRunners[i]!.run,
          enter: async () => void (await tf.setBackend(b)),
        })),
        ...(jaxRunner === undefined ? [] : [{ run: jaxRunner.run }]),
      ],
      timing,
    );
    const reference = dlRunner.result();
    const row: Row = { c, dl: timings[0]!, tf: {}, agreement: 0 };
    for (let i = 0; i < backends.length; i++) {
      const b = backends[i]!;
      await tf.setBackend(b);
      row.tf[b] = timings[i + 1]!;
      row.agreement = Math.max(row.agreement, maxRelDiff(reference, tfRunners[i]!.result()));
      tfRunners[i]!.dispose?.();
    }
    if (jaxRunner !== undefined) {
      row.jax = timings[backends.length + 1]!;
      row.agreement = Math.max(row.agreement, maxRelDiff(reference, jaxRunner.result()));
      jaxRunner.dispose?.();
    }
    const dl = row.dl;
    rows.push(row);
    process.stderr.write(
      `${c.name}: @dl ${fmtMs(dl.wallMs)} ms, cpu ${fmtMs(row.tf.cpu?.wallMs ?? Number.NaN)} ms, wasm ${fmtMs(
        row.tf.wasm?.wallMs ?? Number.NaN,
      )} ms, jax ${fmtMs(row.jax?.wallMs ?? Number.NaN)} ms\n`,
    );
  }

  console.log(
    '| op | @dl ms | tfjs-cpu ms | tfjs-wasm ms | jax-js ms | @dl vs cpu | @dl vs wasm | @dl vs jax-js | @dl GFLOP/s or GB/s | tfjs-wasm GFLOP/s or GB/s | jax-js GFLOP/s or GB/s |',
  );
  console.log('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
  const figure = (c: Case, ms: number | undefined): string => {
    if (ms === undefined) return '-';
    if (c.flops !== undefined) return `${(c.flops / (ms * 1e6)).toFixed(2)} GFLOP/s`;
    if (c.bytes !== undefined) return `${(c.bytes / (ms * 1e6)).toFixed(2)} GB/s`;
    return '-';
  };
  for (const { c, dl, tf: t, jax: j } of rows) {
    const cpu = t.cpu?.wallMs ?? Number.NaN;
    const wasm = t.wasm?.wallMs ?? Number.NaN;
    const jx = j?.wallMs ?? Number.NaN;
    console.log(
      `| ${c.name} | ${fmtMs(dl.wallMs)} | ${fmtMs(cpu)} | ${fmtMs(wasm)} | ${fmtMs(jx)} | ${fmtRatio(dl.wallMs, cpu)} | ${fmtRatio(
        dl.wallMs,
        wasm,
      )} | ${fmtRatio(dl.wallMs, jx)} | ${figure(c, dl.wallMs)} | ${figure(c, t.wasm?.wallMs)} | ${figure(c, j?.wallMs)} |`,
    );
  }
  console.log('\nRatios are peer time / @dl time: above 1x means @dl/tensor is faster. Times are wall-clock');
  console.log('medians per call.\n');
  console.log('Process CPU time, medians (ms) of the same samples:\n');
  console.log(
    '| op | @dl | tfjs-cpu | tfjs-wasm | jax-js | @dl vs cpu | @dl vs wasm | @dl vs jax-js | @dl GFLOP/s or GB/s (CPU time) |',
  );
  console.log('|---|--:|--:|--:|--:|--:|--:|--:|--:|');
  for (const { c, dl, tf: t, jax: j } of rows) {
    const cpu = t.cpu?.cpuMs ?? Number.NaN;
    const wasm = t.wasm?.cpuMs ?? Number.NaN;
    const jx = j?.cpuMs ?? Number.NaN;
    console.log(
      `| ${c.name} | ${fmtMs(dl.cpuMs)} | ${fmtMs(cpu)} | ${fmtMs(wasm)} | ${fmtMs(jx)} | ${fmtRatio(dl.cpuMs, cpu)} | ${fmtRatio(dl.cpuMs, wasm)} | ${fmtRatio(dl.cpuMs, jx)} | ${figure(c, dl.cpuMs)} |`,
    );
  }
  console.log('');
  const bad = rows.filter((r) => !(r.agreement <= r.c.tolerance));
  console.log(
    bad.length === 0
      ? `All results agree with TensorFlow.js and jax-js (largest relative difference ${Math.max(
          0,
          ...rows.filter((r) => Number.isFinite(r.c.tolerance)).map((r) => r.agreement),
        ).toExponential(1)}; random rows such as dropout are not compared).`
      : `DISAGREEMENT with TensorFlow.js or jax-js: ${bad.map((r) => `${r.c.name} (${r.agreement.toExponential(1)})`).join('; ')}`,
  );
}

await main();
