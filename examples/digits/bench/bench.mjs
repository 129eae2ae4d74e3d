#!/usr/bin/env node
// `pnpm bench:digits` at the root: the main job by @dl, by TensorFlow.js 4.22 layers (cpu and wasm backends) and by
// PyTorch 1.13 (one thread, and its default threads), interleaved in rounds in one run, with ratios. The peers run
// the reference scripts of shared/reference as they are (never copied here): TensorFlow.js through a resolve hook
// that finds @tensorflow/* in this package's devDependencies, PyTorch when /usr/bin/python3 has torch.
//   node examples/digits/bench/bench.mjs [--rounds 3] [--skip tfjs-cpu,js,threads,no-hessian,tfjs-wasm,torch-1,torch]
//     [--reference <dir>]
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const usage =
  'usage: node examples/digits/bench/bench.mjs [--rounds 3] [--skip tfjs-cpu,js,threads,no-hessian,tfjs-wasm,torch-1,torch] [--reference <dir>]';
let opts;
try {
  // `pnpm run bench:digits -- --rounds 3` passes the `--` through: drop it
  const args = process.argv.slice(2);
  ({ values: opts } = parseArgs({
    args: args[0] === '--' ? args.slice(1) : args,
    options: {
      rounds: { type: 'string', default: '1' },
      skip: { type: 'string', default: '' },
      reference: { type: 'string' },
    },
  }));
} catch (error) {
  console.error(`bench:digits: ${error.message}\n${usage}`);
  process.exit(2);
}
const rounds = Number(opts.rounds);
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error(`bench:digits: --rounds must be a positive integer, got '${opts.rounds}'\n${usage}`);
  process.exit(2);
}
const skip = new Set(opts.skip.split(',').filter(Boolean));
const data = here('../../../data/digits/digits.csv.gz');
// shared/reference sits beside the repository (../shared) or beside the folder of worktrees (../../shared)
const reference = [
  opts.reference,
  here('../../../../shared/reference'),
  here('../../../../../shared/reference'),
]
  .filter(Boolean)
  .find((dir) => existsSync(`${dir}/digits_tfjs.mjs`));
const python = '/usr/bin/python3';

/**
 * Runs a command; resolves with its stdout, the seconds from spawn to exit and the seconds from spawn to the first
 * stdout line matching `until` (the process is then killed: what follows is not the job being timed).
 */
function run(cmd, args, { env = {}, until } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let matched = null;
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (until && matched === null && until.test(out)) {
        matched = (performance.now() - t0) / 1000;
        child.kill();
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const wall = (performance.now() - t0) / 1000;
      if (code !== 0 && matched === null) reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`));
      else resolve({ out, wall: matched ?? wall });
    });
  });
}

const tfjsLine = /acc mean ([\d.]+).*time s ([\d.]+)/;
const torchLine = /torch\s+acc mean ([\d.]+).*time ([\d.]+)s/;
// the reference script calls torch.set_num_threads(1): for the default-threads row, that call is made a no-op
const defaultThreads = (script) =>
  `import runpy, sys, torch; torch.set_num_threads = lambda n: None; sys.argv = [${JSON.stringify(script)}, ${JSON.stringify(data)}]; runpy.run_path(sys.argv[0], run_name='__main__')`;

const ours =
  (backend, hessianBatch = 256, threads = 1) =>
  async () => {
    const { out, wall } = await run(process.execPath, [
      here('../main.mjs'),
      '--json',
      '--backend',
      backend,
      '--hessian-batch',
      String(hessianBatch),
      '--threads',
      String(threads),
      '--out',
      here('../../../.tmp/digits-bench'),
    ]);
    const r = JSON.parse(out);
    const hessian = r.folds.reduce((s, f) => s + (f.hessian?.seconds ?? 0), 0);
    return { accuracy: r.mean.accuracy, folds: r.seconds - hessian, withHessian: r.seconds, process: wall };
  };
const tfjs = (backend) => async () => {
  const { out, wall } = await run(process.execPath, [
    '--import',
    here('tfjs-resolve.mjs'),
    `${reference}/digits_tfjs.mjs`,
    backend,
    data,
  ]);
  const m = tfjsLine.exec(out);
  return { accuracy: Number(m[1]), folds: Number(m[2]), process: wall };
};
const torch = (threads) => async () => {
  const script = `${reference}/digits_pytorch.py`;
  const { out, wall } =
    threads === 1
      ? await run(python, [script, data], {
          env: { OPENBLAS_NUM_THREADS: '1', PYTHONUNBUFFERED: '1' },
          until: torchLine,
        })
      : await run(python, ['-c', defaultThreads(script)], {
          env: { PYTHONUNBUFFERED: '1' },
          until: torchLine,
        });
  const m = torchLine.exec(out);
  return { accuracy: Number(m[1]), folds: Number(m[2]), process: wall };
};

const hasTorch = async () => {
  try {
    await run(python, ['-c', 'import torch, sklearn']);
    return true;
  } catch {
    return false;
  }
};
const systems = [
  { key: 'wasm', name: '@dl, wasm kernels (the default)', run: ours('wasm') },
  {
    key: 'no-hessian',
    name: '@dl, wasm kernels, no Hessian check (`--hessian-batch 0`)',
    run: ours('wasm', 0),
  },
  { key: 'threads', name: '@dl, wasm kernels, 2 threads (`--threads 2`)', run: ours('wasm', 256, 2) },
  { key: 'js', name: '@dl, js kernels', run: ours('js') },
];
if (reference) {
  systems.push({ key: 'tfjs-wasm', name: 'TensorFlow.js 4.22 layers, wasm', run: tfjs('wasm') });
  // about 50x our time: once, whatever the rounds
  systems.push({ key: 'tfjs-cpu', name: 'TensorFlow.js 4.22 layers, cpu', run: tfjs('cpu'), once: true });
  if (await hasTorch()) {
    systems.push({
      key: 'torch-1',
      name: 'PyTorch 1.13, 1 thread (+ OPENBLAS_NUM_THREADS=1)',
      run: torch(1),
    });
    systems.push({ key: 'torch', name: 'PyTorch 1.13, default threads', run: torch(0) });
  } else
    console.error(
      `PyTorch not run: ${python} has no torch (apt-get install -y python3-torch python3-sklearn)`,
    );
} else
  console.error('TensorFlow.js and PyTorch not run: shared/reference not found (pass --reference <dir>)');

const active = systems.filter((s) => !skip.has(s.key));
for (const s of active) s.results = [];
for (let round = 0; round < rounds; round++) {
  for (const s of active) {
    if (s.once && round > 0) continue;
    s.results.push(await s.run());
    console.error(`round ${round + 1}/${rounds}: ${s.name} done`);
  }
}
const median = (xs) => xs.toSorted((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const [base] = active;
for (const s of active) {
  for (const k of ['accuracy', 'folds', 'withHessian', 'process']) {
    const xs = s.results.map((r) => r[k]).filter((v) => v !== undefined);
    s[k] = xs.length ? median(xs) : undefined;
    s[`${k}Range`] = xs.length > 1 ? [Math.min(...xs), Math.max(...xs)] : null;
  }
  // ratios within each round (the same load for both), then their median
  s.foldsRatio = median(s.results.map((r, i) => base.results[i].folds / r.folds));
  s.processRatio = median(s.results.map((r, i) => base.results[i].process / r.process));
}

const f2 = (x) => (x === undefined ? '–' : x.toFixed(2));
const cell = (s, k) =>
  `${f2(s[k])}${s[`${k}Range`] ? ` (${f2(s[`${k}Range`][0])}-${f2(s[`${k}Range`][1])})` : ''}`;
console.log(
  `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${new Date().toISOString()}, node ${process.version}, ` +
    `load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}; medians (min-max) of ${rounds} ` +
    'interleaved round(s); ratios: @dl time / this time within a round, median over rounds\n',
);
console.log(
  '| system | mean accuracy | 5 folds, training (s) | @dl / this | whole process (s) | @dl / this |\n| --- | --- | --- | --- | --- | --- |',
);
for (const s of active) {
  const hessian = s.withHessian > s.folds ? `; ${f2(s.withHessian)} with the Hessian checks` : '';
  console.log(
    `| ${s.name} | ${s.accuracy.toFixed(4)} | ${cell(s, 'folds')}${hessian} | ${f2(s.foldsRatio)} | ${cell(s, 'process')} | ${f2(s.processRatio)} |`,
  );
}
for (const key of ['torch-1', 'torch']) {
  const t = active.find((s) => s.key === key);
  if (!t || base.key !== 'wasm') continue;
  const folds = t.foldsRatio;
  const proc = t.processRatio;
  const lean = active.find((s) => s.key === 'no-hessian');
  console.log(
    `\ngoal vs ${t.name}: 5 folds ${folds.toFixed(2)}x (goal <= 0.5x: ${folds <= 0.5 ? 'met' : 'not met'}` +
      // issue 15 (CPU speed) asks 0.7x of PyTorch's default-thread time; issue 16 (the main job) 0.5x of both
      (key === 'torch' ? `; issue 15's <= 0.7x: ${folds <= 0.7 ? 'met' : 'not met'}` : '') +
      '); ' +
      `whole process ${proc.toFixed(2)}x (goal <= 1x: ${proc <= 1 ? 'met' : 'not met'})` +
      (lean
        ? `; without the Hessian checks ${median(t.results.map((r, i) => lean.results[i].process / r.process)).toFixed(2)}x`
        : ''),
  );
}
