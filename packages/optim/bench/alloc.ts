/**
 * Bytes allocated per `createOptimizer(...).step()` after the first steps, for EVERY named optimizer, measured
 * with V8's sampling heap profiler (scripts/allocatedPerCall.ts, the garbage collected meanwhile included), minus
 * what the profiler's session allocates over as many calls of an empty function. Each case runs in a process of
 * its own (one optimizer kind per process, as a training job has), after a warm-up long enough for V8 to optimize
 * the step; the `mixed` cases run two kinds in one process (call sites that see two rules). Layouts: 4 x 4096,
 * one tensor of 40000 (more than one streamed block), one tensor of 1M; float32 unless `f64`; muon on 2-D leaves.
 *
 *   node ../../scripts/bench-build.mjs bench/alloc.ts .tmp/alloc.mjs && node .tmp/alloc.mjs [--only=lion,lamb]
 *     [--layouts=4x4096,1x40000,1x1000000] [--warm=3000] [--steps=1500]   (ALLOC_SITES=1: the largest sites)
 *
 * After the warm-up, windows of `steps` steps until one allocates under 1 B a step (at most 4): a cell gives the
 * least, and every window's figure when there were several.
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { allocatedPerCall } from '../../../scripts/allocatedPerCall';
import {
  adadelta,
  adafactor,
  adagrad,
  adam,
  adamax,
  adamw,
  createOptimizer,
  lamb,
  lars,
  lion,
  muon,
  type NamedOptimizer,
  nadam,
  radam,
  rmsprop,
  scheduleFreeAdamw,
  scheduleFreeSgd,
  sgd,
} from '../src/index';
import { rand } from './harness';

const KINDS: Record<string, () => NamedOptimizer> = {
  adam: () => adam({ lr: 1e-3 }),
  'adam amsgrad': () => adam({ lr: 1e-3, amsgrad: true }),
  adamw: () => adamw({ lr: 1e-3 }),
  sgd: () => sgd({ lr: 1e-3 }),
  'sgd momentum': () => sgd({ lr: 1e-3, momentum: 0.9 }),
  'sgd nesterov': () => sgd({ lr: 1e-3, momentum: 0.9, nesterov: true, weightDecay: 1e-4 }),
  adagrad: () => adagrad({ lr: 1e-3 }),
  rmsprop: () => rmsprop({ lr: 1e-3 }),
  'rmsprop centered momentum': () => rmsprop({ lr: 1e-3, centered: true, momentum: 0.9 }),
  adadelta: () => adadelta(),
  adamax: () => adamax({ lr: 1e-3 }),
  nadam: () => nadam({ lr: 1e-3 }),
  radam: () => radam({ lr: 1e-3 }),
  lion: () => lion({ lr: 1e-4, weightDecay: 0.1 }),
  lamb: () => lamb({ lr: 1e-3, weightDecay: 0.01 }),
  lars: () => lars({ lr: 1e-3 }),
  'lars nesterov': () => lars({ lr: 1e-3, nesterov: true, weightDecay: 1e-4 }),
  adafactor: () => adafactor(),
  scheduleFreeAdamw: () => scheduleFreeAdamw({ lr: 1e-3, warmupSteps: 10 }),
  scheduleFreeSgd: () => scheduleFreeSgd({ lr: 1e-3 }),
  muon: () => muon({ lr: 1e-3 }),
};

/** One case in this process: prints `bytes per step` as JSON. */
async function child(spec: string) {
  const [names, layout, dtype, lrEvery, warmS, stepsS] = spec.split('|') as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const [parts, size] = layout.split('x').map(Number) as [number, number];
  const opts = names.split('+').map((name) => {
    const matrix = name === 'muon' || name === 'adafactor';
    const side = Math.round(Math.sqrt(size));
    const params = Array.from({ length: parts }, (_, i) => {
      const n = matrix ? side * side : size;
      const data = dtype === 'f64' ? Float64Array.from(rand(n, i + 1)) : rand(n, i + 1);
      const grad = dtype === 'f64' ? Float64Array.from(rand(n, i + 101, 1e-2)) : rand(n, i + 101, 1e-2);
      return { data, grad, ...(matrix ? { shape: [side, side] } : {}) };
    });
    return createOptimizer(params as never, KINDS[name]!());
  });
  // the learning rates a scheduler writes, boxed once here: computing one per step would box it in this frame (a
  // heap number of 16 B per step that the benchmark, not @dl/optim, allocates)
  const LRS: unknown[] = Array.from({ length: 7 }, (_, i) => 1e-3 * (1 + i / 100));
  LRS.push('end'); // elements of any kind: the numbers stay boxed in the array
  let t = 0;
  const step = () => {
    t++;
    // an indexed loop: a for-of loop's iterator is an allocation of the benchmark's own
    for (let j = 0; j < opts.length; j++) {
      const o = opts[j]!;
      if (lrEvery === 'lr') o.paramGroups[0]!['lr'] = LRS[t % 7] as number; // a scheduler's write
      o.step();
    }
  };
  const warm = Number(warmS);
  const steps = Number(stepsS);
  await allocatedPerCall(() => {}, 10);
  for (let i = 0; i < warm; i++) step();
  // windows of `steps` steps until one is under 1 B a step (at most 4): a single step that runs unoptimized code
  // (a late deoptimization and reoptimization of a float64 loop boxes ~100 kB in that step) shows in one window only
  const windows: number[] = [];
  for (let w = 0; w < 4 && !(windows.length && Math.min(...windows) < 1); w++) {
    const empty = await allocatedPerCall(() => {}, steps);
    const b = await allocatedPerCall(step, steps);
    windows.push(Math.max(0, b - empty));
  }
  console.log(JSON.stringify(windows));
}

async function main() {
  const args = process.argv.slice(2);
  const get = (k: string) => args.find((a) => a.startsWith(`--${k}=`))?.split('=')[1];
  const only = get('only')?.split(',');
  const layouts = (get('layouts') ?? '4x4096,1x40000,1x1000000').split(',');
  const self = fileURLToPath(import.meta.url);
  const cases: [string, string, string, string][] = [];
  for (const k of Object.keys(KINDS)) {
    if (only && !only.includes(k)) continue;
    for (const l of layouts) cases.push([k, l, 'f32', 'const']);
    cases.push([k, '4x4096', 'f32', 'lr']);
    cases.push([k, '4x4096', 'f64', 'const']);
  }
  if (!only) {
    for (const mix of ['adam+sgd momentum', 'adamw+lion', 'adam+rmsprop'])
      for (const l of ['4x4096', '1x1000000']) cases.push([mix, l, 'f32', 'const']);
  }
  console.log(`# @dl/optim allocation per step, ${new Date().toISOString()}, Node ${process.version}`);
  console.log(`- load average at the start: ${loadavg().map((x) => x.toFixed(1))}`);
  console.log('\n| optimizer | layout | dtype | hyperparameters | allocated / step |\n|---|---|---|---|--:|');
  for (const [k, l, d, lr] of cases) {
    const big = l.endsWith('1000000');
    const warm = get('warm') ?? (big ? '1500' : '3000');
    const steps = get('steps') ?? (big ? '300' : '1500');
    const out = execFileSync(process.execPath, [self, `--child=${[k, l, d, lr, warm, steps].join('|')}`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const w = JSON.parse(out.trim().split('\n').pop()!) as number[];
    const best = Math.min(...w);
    const cell =
      w.length === 1
        ? `${best.toFixed(0)} B`
        : `${best.toFixed(0)} B (window ${w.indexOf(best) + 1}: ${w.map((b) => b.toFixed(0)).join(', ')})`;
    console.log(
      `| ${k} | ${l.replace('x', ' x ')} | ${d === 'f64' ? 'float64' : 'float32'} | ${lr === 'lr' ? 'lr written every step' : 'constant'} | ${cell} |`,
    );
  }
  console.log(`\n- load average at the end: ${loadavg().map((x) => x.toFixed(1))}`);
}

const c = process.argv.find((a) => a.startsWith('--child='));
if (c) await child(c.slice(8));
else await main();
