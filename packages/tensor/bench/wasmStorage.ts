/**
 * PROTOTYPE A/B for docs/design/wasm-storage.md (issue 15, session 6): should float32 CPU tensors live in the
 * kernels' WebAssembly memory? The same kernels run three ways on the memory-bound rows, interleaved sample by
 * sample with TensorFlow.js's wasm backend (whose tensors live in its wasm heap):
 *
 * - `today`: the public op, result disposed (operands and result on the JavaScript heap, streamed through 128 KB
 *   blocks of kernel memory: copy in, kernel, copy out; the output buffer from the pool);
 * - `resident`: operands already in the kernel module's memory, the output taken from a free list of that memory
 *   (exact sizes, as src/memory/_pool.ts does), one kernel call over the whole operands, a `Tensor` made on a view
 *   of the output, then disposed and its bytes given back to the free list: what a wasm-resident storage would do;
 * - `resident kernel`: the kernel call alone (no allocation, no Tensor): the floor of that design;
 * - `tfjs-wasm`: `tf.tidy(() => op).dispose()`.
 *
 * Nothing here is in src: each kernel module gets an instance of its own (its own memory, grown to hold the
 * operands), so the prototype cannot disturb the package's runtime.
 *
 *   cd packages/tensor && node ../../scripts/bench-build.mjs bench/wasmStorage.ts .tmp/wasmStorage.mjs && uptime && node .tmp/wasmStorage.mjs
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { abs, add, relu, silu, softmax, type Tensor, tensor } from '../src/index';
import { Tensor as TensorClass } from '../src/tensor';
import { ACT_KERNELS_WASM } from '../src/wasm/actKernelsWasm';
import type { MapKernel } from '../src/wasm/blocks';
import { KERNELS_WASM } from '../src/wasm/kernelsWasm';
import { POINTWISE_KERNELS_WASM } from '../src/wasm/pointwiseKernelsWasm';
import { instantiateKernels } from '../src/wasm/runtime';
import { SOFTMAX_KERNELS_WASM } from '../src/wasm/softmaxKernelsWasm';
import { type Contender, fmtMs, measureInterleaved, randomData } from './harness';

const require = createRequire(import.meta.url);
setWasmPaths(`${path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'))}/dist/`);
if (!(await tf.setBackend('wasm'))) throw new Error('wasmStorage: could not start the tfjs wasm backend');

interface Memory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/**
 * The prototype storage: a kernel module instance whose memory holds tensors from `base` on, a bump pointer and
 * free lists by exact byte size (a disposed tensor's bytes go back to its size's list, the next allocation of that
 * size takes them: hot in cache, as in tfjs-wasm's heap).
 */
class Arena<K> {
  readonly k: K;
  readonly memory: Memory;
  private top: number;
  private readonly free = new Map<number, number[]>();
  constructor(base64: string, base: number, bytes: number) {
    const exports = instantiateKernels(base64, () => {});
    if (exports === null) throw new Error('wasmStorage: no WebAssembly SIMD here');
    this.k = exports as K;
    this.memory = (exports as { memory: Memory }).memory;
    const need = base + bytes - this.memory.buffer.byteLength;
    if (need > 0) this.memory.grow(Math.ceil(need / 65536));
    this.top = base;
  }
  /** Byte offset of `n` float32 (16 bytes of slack: kernels may write up to three values past the end). */
  alloc(n: number): number {
    const bytes = ((n * 4 + 16 + 63) >> 6) << 6;
    const list = this.free.get(bytes);
    if (list !== undefined && list.length > 0) return list.pop()!;
    const at = this.top;
    this.top += bytes;
    if (this.top > this.memory.buffer.byteLength)
      throw new Error('wasmStorage: arena full (would grow: detach)');
    return at;
  }
  release(at: number, n: number): void {
    const bytes = ((n * 4 + 16 + 63) >> 6) << 6;
    let list = this.free.get(bytes);
    if (list === undefined) this.free.set(bytes, (list = []));
    list.push(at);
  }
  /** A resident copy of `data`. */
  put(data: Float32Array): number {
    const at = this.alloc(data.length);
    new Float32Array(this.memory.buffer, at, data.length).set(data);
    return at;
  }
  view(at: number, n: number): Float32Array {
    return new Float32Array(this.memory.buffer, at, n);
  }
}

interface MainK {
  vv(op: number, x: number, y: number, o: number, n: number): void;
  rows(op: number, x: number, row: number, o: number, R: number, C: number, flip: number): void;
  cols(op: number, x: number, s: number, o: number, R: number, C: number, flip: number): void;
  relu(x: number, o: number, n: number): void;
}
interface SoftmaxK {
  softmaxF32(x: number, o: number, m: number, R: number, C: number): void;
}
type MapK = Record<string, MapKernel>;

const N = 1_000_000;
const MB = 1 << 20;
const a1 = randomData(N, 3);
const b1 = randomData(N, 4);
const row1 = randomData(1000, 5);
const sm = randomData(1024 * 1000, 6);

const main = new Arena<MainK>(KERNELS_WASM, 2 * MB, 48 * MB);
const pointwise = new Arena<MapK>(POINTWISE_KERNELS_WASM, MB, 24 * MB);
const act = new Arena<MapK>(ACT_KERNELS_WASM, MB, 24 * MB);
const soft = new Arena<SoftmaxK>(SOFTMAX_KERNELS_WASM, MB, 24 * MB);
const ra = main.put(a1);
const rb = main.put(b1);
const rrow = main.put(row1);
const pa = pointwise.put(a1);
const aa = act.put(a1);
const sx = soft.put(sm);
const sM = soft.alloc(4096);

/** One resident op: allocate the output, run the kernel, wrap a Tensor on a view, dispose it, free the bytes. */
function resident<K>(arena: Arena<K>, n: number, shape: number[], kernel: (o: number) => void): () => void {
  return () => {
    const o = arena.alloc(n);
    kernel(o);
    const t = new TensorClass(arena.view(o, n), shape, 'float32');
    t.dispose();
    arena.release(o, n);
  };
}

const ta = tensor(a1, { shape: [1000, 1000] });
const tb = tensor(b1, { shape: [1000, 1000] });
const trow = tensor(row1);
const tcol = tensor(row1, { shape: [1000, 1] });
const tsm = tensor(sm, { shape: [1024, 1000] });
const fa = tf.tensor(a1, [1000, 1000], 'float32');
const fb = tf.tensor(b1, [1000, 1000], 'float32');
const frow = tf.tensor(row1, [1000], 'float32');
const fcol = tf.tensor(row1, [1000, 1], 'float32');
const fsm = tf.tensor(sm, [1024, 1000], 'float32');
const mo = main.alloc(N);
const po = pointwise.alloc(N);
const ao = act.alloc(N);
const so = soft.alloc(1024 * 1000);

interface Row {
  name: string;
  bytes: number;
  today: () => Tensor;
  resident: () => void;
  kernel: () => void;
  tfjs: () => tf.Tensor;
}
const rows: Row[] = [
  {
    name: 'add 1M',
    bytes: 12e6,
    today: () => add(ta, tb),
    resident: resident(main, N, [1000, 1000], (o) => main.k.vv(0, ra, rb, o, N)),
    kernel: () => main.k.vv(0, ra, rb, mo, N),
    tfjs: () => tf.add(fa, fb),
  },
  {
    name: 'row broadcast [1000,1000] + [1000]',
    bytes: 8e6,
    today: () => add(ta, trow),
    resident: resident(main, N, [1000, 1000], (o) => main.k.rows(0, ra, rrow, o, 1000, 1000, 0)),
    kernel: () => main.k.rows(0, ra, rrow, mo, 1000, 1000, 0),
    tfjs: () => tf.add(fa, frow),
  },
  {
    name: 'column broadcast [1000,1000] + [1000,1]',
    bytes: 8e6,
    today: () => add(ta, tcol),
    resident: resident(main, N, [1000, 1000], (o) => main.k.cols(0, ra, rrow, o, 1000, 1000, 0)),
    kernel: () => main.k.cols(0, ra, rrow, mo, 1000, 1000, 0),
    tfjs: () => tf.add(fa, fcol),
  },
  {
    name: 'relu 1M',
    bytes: 8e6,
    today: () => relu(ta),
    resident: resident(main, N, [1000, 1000], (o) => main.k.relu(ra, o, N)),
    kernel: () => main.k.relu(ra, mo, N),
    tfjs: () => tf.relu(fa),
  },
  {
    name: 'abs 1M',
    bytes: 8e6,
    today: () => abs(ta),
    resident: resident(pointwise, N, [1000, 1000], (o) => pointwise.k.abs!(pa, o, N, 0, 0, 0, 0)),
    kernel: () => pointwise.k.abs!(pa, po, N, 0, 0, 0, 0),
    tfjs: () => tf.abs(fa),
  },
  {
    name: 'silu 1M',
    bytes: 8e6,
    today: () => silu(ta),
    resident: resident(act, N, [1000, 1000], (o) => act.k.silu!(aa, o, N, 0, 0, 0, 0)),
    kernel: () => act.k.silu!(aa, ao, N, 0, 0, 0, 0),
    tfjs: () => tf.mul(fa, tf.sigmoid(fa)),
  },
  {
    name: 'softmax [1024,1000]',
    bytes: 8.192e6,
    today: () => softmax(tsm),
    resident: resident(soft, 1024 * 1000, [1024, 1000], (o) => soft.k.softmaxF32(sx, o, sM, 1024, 1000)),
    kernel: () => soft.k.softmaxF32(sx, so, sM, 1024, 1000),
    tfjs: () => tf.softmax(fsm),
  },
];

// the prototype computes what the package computes: same values, bit for bit
for (const r of rows) {
  const want = r.today().data as Float32Array;
  r.kernel();
  const arena = r.name.startsWith('abs')
    ? pointwise
    : r.name.startsWith('silu')
      ? act
      : r.name.startsWith('softmax')
        ? soft
        : main;
  const at = arena === main ? mo : arena === pointwise ? po : arena === act ? ao : so;
  const got = arena.view(at, want.length);
  for (let i = 0; i < want.length; i++) {
    if (!Object.is(got[i], want[i]))
      throw new Error(`wasmStorage: ${r.name} differs at ${i}: ${got[i]} vs ${want[i]}`);
  }
}

const only = process.argv.find((s) => s.startsWith('--only='))?.slice(7);
console.log(
  '| row | today ms | resident ms | resident kernel ms | tfjs-wasm ms | today vs tfjs-wasm | resident vs tfjs-wasm | resident vs today | resident GB/s |',
);
console.log('|---|--:|--:|--:|--:|--:|--:|--:|--:|');
for (const r of rows) {
  if (only !== undefined && !r.name.includes(only)) continue;
  const contenders: Contender[] = [
    { run: () => r.today().dispose() },
    { run: r.resident },
    { run: r.kernel },
    { run: () => tf.tidy(r.tfjs).dispose() },
  ];
  const [t, res, k, f] = await measureInterleaved(contenders, {
    samples: 15,
    minSamples: 7,
    budgetMs: 500,
    sampleMs: 10,
  });
  const x = (ours: number, other: number) => `${(other / ours).toFixed(2)}x`;
  console.log(
    `| ${r.name} | ${fmtMs(t!.cpuMs)} | ${fmtMs(res!.cpuMs)} | ${fmtMs(k!.cpuMs)} | ${fmtMs(f!.cpuMs)} | ${x(t!.cpuMs, f!.cpuMs)} | ${x(res!.cpuMs, f!.cpuMs)} | ${x(res!.cpuMs, t!.cpuMs)} | ${(r.bytes / (res!.cpuMs * 1e6)).toFixed(1)} |`,
  );
}
