#!/usr/bin/env node
// The two-thread scaling ceiling of this machine, measured with the kernels the threaded matmul runs: is one more
// worker thread worth a second core? The same loop runs in one worker, then in two at once (phases interleaved,
// `rounds` times), each on the shared-memory module of src/wasm/matmulShared.wat, and the calls are timed:
//
// - `tile`: the 4 x 8 register tile with A (16 rows) and B (2 panels), 32 KB, in L1 (48 KB per core): registers and L1
//   only, nothing shared. Two copies scale 2x on two cores, less when the two vCPUs share one core's pipelines
//   (SMT siblings on the host) or the host lowers the clock when both run;
// - `gemm`: what a thread of the matmul pool does for 1024³: `gemm` (pack 64 rows of A, then 4 x 8 tiles over a
//   packed B of 1024 x 1024 = 4 MB, read by both threads, through L2 1 MB per core and the shared L3);
// - `copy L2`: copyWithin of 256 KB inside a 512 KB region of each worker's own (cache bandwidth, per core);
// - `copy DRAM`: copyWithin of 1 MB blocks cycling through 64 MB per worker (past the 32 MB L3: memory bandwidth,
//   shared by both cores). GB/s count the bytes read plus the bytes written.
//
// Each worker logs the end time of every call (performance.timeOrigin + now(), µs resolution, comparable across
// threads); a call's work is spread evenly over its duration. The work done in each window of `window` ms is summed
// over the workers; the best windows (the fastest, and the 99th percentile) are what the machine gives when the threads actually run
// at once, which a loaded machine allows only part of the time — so the figure is a ceiling, not an average. The
// process CPU time per phase says how much of two cores the phase got.
//
//   cd packages/tensor && node bench/sgemmThreads.mjs [--seconds 1.5] [--rounds 3] [--window 10]
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const MB = 1 << 20;
// per worker: a region of 80 MB at 16 MB + id * 80 MB; the shared packed B (4 MB) at 4 MB
const REGION = 80 * MB;
const base = (id) => 16 * MB + id * REGION;
const KINDS = {
  tile: { flops: 2 * 16 * 8 * 2 * 256 * 32, unit: 'GFLOP/s' },
  gemm: { flops: 2 * 64 * 1024 * 1024, unit: 'GFLOP/s' },
  'copy L2': { flops: 2 * 256 * 1024, unit: 'GB/s' },
  'copy DRAM': { flops: 2 * MB, unit: 'GB/s' },
};

if (!isMainThread) {
  const { module, memory, id, ctl } = workerData;
  const k = new WebAssembly.Instance(module, { env: { memory } }).exports;
  const flag = new Int32Array(ctl);
  const u8 = new Uint8Array(memory.buffer);
  const o = base(id);
  const calls = {
    // 32 calls of the L1 tile: A 16 rows (16 KB at o), B 2 panels (16 KB at o + 64 KB), C 16 x 16 at o + 128 KB
    tile: () => {
      for (let q = 0; q < 32; q++)
        k.sgemm(o, 256 * 16, o + 64 * 1024, 256 * 32, o + 128 * 1024, 16, 256, 2, 16, 0);
    },
    // one 64-row block of a 1024³ product: raw A at o (256 KB), its panels at o + 1 MB, C at o + 2 MB, B at 4 MB
    gemm: () => k.gemm(o, 1024, 1, o + MB, 4 * MB, o + 2 * MB, 64, 1024, 128, 1024),
    'copy L2': () => u8.copyWithin(o + 256 * 1024, o, o + 256 * 1024),
    'copy DRAM': (() => {
      let at = 0;
      return () => {
        u8.copyWithin(o + 8 * MB + ((at + 32) % 64) * MB, o + 8 * MB + at * MB, o + 8 * MB + (at + 1) * MB);
        at = (at + 1) % 32;
      };
    })(),
  };
  parentPort.on('message', ({ kind, ms }) => {
    const call = calls[kind];
    for (let i = 0; i < 3; i++) call(); // warm: optimised code, pages touched
    const ends = new Float64Array(Math.ceil(ms * 200) + 16);
    Atomics.add(flag, 1, 1);
    while (Atomics.load(flag, 0) === 0); // every worker starts at once
    const stop = performance.now() + ms;
    let n = 0;
    ends[n++] = performance.timeOrigin + performance.now();
    while (n < ends.length) {
      call();
      const t = performance.now();
      ends[n++] = performance.timeOrigin + t;
      if (t > stop) break;
    }
    parentPort.postMessage(ends.slice(0, n));
  });
} else {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '1.5' },
      rounds: { type: 'string', default: '3' },
      window: { type: 'string', default: '10' },
      only: { type: 'string', default: '' },
    },
  });
  const seconds = Number(values.seconds);
  const rounds = Number(values.rounds);
  const windowMs = Number(values.window);
  if (!(seconds > 0 && Number.isInteger(rounds) && rounds > 0 && windowMs > 0)) {
    console.error('sgemmThreads: --seconds and --window must be positive, --rounds a positive integer');
    process.exit(2);
  }
  const kinds = values.only ? values.only.split(',') : Object.keys(KINDS);
  for (const kind of kinds)
    if (!(kind in KINDS)) {
      console.error(`sgemmThreads: unknown kind '${kind}' (${Object.keys(KINDS).join(', ')})`);
      process.exit(2);
    }
  const { default: wabtInit } = await import('wabt');
  const here = fileURLToPath(new URL('../', import.meta.url));
  const wabt = await wabtInit();
  const wat = readFileSync(`${here}src/wasm/matmulShared.wat`, 'utf8');
  const module = new WebAssembly.Module(
    wabt.parseWat('matmulShared.wat', wat, { simd: true, threads: true }).toBinary({}).buffer,
  );
  const memory = new WebAssembly.Memory({
    initial: (16 * MB + 2 * REGION) / 65536,
    maximum: 65536,
    shared: true,
  });
  const f32 = new Float32Array(memory.buffer);
  for (let i = 0; i < f32.length; i++) f32[i] = Math.sin(i) * 0.01; // finite operands everywhere
  // the shared packed B of the `gemm` kind (from a raw B at 8 MB)
  new WebAssembly.Instance(module, { env: { memory } }).exports.packB(8 * MB, 4 * MB, 1024, 1024, 1024, 1);
  const ctl = new SharedArrayBuffer(8);
  const flag = new Int32Array(ctl);
  const workers = [0, 1].map(
    (id) => new Worker(new URL(import.meta.url), { workerData: { module, memory, id, ctl } }),
  );
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  const phase = async (kind, n) => {
    Atomics.store(flag, 0, 0);
    Atomics.store(flag, 1, 0);
    const logs = workers.slice(0, n).map(
      (w) =>
        new Promise((resolve) => {
          w.once('message', resolve);
          w.postMessage({ kind, ms: seconds * 1000 });
        }),
    );
    while (Atomics.load(flag, 1) < n) await new Promise((r) => setTimeout(r, 1));
    const c0 = cpu();
    const t0 = performance.now();
    Atomics.store(flag, 0, 1);
    const ends = await Promise.all(logs);
    return { ends, cpu: cpu() - c0, wall: (performance.now() - t0) / 1000 };
  };
  // work per window (units of one call), summed over the workers, on one grid from the first start
  const windows = (ends) => {
    const t0 = Math.min(...ends.map((e) => e[0]));
    const t1 = Math.max(...ends.map((e) => e[e.length - 1]));
    const w = new Float64Array(Math.ceil((t1 - t0) / windowMs) + 1);
    // each call's work spread evenly over its time, so a window holds exactly the work done within it
    for (const e of ends)
      for (let i = 1; i < e.length; i++) {
        const a = (e[i - 1] - t0) / windowMs;
        const b = (e[i] - t0) / windowMs;
        const per = 1 / (b - a);
        for (let j = Math.floor(a); j < b; j++) w[j] += per * (Math.min(b, j + 1) - Math.max(a, j));
      }
    return Array.from(w.subarray(0, w.length - 1)).sort((a, b) => a - b);
  };
  const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  const steal = () => Number(readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/)[8]);
  const s0 = steal();
  console.log(
    `# two-thread scaling ceiling, ${new Date().toISOString()}, ${cpus().length} x ${cpus()[0]?.model.trim()}, node ${process.version}, load ${load()}\n`,
  );
  console.log(`${rounds} rounds of one worker then two, ${seconds} s each; windows of ${windowMs} ms\n`);
  console.log(
    '| kernel | 1 thread: best window (p99) | 2 threads: best window (p99) | ceiling ratio (p99) | CPU s / wall s, 1 · 2 threads |',
  );
  console.log('|---|--:|--:|--:|--:|');
  for (const kind of kinds) {
    const w1 = [];
    const w2 = [];
    let c1 = 0;
    let c2 = 0;
    let s1 = 0;
    let s2 = 0;
    for (let r = 0; r < rounds; r++) {
      const one = await phase(kind, 1);
      const two = await phase(kind, 2);
      w1.push(...windows(one.ends));
      w2.push(...windows(two.ends));
      c1 += one.cpu;
      s1 += one.wall;
      c2 += two.cpu;
      s2 += two.wall;
    }
    w1.sort((a, b) => a - b);
    w2.sort((a, b) => a - b);
    const rate = (calls) => ((calls * KINDS[kind].flops) / (windowMs * 1e6)).toFixed(1);
    console.log(
      `| ${kind} | ${rate(pct(w1, 1))} ${KINDS[kind].unit} (${rate(pct(w1, 0.99))}) | ${rate(pct(w2, 1))} (${rate(pct(w2, 0.99))}) | ${(pct(w2, 1) / pct(w1, 1)).toFixed(2)}x (${(pct(w2, 0.99) / pct(w1, 0.99)).toFixed(2)}x) | ${(c1 / s1).toFixed(2)} · ${(c2 / s2).toFixed(2)} |`,
    );
  }
  console.log(
    `\nsteal time during the run: ${((steal() - s0) / 100).toFixed(2)} CPU s; load after: ${load()}`,
  );
  for (const w of workers) await w.terminate();
}
