/**
 * Benchmark of one optimizer step: @dl/optim (createOptimizer: WebAssembly kernels over resident state, and the
 * JavaScript loop; and a user-built chain) against TensorFlow.js 4.22 (cpu and wasm backends) and PyTorch 1.13
 * (torch.optim, foreach, one thread, via bench/torch_bench.py when python3-torch is installed), on 1M and 10M
 * float32 parameters in one tensor and in 100 tensors. Interleaved: each round times every implementation once;
 * medians over rounds, wall clock and process CPU time. Then @dl/optim again back-to-back (rounds steps in a row,
 * as the PyTorch script times torch), which is the comparison with PyTorch.
 *
 *   node ../../scripts/bench-build.mjs && node --expose-gc .tmp/bench.mjs [--rounds=N] [--no-torch] [--no-jax] [--tfjs-cpu-10m]
 *     [--only=sgd-momentum/10000000/100,adamw/1000000/1]  (rows by step/parameters/tensors, torch's too)
 *     [--alloc-warm=2000] [--alloc-warm-10m=300]  (steps before the allocation is sampled, 1M and 10M rows; then
 *     windows of 1500 / 150 steps, at most 8, until one allocates under 1 B a step)
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import '@tensorflow/tfjs-backend-cpu';
import * as jax from '@jax-js/jax';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { allocatedPerCall as allocatedPerStep } from '../../../scripts/allocatedPerCall';
import {
  adam,
  adamw,
  chain,
  createKernelMemory,
  createOptimizer,
  type NamedOptimizer,
  scaleByAdam,
  scaleByLearningRate,
  sgd,
} from '../src/index';
import { setOptimBackend } from '../src/wasm/runtime';
import { inKernelMemory, median, rand } from './harness';

const args = process.argv.slice(2);
const arg = (k: string, d: number) => Number(args.find((a) => a.startsWith(`--${k}=`))?.split('=')[1] ?? d);
setWasmPaths(`${path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'))}/dist/`);

type Kind = 'adam' | 'adamw' | 'sgd-momentum';
const now = () => performance.now();

const named = (k: Kind): NamedOptimizer =>
  k === 'adam' ? adam({ lr: 1e-3 }) : k === 'adamw' ? adamw({ lr: 1e-3 }) : sgd({ lr: 1e-3, momentum: 0.9 });

interface Impl {
  name: string;
  step: () => void;
  dispose?: () => void;
}

function dlFacade(
  k: Kind,
  sizes: number[],
  backend: 'auto' | 'js',
  checkFinite: 'before' | 'during' = 'before',
  inMemory = false,
): Impl {
  // inMemory: parameters, gradients and state in one kernel memory (createKernelMemory): nothing is copied
  const memory = inMemory
    ? createKernelMemory(sizes.reduce((n, s) => n + ((s + 3) & ~3) * (k === 'sgd-momentum' ? 3 : 4), 0))
    : undefined;
  const arrays = sizes.map((n, i) => ({ data: rand(n, i + 1), grad: rand(n, i + 101) }));
  const params = memory ? inKernelMemory(memory, arrays) : arrays;
  const opt = createOptimizer(params, named(k), { checkFinite, memory });
  return {
    name:
      backend === 'js'
        ? '@dl/optim js'
        : inMemory
          ? '@dl/optim memory'
          : checkFinite === 'during'
            ? '@dl/optim during'
            : '@dl/optim',
    step: () => {
      setOptimBackend(backend);
      opt.step();
    },
  };
}

function dlChain(sizes: number[]): Impl {
  const params = sizes.map((n, i) => rand(n, i + 1));
  const grads = sizes.map((n, i) => rand(n, i + 101));
  const tx = chain(scaleByAdam(), scaleByLearningRate(1e-3));
  let state = tx.init(params);
  return {
    name: '@dl/optim chain',
    step: () => {
      const [u, s] = tx.update(grads, state, params);
      state = s;
      const us = u as Float32Array[];
      for (let j = 0; j < params.length; j++) {
        const p = params[j]!;
        const d = us[j]!;
        for (let i = 0; i < p.length; i++) p[i] = p[i]! + d[i]!;
      }
    },
  };
}

function tfImpl(k: Kind, sizes: number[], backend: 'cpu' | 'wasm'): Impl | undefined {
  if (k === 'adamw') return undefined; // TensorFlow.js has no AdamW
  tf.setBackend(backend);
  const vars = sizes.map((n, i) => tf.variable(tf.tensor1d(rand(n, i + 1)), true, `v${backend}${i}_${n}`));
  const grads = Object.fromEntries(vars.map((v, i) => [v.name, tf.tensor1d(rand(sizes[i]!, i + 101))]));
  const opt = k === 'adam' ? tf.train.adam(1e-3) : tf.train.momentum(1e-3, 0.9);
  return {
    name: `tfjs-${backend}`,
    step: () => {
      tf.setBackend(backend);
      opt.applyGradients(grads);
      vars[0]!.dataSync();
    },
    dispose: () => {
      opt.dispose();
      tf.dispose([...vars, ...Object.values(grads)]);
    },
  };
}

type JaxArray = ReturnType<typeof jax.numpy.array>;

/**
 * @jax-js/jax 0.1 on its wasm device: optax's update rules written with jax.numpy (there is no @jax-js/optax on
 * the registry), one jitted update over the list of parameters, as optax's `update` + `apply_updates` under
 * `jax.jit`: adam (bias-corrected moments), adamw (decoupled decay 0.01, PyTorch's default), sgd with momentum
 * 0.9 (optax's trace). The first parameter is read back (`dataSync`) to finish the step, as for tfjs (jax-js is
 * lazy: what is not read is computed when the next step needs it).
 */
function jaxImpl(k: Kind, sizes: number[]): Impl {
  const np = jax.numpy;
  const [b1, b2, eps, lr, wd] = [0.9, 0.999, 1e-8, 1e-3, k === 'adamw' ? 0.01 : 0];
  let ps = sizes.map((n, i) => np.array(rand(n, i + 1)));
  const gs = sizes.map((n, i) => np.array(rand(n, i + 101)));
  let ms = sizes.map((n) => np.zeros([n]));
  let vs = sizes.map((n) => np.zeros([n]));
  const adamStep = jax.jit(
    (p: JaxArray[], g: JaxArray[], m: JaxArray[], v: JaxArray[], c1: JaxArray, c2: JaxArray) => {
      const out: JaxArray[][] = [[], [], []];
      for (let j = 0; j < p.length; j++) {
        const m2 = np.add(np.multiply(m[j]!, b1), np.multiply(g[j]!.ref, 1 - b1));
        const v2 = np.add(np.multiply(v[j]!, b2), np.multiply(np.multiply(g[j]!.ref, g[j]!), 1 - b2));
        let u = np.divide(np.multiply(m2.ref, c1.ref), np.add(np.sqrt(np.multiply(v2.ref, c2.ref)), eps));
        if (wd) u = np.add(u, np.multiply(p[j]!.ref, wd));
        out[0]!.push(np.subtract(p[j]!, np.multiply(u, lr)));
        out[1]!.push(m2);
        out[2]!.push(v2);
      }
      c1.dispose();
      c2.dispose();
      return out;
    },
  );
  const sgdStep = jax.jit((p: JaxArray[], g: JaxArray[], m: JaxArray[]) => {
    const out: JaxArray[][] = [[], []];
    for (let j = 0; j < p.length; j++) {
      const m2 = np.add(g[j]!, np.multiply(m[j]!, 0.9));
      out[0]!.push(np.subtract(p[j]!, np.multiply(m2.ref, lr)));
      out[1]!.push(m2);
    }
    return out;
  });
  let t = 0;
  return {
    name: 'jax-js',
    step: () => {
      t++;
      const g = gs.map((x) => x.ref);
      if (k === 'sgd-momentum') {
        [ps, ms] = sgdStep(ps, g, ms) as unknown as JaxArray[][] as [JaxArray[], JaxArray[]];
      } else {
        const c1 = np.array(1 / (1 - b1 ** t));
        const c2 = np.array(1 / (1 - b2 ** t));
        [ps, ms, vs] = adamStep(ps, g, ms, vs, c1, c2) as unknown as [JaxArray[], JaxArray[], JaxArray[]];
      }
      ps[0]!.ref.dataSync();
    },
    dispose: () => {
      for (const x of [...ps, ...gs, ...ms, ...(k === 'sgd-momentum' ? [] : vs)]) x.dispose();
      adamStep.dispose();
      sgdStep.dispose();
    },
  };
}

function copyBandwidth(): number {
  const a = rand(10_000_000, 7);
  const b = new Float32Array(a.length);
  const t: number[] = [];
  for (let r = 0; r < 7; r++) {
    const t0 = now();
    b.set(a);
    t.push(now() - t0);
  }
  return (2 * a.byteLength) / (median(t) / 1000) / 1e9; // read + write
}

/**
 * glibc's malloc settings of the second PyTorch run: PyTorch's foreach Adam allocates temporaries as large as the
 * parameters every step; glibc serves those above its mmap threshold (dynamic, at most 32 MB) with fresh mmapped
 * pages, freed at the end of the step, so that each step page-faults and zeroes them again (the 10M one-tensor row:
 * 40 MB temporaries, 3x the CPU time of a warm heap, measured 2026-12-02). With these two settings every block
 * comes from the heap and stays there: PyTorch's step with a warm allocator.
 */
const WARM_MALLOC = { MALLOC_MMAP_THRESHOLD_: '4000000000', MALLOC_TRIM_THRESHOLD_: '4000000000' };

function torch(rounds: number, env: Record<string, string> = {}): Record<string, number> {
  if (args.includes('--no-torch')) return {};
  const only = args.find((a) => a.startsWith('--only='));
  try {
    const out = execFileSync(
      '/usr/bin/python3',
      [
        new URL('../bench/torch_bench.py', import.meta.url).pathname,
        `--rounds=${rounds}`,
        ...(only ? [only] : []),
      ],
      {
        env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', ...env },
        encoding: 'utf8',
      },
    );
    return JSON.parse(out.trim().split('\n').pop()!);
  } catch (e) {
    console.error(`torch skipped: ${(e as Error).message.split('\n')[0]}`);
    return {};
  }
}

const uptime = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

/** Process CPU time in ms (user + system) and wall time of `f`. */
function timed(f: () => void): [number, number] {
  const c0 = process.cpuUsage();
  const t0 = now();
  f();
  const wall = now() - t0;
  const c = process.cpuUsage(c0);
  return [wall, (c.user + c.system) / 1000];
}

async function main() {
  const rounds = arg('rounds', 9);
  const cpu10m = args.includes('--tfjs-cpu-10m');
  const useJax = !args.includes('--no-jax');
  const only = args
    .find((a) => a.startsWith('--only='))
    ?.slice(7)
    .split(',');
  await tf.setBackend('wasm');
  await tf.ready();
  await tf.setBackend('cpu');
  await tf.ready();
  if (useJax) {
    await jax.init('wasm');
    jax.defaultDevice('wasm');
  }
  console.log(`# @dl/optim step benchmark, ${new Date().toISOString()}`);
  console.log(`- CPU: ${cpus()[0]?.model} x${cpus().length}; Node ${process.version}`);
  console.log(`- load average at the start: ${uptime()}`);
  await allocatedPerStep(() => {}, 10); // the profiler's first session allocates for itself
  const bw = copyBandwidth();
  console.log(`- copy bandwidth (Float32Array.set, 40 MB): ${bw.toFixed(1)} GB/s (read + write)`);
  const torchTimes = torch(rounds);
  const torchWarm = torch(rounds, WARM_MALLOC);
  console.log(
    `- load average after the PyTorch script (run twice: glibc's defaults, then ${Object.entries(WARM_MALLOC)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}): ${uptime()}`,
  );
  const rows: string[] = [
    "| step | params | layout | @dl/optim interleaved: wall (CPU) ms | GB/s | allocated / step | JS loop | chain | tfjs-cpu | tfjs-wasm | jax-js | @dl/optim back-to-back: wall (CPU) ms | torch 1 thread back-to-back: wall (CPU) ms | torch, warm malloc: wall (CPU) ms, ÷ @dl/optim back-to-back | checkFinite 'during': interleaved wall ms, tfjs-wasm ÷ it; back to back, torch ÷ it | kernel memory: interleaved wall (CPU) ms, tfjs-wasm ÷ it, GB/s; back to back, torch ÷ it, warm torch ÷ it |",
    '|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const total of [1_000_000, 10_000_000]) {
    for (const parts of [1, 100]) {
      const sizes = Array.from({ length: parts }, () => total / parts);
      for (const k of ['adam', 'adamw', 'sgd-momentum'] as Kind[]) {
        if (only && !only.includes(`${k}/${total}/${parts}`)) continue;
        const impls: Impl[] = [
          dlFacade(k, sizes, 'auto'),
          dlFacade(k, sizes, 'auto', 'during'),
          dlFacade(k, sizes, 'auto', 'before', true),
        ];
        impls.push(dlFacade(k, sizes, 'js'));
        if (k === 'adam' && total === 1_000_000) impls.push(dlChain(sizes));
        for (const b of ['cpu', 'wasm'] as const) {
          if (b === 'cpu' && total > 1_000_000 && !cpu10m) continue;
          const t = tfImpl(k, sizes, b);
          if (t) impls.push(t);
        }
        if (useJax) impls.push(jaxImpl(k, sizes));
        for (const impl of impls) impl.step(); // first step: state allocation, compilation
        // allocation after a warm-up: until V8 has optimized the step (its baseline code boxes every decimal it
        // computes: ~600 B a step), which for one tensor takes ~1000 steps (a function is optimized after enough
        // executed bytecode, and the step's scalar code runs once a step)
        const [warm, steps] =
          total > 1_000_000 ? [arg('alloc-warm-10m', 300), 150] : [arg('alloc-warm', 2000), 1500];
        for (let i = 0; i < warm; i++) impls[0]!.step();
        // then windows of `steps` steps until one allocates under 1 B a step (at most 8): the steady state, and
        // after how many steps it came (a 10M step takes ~20 ms: 2000 steps of warm-up each would take minutes)
        let growth = Number.POSITIVE_INFINITY;
        let after = warm;
        for (let w = 0; w < 8 && growth >= 1; w++) {
          // minus what the profiler's session allocates itself over as many calls of an empty function
          const b = Math.max(
            0,
            (await allocatedPerStep(impls[0]!.step, steps)) - (await allocatedPerStep(() => {}, steps)),
          );
          if (b < growth) {
            growth = b;
            after = warm + w * steps;
          }
        }
        const times: Record<string, number[]> = {};
        const cpu: Record<string, number[]> = {};
        for (let r = 0; r < rounds; r++) {
          for (const impl of impls) {
            const [w, c] = timed(impl.step);
            (times[impl.name] ??= []).push(w);
            (cpu[impl.name] ??= []).push(c);
          }
        }
        // @dl/optim as the PyTorch script times itself: `rounds` steps in a row, nothing in between
        const b2b: number[] = [];
        const b2bCpu: number[] = [];
        for (let r = 0; r < rounds; r++) {
          const [w, c] = timed(impls[0]!.step);
          b2b.push(w);
          b2bCpu.push(c);
        }
        const b2bDuring: number[] = [];
        for (let r = 0; r < rounds; r++) b2bDuring.push(timed(impls[1]!.step)[0]);
        const b2bMemory: number[] = [];
        for (let r = 0; r < rounds; r++) b2bMemory.push(timed(impls[2]!.step)[0]);
        const ms = (n: string) => (times[n] ? median(times[n]!) : undefined);
        const dl = ms('@dl/optim')!;
        const dlCpu = median(cpu['@dl/optim']!);
        const bytes = (k === 'sgd-momentum' ? 20 : 28) * total; // adam: read p,g,m,v + write p,m,v
        const key = `${k}/${total}/${parts}`;
        // other time / ours, in wall clock and in process CPU time (the CPU ratio is the steadier under load)
        const ratio = (x: number | undefined, name = '') => {
          if (x === undefined) return 'n/a';
          const c = cpu[name];
          const cr = c ? ` (CPU ${(median(c) / dlCpu).toFixed(2)}x)` : '';
          return `${x.toFixed(2)} ms: ${(x / dl).toFixed(2)}x${cr}`;
        };
        const b2bWall = median(b2b);
        const b2bC = median(b2bCpu);
        const tw = torchTimes[key];
        const tc = torchTimes[`cpu:${key}`];
        const torchCell =
          tw === undefined || tc === undefined
            ? 'n/a'
            : `${tw.toFixed(2)} (${tc.toFixed(2)}): ${(tw / b2bWall).toFixed(2)}x (${(tc / b2bC).toFixed(2)}x)`;
        const ww = torchWarm[key];
        const wc = torchWarm[`cpu:${key}`];
        const warmCell =
          ww === undefined || wc === undefined
            ? 'n/a'
            : `${ww.toFixed(2)} (${wc.toFixed(2)}): ${(ww / b2bWall).toFixed(2)}x (${(wc / b2bC).toFixed(2)}x)`;
        // checkFinite 'during' (the check inside the update): interleaved, tfjs-wasm ÷ it, back to back, torch ÷ it
        const du = ms('@dl/optim during')!;
        const duB2b = median(b2bDuring);
        const tfw = ms('tfjs-wasm');
        const duringCell = `${du.toFixed(2)} (CPU ${median(cpu['@dl/optim during']!).toFixed(2)})${tfw === undefined ? '' : `, tfjs-wasm ${(tfw / du).toFixed(2)}x`}; back to back ${duB2b.toFixed(2)}${tw === undefined ? '' : `, torch ${(tw / duB2b).toFixed(2)}x`}`;
        // a kernel memory (parameters, gradients and state in place, default check): interleaved, tfjs-wasm ÷ it,
        // GB/s; back to back, torch ÷ it and warm-malloc torch ÷ it
        const mem = ms('@dl/optim memory')!;
        const memB2b = median(b2bMemory);
        const memoryCell = `${mem.toFixed(2)} (CPU ${median(cpu['@dl/optim memory']!).toFixed(2)})${tfw === undefined ? '' : `, tfjs-wasm ${(tfw / mem).toFixed(2)}x`}, ${(bytes / (mem / 1000) / 1e9).toFixed(1)} GB/s; back to back ${memB2b.toFixed(2)}${tw === undefined ? '' : `, torch ${(tw / memB2b).toFixed(2)}x`}${ww === undefined ? '' : `, warm torch ${(ww / memB2b).toFixed(2)}x`}`;
        rows.push(
          `| ${k} | ${total / 1e6}M | ${parts === 1 ? 'one tensor' : '100 tensors'} | ${dl.toFixed(2)} (${dlCpu.toFixed(2)}) | ${(bytes / (dl / 1000) / 1e9).toFixed(1)} | ${growth.toFixed(0)} B (after ${after} steps) | ${ms('@dl/optim js') === undefined ? '—' : ratio(ms('@dl/optim js'), '@dl/optim js')} | ${ms('@dl/optim chain') === undefined ? '—' : ratio(ms('@dl/optim chain'), '@dl/optim chain')} | ${ms('tfjs-cpu') === undefined && k !== 'adamw' ? '—' : ratio(ms('tfjs-cpu'), 'tfjs-cpu')} | ${ratio(ms('tfjs-wasm'), 'tfjs-wasm')} | ${ratio(ms('jax-js'), 'jax-js')} | ${b2bWall.toFixed(2)} (${b2bC.toFixed(2)}) | ${torchCell} | ${warmCell} | ${duringCell} | ${memoryCell} |`,
        );
        console.error(rows[rows.length - 1]);
        for (const impl of impls) impl.dispose?.();
      }
    }
  }
  console.log(`- load average at the end: ${uptime()}`);
  console.log(
    "\nInterleaved columns: other time and other time / @dl/optim time in the same rounds, wall clock (and process CPU time); above 1x: @dl/optim is faster. JS loop: the same step with the JavaScript kernels. checkFinite 'during': the facade with the gradient check inside the update (no extra read of the gradients; an error is thrown after the step), as fast as no check. Kernel memory: parameters, gradients and state in one createKernelMemory, read and written in place (no copies; the default check, in place). Torch: its wall (CPU) time back-to-back, and that over @dl/optim back-to-back: wall ratio (CPU ratio); warm malloc: the same with glibc's mmap and trim thresholds raised (no fresh pages for its temporaries each step). Allocated / step: the first window of steps under 1 B a step (or the least), after the steps given.\n",
  );
  console.log(rows.join('\n'));
}

await main();
