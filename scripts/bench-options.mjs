#!/usr/bin/env node
// Interleaved micro-benchmark of tiny @dl/tensor ops: the working tree against a git ref (default: the commit
// before strict options landed), both bundled with esbuild, timed alternately in one process (median of 15
// rounds of 20k calls). Usage: node scripts/bench-options.mjs [before-ref] [after-ref (default: the working tree)].
// `node scripts/bench-options.mjs --arity`: the working tree without and with the extra-argument checks
// (scripts/strict-arity.mjs), everything else equal. `--arity=REF`: the working tree's sources with REF's
// transform and @dl/internal against the current ones (e.g. `--arity=5698b14`, the check before it went out of
// line). V8 flags go before the script: `node --max-inlined-bytecode-size-cumulative=3000 scripts/…`.
// Writes nothing outside .tmp/.
import { execSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { strictArityEsbuild } from './strict-arity.mjs';

const arity = process.argv[2]?.startsWith('--arity');
const arityRef = process.argv[2]?.startsWith('--arity=')
  ? process.argv[2].slice('--arity='.length)
  : undefined;
const ref = arity ? undefined : (process.argv[2] ?? '111bc9fb3ba41af92a42fa1fc9b01661bca285be');
const after = arity ? undefined : process.argv[3];
const tmp = '.tmp/bench-options';
rmSync(tmp, { recursive: true, force: true });
mkdirSync(`${tmp}/base`, { recursive: true });
mkdirSync(`${tmp}/after`, { recursive: true });
if (ref) execSync(`git archive ${ref} packages/tensor/src packages/internal/src | tar -x -C ${tmp}/base`);
let oldPlugins = [];
if (arityRef) {
  // REF's transform on a copy of the working tree's tensor sources (the transform reads the package's manifest)
  execSync(`git archive ${arityRef} scripts/strict-arity.mjs packages/internal/src | tar -x -C ${tmp}/base`);
  mkdirSync(`${tmp}/base/packages/tensor`, { recursive: true });
  execSync(`cp -r packages/tensor/src packages/tensor/package.json ${tmp}/base/packages/tensor/`);
  const { strictArityEsbuild: refPlugin } = await import(resolve(`${tmp}/base/scripts/strict-arity.mjs`));
  oldPlugins = [refPlugin()];
}
const common = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  conditions: ['@dl/source'],
  logLevel: 'error',
};
const base = ref || arityRef;
await build({
  ...common,
  alias: base ? { '@dl/internal': `./${tmp}/base/packages/internal/src/index.ts` } : {},
  entryPoints: [base ? `${tmp}/base/packages/tensor/src/index.ts` : 'packages/tensor/src/index.ts'],
  outfile: `${tmp}/old.mjs`,
  plugins: oldPlugins,
});
if (after)
  execSync(`git archive ${after} packages/tensor/src packages/internal/src | tar -x -C ${tmp}/after`);
await build({
  ...common,
  alias: after ? { '@dl/internal': `./${tmp}/after/packages/internal/src/index.ts` } : {},
  entryPoints: [after ? `${tmp}/after/packages/tensor/src/index.ts` : 'packages/tensor/src/index.ts'],
  outfile: `${tmp}/new.mjs`,
  plugins: arity ? [strictArityEsbuild()] : [],
});
const A = await import(`../${tmp}/old.mjs`);
const B = await import(`../${tmp}/new.mjs`);
const cases = [
  ['sum(x) [8]', (m, x) => m.sum(x), (m) => m.tensor([1, 2, 3, 4, 5, 6, 7, 8])],
  ['sum(x, { axis: 1 }) [4, 8]', (m, x) => m.sum(x, { axis: 1 }), (m) => m.ones([4, 8])],
  [
    'mean(x, { axis: -1, keepDims: true }) [4, 8]',
    (m, x) => m.mean(x, { axis: -1, keepDims: true }),
    (m) => m.ones([4, 8]),
  ],
  ['softmax(x) [4, 8]', (m, x) => m.softmax(x), (m) => m.ones([4, 8])],
  [
    'leakyRelu(x, { negativeSlope: 0.2 }) [64]',
    (m, x) => m.leakyRelu(x, { negativeSlope: 0.2 }),
    (m) => m.ones([64]),
  ],
  ['add(x, x) [64]', (m, x) => m.add(x, x), (m) => m.ones([64])],
  ['mul(x, 2) [64]', (m, x) => m.mul(x, 2), (m) => m.ones([64])],
  ['relu(x) [64]', (m, x) => m.relu(x), (m) => m.ones([64])],
  [
    'tensor([[1, 2], [3, 4]])',
    (m) =>
      m.tensor([
        [1, 2],
        [3, 4],
      ]),
    () => null,
  ],
  ['zeros([16])', (m) => m.zeros([16]), () => null],
];
const time = (m, f, x, n) => {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) f(m, x);
  return Number(process.hrtime.bigint() - t0) / n;
};
const med = (a) => a.slice().sort((p, q) => p - q)[a.length >> 1];
console.log('| op (tiny tensors) | before ns/op | after ns/op | after / before |');
console.log('| --- | ---: | ---: | ---: |');
for (const [name, f, mk] of cases) {
  const xa = mk(A);
  const xb = mk(B);
  for (let w = 0; w < 3; w++) {
    time(A, f, xa, 20000);
    time(B, f, xb, 20000);
  }
  const ta = [];
  const tb = [];
  for (let r = 0; r < 15; r++) {
    ta.push(time(A, f, xa, 20000));
    tb.push(time(B, f, xb, 20000));
  }
  const a = med(ta);
  const b = med(tb);
  console.log(`| \`${name}\` | ${a.toFixed(0)} | ${b.toFixed(0)} | ${(b / a).toFixed(2)} |`);
}
