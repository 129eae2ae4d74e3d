#!/usr/bin/env node
// The job's training step and validation pass from two checkouts in ONE process, in alternating rounds (process
// CPU time): a load-tolerant A/B of two versions of the packages. Each side imports its own built copies of
// @dl/tensor, @dl/loss, @dl/optim, @dl/schedule, @dl/crossval and the job's model (module instances differ by path).
//   node examples/digits/bench/abStep.mjs <other checkout> [--steps 400] [--rounds 6] [--first other|this]
// `--first` picks the side whose packages load first (default other). Measured in session 6: the run favours one
// side by 10-15 % whatever the code (docs/benchmarks/digits.md), so compare both orders or both directions.
// The other checkout needs its packages built (`pnpm bench:digits` or turbo build) and the digits data.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const usage =
  'usage: node examples/digits/bench/abStep.mjs <other checkout> [--steps 400] [--rounds 6] [--first other|this]';
let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      steps: { type: 'string', default: '400' },
      rounds: { type: 'string', default: '6' },
      first: { type: 'string', default: 'other' },
    },
  });
} catch (error) {
  console.error(`abStep: ${error.message}\n${usage}`);
  process.exit(2);
}
const { values, positionals } = parsed;
const steps = Number(values.steps);
const rounds = Number(values.rounds);
if (
  positionals.length !== 1 ||
  !(Number.isInteger(steps) && steps > 0) ||
  !(Number.isInteger(rounds) && rounds > 0) ||
  (values.first !== 'other' && values.first !== 'this')
) {
  console.error(
    `abStep: give one other checkout, positive integer --steps / --rounds and --first other or this\n${usage}`,
  );
  process.exit(2);
}
const roots = { other: resolve(positionals[0]), this: fileURLToPath(new URL('../../../', import.meta.url)) };
const now = () => {
  const u = process.cpuUsage();
  return u.user + u.system; // µs
};
const sides = {};
for (const side of values.first === 'this' ? ['this', 'other'] : ['other', 'this']) {
  const root = roots[side];
  const load = (name) => import(`${root}/packages/${name}/dist/index.js`);
  const [T, L, O, S, CV] = await Promise.all(['tensor', 'loss', 'optim', 'schedule', 'crossval'].map(load));
  const { loadDigits } = await import(`${root}/examples/digits/src/loadDigits.mjs`);
  const { buildModel, DEFAULTS } = await import(`${root}/examples/digits/src/runDigits.mjs`);
  const { x, y } = loadDigits();
  const rows = 1437; // a fold's training rows
  const data = {
    xTrain: T.slice(x, [[0, rows]]),
    yTrain: T.slice(y, [[0, rows]]),
    xTest: T.slice(x, [[rows, x.shape[0]]]),
    yTest: T.slice(y, [[rows, y.shape[0]]]),
  };
  sides[side] = { T, L, O, S, CV, buildModel, DEFAULTS, ...data };
}

/** `steps` training steps as the job runs them and a validation pass per epoch: mean µs of CPU of each. */
function round(s) {
  const { T, L, O, S, CV, buildModel, DEFAULTS: D, xTrain, yTrain, xTest, yTest } = s;
  const model = buildModel(0, D.dropout);
  const optimizer = O.createOptimizer(
    [...model.parameters()],
    O.adamw({ lr: D.lr, weightDecay: D.weightDecay }),
  );
  const lr = S.warmupCosineDecay({
    peak: D.lr,
    warmupSteps: Math.max(1, Math.floor(0.05 * steps)),
    totalSteps: steps + 1,
  });
  const scheduler = S.createScheduler(optimizer, { schedules: { lr } });
  const lossOf = (logits, target) => L.crossEntropyLoss(logits, target, { labelSmoothing: D.labelSmoothing });
  const perEpoch = Math.ceil(xTrain.shape[0] / D.batchSize);
  let done = 0;
  let stepTime = 0;
  let validationTime = 0;
  let passes = 0;
  for (const batch of CV.shuffledBatches({
    indices: xTrain.shape[0],
    batchSize: D.batchSize,
    epochs: Math.ceil(steps / perEpoch),
    randomState: 0,
  })) {
    if (batch.batch === 0) model.train();
    if (batch.indices.length >= 2 && done < steps) {
      const t = now();
      const idx = T.tensor(batch.indices, { dtype: 'int32' });
      T.tidy(() => {
        optimizer.zeroGrad();
        const loss = lossOf(model.forward(T.indexSelect(xTrain, 0, idx)), T.indexSelect(yTrain, 0, idx));
        loss.backward();
        optimizer.step();
        return loss.item();
      });
      scheduler.step();
      stepTime += now() - t;
      done++;
    }
    if (batch.batch === perEpoch - 1) {
      const t = now();
      model.eval();
      T.tidy(() => T.noGrad(() => lossOf(model.forward(xTest), yTest).item()));
      validationTime += now() - t;
      passes++;
    }
    if (done >= steps) break;
  }
  return { step: stepTime / done, validation: passes === 0 ? Number.NaN : validationTime / passes };
}

const results = { other: [], this: [] };
round(sides.other); // warm-up: JIT, WebAssembly tiers, pools
round(sides.this);
for (let r = 0; r < rounds; r++) {
  for (const side of r % 2 === 0 ? ['other', 'this'] : ['this', 'other'])
    results[side].push(round(sides[side]));
}
const median = (xs) => xs.toSorted((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(
  `${steps} steps x ${rounds} alternating rounds per side, ${values.first} loaded first, load ${load}; process CPU µs, median over rounds`,
);
console.log(`other: ${roots.other}\nthis:  ${roots.this}\n`);
console.log(
  '| | other | this | this / other | min: other | min: this | this / other, median of the rounds |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
);
for (const [key, label] of [
  ['step', 'one training step'],
  ['validation', 'validation pass'],
]) {
  const a = median(results.other.map((r) => r[key]));
  const b = median(results.this.map((r) => r[key]));
  const minA = Math.min(...results.other.map((r) => r[key]));
  const minB = Math.min(...results.this.map((r) => r[key]));
  // each round's two sides ran back to back (the same load): the ratio within a round, then their median
  const paired = median(results.this.map((r, i) => r[key] / results.other[i][key]));
  console.log(
    `| ${label} | ${a.toFixed(1)} | ${b.toFixed(1)} | ${(b / a).toFixed(3)} | ${minA.toFixed(1)} | ${minB.toFixed(1)} | ${paired.toFixed(3)} |`,
  );
}
