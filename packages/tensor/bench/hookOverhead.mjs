// Interleaved A/B timing of the CPU path of two copies of @dl/tensor's sources in one process: the cost of the
// device hook (issue 13). Usage (from packages/tensor):
//   git archive <base-commit> packages/tensor/src packages/internal/src | tar -x -C /tmp/base
//   node bench/hookOverhead.mjs /tmp/base/packages/tensor/src src [rounds]
// Prints per-case median process CPU time per call of each copy and the ratio B/A.
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';

const [aDir, bDir, roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg ?? 15);
mkdirSync('.tmp', { recursive: true });
// each copy with the @dl/internal of its own tree when there is one (git archive of packages/internal/src too)
const internalFor = (dir) => {
  const own = resolve(dir, '../../internal/src/index.ts');
  return existsSync(own) ? own : resolve('../internal/src/index.ts');
};
const bundle = async (dir, out) => {
  const internal = internalFor(dir);
  await build({
    stdin: { contents: `export * from ${JSON.stringify(resolve(dir, 'index.ts'))};`, resolveDir: '.' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: out,
    alias: { '@dl/internal': internal },
    logLevel: 'warning',
  });
  return import(resolve(out));
};
const A = await bundle(aDir, '.tmp/hook-a.mjs');
const B = await bundle(bDir, '.tmp/hook-b.mjs');

const rand = (n, seed) => Float32Array.from({ length: n }, (_, i) => Math.sin(seed * 9.1 + i * 0.37));
function cases(T) {
  const t = (n, shape, seed) => T.tensor(rand(n, seed), { shape });
  const big = t(1 << 20, [1 << 20], 1);
  const big2 = t(1 << 20, [1 << 20], 2);
  const small = t(64, [8, 8], 3);
  const small2 = t(64, [8, 8], 4);
  const m = t(128 * 128, [128, 128], 5);
  const rows = t(256 * 1000, [256, 1000], 6);
  const x = t(64 * 64, [64, 64], 7);
  const w1 = t(128 * 64, [128, 64], 8).setRequiresGrad();
  const b1 = t(128, [128], 9).setRequiresGrad();
  const w2 = t(10 * 128, [10, 128], 10).setRequiresGrad();
  const labels = T.tensor(
    Int32Array.from({ length: 64 }, (_, i) => i % 10),
    { dtype: 'int32' },
  );
  return {
    'add 1M': [() => T.add(big, big2), 10],
    'relu 1M': [() => T.relu(big), 10],
    'add 8x8': [() => T.add(small, small2), 20000],
    'mul 8x8 by scalar': [() => T.mul(small, 2), 20000],
    'exp 8x8': [() => T.exp(small), 20000],
    'reshape+sum 8x8': [() => T.sum(T.reshape(small, [64])), 20000],
    'matmul 128': [() => T.matmul(m, m), 20],
    'softmax 256x1000': [() => T.softmax(rows, -1), 10],
    'MLP 64-128-10 fwd+bwd': [
      () => {
        const h = T.relu(T.linear(x, w1, b1));
        const loss = T.softmaxCrossEntropy(T.linear(h, w2), labels);
        loss.backward();
        w1.zeroGrad();
        b1.zeroGrad();
        w2.zeroGrad();
      },
      200,
    ],
  };
}
const ca = cases(A);
const cb = cases(B);
const time = (f, reps) => {
  const s = process.cpuUsage();
  for (let i = 0; i < reps; i++) f();
  const e = process.cpuUsage(s);
  return ((e.user + e.system) * 1e3) / reps; // ns per call
};
const med = (v) => v.slice().sort((p, q) => p - q)[Math.floor(v.length / 2)];
console.log(
  `uptime: ${(await import('node:os'))
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}; rounds ${rounds}`,
);
console.log('| case | A (base) ns/call | B (hook) ns/call | B/A |\n| --- | ---: | ---: | ---: |');
for (const name of Object.keys(ca)) {
  const [fa, reps] = ca[name];
  const [fb] = cb[name];
  time(fa, reps);
  time(fb, reps);
  const ta = [];
  const tb = [];
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      ta.push(time(fa, reps));
      tb.push(time(fb, reps));
    } else {
      tb.push(time(fb, reps));
      ta.push(time(fa, reps));
    }
  }
  const a = med(ta);
  const b = med(tb);
  console.log(`| ${name} | ${a.toFixed(0)} | ${b.toFixed(0)} | ${(b / a).toFixed(3)} |`);
}
