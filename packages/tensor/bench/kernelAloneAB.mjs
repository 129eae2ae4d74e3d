#!/usr/bin/env node
// One map kernel alone, A against B, interleaved in one process: the exports `fns` of two or more kernel modules
// (.wat compiled with wabt, or .wasm) over 32K float32 elements resident in their memory (inputs uniform on [-4, 4)
// and [-1, 1)), 100 calls a sample, 31 samples a module in turn; ns per element, fastest and median sample. Session 12
// used it for the interleaved kernels against the modules of the commit before them:
//
//   cd packages/tensor && git show 1954873:packages/tensor/src/wasm/unaryKernels.wat > .tmp/unary-base.wat
//   node bench/kernelAloneAB.mjs elu,log,softplus .tmp/unary-base.wat src/wasm/unaryKernels.wat
//
// Unary kernels are called (x, o, n, 1, 1, 1), backward kernels (names ending in Bwd) (g, x, o, n, 1, 1, 1).
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import wabtInit from 'wabt';

const [names, ...files] = process.argv.slice(2);
if (!names || files.length < 2) {
  console.error('usage: node bench/kernelAloneAB.mjs fn[,fn…] a.wat|a.wasm b.wat|b.wasm …');
  process.exit(2);
}
const wabt = await wabtInit();
const bytes = (file) => {
  if (file.endsWith('.wasm')) return readFileSync(file);
  const m = wabt.parseWat(file, readFileSync(file, 'utf8'), { simd: true, bulk_memory: true });
  return m.toBinary({}).buffer;
};
const N = 32768;
const X = 1 << 20;
const Y = 2 << 20;
const O = 4 << 20;
const modules = files.map((file) => {
  const k = new WebAssembly.Instance(new WebAssembly.Module(bytes(file)), {}).exports;
  const need = 6 << 20;
  if (k.memory.buffer.byteLength < need) k.memory.grow((need - k.memory.buffer.byteLength) >> 16);
  const f32 = new Float32Array(k.memory.buffer);
  for (let i = 0; i < N; i++) {
    f32[X / 4 + i] = Math.sin(i * 12.9898) * 4;
    f32[Y / 4 + i] = Math.sin(i * 78.233);
  }
  return k;
});
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
console.log(`load average ${loadavg()[0].toFixed(2)}; ns per element (fastest / median of 31 samples)`);
console.log(`| kernel | ${files.join(' | ')} |`);
console.log(`|---|${files.map(() => '--:|').join('')}`);
for (const fn of names.split(',')) {
  const calls = modules.map((k) => {
    const f = k[fn];
    if (typeof f !== 'function') throw new Error(`kernelAloneAB: no export ${fn}`);
    return fn.endsWith('Bwd') ? () => f(Y, X, O, N, 1, 1, 1) : () => f(X, O, N, 1, 1, 1);
  });
  for (const c of calls) for (let r = 0; r < 3000; r++) c();
  const t = calls.map(() => []);
  for (let s = 0; s < 31; s++) {
    calls.forEach((c, i) => {
      const t0 = process.hrtime.bigint();
      for (let r = 0; r < 100; r++) c();
      t[i].push(Number(process.hrtime.bigint() - t0) / 100 / N);
    });
  }
  console.log(
    `| ${fn} | ${t.map((a) => `${Math.min(...a).toFixed(3)} / ${median(a).toFixed(3)}`).join(' | ')} |`,
  );
}
