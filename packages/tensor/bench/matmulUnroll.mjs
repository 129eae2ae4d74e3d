// The gpu.js matmul with its k loop blocked by 4 against the plain loop, interleaved in one process, on
// headless-gl (by hand: node scripts/withDisplay.mjs node bench/matmulUnroll.mjs [size, default 256]). Wall
// clock per call including the readback that waits for the GL work, best of 3 calls after a warm-up, a fresh
// device per variant (the kernel cache does not know the blocking).
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { build } from 'esbuild';

await build({
  stdin: {
    contents: `export * from ${JSON.stringify(resolve('src/index.ts'))}; export * from ${JSON.stringify(resolve('src/gpu.ts'))}; export { setMatmulUnroll } from ${JSON.stringify(resolve('src/gpu/_glslKernels.ts'))};`,
    resolveDir: resolve('.'),
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: '.tmp/matmul-unroll.mjs',
  alias: { '@dl/internal': resolve('../internal/src/index.ts') },
  plugins: [
    {
      name: 'self',
      setup: (b) => b.onResolve({ filter: /^@dl\/tensor$/ }, () => ({ path: resolve('src/index.ts') })),
    },
  ],
  external: ['gpu.js'],
  logLevel: 'warning',
});
const T = await import(resolve('.tmp/matmul-unroll.mjs'));
const n = Number(process.argv[2] ?? 256);
const a = T.tensor(
  Float32Array.from({ length: n * n }, (_, i) => Math.sin(i * 0.37)),
  { shape: [n, n] },
);
const b = T.tensor(
  Float32Array.from({ length: n * n }, (_, i) => Math.cos(i * 0.11)),
  { shape: [n, n] },
);
console.log(
  `matmul ${n}x${n}, headless-gl; ${new Date().toISOString()}; load ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
const results = { 1: [], 4: [] };
let first;
for (const u of [1, 4, 1, 4, 1, 4]) {
  T.setMatmulUnroll(u);
  const d = await T.createDevice({ backend: 'headlessgl', minSize: 0 });
  const da = T.toDevice(a, d);
  const db = T.toDevice(b, d);
  const once = () => {
    const y = T.matmul(da, db);
    const v = y.data.slice();
    y.dispose();
    return v;
  };
  const v = once(); // compile
  if (first === undefined) first = v;
  else if (v.some((x, i) => x !== first[i])) throw new Error(`unroll ${u} changed a value`);
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < 3; r++) {
    const s = performance.now();
    once();
    best = Math.min(best, performance.now() - s);
  }
  results[u].push(best);
  d.destroy();
}
const med = (xs) => xs.slice().sort((x, y) => x - y)[xs.length >> 1];
console.log(
  `plain loop: ${results[1].map((x) => x.toFixed(1)).join(', ')} ms; k blocked by 4: ${results[4].map((x) => x.toFixed(1)).join(', ')} ms; median ratio blocked/plain ${(med(results[4]) / med(results[1])).toFixed(2)}; values identical`,
);
