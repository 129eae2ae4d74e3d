// Device rows of the benchmark (issue 13): each op on the CPU (our kernels) and on a gpu.js device, wall-clock
// per call including the readback of the result (`.data`), which is what waits for the GPU. Run by hand:
//   node scripts/withDisplay.mjs node bench/device.mjs [--quick]
// On a machine without a GPU (headless-gl on Mesa's llvmpipe, SwiftShader in a browser) these numbers measure
// correctness and overhead only, never GPU speed.
import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { build } from 'esbuild';

const quick = process.argv.includes('--quick');
mkdirSync('.tmp', { recursive: true });
await build({
  stdin: {
    contents: "export * from './src/index.ts'; export { createDevice } from './src/gpu.ts';",
    resolveDir: resolve('.'),
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: '.tmp/device-bench.mjs',
  alias: { '@dl/internal': resolve('../internal/src/index.ts') },
  plugins: [
    {
      name: 'self',
      setup(b) {
        b.onResolve({ filter: /^@dl\/tensor$/ }, () => ({ path: resolve('src/index.ts') }));
      },
    },
  ],
  external: ['gpu.js'],
  logLevel: 'warning',
});
const T = await import(resolve('.tmp/device-bench.mjs'));
const device = await T.createDevice({ backend: 'auto', minSize: 0, warn: () => {} }); // the kernels, every size
const rand = (n, seed) => Float32Array.from({ length: n }, (_, i) => Math.sin(seed * 9.1 + i * 0.37));
const t = (shape, seed) =>
  T.tensor(
    rand(
      shape.reduce((a, b) => a * b, 1),
      seed,
    ),
    { shape },
  );

function time(f, reps) {
  f(); // warm: compile the kernels
  const s = performance.now();
  for (let i = 0; i < reps; i++) f();
  return (performance.now() - s) / reps;
}
const onDevice = (f) => () => {
  T.tidy(() => {
    const y = f();
    void y.data; // waits for the device
  });
};
const rows = [];
function row(name, make, reps, flops) {
  const xs = make();
  const dx = xs.map((x) => T.toDevice(x, device));
  const f = xs.length === 1 ? (a) => rowOps[name](a) : (a, b) => rowOps[name](a, b);
  const cpu = time(() => f(...xs), reps);
  const dev = time(
    onDevice(() => f(...dx)),
    reps,
  );
  for (const x of dx) x.dispose();
  rows.push({ name, cpu, dev, flops });
  const g = (ms) => (flops ? ` (${(flops / ms / 1e6).toFixed(2)} GFLOP/s)` : '');
  console.log(
    `| ${name} | ${cpu.toFixed(2)} ms${g(cpu)} | ${dev.toFixed(2)} ms${g(dev)} | ${(dev / cpu).toFixed(1)} |`,
  );
}
const rowOps = {};
console.log(
  `device: ${device.name}; load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}; ${new Date().toISOString()}`,
);
console.log(
  '| case | CPU (ours) per call | device per call (incl. readback) | device / CPU |\n| --- | ---: | ---: | ---: |',
);
for (const n of quick ? [256, 512] : [256, 512, 1024, 2048]) {
  const name = `matmul ${n}x${n}`;
  rowOps[name] = (a, b) => T.matmul(a, b);
  row(name, () => [t([n, n], 1), t([n, n], 2)], n >= 1024 ? 1 : 3, 2 * n * n * n);
}
rowOps['add 1M'] = (a, b) => T.add(a, b);
row('add 1M', () => [t([1 << 20], 3), t([1 << 20], 4)], 5);
rowOps['relu 1M'] = (a) => T.relu(a);
row('relu 1M', () => [t([1 << 20], 5)], 5);
rowOps['softmax 256x1000'] = (a) => T.softmax(a, -1);
row('softmax 256x1000', () => [t([256, 1000], 6)], 5);
for (const n of [64, 1024, 16384, 262144]) {
  const name = `add ${n} (small-tensor threshold)`;
  rowOps[name] = (a, b) => T.add(a, b);
  row(name, () => [t([n], 7), t([n], 8)], 20);
}
// the MLP step 64-128-64-10, batch 64: forward, softmax cross-entropy via logSoftmax, backward, Adam (core ops)
{
  const sizes = [64, 128, 64, 10];
  const B = 64;
  const mk = (dev) => {
    const mv = (x) => (dev ? T.toDevice(x, device) : x);
    const ps = [];
    for (let l = 0; l < 3; l++)
      ps.push(mv(t([sizes[l], sizes[l + 1]], 10 + l)), mv(t([sizes[l + 1]], 20 + l)));
    const oneHot = new Float32Array(B * 10);
    for (let r = 0; r < B; r++) oneHot[r * 10 + (r % 10)] = 1;
    return {
      ps,
      ms: ps.map((p) => mv(T.zerosLike(T.toDevice(p, 'cpu')))),
      vs: ps.map((p) => mv(T.zerosLike(T.toDevice(p, 'cpu')))),
      x: mv(t([B, 64], 30)),
      y: mv(T.tensor(oneHot, { shape: [B, 10] })),
    };
  };
  const step = (s, k) => {
    const ws = s.ps.map((p) => p.detach().setRequiresGrad());
    let h = s.x;
    for (let l = 0; l < 3; l++) {
      h = T.add(T.matmul(h, ws[2 * l]), ws[2 * l + 1]);
      if (l < 2) h = T.relu(h);
    }
    const loss = T.neg(T.mean(T.sum(T.mul(T.logSoftmax(h, -1), s.y), -1)));
    loss.backward();
    const next = ws.map((w, i) => {
      const g = w.grad;
      const m = T.add(T.mul(s.ms[i], 0.9), T.mul(g, 0.1));
      const v = T.add(T.mul(s.vs[i], 0.999), T.mul(T.square(g), 0.001));
      const p = T.sub(
        w.detach(),
        T.div(T.mul(m, 0.001 / (1 - 0.9 ** k)), T.add(T.sqrt(T.div(v, 1 - 0.999 ** k)), 1e-8)),
      );
      return [p, m, v];
    });
    return { loss: loss.item(), next };
  };
  const run = (dev) => {
    const s = mk(dev);
    let k = 0;
    return () => {
      k++;
      const { next } = T.tidy(() => {
        const r = step(s, k);
        return { next: r.next };
      });
      for (const x of [...s.ps, ...s.ms, ...s.vs]) x.dispose();
      s.ps = next.map((n) => n[0]);
      s.ms = next.map((n) => n[1]);
      s.vs = next.map((n) => n[2]);
    };
  };
  const cpu = time(run(false), 10);
  const dev = time(run(true), 10);
  console.log(
    `| MLP step 64-128-64-10, batch 64 (fwd+bwd+Adam) | ${cpu.toFixed(2)} ms | ${dev.toFixed(2)} ms | ${(dev / cpu).toFixed(1)} |`,
  );
}
console.log(`kernels compiled: ${device.kernelCount}; live textures at the end: ${device.liveTextures}`);
device.destroy();
