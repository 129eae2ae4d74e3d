/**
 * Bytes allocated per `scheduler.step()` after a warm-up, from V8's sampling heap profiler (a sample every 64 bytes
 * on average, with the objects the collector freed meanwhile included), for the optimizer shapes createScheduler
 * drives: a plain `{ lr }`, PyTorch-style parameter groups (per-group schedules), a setter method (TensorFlow.js's
 * `setLearningRate`) and `betas` (momentum cycling for Adam, which writes a new array by design).
 *
 *   cd packages/schedule && node ../../scripts/bench-build.mjs bench/alloc.ts .tmp/alloc.mjs && node .tmp/alloc.mjs
 */
import { Session } from 'node:inspector';
import { cpus } from 'node:os';
import { createScheduler, oneCycle, oneCycleMomentum, warmupCosineDecay } from '../src/index';

interface HeapNode {
  selfSize: number;
  children: HeapNode[];
  callFrame: { functionName: string; lineNumber: number };
}

async function allocatedPerCall(f: () => void, n: number): Promise<number> {
  const s = new Session();
  s.connect();
  const post = (m: string, p: object = {}) =>
    new Promise<{ profile?: { head: HeapNode } }>((res, rej) =>
      s.post(m, p, (e, r) => (e ? rej(e) : res(r as { profile?: { head: HeapNode } }))),
    );
  await post('HeapProfiler.enable');
  await post('HeapProfiler.startSampling', {
    samplingInterval: 64,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  for (let i = 0; i < n; i++) f();
  const { profile } = await post('HeapProfiler.stopSampling');
  s.disconnect();
  const total = (node: HeapNode): number => node.selfSize + node.children.reduce((a, c) => a + total(c), 0);
  if (process.env['WHERE']) {
    const walk = (node: HeapNode, path: string) => {
      const here = `${path} > ${node.callFrame.functionName}:${node.callFrame.lineNumber}`;
      if (node.selfSize > 0) console.log(`  ${(node.selfSize / n).toFixed(1)} B/step at ${here}`);
      for (const c of node.children) walk(c, here);
    };
    walk(profile!.head, '');
  }
  return total(profile!.head) / n;
}

const steps = 200_000;
const lr = warmupCosineDecay({ initial: 0, peak: 3e-3, warmupSteps: 1000, totalSteps: steps * 3 });
class Tfjs {
  private learningRate = 0;
  setLearningRate(v: number) {
    this.learningRate = v;
  }
  get current() {
    return this.learningRate;
  }
}
const cases: [string, () => () => void][] = [
  ['plain { lr }, warmupCosineDecay', () => createScheduler({ lr: 0 }, { schedules: { lr } }).step],
  [
    'two paramGroups, one schedule each',
    () =>
      createScheduler(
        { paramGroups: [{ lr: 0 }, { lr: 0 }] },
        { schedules: { lr: [lr, oneCycle({ maxLr: 0.1, totalSteps: steps * 3 })] } },
      ).step,
  ],
  ['setLearningRate (tfjs style)', () => createScheduler(new Tfjs(), { schedules: { lr } }).step],
  [
    'betas[0] (oneCycle momentum on Adam: a new betas array per step, by design)',
    () =>
      createScheduler(
        { lr: 0, betas: [0.9, 0.999] },
        { schedules: { momentum: oneCycleMomentum({ maxLr: 0.1, totalSteps: steps * 3 }) } },
      ).step,
  ],
];

console.log(
  `# createScheduler.step() allocation, ${new Date().toISOString()}, ${cpus()[0]?.model}, node ${process.version}`,
);
console.log('| driven object | bytes / step |');
console.log('|---|--:|');
for (const [name, make] of cases) {
  const step = make();
  for (let i = 0; i < steps; i++) step(); // warm-up: the optimizing compiler allocates too
  const bytes = await allocatedPerCall(step, steps);
  console.log(`| ${name} | ${bytes.toFixed(1)} |`);
}
