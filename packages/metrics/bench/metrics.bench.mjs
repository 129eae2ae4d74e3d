// Benchmark: @dl/metrics against scikit-learn 1.2 on 1M predictions (rocAucScore, averagePrecisionScore, a
// 10-class confusion matrix + macro F1). Interleaved rounds in one run: each round times @dl/metrics in this
// process, then scikit-learn in a Python subprocess (python3-sklearn) on the same data, so both see the same
// machine load. Writes docs/benchmarks/metrics.md.
//
//   pnpm --filter @dl/metrics bench         (builds first; needs /usr/bin/python3 with scikit-learn for the peer)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { averagePrecisionScore, confusionMatrix, f1Score, rocAucScore } from '../dist/index.js';

const N = 1_000_000;
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const REPS = 3;
const python = process.env.PYTHON ?? '/usr/bin/python3';

// seeded data (mulberry32): binary labels (30% positive) with overlapping scores rounded to 1e-4 (many ties, as
// real probabilities have), and 10-class labels predicted right 70% of the time
let seed = 20261201;
const rand = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const y = new Int32Array(N);
const s = new Float64Array(N);
const t10 = new Int32Array(N);
const p10 = new Int32Array(N);
for (let i = 0; i < N; i++) {
  y[i] = rand() < 0.3 ? 1 : 0;
  s[i] = Math.round((rand() * 0.7 + 0.3 * y[i]) * 1e4) / 1e4;
  t10[i] = Math.floor(rand() * 10);
  p10[i] = rand() < 0.7 ? t10[i] : Math.floor(rand() * 10);
}
const dir = mkdtempSync(join(tmpdir(), 'dl-metrics-bench-'));
writeFileSync(join(dir, 'y.i32'), Buffer.from(y.buffer));
writeFileSync(join(dir, 's.f64'), Buffer.from(s.buffer));
writeFileSync(join(dir, 't10.i32'), Buffer.from(t10.buffer));
writeFileSync(join(dir, 'p10.i32'), Buffer.from(p10.buffer));

const tasks = {
  rocAucScore: () => rocAucScore(y, s),
  averagePrecisionScore: () => averagePrecisionScore(y, s),
  'confusionMatrix + f1Score macro': () => [
    confusionMatrix(t10, p10),
    f1Score(t10, p10, { average: 'macro' }),
  ],
};
const names = Object.keys(tasks);
const ours = Object.fromEntries(names.map((k) => [k, []]));
const theirs = Object.fromEntries(names.map((k) => [k, []]));
const ratios = Object.fromEntries(names.map((k) => [k, []]));
const values = {};
let peer;
const load = [loadavg()[0]];
for (const f of Object.values(tasks)) f(); // warm up the JIT
for (let round = 0; round < ROUNDS; round++) {
  const mine = {};
  for (const name of names) {
    const times = [];
    for (let r = 0; r < REPS; r++) {
      const t0 = performance.now();
      const v = tasks[name]();
      times.push(performance.now() - t0);
      values[name] = Array.isArray(v) ? v[1] : v;
    }
    mine[name] = Math.min(...times);
    ours[name].push(mine[name]);
  }
  try {
    peer = JSON.parse(
      execFileSync(python, [fileURLToPath(new URL('sklearn_bench.py', import.meta.url)), dir, String(REPS)], {
        encoding: 'utf8',
      }),
    );
  } catch (e) {
    console.error(`scikit-learn not run (${e.message.split('\n')[0]}); reporting @dl/metrics alone`);
    peer = undefined;
  }
  for (const name of names) {
    if (!peer) continue;
    const t = Math.min(...peer.times[name]);
    theirs[name].push(t);
    ratios[name].push(t / mine[name]);
  }
  load.push(loadavg()[0]);
  console.log(
    `round ${round + 1}/${ROUNDS}: ${names.map((n) => `${n} ${mine[n].toFixed(1)} ms${peer ? ` (sklearn ${Math.min(...peer.times[n]).toFixed(1)})` : ''}`).join(', ')}`,
  );
}
rmSync(dir, { recursive: true });

const median = (a) => {
  const b = [...a].sort((x, z) => x - z);
  return b.length % 2 ? b[(b.length - 1) / 2] : (b[b.length / 2 - 1] + b[b.length / 2]) / 2;
};
const f = (v) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const rows = names.map((n) => {
  const same = peer
    ? Math.abs(values[n] - peer.values[n]) <= 1e-12 * Math.max(1, Math.abs(peer.values[n]))
    : undefined;
  return `| ${n} | ${f(median(ours[n]))} | ${peer ? f(median(theirs[n])) : '—'} | ${peer ? `${median(ratios[n]).toFixed(2)}x` : '—'} | ${peer ? `${Math.min(...ratios[n]).toFixed(2)}x – ${Math.max(...ratios[n]).toFixed(2)}x` : '—'} | ${same === undefined ? '—' : same ? 'yes' : `no (${values[n]} vs ${peer.values[n]})`} |`;
});
const cpu = cpus();
const md = `# @dl/metrics vs scikit-learn

1M predictions: \`rocAucScore\` and \`averagePrecisionScore\` on binary labels (30% positive) with scores rounded to
1e-4 (many ties), and a 10-class \`confusionMatrix\` followed by \`f1Score(…, { average: 'macro' })\`. Inputs are
typed arrays (\`Int32Array\` labels, \`Float64Array\` scores) on both sides (numpy arrays for scikit-learn).

Method: ${ROUNDS} interleaved rounds in one run (\`packages/metrics/bench/metrics.bench.mjs\`). Each round times
@dl/metrics in the Node process (best of ${REPS}), then scikit-learn ${peer?.sklearn ?? '(not available)'} with numpy
${peer?.numpy ?? '—'} in a Python subprocess on the same data (best of ${REPS}, \`bench/sklearn_bench.py\`), so both
see the same machine load. The table gives medians over rounds; ratio = scikit-learn time / @dl time (above 1x:
@dl/metrics is faster), its median and range over the rounds. "Same value" checks the results agree to 1e-12.

- **Machine**: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} logical CPUs, Node ${process.version}.
- **Date**: ${new Date().toISOString()}.
- **Load**: 1-minute load average ${load.map((l) => l.toFixed(1)).join(' → ')} during the run (the machine is shared
  with other jobs: absolute times are noisy, the same-round ratios are what count).

| task (1M predictions) | @dl/metrics (ms) | scikit-learn 1.2 (ms) | ratio (median) | ratio range | same value |
|---|--:|--:|--:|--:|---|
${rows.join('\n')}

Where the time goes in @dl/metrics: \`rocAucScore\` and \`averagePrecisionScore\` sort the scores with a stable
LSD radix sort on the float64 bits (four 16-bit passes, a pass skipped when its digit is constant), then walk the
distinct thresholds once; scikit-learn uses numpy's merge sort (\`argsort(kind='mergesort')\`). The confusion
matrix encodes small integer labels through a lookup table instead of a hash map.
`;
const out = fileURLToPath(new URL('../../../docs/benchmarks/metrics.md', import.meta.url));
writeFileSync(out, md);
console.log(`wrote ${out}`);
console.log(
  readFileSync(out, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('|'))
    .join('\n'),
);
