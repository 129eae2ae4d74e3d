/**
 * Benchmark of @dl/norm's BatchNorm1d / BatchNorm2d / LayerNorm (forward + backward: gradients with respect to
 * the input, weight and bias of sum(y * upstream)) against TensorFlow.js 4.22 (cpu and wasm backends:
 * tf.moments + tf.batchNorm, and the same ops for layer norm) and @jax-js/jax 0.1 (wasm device, jit of
 * valueAndGrad), interleaved in one run (see ../../tensor/bench/harness.ts). tfjs gets channels-last layouts
 * (its batchNorm broadcasts over the last axis); the work is the same.
 *
 *   npm run bench   (node ../../scripts/bench-build.mjs && node .tmp/bench.mjs [--rounds=3] [--no-jax]
 *                   [--gc] [--sample-ms=200] [--only=layerNorm])
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fromData, mul, sum } from '@dl/tensor';
import * as jax from '@jax-js/jax';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { fmtMs, measureInterleaved, randomData, type Timing } from '../../tensor/bench/harness';
import { BatchNorm1d } from '../src/BatchNorm1d';
import { BatchNorm2d } from '../src/BatchNorm2d';
import { LayerNorm } from '../src/LayerNorm';

const require = createRequire(import.meta.url);
setWasmPaths(`${path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'))}/dist/`);

type JaxArray = ReturnType<typeof jax.numpy.array>;
interface Case {
  name: string;
  shape: number[];
  kind: 'batch' | 'layer';
}
const cases: Case[] = [
  { name: 'batchNorm1d (64, 128)', shape: [64, 128], kind: 'batch' },
  { name: 'batchNorm2d (32, 64, 16, 16)', shape: [32, 64, 16, 16], kind: 'batch' },
  { name: 'layerNorm (64, 512)', shape: [64, 512], kind: 'layer' },
  { name: 'layerNorm (8, 128, 768)', shape: [8, 128, 768], kind: 'layer' },
];

const args = process.argv.slice(2);
const useJax = !args.includes('--no-jax');
const gc = args.includes('--gc') ? (globalThis as { gc?: () => void }).gc : undefined;
const sampleMs = Number(args.find((a) => a.startsWith('--sample-ms='))?.slice(12) ?? 200);
const only = args.find((a) => a.startsWith('--only='))?.slice(7);
async function backend(name: string): Promise<void> {
  gc?.();
  await tf.setBackend(name);
}
const rounds = Number(args.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 3);

/** @dl/norm: the layer in training mode, forward and backward. */
function dl(c: Case, x: Float32Array, up: Float32Array): () => void {
  const layer =
    c.kind === 'layer'
      ? new LayerNorm(c.shape.at(-1)!)
      : c.shape.length === 4
        ? new BatchNorm2d(c.shape[1]!)
        : new BatchNorm1d(c.shape[1]!);
  const upstream = fromData({ shape: c.shape, data: up });
  return () => {
    const input = fromData({ shape: c.shape, data: x }).setRequiresGrad();
    layer.zeroGrad();
    sum(mul(layer.forward(input), upstream)).backward();
    void input.grad!.data[0];
  };
}

/** tfjs: channels-last shape and the axes its statistics reduce over. */
function tfLayout(c: Case): { shape: number[]; axes: number[] } {
  if (c.kind === 'layer') return { shape: c.shape, axes: [c.shape.length - 1] };
  if (c.shape.length === 4) {
    const [n, ch, h, w] = c.shape as [number, number, number, number];
    return { shape: [n, h, w, ch], axes: [0, 1, 2] };
  }
  return { shape: c.shape, axes: [0] };
}

function tfjs(c: Case, x: Float32Array, up: Float32Array): { run: () => void; dispose: () => void } {
  const { shape, axes } = tfLayout(c);
  const features = shape.at(-1)!;
  const xt = tf.tensor(x, shape);
  const upt = tf.tensor(up, shape);
  const gamma = tf.ones([features]);
  const beta = tf.zeros([features]);
  const f = tf.grads((a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
    const { mean, variance } = tf.moments(a, axes, c.kind === 'layer');
    const y =
      c.kind === 'batch'
        ? tf.batchNorm(a, mean, variance, b, g, 1e-5)
        : tf.add(tf.mul(tf.mul(tf.sub(a, mean), tf.rsqrt(tf.add(variance, 1e-5))), g), b);
    return tf.sum(tf.mul(y, upt));
  });
  return {
    run: () => {
      const gs = f([xt, gamma, beta]);
      gs[0]!.dataSync();
      gs[1]!.dataSync();
      for (const g of gs) g.dispose();
    },
    dispose: () => {
      for (const t of [xt, upt, gamma, beta]) t.dispose();
    },
  };
}

function jaxRunner(c: Case, x: Float32Array, up: Float32Array): { run: () => void; dispose: () => void } {
  const np = jax.numpy;
  const features = c.kind === 'layer' ? c.shape.at(-1)! : c.shape[1]!;
  const axes = c.kind === 'layer' ? [c.shape.length - 1] : c.shape.map((_, i) => i).filter((i) => i !== 1);
  const pshape = c.kind === 'layer' ? [features] : c.shape.map((d, i) => (i === 1 ? d : 1));
  const xa = np.array(x).reshape(c.shape);
  const upa = np.array(up).reshape(c.shape);
  const g = np.ones(pshape);
  const b = np.zeros(pshape);
  const loss = (ps: JaxArray[], a: JaxArray, u: JaxArray): JaxArray => {
    const mu = np.mean(a.ref, axes, { keepdims: true });
    const centred = np.subtract(a, mu);
    const v = np.mean(np.multiply(centred.ref, centred.ref), axes, { keepdims: true });
    const y = np.add(
      np.multiply(np.multiply(centred, np.reciprocal(np.sqrt(np.add(v, 1e-5)))), ps[0]!),
      ps[1]!,
    );
    return np.sum(np.multiply(y, u));
  };
  const vg = jax.jit(jax.grad((args: JaxArray[]) => loss([args[1]!, args[2]!], args[0]!, upa.ref)));
  return {
    run: () => {
      const grads = vg([xa.ref, g.ref, b.ref]) as unknown as JaxArray[];
      for (const gr of grads) gr.dataSync();
    },
    dispose: () => {
      for (const t of [xa, upa, g, b]) t.dispose();
    },
  };
}

async function main(): Promise<void> {
  for (const b of ['cpu', 'wasm']) {
    if (!(await tf.setBackend(b))) throw new Error(`could not start the TensorFlow.js ${b} backend`);
    await tf.ready();
  }
  if (useJax) {
    await jax.init('wasm');
    jax.defaultDevice('wasm');
  }
  console.log(`# @dl/norm benchmark, ${new Date().toISOString()}`);
  console.log(`- CPU: ${os.cpus()[0]?.model} (${os.cpus().length} logical), Node ${process.version}`);
  console.log(
    `- load average at start: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', ');
  // Per case: `rounds` interleaved measurements (each one alternates the contenders sample by sample); the table
  // gives the medians over rounds of the median wall-clock and process-CPU times, and the range of the per-round
  // ratios.
  const rows: string[] = [];
  const median = (v: number[]) => [...v].sort((p, q) => p - q)[Math.floor((v.length - 1) / 2)]!;
  for (const c of cases.filter((k) => only === undefined || k.name.startsWith(only))) {
    const n = c.shape.reduce((a, d) => a * d, 1);
    const x = randomData(n, 1);
    const up = randomData(n, 2);
    const t = tfjs(c, x, up);
    const j = useJax ? jaxRunner(c, x, up) : undefined;
    // Samples of at least 200 ms: each contender pays for its own garbage in its own samples rather than for the
    // one before it (with 20 ms samples a 30 ms call would run once per sample, after another library's
    // allocations). `--gc` (with node --expose-gc) adds a full collection before every sample instead; it slows
    // tfjs-wasm down (up to 3x on layerNorm (64, 512)), so it is off by default.
    const contenders = [
      { run: dl(c, x, up), enter: async () => gc?.() },
      { run: t.run, enter: () => backend('cpu') },
      { run: t.run, enter: () => backend('wasm') },
      ...(j ? [{ run: j.run, enter: async () => gc?.() }] : []),
    ];
    const perRound: Timing[][] = [];
    for (let k = 0; k < rounds; k++) {
      perRound.push(await measureInterleaved(contenders, { budgetMs: 1000, sampleMs }));
      console.error(`${c.name}: round ${k + 1}/${rounds} done (load ${load()})`);
    }
    t.dispose();
    j?.dispose();
    const wall = (i: number) =>
      i < contenders.length ? median(perRound.map((r) => r[i]!.wallMs)) : undefined;
    const cpuT = (i: number) =>
      i < contenders.length ? median(perRound.map((r) => r[i]!.cpuMs)) : undefined;
    const ratio = (i: number, key: 'wallMs' | 'cpuMs') => {
      if (i >= contenders.length) return 'n/a';
      const rs = perRound.map((r) => r[i]![key] / r[0]![key]);
      const m = median(rs);
      return `${m.toFixed(2)}x (${Math.min(...rs).toFixed(2)}–${Math.max(...rs).toFixed(2)})`;
    };
    const ms = (v: number | undefined, w: number | undefined) =>
      v === undefined || w === undefined ? 'n/a' : `${fmtMs(v)} / ${fmtMs(w)}`;
    rows.push(
      `| ${c.name} | ${ms(wall(0), cpuT(0))} | ${ms(wall(1), cpuT(1))} | ${ms(wall(2), cpuT(2))} | ${ms(wall(3), cpuT(3))} | ${ratio(2, 'wallMs')} | ${ratio(2, 'cpuMs')} | ${ratio(3, 'wallMs')} | ${ratio(3, 'cpuMs')} | ${(wall(1)! / wall(0)!).toFixed(1)}x |`,
    );
    console.error(rows.at(-1));
  }
  console.log(`- load average at end: ${load()}`);
  console.log(
    `- ${rounds} interleaved rounds per case, samples of ${sampleMs} ms; times: median wall / median process CPU per call; ${gc ? 'a full GC before every sample' : 'no GC between samples'}`,
  );
  console.log('');
  console.log(
    '| case (forward + backward) | @dl ms | tfjs-cpu ms | tfjs-wasm ms | jax-js ms | tfjs-wasm / @dl (wall) | tfjs-wasm / @dl (CPU) | jax-js / @dl (wall) | jax-js / @dl (CPU) | tfjs-cpu / @dl (wall) |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
}

await main();
