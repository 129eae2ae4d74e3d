#!/usr/bin/env node
// One training step of the main job, timed by phase (batch gather, forward + loss, backward, AdamW step, the
// tidy() that recycles the step's tensors, scheduler) and the per-epoch validation pass, as the job runs them, in
// process CPU time (less the cost of reading that clock, measured on empty phases): a quick, load-tolerant
// measure of what the kernels and the per-op glue cost the job.
//   node examples/digits/bench/step.mjs [--steps 1500] [--rounds 3] [--backend wasm|js]
// Prints µs per step for each phase (median over rounds) and the job's 5-fold training extrapolated from it.
import { parseArgs } from 'node:util';
import { shuffledBatches } from '@dl/crossval';
import { crossEntropyLoss } from '@dl/loss';
import { adamw, createOptimizer } from '@dl/optim';
import { createScheduler, warmupCosineDecay } from '@dl/schedule';
import { indexSelect, noGrad, setKernelBackend, slice, tensor, tidy } from '@dl/tensor';
import { loadDigits } from '../src/loadDigits.mjs';
import { buildModel, DEFAULTS } from '../src/runDigits.mjs';

const { values } = parseArgs({
  options: {
    steps: { type: 'string', default: '1500' },
    rounds: { type: 'string', default: '3' },
    backend: { type: 'string', default: 'wasm' },
  },
});
const steps = Number(values.steps);
const rounds = Number(values.rounds);
setKernelBackend(values.backend);
const { x, y } = loadDigits();
// the job's shapes: ~1437 training rows of a fold (unscaled here: the cost does not depend on the values)
const trainRows = 1437;
const xTrain = slice(x, [[0, trainRows]]);
const yTrain = slice(y, [[0, trainRows]]);
const xTest = slice(x, [[trainRows, x.shape[0]]]);
const yTest = slice(y, [[trainRows, y.shape[0]]]);
const lossOf = (logits, target) =>
  crossEntropyLoss(logits, target, { labelSmoothing: DEFAULTS.labelSmoothing });
const now = () => {
  const u = process.cpuUsage();
  return u.user + u.system; // µs
};
// what one reading of the clock costs (each phase is the difference of two readings)
const clock = (() => {
  const reads = 20000;
  const t = now();
  for (let i = 0; i < reads; i++) now();
  return (now() - t) / reads;
})();
const phases = [
  'gather',
  'forward+loss',
  'backward',
  'step',
  'tidy (recycling)',
  'scheduler',
  'validation (per epoch)',
];

function round() {
  const model = buildModel(0, DEFAULTS.dropout);
  const optimizer = createOptimizer(
    [...model.parameters()],
    adamw({ lr: DEFAULTS.lr, weightDecay: DEFAULTS.weightDecay }),
  );
  const lr = warmupCosineDecay({
    peak: DEFAULTS.lr,
    warmupSteps: Math.max(1, Math.floor(0.05 * steps)),
    totalSteps: steps + 1,
  });
  const scheduler = createScheduler(optimizer, { schedules: { lr } });
  const spent = Object.fromEntries(phases.map((p) => [p, 0]));
  let done = 0;
  let epochs = 0;
  const stepsPerEpoch = Math.ceil(trainRows / DEFAULTS.batchSize);
  for (const batch of shuffledBatches({
    indices: trainRows,
    batchSize: DEFAULTS.batchSize,
    epochs: Math.ceil(steps / stepsPerEpoch),
    randomState: 0,
  })) {
    if (batch.batch === 0) model.train();
    if (batch.indices.length >= 2 && done < steps) {
      // as the job does: the step inside tidy(), its tensors recycled when it returns
      let t = now();
      const idx = tensor(batch.indices, { dtype: 'int32' });
      let u = 0;
      tidy(() => {
        const xb = indexSelect(xTrain, 0, idx);
        const yb = indexSelect(yTrain, 0, idx);
        u = now();
        spent.gather += u - t;
        t = u;
        optimizer.zeroGrad();
        const loss = lossOf(model.forward(xb), yb);
        loss.item();
        u = now();
        spent['forward+loss'] += u - t;
        t = u;
        loss.backward();
        u = now();
        spent.backward += u - t;
        t = u;
        optimizer.step();
        u = now();
        spent.step += u - t;
        t = u;
      });
      u = now();
      spent['tidy (recycling)'] += u - t;
      t = u;
      scheduler.step();
      spent.scheduler += now() - t;
      done++;
    }
    if (batch.batch === stepsPerEpoch - 1) {
      const t = now();
      model.eval();
      tidy(() =>
        noGrad(() => {
          const logits = model.forward(xTest);
          lossOf(logits, yTest).item();
        }),
      );
      spent['validation (per epoch)'] += now() - t;
      epochs++;
    }
    if (done >= steps) break;
  }
  return Object.fromEntries(
    phases.map((p) => [p, (p.startsWith('validation') ? spent[p] / epochs : spent[p] / done) - clock]),
  );
}

round(); // warm-up: JIT, WebAssembly tiers, pools
const results = Array.from({ length: rounds }, round);
const median = (xs) => xs.toSorted((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const per = Object.fromEntries(phases.map((p) => [p, median(results.map((r) => r[p]))]));
const perStep = phases.filter((p) => !p.startsWith('validation')).reduce((s, p) => s + per[p], 0);
const load = (await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(
  `${values.backend} kernels, ${steps} steps x ${rounds} rounds (after one warm-up round), load ${load}; ` +
    `process CPU µs, median over rounds, less ${clock.toFixed(2)} µs per clock reading\n`,
);
console.log('| phase | µs |\n| --- | ---: |');
for (const p of phases) console.log(`| ${p} | ${per[p].toFixed(1)} |`);
console.log(`| **one training step** | **${perStep.toFixed(1)}** |`);
// the job: 5 folds x 30 epochs x 23 steps, and 30 validation passes per fold
const job = (5 * 30 * 23 * perStep + 5 * 30 * per['validation (per epoch)']) / 1e6;
console.log(
  `\n5 folds of the job at this rate: ${job.toFixed(2)} s of CPU (training steps and validation passes)`,
);
