/**
 * Bytes allocated per `scheduler.step()` after a warm-up, from V8's sampling heap profiler (a sample every 64 bytes
 * on average, with the objects the collector freed meanwhile included), for the optimizer shapes createScheduler
 * drives: a plain `{ lr }`, PyTorch-style parameter groups (per-group schedules), a setter method (TensorFlow.js's
 * `setLearningRate`) and `betas` (momentum cycling for Adam, which writes a new array by design).
 *
 * The profiler helper is scripts/allocatedPerCall.ts (`ALLOC_SITES=1` lists the allocation sites).
 *
 *   cd packages/schedule && node ../../scripts/bench-build.mjs bench/alloc.ts .tmp/alloc.mjs && node .tmp/alloc.mjs
 */
import { cpus } from 'node:os';
import { allocatedPerCall } from '../../../scripts/allocatedPerCall';
import { createScheduler, oneCycle, oneCycleMomentum, warmupCosineDecay } from '../src/index';

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
