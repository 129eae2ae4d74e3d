#!/usr/bin/env node
// `pnpm bench:digits` at the root: the main job by @dl (this package) and by PyTorch 1.13 (one thread and default
// threads, when /usr/bin/python3 has torch; the reference script in ../shared/reference, run as it is), one after
// the other in one run, with ratios. TensorFlow.js's reference script needs tfjs installed beside it, which this
// script does not do: its figures come from shared/reference/README.md (not the same run).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const data = here('../../data/digits/digits.csv.gz');
const reference = here('../../../shared/reference/');
const rows = [];
const run = (cmd, args, env = {}) => {
  const t0 = performance.now();
  const out = execFileSync(cmd, args, {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 1 << 28,
  });
  return { out, wall: (performance.now() - t0) / 1000 };
};

const ours = run(process.execPath, [here('main.mjs'), '--json', '--out', here('../../.tmp/digits-bench')]);
const r = JSON.parse(ours.out);
rows.push({ system: '@dl (wasm kernels)', accuracy: r.mean.accuracy, folds: r.seconds, process: ours.wall });

if (existsSync(`${reference}digits_pytorch.py`) && existsSync('/usr/bin/python3')) {
  for (const [label, env] of [
    ['PyTorch 1.13, 1 thread (OPENBLAS_NUM_THREADS=1)', { OPENBLAS_NUM_THREADS: '1' }],
    ['PyTorch 1.13, default threads', {}],
  ]) {
    try {
      const p = run('/usr/bin/python3', [`${reference}digits_pytorch.py`, data], env);
      const m = /torch\s+acc mean ([\d.]+).*time ([\d.]+)s/.exec(p.out);
      if (m) rows.push({ system: label, accuracy: Number(m[1]), folds: Number(m[2]), process: null });
    } catch (e) {
      console.error(`${label}: not run (${e.message.split('\n')[0]})`);
    }
  }
}
const base = rows[0].folds;
console.log(
  `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${new Date().toISOString().slice(0, 10)}, load ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}`,
);
console.log(
  '| system | mean accuracy | 5 folds (s) | @dl time / this | whole process (s) |\n| --- | --- | --- | --- | --- |',
);
for (const row of rows) {
  console.log(
    `| ${row.system} | ${row.accuracy.toFixed(4)} | ${row.folds.toFixed(2)} | ${(base / row.folds).toFixed(2)} | ${row.process === null ? '–' : row.process.toFixed(2)} |`,
  );
}
