#!/usr/bin/env node
// Float32 matmul of two checkouts of @dl/tensor in ONE process, samples interleaved (A, B, A, B, ...): a
// load-tolerant A/B of kernel changes. Each side is bundled from its own sources (packages/tensor/src and
// packages/internal/src), so the other checkout needs no build, only its files: a worktree, or
//   git archive <commit> packages/tensor/src packages/internal/src | tar -x -C /tmp/base
// Before timing, every product is checked bit for bit between the two sides (a kernel change must not move a value).
//
//   cd packages/tensor && node bench/matmulAB.mjs <other checkout> [--rounds 9] [--sizes 256,512,1024,digits]
//     [--threads 1]
//
// Prints, per product: the median and the fastest of `rounds` samples per side (process CPU time per call, which
// the other processes of a shared machine disturb less than wall time; wall time when --threads > 1, since CPU time
// adds the threads up), GFLOP/s, and the ratio other / this (> 1: this checkout is faster), median over rounds of
// the ratio within each round. Every result is disposed, as a training loop does.
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const usage =
  'usage: node bench/matmulAB.mjs <other checkout> [--rounds 9] [--sizes 256,512,1024,digits] [--threads 1]';
let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      rounds: { type: 'string', default: '9' },
      sizes: { type: 'string', default: '64,256,512,1024,digits' },
      threads: { type: 'string', default: '1' },
    },
  });
} catch (error) {
  console.error(`matmulAB: ${error.message}\n${usage}`);
  process.exit(2);
}
const { values, positionals } = parsed;
const rounds = Number(values.rounds);
const threads = Number(values.threads);
if (
  positionals.length !== 1 ||
  !(Number.isInteger(rounds) && rounds > 0) ||
  !(Number.isInteger(threads) && threads > 0)
) {
  console.error(`matmulAB: give one other checkout and positive integer --rounds / --threads\n${usage}`);
  process.exit(2);
}
const here = fileURLToPath(new URL('../', import.meta.url)); // packages/tensor of this checkout
const roots = { other: resolve(positionals[0]), this: resolve(here, '../..') };

const sides = {};
for (const [side, root] of Object.entries(roots)) {
  const src = `${root}/packages/tensor/src`;
  const outfile = resolve(here, `.tmp/matmulAB-${side}.mjs`);
  await build({
    stdin: {
      contents: `export * from ${JSON.stringify(`${src}/index.ts`)}; export { batchedMatmul } from ${JSON.stringify(`${src}/ops/matmul.ts`)};`,
      resolveDir: src,
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    alias: { '@dl/internal': `${root}/packages/internal/src/index.ts` },
    nodePaths: [resolve(here, 'node_modules')],
    logLevel: 'warning',
  });
  sides[side] = await import(`${outfile}?${side}`);
}

/** Deterministic data in [-1, 1). */
function data(n, seed) {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

// [label, M, K, N, transA, transB]: squares, and the digits MLP's products (64-128-64-10, batch 64) as linear and
// its backward run them
const digits = [
  ['digits fwd 1', 64, 64, 128, false, true],
  ['digits fwd 2', 64, 128, 64, false, true],
  ['digits fwd 3', 64, 64, 10, false, true],
  ['digits dW1', 128, 64, 64, true, false],
  ['digits dX2', 64, 64, 128, false, false],
  ['digits dW3', 10, 64, 64, true, false],
];
const cases = values.sizes
  .split(',')
  .flatMap((s) =>
    s === 'digits' ? digits : [[`matmul ${s}`, Number(s), Number(s), Number(s), false, false]],
  );

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const clock = threads > 1 ? () => performance.now() : cpuNow;
const median = (xs) => {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (ms) => (ms < 0.1 ? ms.toFixed(4) : ms < 10 ? ms.toFixed(3) : ms.toFixed(1));

if (threads > 1) {
  for (const T of Object.values(sides)) {
    T.setNumThreads(threads);
    await new Promise((r) => setTimeout(r, 500)); // workers instantiate the module
  }
}
// warm-up: both sides' kernels reach their optimized tier before the first timed case
for (const T of Object.values(sides)) {
  const w = T.tensor(data(256 * 256, 3), { shape: [256, 256] });
  const t0 = performance.now();
  while (performance.now() - t0 < 300) T.matmul(w, w).dispose();
}
console.log(
  `matmul A/B, ${new Date().toISOString()}, node ${process.version}, threads ${threads}, load ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
console.log(`other: ${roots.other}\nthis:  ${roots.this}\n`);
console.log(
  `| product | other ms (min) | this ms (min) | other GFLOP/s | this GFLOP/s | other / this (${threads > 1 ? 'wall' : 'CPU'}) |`,
);
console.log('|---|--:|--:|--:|--:|--:|');
for (const [label, M, K, N, ta, tb] of cases) {
  const A = data(M * K, 1);
  const B = data(K * N, 2);
  const run = {};
  let ref;
  for (const [side, T] of Object.entries(sides)) {
    const a = T.tensor(A, { shape: ta ? [K, M] : [M, K] });
    const b = T.tensor(B, { shape: tb ? [N, K] : [K, N] });
    const once = () => T.batchedMatmul(a, b, ta, tb).dispose();
    const y = T.batchedMatmul(a, b, ta, tb);
    const v = y.data.slice();
    y.dispose();
    if (ref === undefined) ref = v;
    else
      for (let i = 0; i < v.length; i++)
        if (!Object.is(v[i], ref[i]))
          throw new Error(`${label}: element ${i} differs (${ref[i]} vs ${v[i]})`);
    for (let w = 0; w < 3; w++) once();
    // calls per sample: about 30 ms
    const t0 = performance.now();
    once();
    const reps = Math.max(1, Math.round(30 / Math.max(performance.now() - t0, 1e-3)));
    run[side] = { once, reps, ms: [] };
  }
  const ratios = [];
  for (let r = 0; r < rounds; r++) {
    const got = {};
    for (const side of Object.keys(sides)) {
      const { once, reps, ms } = run[side];
      const t0 = clock();
      for (let q = 0; q < reps; q++) once();
      got[side] = (clock() - t0) / reps;
      ms.push(got[side]);
    }
    ratios.push(got.other / got.this);
  }
  const gf = (ms) => ((2 * M * K * N) / (ms * 1e6)).toFixed(1);
  const o = run.other.ms;
  const t = run.this.ms;
  console.log(
    `| ${label} ${ta ? `${K}x${M}ᵀ` : `${M}x${K}`} · ${tb ? `${N}x${K}ᵀ` : `${K}x${N}`} | ${fmt(median(o))} (${fmt(Math.min(...o))}) | ${fmt(median(t))} (${fmt(Math.min(...t))}) | ${gf(median(o))} | ${gf(median(t))} | ${median(ratios).toFixed(3)}x |`,
  );
}
console.log(
  `\nload after: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
if (threads > 1) for (const T of Object.values(sides)) T.setNumThreads(1);
