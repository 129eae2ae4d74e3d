/**
 * The memory floor of an Adam step at 10M float32 parameters, beside @dl/optim's adamw in the same process.
 *
 * An Adam step must read p, g, m, v and write p, m, v: 28 bytes per parameter. Three loops move exactly those
 * bytes with one addition per array (no Adam arithmetic), so they time the memory system alone:
 *
 * - **resident**: p, g, m and v all in one WebAssembly memory, one four-lane pass (the best any single-threaded
 *   wasm optimizer can do: tfjs-wasm's and jax-js's layout);
 * - **streamed**: the facade's layout: p and g in JavaScript `Float32Array`s, copied chunk by chunk (32K
 *   elements, the facade's CHUNK) into scratch blocks of the memory, m and v resident there, p copied back;
 * - **copy**: `Float32Array.prototype.set` of a 40 MB array (read + write counted).
 *
 * and then `createOptimizer(params, adamw())` (the default `checkFinite: 'before'`, and `'during'`), in one tensor
 * and in 100 tensors, and with parameters, gradients and state in one `createKernelMemory` (the resident layout). Interleaved rounds, medians of process CPU time and of wall time per step.
 *
 *   cd packages/optim && node ../../scripts/bench-build.mjs bench/floor.ts .tmp/floor.mjs && node .tmp/floor.mjs
 */
import { createRequire } from 'node:module';
import { cpus as cpuList, loadavg } from 'node:os';
import { adamw, createKernelMemory, createOptimizer } from '../src/index';
import { CHUNK } from '../src/wasm/runtime';
import { cpuMs as cpu, inKernelMemory, median as med, rand } from './harness';

const N = 10_000_000;
const TENSORS = 100;
const ROUNDS = Number(process.env.ROUNDS ?? 11);

// (p, g, m, v, n): m += g, v += g, p += m, four lanes a turn; byte offsets, n a multiple of 4.
const WAT = `(module (memory (export "memory") 1)
  (func (export "stream") (param $p i32) (param $g i32) (param $m i32) (param $v i32) (param $n i32)
    (local $end i32) (local $gv v128) (local $mv v128)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $gv (v128.load (local.get $g)))
      (local.set $mv (f32x4.add (v128.load (local.get $m)) (local.get $gv)))
      (v128.store (local.get $m) (local.get $mv))
      (v128.store (local.get $v) (f32x4.add (v128.load (local.get $v)) (local.get $gv)))
      (v128.store (local.get $p) (f32x4.add (v128.load (local.get $p)) (local.get $mv)))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (local.set $g (i32.add (local.get $g) (i32.const 16)))
      (local.set $m (i32.add (local.get $m) (i32.const 16)))
      (local.set $v (i32.add (local.get $v) (i32.const 16)))
      (br $l))))
)`;

async function main(): Promise<void> {
  type Wabt = {
    parseWat(name: string, text: string, f: object): { toBinary(o: object): { buffer: Uint8Array } };
  };
  const wabt = await (createRequire(import.meta.url)('wabt') as () => Promise<Wabt>)();
  const bin = wabt.parseWat('floor.wat', WAT, { simd: true }).toBinary({}).buffer;
  const inst = (await WebAssembly.instantiate(bin)).instance;
  const mem = inst.exports.memory as WebAssembly.Memory;
  const stream = inst.exports.stream as (p: number, g: number, m: number, v: number, n: number) => void;
  // layout: resident p, g, m, v (4 x 40 MB), then scratch p and g blocks, 2 KB past a page boundary as the
  // facade's (src/wasm/runtime.ts, SKEW: page-aligned blocks hit glibc's slow rep movsb on AMD Zen 3)
  const B = N * 4;
  const SCRATCH = 4 * B + 2048;
  const G_AT = SCRATCH + CHUNK * 4 + 4096;
  mem.grow(Math.ceil((G_AT + CHUNK * 4) / 65536));
  const f = new Float32Array(mem.buffer);
  f.set(rand(N, 1, 1e-3), 0);
  f.set(rand(N, 2, 1e-3), N);
  const jp = rand(N, 3, 1e-3);
  const jg = rand(N, 4, 1e-3);
  const per = N / TENSORS;
  const jps = Array.from({ length: TENSORS }, (_, i) => jp.subarray(i * per, (i + 1) * per));
  const jgs = Array.from({ length: TENSORS }, (_, i) => jg.subarray(i * per, (i + 1) * per));
  const sp = SCRATCH / 4;
  const sg = G_AT / 4;

  const resident = () => stream(0, B, 2 * B, 3 * B, N);
  const streamed = (ps: Float32Array[], gs: Float32Array[]) => () => {
    let off = 0;
    for (let t = 0; t < ps.length; t++) {
      const p = ps[t]!;
      const g = gs[t]!;
      for (let i = 0; i < p.length; i += CHUNK) {
        const e = Math.min(p.length, i + CHUNK);
        f.set(p.subarray(i, e), sp);
        f.set(g.subarray(i, e), sg);
        stream(SCRATCH, G_AT, 2 * B + (off + i) * 4, 3 * B + (off + i) * 4, e - i);
        p.set(f.subarray(sp, sp + (e - i)), i);
      }
      off += p.length;
    }
  };
  const copySrc = rand(N, 5, 1e-3);
  const copyDst = new Float32Array(N);
  const copy = () => copyDst.set(copySrc);

  const params = (tensors: number) => {
    const p = rand(N, 6, 1e-3);
    const g = rand(N, 7, 1e-3);
    const k = N / tensors;
    return Array.from({ length: tensors }, (_, i) => ({
      data: p.subarray(i * k, (i + 1) * k),
      grad: g.subarray(i * k, (i + 1) * k),
    }));
  };
  const optimizer = (tensors: number, checkFinite: 'before' | 'during') => {
    const o = createOptimizer(params(tensors), adamw(), { checkFinite });
    return () => o.step();
  };
  // parameters, gradients and state in one kernel memory (createKernelMemory): the resident floor's layout
  const inMemory = (tensors: number) => {
    const k = N / tensors;
    const memory = createKernelMemory(4 * tensors * ((k + 3) & ~3));
    const o = createOptimizer(inKernelMemory(memory, params(tensors)), adamw(), { memory });
    return () => o.step();
  };

  const cases: [string, () => void, number][] = [
    ['copy 40 MB (set), 8 B/elem', copy, 8],
    ['floor: resident p,g,m,v (28 B/param)', resident, 28],
    ['floor: streamed like the facade, one tensor', streamed([jp], [jg]), 28],
    ['floor: streamed like the facade, 100 tensors', streamed(jps, jgs), 28],
    ['adamw one tensor (checkFinite before)', optimizer(1, 'before'), 28],
    ['adamw 100 tensors (checkFinite before)', optimizer(TENSORS, 'before'), 28],
    ['adamw 100 tensors (checkFinite during)', optimizer(TENSORS, 'during'), 28],
    ['adamw in a kernel memory, one tensor (checkFinite before)', inMemory(1), 28],
    ['adamw in a kernel memory, 100 tensors (checkFinite before)', inMemory(TENSORS), 28],
  ];
  for (const [, run] of cases) for (let i = 0; i < 3; i++) run();
  const wall: number[][] = cases.map(() => []);
  const cpus: number[][] = cases.map(() => []);
  for (let r = 0; r < ROUNDS; r++) {
    cases.forEach(([, run], i) => {
      const c0 = cpu();
      const t0 = performance.now();
      run();
      wall[i]!.push(performance.now() - t0);
      cpus[i]!.push(cpu() - c0);
    });
  }
  const cores = cpuList();
  const load = loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
  console.log(
    `${new Date().toISOString()} ${cores[0]?.model} x${cores.length}, Node ${process.version}, load ${load}`,
  );
  console.log('| loop, 10M float32 | wall ms | CPU ms | GB/s (wall) | ns / elem (wall) |');
  console.log('| --- | --: | --: | --: | --: |');
  cases.forEach(([name, , bytes], i) => {
    const w = med(wall[i]!);
    console.log(
      `| ${name} | ${w.toFixed(2)} | ${med(cpus[i]!).toFixed(2)} | ${((N * bytes) / (w * 1e6)).toFixed(1)} | ${((w * 1e6) / N).toFixed(3)} |`,
    );
  });
}

await main();
