/**
 * Threads benchmark of @dl/tensor: float32 matmul on one thread vs `setNumThreads(2)` (the same process, the same
 * operands, samples interleaved, so the load of the machine hits both alike), and whether elementwise work could
 * gain from threads when its operands live on the JavaScript heap and must be copied into shared memory first.
 *
 * Run from packages/tensor: `node ../../scripts/bench-build.mjs bench/threads.ts .tmp/threads.mjs && node
 * .tmp/threads.mjs` (`--quick`: fewer samples). Wall-clock medians per call (threads are about wall time; process
 * CPU time adds up every thread's) and the ratio of the fastest samples (what the machine gives when nothing else
 * takes a core: on a loaded machine the medians measure the load), with the load average printed before and after.
 * The last column is process CPU time over wall time in the 2-thread samples (medians): about 2 when both threads
 * had a core, 1 or less when the machine was busy. Linux with autogroups (`/proc/sys/kernel/sched_autogroup_enabled`)
 * shares CPU between sessions, not threads: a second thread gains nothing while another session is busy. bench/sgemmThreads.mjs measures
 * what two threads can give on this machine at all (the kernels alone, one worker against two).
 */

import os from 'node:os';
import { add, getNumThreads, matmul, setNumThreads, type Tensor, tensor } from '../src/index';
import { parallel, setParallelMin } from '../src/threads/hook';
import { threadsReady } from '../src/threads/setNumThreads';
import { fmtMs, type MeasureOptions, measure, measureInterleaved, randomData } from './harness';

const quick = process.argv.includes('--quick');
const timing: MeasureOptions = quick
  ? { warmup: 2, samples: 7, minSamples: 5, budgetMs: 1500, sampleMs: 30 }
  : { warmup: 3, samples: 15, minSamples: 7, budgetMs: 4000, sampleMs: 100 };
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function main(): Promise<void> {
  console.log('# @dl/tensor: matmul on threads\n');
  console.log(`- date: ${new Date().toISOString()}`);
  console.log(
    `- machine: ${os.availableParallelism()} logical CPUs, ${os.cpus()[0]?.model.trim()}, load average ${load()}`,
  );
  console.log(`- node ${process.version} (${process.arch}), V8 ${process.versions.v8}`);
  const defaultMin = parallel.min;
  setNumThreads(2);
  await threadsReady();
  console.log(`- threads: ${getNumThreads()} (products from ${defaultMin} multiply-adds)\n`);
  console.log(
    '| matmul n×n · n×n | 1 thread ms | 2 threads ms | speedup | fastest samples: speedup | 1 thread GFLOP/s | 2 threads GFLOP/s | cores the 2-thread samples got |',
  );
  console.log('|---|--:|--:|--:|--:|--:|--:|--:|');
  for (const n of [128, 192, 256, 512, 1024]) {
    const a = tensor(randomData(n * n, 1), { shape: [n, n] });
    const b = tensor(randomData(n * n, 2), { shape: [n, n] });
    // every result disposed (its buffer back to the pool, as a training loop does), on both sides alike: a fresh
    // 4 MB array per 1024² call costs page faults and garbage collection that are no part of the product
    const run = () => matmul(a, b).dispose();
    const [one, two] = await measureInterleaved(
      [
        { run, enter: () => void setParallelMin(Number.POSITIVE_INFINITY) },
        { run, enter: () => void setParallelMin(0) },
      ],
      timing,
    );
    const gf = (ms: number) => ((2 * n ** 3) / (ms * 1e6)).toFixed(1);
    console.log(
      `| ${n} | ${fmtMs(one!.wallMs)} | ${fmtMs(two!.wallMs)} | ${(one!.wallMs / two!.wallMs).toFixed(2)}x | ${(one!.minWallMs / two!.minWallMs).toFixed(2)}x | ${gf(one!.wallMs)} | ${gf(two!.wallMs)} | ${(two!.cpuMs / two!.wallMs).toFixed(2)} |`,
    );
  }
  setParallelMin(defaultMin);
  setNumThreads(1);

  // Elementwise: the operands are on the JavaScript heap, so a threaded op must first copy them into shared
  // memory on the calling thread (and the result out): that serial part bounds what a second thread can save.
  console.log(
    '\n| add, n elements | op on one thread ms | serial copy in + out ms | best 2-thread time ms | best speedup |',
  );
  console.log('|---|--:|--:|--:|--:|');
  for (const n of [1 << 18, 1 << 20, 1 << 22]) {
    const x: Tensor = tensor(randomData(n, 3));
    const y: Tensor = tensor(randomData(n, 4));
    const op = await measure(() => void add(x, y), timing);
    const shared = new Float32Array(new SharedArrayBuffer(3 * n * 4));
    const out = new Float32Array(n);
    const xd = x.data as Float32Array;
    const yd = y.data as Float32Array;
    const copy = await measure(() => {
      shared.set(xd, 0);
      shared.set(yd, n);
      out.set(shared.subarray(2 * n, 3 * n));
    }, timing);
    // the rest of the op (the kernel) split perfectly in two
    const best = copy.wallMs + Math.max(0, op.wallMs - copy.wallMs) / 2;
    console.log(
      `| ${n} | ${fmtMs(op.wallMs)} | ${fmtMs(copy.wallMs)} | ${fmtMs(best)} | ${(op.wallMs / best).toFixed(2)}x |`,
    );
  }
  console.log(`\nload average after: ${load()}`);
}

await main();
