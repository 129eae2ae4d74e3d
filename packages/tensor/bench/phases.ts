/**
 * Where the time of a memory-bound float32 op goes, phase by phase (issue 15): allocating the output (a fresh
 * typed array, or one from the buffer pool), copying the operands into kernel memory, the kernel on data already
 * there, copying the result out, the whole streamed call into a preallocated output, the JavaScript loop, and the
 * public op with and without `dispose()` of its result. Each phase is timed alone (median of samples, wall clock
 * and process CPU time), phases interleaved sample by sample. Beside them, TensorFlow.js's wasm backend on the same
 * rows (`tf.tidy(op).dispose()`, its tensors resident in its wasm heap) and on tiny tensors (its per-call cost, so
 * that the difference is its kernel), and @dl's ops on tiny tensors (the per-call glue: checks, output, Tensor).
 * `--only=<text>` keeps the phases whose name contains it.
 *
 *   cd packages/tensor && node ../../scripts/bench-build.mjs bench/phases.ts .tmp/phases.mjs && node .tmp/phases.mjs
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { abs, add, elu, erf, log1p, mish, relu, silu, softmax, tensor } from '../src/index';
import { allocUninit, releaseBuffer } from '../src/memory/_pool';
import { actRuntime } from '../src/wasm/activations';
import type { MapKernel } from '../src/wasm/blocks';
import { BLOCK, O, X, Y } from '../src/wasm/layout';
import { wasmRuntime } from '../src/wasm/runtime';
import { softmaxRuntime, wasmSoftmaxRows } from '../src/wasm/softmax';
import { specialRuntime } from '../src/wasm/special';
import { pointwiseRuntime, unaryRuntime } from '../src/wasm/unary';
import { type Contender, fmtMs, measureInterleaved, randomData } from './harness';

const require = createRequire(import.meta.url);
setWasmPaths(`${path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'))}/dist/`);
if (!(await tf.setBackend('wasm'))) throw new Error('phases: could not start the tfjs wasm backend');

const N = 1_000_000;
const rt = wasmRuntime();
if (rt === null) throw new Error('phases: the WebAssembly kernels are not available');
const a = randomData(N, 3);
const b = randomData(N, 4);
const out = new Float32Array(N);
const ta = tensor(a, { shape: [1000, 1000] });
const tb = tensor(b, { shape: [1000, 1000] });

function copyIn(x: Float32Array, at: number): void {
  const f32 = rt!.f32;
  for (let i = 0; i < x.length; i += BLOCK) f32.set(x.subarray(i, Math.min(x.length, i + BLOCK)), at >> 2);
}
function copyOut(o: Float32Array): void {
  const f32 = rt!.f32;
  for (let i = 0; i < o.length; i += BLOCK) {
    const m = Math.min(BLOCK, o.length - i);
    o.set(f32.subarray(O >> 2, (O >> 2) + m), i);
  }
}

const phases: [string, () => void][] = [
  [
    'alloc fresh Float32Array(1M) + one write per page',
    () => {
      const o = new Float32Array(N);
      for (let i = 0; i < N; i += 1024) o[i] = 1;
    },
  ],
  [
    'alloc from pool (allocUninit after release)',
    () => {
      const o = allocUninit('float32', N) as Float32Array;
      for (let i = 0; i < N; i += 1024) o[i] = 1;
      releaseBuffer(o);
    },
  ],
  ['copy-in one 1M operand (blocks of 32K)', () => copyIn(a, X)],
  ['copy-out 1M (blocks of 32K)', () => copyOut(out)],
  ['plain copy out.set(a) 1M', () => out.set(a)],
  [
    'kernel vv add on resident blocks (31 calls)',
    () => {
      for (let i = 0; i < N; i += BLOCK) rt!.k.vv(0, X, Y, O, Math.min(BLOCK, N - i));
    },
  ],
  [
    'kernel relu on resident blocks',
    () => {
      for (let i = 0; i < N; i += BLOCK) rt!.k.relu(X, O, Math.min(BLOCK, N - i));
    },
  ],
  [
    'streamed add into preallocated (in + in + kernel + out)',
    () => {
      const f32 = rt!.f32;
      for (let i = 0; i < N; i += BLOCK) {
        const m = Math.min(BLOCK, N - i);
        f32.set(a.subarray(i, i + m), X >> 2);
        f32.set(b.subarray(i, i + m), Y >> 2);
        rt!.k.vv(0, X, Y, O, m);
        out.set(f32.subarray(O >> 2, (O >> 2) + m), i);
      }
    },
  ],
  [
    'JS loop add into preallocated',
    () => {
      for (let i = 0; i < N; i++) out[i] = a[i]! + b[i]!;
    },
  ],
  [
    'JS loop relu into preallocated',
    () => {
      for (let i = 0; i < N; i++) {
        const v = a[i]!;
        out[i] = Math.max(v, 0);
      }
    },
  ],
  [
    'add(a, b) (result kept: GC takes it)',
    () => {
      add(ta, tb);
    },
  ],
  ['add(a, b).dispose()', () => add(ta, tb).dispose()],
  [
    'relu(a) (kept)',
    () => {
      relu(ta);
    },
  ],
  ['relu(a).dispose()', () => relu(ta).dispose()],
];

const sm = randomData(1024 * 1000, 6);
const tsm = tensor(sm, { shape: [1024, 1000] });
const srt = softmaxRuntime(1024 * 1000)!;
const smOut = new Float32Array(1024 * 1000);
const per = Math.floor(BLOCK / 1000);
phases.push(
  [
    'softmax copy-in [1024,1000] (blocks of 32 rows)',
    () => {
      for (let o = 0; o < 1024; o += per)
        srt.f32.set(sm.subarray(o * 1000, Math.min(1024, o + per) * 1000), 0);
    },
  ],
  [
    'softmax kernel on resident blocks',
    () => {
      for (let o = 0; o < 1024; o += per)
        srt.k.softmaxF32(0, BLOCK * 8, BLOCK * 12 + 64, Math.min(per, 1024 - o), 1000);
    },
  ],
  [
    'softmax lse kernel (max + exp-sum, no store) on resident blocks',
    () => {
      for (let o = 0; o < 1024; o += per)
        srt.k.lseF32(0, BLOCK * 8, BLOCK * 12 + 64, BLOCK * 12 + 64 + 16384, Math.min(per, 1024 - o), 1000);
    },
  ],
  [
    'softmax copy-out',
    () => {
      for (let o = 0; o < 1024; o += per) {
        const rows = Math.min(per, 1024 - o);
        smOut.set(srt.f32.subarray(BLOCK * 2, BLOCK * 2 + rows * 1000), o * 1000);
      }
    },
  ],
  [
    'softmax streamed into preallocated (wasmSoftmaxRows)',
    () => {
      wasmSoftmaxRows(srt, sm, smOut, 1024, 1000, false);
    },
  ],
  [
    'softmax(x) (kept)',
    () => {
      softmax(tsm);
    },
  ],
  ['softmax(x).dispose()', () => softmax(tsm).dispose()],
);

// The unary kernels of the issue-15 rows (elu, silu, abs, log1p, erf, mish): the kernel alone on resident blocks
// against the public op (disposed): what is left is the data path (copies, output allocation) and the op's glue.
const unaryOps: [
  string,
  (t: typeof ta) => typeof ta,
  { k: object } | null,
  string,
  number,
  number,
  number,
][] = [
  ['elu', (t) => elu(t), unaryRuntime(N), 'elu', 1, 1, 1],
  ['silu', (t) => silu(t), actRuntime(N), 'silu', 0, 0, 0],
  ['abs', (t) => abs(t), pointwiseRuntime(N), 'abs', 0, 0, 0],
  ['log1p', (t) => log1p(t), unaryRuntime(N), 'log1p', 0, 0, 0],
  ['erf', (t) => erf(t), specialRuntime(N), 'erf', 0, 0, 0],
  ['mish', (t) => mish(t), specialRuntime(N), 'mish', 0, 0, 0],
];
for (const [name, op, urt, kernel, p, q, s] of unaryOps) {
  phases.push(
    [
      `${name} kernel on resident blocks`,
      () => {
        const k = (urt!.k as Record<string, MapKernel>)[kernel]!;
        for (let i = 0; i < N; i += BLOCK) k(X, O, Math.min(BLOCK, N - i), p, q, s, 0);
      },
    ],
    [`${name}(a).dispose()`, () => op(ta).dispose()],
  );
}

// The per-call costs: @dl's ops on two elements (the JavaScript kernels; what is left is the op's checks, the output
// and the Tensor), TensorFlow.js's wasm backend on the 1M rows and on two elements (its engine's per-call cost).
const t2 = tensor(a.subarray(0, 2), { shape: [1, 2] });
const f1 = tf.tensor(a, [1000, 1000], 'float32');
const f1b = tf.tensor(b, [1000, 1000], 'float32');
const fsm = tf.tensor(sm, [1024, 1000], 'float32');
const f2 = tf.tensor(a.subarray(0, 2), [1, 2], 'float32');
phases.push(
  ['glue: add [1,2] (JS kernel).dispose()', () => add(t2, t2).dispose()],
  ['glue: abs [1,2] (JS kernel).dispose()', () => abs(t2).dispose()],
  ['glue: softmax [1,2] (JS kernel).dispose()', () => softmax(t2).dispose()],
  ['tfjs-wasm add 1M (tidy + dispose)', () => tf.tidy(() => tf.add(f1, f1b)).dispose()],
  ['tfjs-wasm abs 1M', () => tf.tidy(() => tf.abs(f1)).dispose()],
  ['tfjs-wasm softmax [1024,1000]', () => tf.tidy(() => tf.softmax(fsm)).dispose()],
  ['tfjs-wasm glue: add [1,2]', () => tf.tidy(() => tf.add(f2, f2)).dispose()],
  ['tfjs-wasm glue: abs [1,2]', () => tf.tidy(() => tf.abs(f2)).dispose()],
  ['tfjs-wasm glue: softmax [1,2]', () => tf.tidy(() => tf.softmax(f2)).dispose()],
  [
    'tfjs-wasm add 1M, result read back (dataSync)',
    () => {
      const y = tf.tidy(() => tf.add(f1, f1b));
      y.dataSync();
      y.dispose();
    },
  ],
);

const only = process.argv.find((s) => s.startsWith('--only='))?.slice(7);
const chosen = only === undefined ? phases : phases.filter(([n]) => n.includes(only));
const contenders: Contender[] = chosen.map(([, run]) => ({ run }));
const t = await measureInterleaved(contenders, { samples: 11, minSamples: 5, budgetMs: 400, sampleMs: 10 });
console.log('| phase | wall ms | CPU ms |');
console.log('|---|--:|--:|');
for (const [i, [name]] of chosen.entries()) {
  console.log(`| ${name} | ${fmtMs(t[i]!.wallMs)} | ${fmtMs(t[i]!.cpuMs)} |`);
}

// The summary of the memory-bound rows (docs/benchmarks/tensor.md, session 6): CPU ms of the phases above, per op.
if (only === undefined) {
  const cpu = (name: string) => {
    const i = chosen.findIndex(([n]) => n === name);
    return i < 0 ? Number.NaN : t[i]!.cpuMs;
  };
  const copyIn = cpu('copy-in one 1M operand (blocks of 32K)');
  const copyOut = cpu('copy-out 1M (blocks of 32K)');
  const pooled = cpu('alloc from pool (allocUninit after release)');
  const rows: [string, string, string, string, string, string, string, string][] = [
    [
      'add',
      `2 × ${fmtMs(copyIn)}`,
      fmtMs(cpu('kernel vv add on resident blocks (31 calls)')),
      fmtMs(copyOut),
      fmtMs(cpu('glue: add [1,2] (JS kernel).dispose()')),
      fmtMs(cpu('add(a, b).dispose()')),
      fmtMs(cpu('tfjs-wasm add 1M (tidy + dispose)')),
      fmtMs(cpu('tfjs-wasm glue: add [1,2]')),
    ],
    [
      'abs',
      fmtMs(copyIn),
      fmtMs(cpu('abs kernel on resident blocks')),
      fmtMs(copyOut),
      fmtMs(cpu('glue: abs [1,2] (JS kernel).dispose()')),
      fmtMs(cpu('abs(a).dispose()')),
      fmtMs(cpu('tfjs-wasm abs 1M')),
      fmtMs(cpu('tfjs-wasm glue: abs [1,2]')),
    ],
    [
      'softmax [1024,1000]',
      fmtMs(cpu('softmax copy-in [1024,1000] (blocks of 32 rows)')),
      fmtMs(cpu('softmax kernel on resident blocks')),
      fmtMs(cpu('softmax copy-out')),
      fmtMs(cpu('glue: softmax [1,2] (JS kernel).dispose()')),
      fmtMs(cpu('softmax(x).dispose()')),
      fmtMs(cpu('tfjs-wasm softmax [1024,1000]')),
      fmtMs(cpu('tfjs-wasm glue: softmax [1,2]')),
    ],
  ];
  console.log(`\nPer op (CPU ms; pool output ${fmtMs(pooled)} each):\n`);
  console.log(
    '| 1M elements | copy in | kernel (blocks in cache) | copy out | glue (op on [1,2]) | op, disposed | tfjs-wasm op | tfjs-wasm glue |',
  );
  console.log('|---|--:|--:|--:|--:|--:|--:|--:|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}
