// Benchmark: the top and bottom Hessian eigenvalue of the digits MLP's loss (64-128-64-10, ReLU, 17,226
// parameters) on a batch of 256, to 1e-3 relative — time and Hessian-vector products, @dl/diagnose (Lanczos, and
// power iteration) against PyHessian-style power iteration in PyTorch 1.13 (bench/pyhessian_bench.py, run when
// /usr/bin/python3 has torch), one thread (torch.set_num_threads(1) AND OPENBLAS_NUM_THREADS=1) and default.
//
//   node scripts/pnpm.mjs exec turbo run build --filter=@dl/diagnose...   (the packages' dist/)
//   node --expose-gc packages/diagnose/bench/hessian.bench.mjs [rounds]
//
// Same point and batch on both sides: @dl/nn's Linear initialization trained for 100 full-batch Adam steps on 1,024
// digits (float32), written to a temporary JSON file the Python side reads. Hessian-vector products in float32 on
// both sides, PyHessian's way: the gradient's graph is built once (createGraph), each product is one more backward
// through it (retainGraph). Rounds interleave the two sides; medians are reported. A float64-accumulated Lanczos run
// to 1e-7 is the reference the errors are measured against.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { lanczos, powerIteration } from '@dl/diagnose';
import { Linear, ReLU, Sequential } from '@dl/nn';
import { adam, createOptimizer } from '@dl/optim';
import { gradients, linear, mul, relu, reshape, slice, softmaxCrossEntropy, sum, tensor } from '@dl/tensor';

const rounds = Number(process.argv[2] ?? 3);
const python = process.env.PYTHON ?? '/usr/bin/python3';
const sizes = [64, 128, 64, 10];
const batch = 256;

const rows = gunzipSync(readFileSync(new URL('../../../data/digits/digits.csv.gz', import.meta.url)))
  .toString()
  .trim()
  .split('\n')
  .map((l) => l.split(',').map(Number));
const take = (from, to) => ({
  x: tensor(Float32Array.from(rows.slice(from, to).flatMap((r) => r.slice(0, 64).map((v) => v / 16))), {
    shape: [to - from, 64],
  }),
  y: tensor(
    rows.slice(from, to).map((r) => r[64]),
    { dtype: 'int32' },
  ),
});

// the point: @dl/nn's init, 100 full-batch Adam steps (lr 3e-3) on 1,024 digits
const layers = [];
for (let i = 0; i + 1 < sizes.length; i++) {
  layers.push(new Linear(sizes[i], sizes[i + 1], { seed: 7 + i }));
  if (i + 2 < sizes.length) layers.push(new ReLU());
}
const model = new Sequential(...layers);
const trainSet = take(0, 1024);
const opt = createOptimizer([...model.parameters()], adam({ lr: 3e-3 }));
for (let s = 0; s < 100; s++) {
  opt.zeroGrad();
  softmaxCrossEntropy(model.forward(trainSet.x), trainSet.y).backward();
  opt.step();
}
const params = [...model.parameters()];
const shapes = params.map((p) => [...p.shape]);
const counts = params.map((p) => p.size);
const theta = new Float32Array(counts.reduce((a, b) => a + b, 0));
let at = 0;
for (const p of params) {
  theta.set(p.data, at);
  at += p.size;
}
const n = theta.length;
const data = take(1024, 1024 + batch);

const lossOf = (t) => {
  let offset = 0;
  const part = (i) => {
    const v = reshape(slice(t, [[offset, offset + counts[i]]]), shapes[i]);
    offset += counts[i];
    return v;
  };
  let h = data.x;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const w = part(2 * l);
    const b = part(2 * l + 1);
    h = linear(h, w, b);
    if (l + 2 < sizes.length) h = relu(h);
  }
  return softmaxCrossEntropy(h, data.y);
};

/** PyHessian's set-up: the gradient with its graph, once; then v => H v by one backward each. */
function operator() {
  const leaf = tensor(Float32Array.from(theta));
  leaf.requiresGrad = true;
  const [g] = gradients(lossOf(leaf), [leaf], { createGraph: true });
  let products = 0;
  const op = (v) => {
    products++;
    return gradients(sum(mul(g, tensor(Float32Array.from(v)))), [leaf], { retainGraph: true })[0].data;
  };
  return { op, products: () => products };
}

const ours = {
  lanczos: () => {
    const { op } = operator();
    const r = lanczos(op, { dimension: n, tolerance: 1e-3, maxIterations: 100 });
    return {
      top: r.largest[0].value,
      bottom: r.smallest[0].value,
      products: r.products,
      converged: r.converged,
      bound: Math.max(
        r.largest[0].residual / Math.abs(r.largest[0].value),
        r.smallest[0].residual / Math.abs(r.smallest[0].value),
      ),
    };
  },
  // the same algorithm and stopping rule as the PyTorch side
  powerChange: () => {
    const { op } = operator();
    const top = powerIteration(op, { dimension: n, stop: 'change', tolerance: 1e-3, maxIterations: 100 });
    const shift = top.pairs[0].value;
    const bottom = powerIteration(op, {
      dimension: n,
      which: 'smallest',
      shift,
      stop: 'change',
      tolerance: 1e-3,
      maxIterations: 100,
    });
    return {
      top: shift,
      bottom: bottom.pairs[0].value,
      products: top.products + bottom.products,
      converged: top.converged && bottom.converged,
      bound: Math.max(
        top.pairs[0].residual / Math.abs(shift),
        bottom.pairs[0].residual / Math.abs(bottom.pairs[0].value),
      ),
    };
  },
  // our default rule: residual <= 1e-3 |θ| (a guaranteed bound), same 100-product budget per eigenvalue
  powerResidual: () => {
    const { op } = operator();
    const top = powerIteration(op, { dimension: n, tolerance: 1e-3, maxIterations: 100 });
    const shift = Math.abs(top.pairs[0].value) + top.pairs[0].residual;
    const bottom = powerIteration(op, {
      dimension: n,
      which: 'smallest',
      shift,
      tolerance: 1e-3,
      maxIterations: 100,
    });
    return {
      top: top.pairs[0].value,
      bottom: bottom.pairs[0].value,
      products: top.products + bottom.products,
      converged: top.converged && bottom.converged,
      bound: Math.max(
        top.pairs[0].residual / Math.abs(top.pairs[0].value),
        bottom.pairs[0].residual / Math.abs(bottom.pairs[0].value),
      ),
    };
  },
};

// reference: Lanczos to 1e-7 on the same float32 products
const ref = (() => {
  const { op } = operator();
  const r = lanczos(op, { dimension: n, tolerance: 1e-7, maxIterations: 400 });
  return {
    top: r.largest[0].value,
    bottom: r.smallest[0].value,
    products: r.products,
    converged: r.converged,
  };
})();

const dir = mkdtempSync(join(tmpdir(), 'dl-hessian-bench-'));
const pointFile = join(dir, 'point.json');
writeFileSync(
  pointFile,
  JSON.stringify({ sizes, theta: Array.from(theta), x: Array.from(data.x.data), y: Array.from(data.y.data) }),
);
let torchOk = true;
try {
  execFileSync(python, ['-c', 'import torch'], { stdio: 'ignore' });
} catch {
  torchOk = false;
}

const results = { lanczos: [], powerChange: [], powerResidual: [], torchOne: [], torchDefault: [] };
// with --expose-gc, a full collection before every sample: no method pays for another's garbage
const collect = globalThis.gc ?? (() => {});
const timeIt = (f) => {
  collect();
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const out = f();
  const c1 = process.cpuUsage(c0);
  return {
    ...out,
    seconds: Number(process.hrtime.bigint() - t0) / 1e9,
    cpuSeconds: (c1.user + c1.system) / 1e6,
  };
};
// warm-up: the first (cold) run of each is reported apart, then 4 more unmeasured runs, so that the JIT has
// optimized the loops (Lanczos runs only ~30 steps per call; the PyTorch side also drops its first repetition)
const cold = {};
for (const name of ['lanczos', 'powerChange', 'powerResidual']) cold[name] = timeIt(ours[name]);
for (let k = 0; k < 4; k++) for (const name of ['lanczos', 'powerChange', 'powerResidual']) ours[name]();
for (let round = 0; round < rounds; round++) {
  for (const name of ['lanczos', 'powerChange', 'powerResidual']) results[name].push(timeIt(ours[name]));
  if (torchOk) {
    for (const [key, mode] of [
      ['torchOne', 'one'],
      ['torchDefault', 'default'],
    ]) {
      const env = { ...process.env };
      if (mode === 'one') env.OPENBLAS_NUM_THREADS = '1';
      const out = execFileSync(
        python,
        [new URL('pyhessian_bench.py', import.meta.url).pathname, pointFile, '3', mode],
        {
          env,
          encoding: 'utf8',
        },
      );
      const reps = out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      results[key].push(...reps.slice(1)); // the first repetition warms up
    }
  }
}
rmSync(dir, { recursive: true, force: true });

const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const rel = (v, r) => Math.abs(v - r) / Math.abs(r);
console.log(
  `# Hessian extremes, digits MLP ${sizes.join('-')} (${n} parameters), batch ${batch}, to 1e-3 relative`,
);
console.log(
  `date ${new Date().toISOString()}, ${cpus()[0].model}, ${cpus().length} CPUs, load ${loadavg()
    .map((v) => v.toFixed(2))
    .join(
      ' ',
    )}, node ${process.version}, full GC before each sample: ${globalThis.gc ? 'yes' : 'no (run with --expose-gc)'}`,
);
console.log(
  `reference (Lanczos to 1e-7, ${ref.products} products, converged ${ref.converged}): λmax ${ref.top.toPrecision(7)}, λmin ${ref.bottom.toPrecision(7)}`,
);
console.log(
  '| method | median wall s | median CPU s | HVPs | CPU ms per HVP | λmax rel. error | λmin rel. error | residual bound | converged |',
);
console.log('|---|--:|--:|--:|--:|--:|--:|--:|---|');
const rowsOut = [
  ['@dl Lanczos (residual ≤ 1e-3·|θ|)', results.lanczos],
  ['@dl power iteration, PyHessian rule', results.powerChange],
  ['@dl power iteration, residual rule', results.powerResidual],
  ['PyTorch 1.13 PyHessian-style, 1 thread', results.torchOne],
  ['PyTorch 1.13 PyHessian-style, default threads', results.torchDefault],
];
const summary = {};
for (const [label, rs] of rowsOut) {
  if (rs.length === 0) continue;
  const s = median(rs.map((r) => r.seconds));
  const cpu = median(rs.map((r) => r.cpuSeconds));
  const p = median(rs.map((r) => r.products));
  summary[label] = { seconds: s, cpu, products: p };
  const bound = rs[0].bound === undefined ? '—' : rs[0].bound.toExponential(1);
  console.log(
    `| ${label} | ${s.toFixed(3)} | ${cpu.toFixed(3)} | ${p} | ${((1000 * cpu) / p).toFixed(2)} | ${median(rs.map((r) => rel(r.top, ref.top))).toExponential(1)} | ${median(rs.map((r) => rel(r.bottom, ref.bottom))).toExponential(1)} | ${bound} | ${rs.every((r) => r.converged)} |`,
  );
}
console.log(
  `first (cold) calls, CPU s: Lanczos ${cold.lanczos.cpuSeconds.toFixed(3)}, power iteration ${cold.powerChange.cpuSeconds.toFixed(3)} / ${cold.powerResidual.cpuSeconds.toFixed(3)}`,
);
if (torchOk) {
  const l = summary['@dl Lanczos (residual ≤ 1e-3·|θ|)'];
  for (const key of [
    'PyTorch 1.13 PyHessian-style, 1 thread',
    'PyTorch 1.13 PyHessian-style, default threads',
  ]) {
    const t = summary[key];
    // per-round ratios: Lanczos' sample of the round against the median of the round's PyTorch samples
    const torchRows = key.includes('1 thread') ? results.torchOne : results.torchDefault;
    const perRound = results.lanczos.map((r, i) => {
      const round = torchRows.slice(2 * i, 2 * i + 2);
      return r.cpuSeconds / median(round.map((x) => x.cpuSeconds));
    });
    console.log(
      `Lanczos vs ${key}: ${(l.seconds / t.seconds).toFixed(2)}x its wall time, ${(l.cpu / t.cpu).toFixed(2)}x its CPU time (goal <= 1.5x; per round ${Math.min(...perRound).toFixed(2)}-${Math.max(...perRound).toFixed(2)}x), ${l.products} vs ${t.products} HVPs`,
    );
  }
} else {
  console.log('(PyTorch not found: the peer rows are missing)');
}
