/**
 * Float32 dropout, interleaved in one process (process CPU time per call, outputs disposed): session 3's
 * JavaScript loop (the package at 8d61735, unpacked into .tmp/base) against the working tree with the WebAssembly
 * kernels on (`wasm`) and off (`js`: the same tree's JavaScript loop). The same tensors, the same seeded stream.
 *
 *   cd packages/tensor && rm -rf .tmp/base && mkdir -p .tmp/base && git archive 8d61735 src | tar -x -C .tmp/base
 *   node ../../scripts/bench-build.mjs bench/dropoutAB.ts .tmp/dropoutAB.mjs && uptime && node .tmp/dropoutAB.mjs
 */
import * as A from '../.tmp/base/src/index';
import * as B from '../src/index';
import { fmtMs, measureInterleaved, randomData } from './harness';

type Lib = typeof B;
const sizes: [string, number[]][] = [
  ['[64,128]', [64, 128]],
  ['[256,1024]', [256, 1024]],
  ['1M', [1000, 1000]],
];
const rounds = Number(process.argv.find((s) => s.startsWith('--rounds='))?.slice(9) ?? 3);
const make = (L: Lib, shape: number[]) => {
  const n = shape.reduce((a, b) => a * b, 1);
  const x = L.tensor(randomData(n, 3), { shape });
  const g = L.createGenerator(1);
  return () => L.dropout(x, { p: 0.5, generator: g }).dispose();
};
console.log(
  '| size | round | session 3 JS loop ms | tree, js ms | tree, wasm ms | wasm vs session 3 | wasm vs tree js |',
);
console.log('|---|--:|--:|--:|--:|--:|--:|');
for (const [name, shape] of sizes) {
  for (let r = 0; r < rounds; r++) {
    const [base, js, wasm] = await measureInterleaved(
      [
        { run: make(A as unknown as Lib, shape) },
        { run: make(B, shape), enter: () => void B.setKernelBackend('js') },
        { run: make(B, shape), enter: () => void B.setKernelBackend('wasm') },
      ],
      { samples: 15, budgetMs: 900, sampleMs: 10 },
    );
    B.setKernelBackend('wasm');
    console.log(
      `| ${name} | ${r + 1} | ${fmtMs(base!.cpuMs)} | ${fmtMs(js!.cpuMs)} | ${fmtMs(wasm!.cpuMs)} | ${(base!.cpuMs / wasm!.cpuMs).toFixed(2)}x | ${(js!.cpuMs / wasm!.cpuMs).toFixed(2)}x |`,
    );
  }
}
