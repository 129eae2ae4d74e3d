/**
 * The buffer pool's effect on training steps: each step runs with recycling on (the default pool) and off
 * (`configureBufferPool({ maxBytes: 0 })`: every result array is a new, zero-filled typed array), in alternating
 * rounds in one process; per step: process CPU time, wall time, and the garbage collector's time (perf_hooks 'gc'
 * entries).
 *
 *   cd packages/tensor && node ../../scripts/bench-build.mjs bench/pool.ts .tmp/pool.mjs && node .tmp/pool.mjs
 *   options: --rounds 7 --only mlp|layernorm|tidy --mode on|off (one mode only, e.g. under node --cpu-prof)
 *
 * Steps: the MLP 64-128-64-10 at batch 64 (the `pnpm bench` row: forward, log-softmax loss, backward), the same step
 * inside `tidy()` (the forward's arrays recycled too), and the large layerNorm step ([8, 128, 768] float32, 3 MB
 * per array: forward, a weighted sum, backward to x, weight and bias).
 */
import os from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import {
  add,
  bufferPoolStats,
  clearBufferPool,
  configureBufferPool,
  layerNorm,
  logSoftmax,
  matmul,
  mean,
  mul,
  neg,
  oneHot,
  relu,
  sum,
  type Tensor,
  tensor,
  tidy,
} from '../src/index';
import { randomData } from './harness';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i < 0 ? fallback : args[i + 1]!;
};
const rounds = Number(opt('rounds', '7'));
const only = opt('only', '');
// --mode on|off: only that mode (for a --cpu-prof of one of them)
const modes = (opt('mode', '') === '' ? ['on', 'off'] : [opt('mode', '')]) as ('on' | 'off')[];

let gcMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcMs += e.duration;
}).observe({ entryTypes: ['gc'] });

function mlp(inTidy: boolean): () => void {
  const batch = 64;
  const sizes = [64, 128, 64, 10];
  const input = tensor(randomData(batch * 64, 11), { shape: [batch, 64] });
  const labels = new Int32Array(batch).map((_, i) => (i * 7 + 3) % 10);
  const target = oneHot(tensor(labels, { shape: [batch] }), 10);
  const params: Tensor[] = [];
  for (let l = 0; l < 3; l++) {
    const scale = 1 / Math.sqrt(sizes[l]!);
    const w = randomData(sizes[l]! * sizes[l + 1]!, 20 + l).map((v) => v * scale);
    params.push(tensor(w, { shape: [sizes[l]!, sizes[l + 1]!], requiresGrad: true }));
    params.push(
      tensor(
        randomData(sizes[l + 1]!, 30 + l).map((v) => v * scale),
        { requiresGrad: true },
      ),
    );
  }
  const step = () => {
    for (const p of params) p.grad = null;
    let h = input;
    for (let l = 0; l < 3; l++) {
      h = add(matmul(h, params[2 * l]!), params[2 * l + 1]!);
      if (l < 2) h = relu(h);
    }
    const loss = neg(mean(sum(mul(logSoftmax(h), target), { axis: -1 })));
    loss.backward();
    return loss.item();
  };
  return inTidy ? () => void tidy(step) : () => void step();
}

function layerNormStep(): () => void {
  const shape = [8, 128, 768];
  const n = 8 * 128 * 768;
  const x = tensor(randomData(n, 1), { shape, requiresGrad: true });
  const w = tensor(randomData(n, 2), { shape });
  const gamma = tensor(randomData(768, 3), { requiresGrad: true });
  const beta = tensor(randomData(768, 4), { requiresGrad: true });
  return () => {
    x.grad = null;
    gamma.grad = null;
    beta.grad = null;
    sum(mul(layerNorm(x, [768], { weight: gamma, bias: beta }), w)).backward();
  };
}

const steps: { name: string; key: string; step: () => void; reps: number }[] = [
  { name: 'MLP step 64-128-64-10, batch 64', key: 'mlp', step: mlp(false), reps: 300 },
  { name: 'MLP step in tidy()', key: 'tidy', step: mlp(true), reps: 300 },
  { name: 'layerNorm [8, 128, 768] fwd+bwd', key: 'layernorm', step: layerNormStep(), reps: 6 },
].filter((s) => only === '' || s.key === only);

console.log(`# buffer pool on/off, ${new Date().toISOString()}`);
console.log(
  `- ${os.cpus()[0]?.model}, Node ${process.version}, load ${os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')}`,
);
console.log(`- ${rounds} alternating rounds (on, off, on, …); per step: median CPU / wall / GC time (ms)\n`);
console.log('| step | pool | CPU ms | wall ms | GC ms | GC share | hits/step | off ÷ on (CPU) |');
console.log('|---|---|--:|--:|--:|--:|--:|--:|');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const s of steps) {
  const res = {
    on: { cpu: [] as number[], wall: [] as number[], gc: [] as number[], hits: 0 },
    off: { cpu: [] as number[], wall: [] as number[], gc: [] as number[], hits: 0 },
  };
  for (const mode of modes) {
    configureBufferPool({ maxBytes: mode === 'on' ? 67108864 : 0 });
    for (let i = 0; i < Math.max(3, s.reps / 10); i++) s.step(); // warm-up
  }
  for (let r = 0; r < rounds; r++) {
    for (const mode of modes) {
      configureBufferPool({ maxBytes: mode === 'on' ? 67108864 : 0 });
      clearBufferPool();
      s.step();
      const h0 = bufferPoolStats().hits;
      const g0 = gcMs;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      for (let i = 0; i < s.reps; i++) s.step();
      const wall = (performance.now() - t0) / s.reps;
      const c = process.cpuUsage(c0);
      await new Promise((done) => setImmediate(done)); // let the gc observer report
      res[mode].cpu.push((c.user + c.system) / 1000 / s.reps);
      res[mode].wall.push(wall);
      res[mode].gc.push((gcMs - g0) / s.reps);
      res[mode].hits = (bufferPoolStats().hits - h0) / s.reps;
    }
  }
  const on = res.on.cpu.length > 0 ? median(res.on.cpu) : Number.NaN;
  for (const mode of modes) {
    const m = res[mode];
    const cpu = median(m.cpu);
    console.log(
      `| ${s.name} | ${mode} | ${cpu.toFixed(3)} | ${median(m.wall).toFixed(3)} | ${median(m.gc).toFixed(3)} | ${((100 * median(m.gc)) / median(m.wall)).toFixed(1)}% | ${m.hits.toFixed(1)} | ${mode === 'off' ? (cpu / on).toFixed(2) : ''} |`,
    );
  }
}
configureBufferPool({ maxBytes: 67108864 });
