#!/usr/bin/env node
// Where a one-thread float32 product's time goes, against the four-lane ceiling of this core: the 4 x 8 register
// tile of src/wasm/matmulKernels.wat (f32x4 multiply, then add: no fused multiply-add, so that the JavaScript
// fallback gives the same bits) with its operands in L1, then with them further away, then the whole kernel
// (copies, packing, tiles) and the matmul op at 256, 512 and 1024. With
// `node --experimental-wasm-relaxed-simd`, the same tile with f32x4.relaxed_madd (a fused multiply-add on this
// x86 core) runs beside it, and the elements it changes are counted: Node 20 (V8 11.3) compiles relaxed SIMD only
// behind that flag, and its rounding differs from the mul + add the JavaScript fallback emulates.
//
//   cd packages/tensor && node bench/sgemmCeiling.mjs [--rounds 21]
//   node --experimental-wasm-relaxed-simd bench/sgemmCeiling.mjs
//
// GFLOP/s from process CPU time, the fastest of `rounds` interleaved samples (and the median): the fastest is the
// machine's capability, the median what a loaded machine gave.
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import wabtInit from 'wabt';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '21' } } });
const rounds = Number(values.rounds);
if (!(Number.isInteger(rounds) && rounds > 0)) {
  console.error('sgemmCeiling: --rounds must be a positive integer');
  process.exit(2);
}
const here = fileURLToPath(new URL('../', import.meta.url));
const wat = readFileSync(`${here}src/wasm/matmulKernels.wat`, 'utf8');
const madd =
  /\(f32x4\.add \(local\.get (\$c\d\d)\) \(f32x4\.mul \(local\.get \$av\) \(local\.get (\$b\d)\)\)\)/g;
const fmaWat = wat.replace(madd, '(f32x4.relaxed_madd (local.get $av) (local.get $2) (local.get $1))');
if (fmaWat === wat)
  throw new Error('sgemmCeiling: the tile of matmulKernels.wat changed; update the pattern');
const wabt = await wabtInit();
const instantiate = (text) => {
  const m = wabt.parseWat('matmulKernels.wat', text, { simd: true, relaxed_simd: true });
  const k = new WebAssembly.Instance(new WebAssembly.Module(m.toBinary({}).buffer)).exports;
  k.memory.grow(1300); // 85 MB: room for 1024 x 1024 operands, panels and product
  return k;
};
const kernels = { 'mul + add': instantiate(wat) };
let fmaNote = 'relaxed SIMD: not compiled without --experimental-wasm-relaxed-simd (Node 20, V8 11.3)';
try {
  kernels['relaxed_madd (FMA)'] = instantiate(fmaWat);
  fmaNote = 'relaxed SIMD on (--experimental-wasm-relaxed-simd)';
} catch (error) {
  fmaNote += ` (${error.message.split('\n')[0]})`;
}
const names = Object.keys(kernels);
for (const k of Object.values(kernels)) {
  const f32 = new Float32Array(k.memory.buffer);
  for (let i = 0; i < 24 << 18; i++) f32[i] = Math.sin(i) * 0.01; // 24 MB of finite operands
}

const MB = 1 << 20;
/**
 * sgemm(ap, as, bp, bs, c, M4, KC, NP, ldc, load): a panel of A of M4 rows at 0, NP panels of B at 8 MB, C at
 * 16 MB (row stride ldc), KC = 256 steps of k; `load`: C's partial sums read first (as for a second k block).
 */
const tile = (label, M4, NP, ldc, load) => {
  const flops = 2 * M4 * 8 * NP * 256;
  const reps = Math.max(1, Math.round(2e8 / flops));
  return {
    label,
    flops: flops * reps,
    run: (k) => {
      for (let q = 0; q < reps; q++) k.sgemm(0, 256 * 16, 8 * MB, 256 * 32, 16 * MB, M4, 256, NP, ldc, load);
    },
  };
};
/** The kernel module's whole product, as src/wasm/matmul.ts runs it: copy A and B in, pack B, gemm, copy C out. */
const product = (n) => {
  const a = Float32Array.from({ length: n * n }, (_, i) => Math.sin(i * 0.37));
  const b = Float32Array.from({ length: n * n }, (_, i) => Math.cos(i * 0.11));
  const c = new Float32Array(n * n);
  const reps = Math.max(1, Math.round(1e8 / n ** 3));
  const bytes = n * n * 4;
  return {
    label: `kernel product ${n}³ (copies, packing, tiles)`,
    flops: 2 * n ** 3 * reps,
    run: (k) => {
      const f32 = new Float32Array(k.memory.buffer);
      for (let q = 0; q < reps; q++) {
        f32.set(b, (3 * bytes) >> 2);
        k.packB(3 * bytes, 0, n, n, n, 1);
        f32.set(a, (2 * bytes) >> 2);
        k.gemm(2 * bytes, n, 1, bytes, 0, 4 * bytes, n, n, n >> 3, n);
        c.set(f32.subarray((4 * bytes) >> 2, (5 * bytes) >> 2));
      }
    },
  };
};
const cases = [
  tile('4x8 tile, A 32 rows and B 4 panels in L1 (16 + 32 KB)', 32, 4, 32, 0),
  tile('A panel 64 rows (64 KB, from L2), B 4 panels', 64, 4, 32, 0),
  tile('… and C read first (a later k block)', 64, 4, 32, 1),
  tile('A 64 KB, B 32 panels (256 KB, L2), C rows 1 KB apart', 64, 32, 256, 1),
  tile('A 64 KB, B 128 panels (1 MB, past L2), C rows 4 KB apart', 64, 128, 1024, 1),
  product(256),
  product(512),
  product(1024),
];

// the matmul op itself (src/index.ts bundled as the benchmark does), results disposed
const bundle = `${here}.tmp/sgemmCeiling-op.mjs`;
await build({
  entryPoints: [`${here}src/index.ts`],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: bundle,
  alias: { '@dl/internal': `${here}../internal/src/index.ts` },
  logLevel: 'warning',
});
const T = await import(bundle);
for (const n of [256, 512, 1024]) {
  const x = T.tensor(
    Float32Array.from({ length: n * n }, (_, i) => Math.sin(i * 0.37)),
    { shape: [n, n] },
  );
  const y = T.tensor(
    Float32Array.from({ length: n * n }, (_, i) => Math.cos(i * 0.11)),
    { shape: [n, n] },
  );
  const reps = Math.max(1, Math.round(1e8 / n ** 3));
  cases.push({
    label: `matmul op ${n}³ (@dl/tensor, result disposed)`,
    flops: 2 * n ** 3 * reps,
    op: true,
    run: () => {
      for (let q = 0; q < reps; q++) T.matmul(x, y).dispose();
    },
  });
}

// FMA changes the values: count the elements of a 256³ product that differ from mul + add
let changed = '';
if (names.length > 1) {
  const out = names.map((name) => {
    const k = kernels[name];
    product(256).run(k);
    return new Float32Array(k.memory.buffer).slice((4 * 256 * 256 * 4) >> 2, (5 * 256 * 256 * 4) >> 2);
  });
  let d = 0;
  for (let i = 0; i < out[0].length; i++) if (!Object.is(out[0][i], out[1][i])) d++;
  changed = `relaxed_madd changes ${d} of ${out[0].length} elements of a 256³ product (${((100 * d) / out[0].length).toFixed(1)} %)`;
}

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
for (const c of cases)
  for (const name of c.op ? names.slice(0, 1) : names) for (let i = 0; i < 3; i++) c.run(kernels[name]);
console.log(
  `# sgemm ceiling, ${new Date().toISOString()}, ${cpus()[0]?.model.trim()}, node ${process.version} (V8 ${process.versions.v8}), load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}\n\n${fmaNote}${changed ? `; ${changed}` : ''}\n`,
);
console.log(`| case | ${names.map((n) => `${n} GFLOP/s fastest (median)`).join(' | ')} |`);
console.log(`|---|${names.map(() => '--:').join('|')}|`);
const median = (xs) => xs.slice().sort((p, q) => p - q)[xs.length >> 1];
for (const c of cases) {
  const cols = c.op ? names.slice(0, 1) : names;
  const ms = cols.map(() => []);
  for (let r = 0; r < rounds; r++)
    cols.forEach((name, v) => {
      const t0 = cpu();
      c.run(kernels[name]);
      ms[v].push(cpu() - t0);
    });
  const cells = names.map((_, v) =>
    v < cols.length
      ? `${(c.flops / Math.min(...ms[v]) / 1e6).toFixed(1)} (${(c.flops / median(ms[v]) / 1e6).toFixed(1)})`
      : '-',
  );
  console.log(`| ${c.label} | ${cells.join(' | ')} |`);
}
console.log(
  `\nload after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
