// Benchmark, run by hand (not in CI): 10 shuffled stratified folds of N samples.
//   npx tsup && node bench/stratified.bench.mjs [N ...]
// Compares @dl/crossval (built dist) with scikit-learn (timed inside Python, when /usr/bin/python3 has it) and
// ml-cross-validation (unstratified getFolds: it has no stratified splitter and no seed). Prints a Markdown table.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { getFolds } from 'ml-cross-validation';
import { RandomState, stratifiedKFold } from '../dist/index.js';

const sizes = process.argv.slice(2).map(Number);
if (sizes.length === 0) sizes.push(10_000, 100_000, 1_000_000);
const K = 10;
const CLASSES = 10;
const REPEATS = 5;
// getFolds splices one element at a time (O(N^2)): skipped above ML_MAX (env), 1e6 by default.
const ML_MAX = Number(process.env.ML_MAX ?? 1_000_000);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

// Same labels as numpy: RandomState(0).randint(0, CLASSES, N).
function labels(n) {
  const rng = new RandomState(0);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) y[i] = rng.randint(0, CLASSES);
  return y;
}

// A checksum of the fold assignment, to show both libraries produce the same folds.
function checksum(splits, n) {
  const fold = new Int32Array(n);
  splits.forEach((s, f) => {
    for (const i of s.test) fold[i] = f;
  });
  let h = 0;
  for (let i = 0; i < n; i++) h = (h + fold[i] * ((i % 1000) + 1)) % 1_000_000_007;
  return h;
}

function timeOurs(y, asArray) {
  const data = { y: asArray ? Array.from(y) : y };
  const cv = stratifiedKFold({ nSplits: K, shuffle: true, randomState: 0 });
  const run = () => [...cv.split(data)];
  run();
  run();
  const times = [];
  let splits;
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now();
    splits = run();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), checksum: checksum(splits, y.length) };
}

function timeSklearn(n) {
  if (!existsSync('/usr/bin/python3')) return undefined;
  const code = `
import json, time, numpy as np
try:
    from sklearn.model_selection import StratifiedKFold
except ImportError:
    print(json.dumps(None)); raise SystemExit
n = ${n}
y = np.random.RandomState(0).randint(0, ${CLASSES}, n)
X = np.zeros((n, 1))
cv = StratifiedKFold(${K}, shuffle=True, random_state=0)
times = []
for r in range(${REPEATS} + 1):
    t0 = time.perf_counter()
    splits = list(cv.split(X, y))
    times.append((time.perf_counter() - t0) * 1000)
fold = np.zeros(n, dtype=np.int64)
for f, (_, test) in enumerate(splits):
    fold[test] = f
h = int(np.sum((fold * ((np.arange(n) % 1000) + 1)) % 1000000007) % 1000000007)
import sklearn
print(json.dumps({"ms": sorted(times[1:])[len(times[1:]) // 2], "checksum": h, "version": sklearn.__version__}))
`;
  try {
    return JSON.parse(
      execFileSync('/usr/bin/python3', ['-c', code], { encoding: 'utf8', maxBuffer: 1 << 20 }),
    );
  } catch {
    return undefined;
  }
}

function timeMl(n) {
  if (n > ML_MAX) return undefined;
  const features = Array.from({ length: n }, (_, i) => [i]);
  const times = [];
  for (let r = 0; r < (n > 100_000 ? 1 : 3); r++) {
    const t0 = performance.now();
    getFolds(features, K);
    times.push(performance.now() - t0);
  }
  return { ms: median(times) };
}

const cpu = (() => {
  try {
    return /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model;
  } catch {
    return cpus()[0]?.model;
  }
})();
console.log(`date: ${new Date().toISOString()}`);
console.log(`machine: nproc ${cpus().length}, ${cpu}, node ${process.version}`);
console.log('');
console.log(
  '| N | @dl/crossval, Int32Array y (ms) | @dl/crossval, number[] y (ms) | scikit-learn (ms) | ml-cross-validation getFolds, unstratified (ms) | sklearn / ours | ml-cv / ours | same folds as sklearn |',
);
console.log('|---:|---:|---:|---:|---:|---:|---:|:---:|');
for (const n of sizes) {
  const y = labels(n);
  const typed = timeOurs(y, false);
  const plain = timeOurs(y, true);
  const sk = timeSklearn(n);
  const ml = timeMl(n);
  const f = (v) => (v === undefined ? 'n/a' : v.toFixed(1));
  console.log(
    `| ${n.toLocaleString('en-US')} | ${f(typed.ms)} | ${f(plain.ms)} | ${f(sk?.ms)} | ${ml ? f(ml.ms) : `not run (O(N²))`} | ${sk ? `${(sk.ms / typed.ms).toFixed(2)}×` : 'n/a'} | ${ml ? `${(ml.ms / typed.ms).toFixed(1)}×` : 'n/a'} | ${sk ? (sk.checksum === typed.checksum && plain.checksum === typed.checksum ? 'yes' : 'NO') : 'n/a'} |`,
  );
}
