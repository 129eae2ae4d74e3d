#!/usr/bin/env node
// The autograd core's per-op overhead against an older commit: a chain of 18 tiny ops on [4, 8] and its backward,
// with this tree's @dl/tensor sources and those of <commit> (git archive), each bundled by esbuild and loaded in
// one process, in 9 alternating rounds; prints the medians of process CPU time per step.
//   node packages/tensor/bench/overhead.mjs [commit = 6f35a6a, before the buffer pool]   (from the repository root)
import { execSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const commit = process.argv[2] ?? '6f35a6a';
const root = resolve(new URL('../../..', import.meta.url).pathname);
const dir = mkdtempSync(join(tmpdir(), 'dl-overhead-'));
execSync(`git archive ${commit} packages/tensor/src | tar -x -C ${dir}`, { cwd: root });
const alias = { '@dl/internal': join(root, 'packages/internal/src/index.ts') };
const sources = {
  before: join(dir, 'packages/tensor/src/index.ts'),
  after: join(root, 'packages/tensor/src/index.ts'),
};
const T = {};
for (const [k, src] of Object.entries(sources)) {
  const outfile = join(dir, `${k}.mjs`);
  await build({
    entryPoints: [src],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outfile,
    alias,
    logLevel: 'error',
  });
  T[k] = await import(outfile);
}
const step = (t, x, w) => {
  let h = t.mul(x, w);
  for (let i = 0; i < 8; i++) h = t.tanh(t.add(h, w));
  x.grad = null;
  w.grad = null;
  t.sum(t.mul(h, h)).backward();
};
const leaf = (t, v) => t.tensor(new Float32Array(32).fill(v), { shape: [4, 8], requiresGrad: true });
const args = Object.fromEntries(Object.entries(T).map(([k, t]) => [k, [t, leaf(t, 0.1), leaf(t, 0.2)]]));
const res = { before: [], after: [] };
for (let r = 0; r < 9; r++) {
  for (const k of ['before', 'after']) {
    const [t, x, w] = args[k];
    for (let i = 0; i < 500; i++) step(t, x, w);
    const c0 = process.cpuUsage();
    for (let i = 0; i < 5000; i++) step(t, x, w);
    const c = process.cpuUsage(c0);
    res[k].push((c.user + c.system) / 5000);
  }
}
const med = (a) => [...a].sort((p, q) => p - q)[a.length >> 1];
console.log(
  `tiny chain (18 ops on [4, 8] + backward), CPU µs per step: ${commit} ${med(res.before).toFixed(1)}, this tree ${med(res.after).toFixed(1)}: ${(med(res.after) / med(res.before)).toFixed(3)}x`,
);
