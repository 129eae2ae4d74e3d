// A 30-epoch run with linear warmup + cosine decay, built with @dl/schedule (the BUILT package: run
// `npm run demo` at the repository root, or build packages/schedule first with `npx tsup`).
// Prints an ASCII plot and a few values, and writes .tmp/schedule.svg in the current directory.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { plotSvg, sample, warmupCosineDecay } from '../packages/schedule/dist/index.js';

const epochs = 30;
const stepsPerEpoch = 50; // optimizer updates per epoch (with gradient accumulation: batches / accumulation steps)
const warmupEpochs = 2;
const totalSteps = epochs * stepsPerEpoch;

// optax convention: the warmup is counted inside totalSteps, so the run ends exactly at totalSteps.
const lr = warmupCosineDecay({
  initial: 0,
  peak: 3e-3,
  warmupSteps: warmupEpochs * stepsPerEpoch,
  totalSteps,
  final: 3e-5,
});
const values = sample(lr, totalSteps);

/** A plain-text plot: `width` columns (one per bucket of steps, its mean value), `height` rows. */
function asciiPlot(ys, width = 60, height = 12) {
  const lo = Math.min(...ys);
  const hi = Math.max(...ys);
  const cols = Array.from({ length: width }, (_, c) => {
    const from = Math.floor((c * ys.length) / width);
    const to = Math.max(from + 1, Math.floor(((c + 1) * ys.length) / width));
    const bucket = ys.slice(from, to);
    return bucket.reduce((a, b) => a + b, 0) / bucket.length;
  });
  const rows = [];
  for (let r = height - 1; r >= 0; r--) {
    const level = lo + ((hi - lo) * r) / height;
    const label = r === height - 1 ? hi.toExponential(1) : r === 0 ? lo.toExponential(1) : '';
    rows.push(`${label.padStart(8)} |${cols.map((v) => (v >= level ? '#' : ' ')).join('')}`);
  }
  rows.push(`${' '.repeat(8)} +${'-'.repeat(width)}`);
  rows.push(`${' '.repeat(9)}0${`step ${ys.length - 1}`.padStart(width)}`);
  return rows.join('\n');
}

console.log(
  `linear warmup (${warmupEpochs} epochs) + cosine decay, ${epochs} epochs × ${stepsPerEpoch} steps\n`,
);
console.log(asciiPlot(values));
console.log('');
const at = [
  0,
  warmupEpochs * stepsPerEpoch - 1,
  warmupEpochs * stepsPerEpoch,
  totalSteps / 2,
  totalSteps - 1,
];
for (const step of at) console.log(`lr(${String(step).padStart(4)}) = ${lr(step).toExponential(4)}`);

const dir = join(process.cwd(), '.tmp');
mkdirSync(dir, { recursive: true });
const file = join(dir, 'schedule.svg');
writeFileSync(file, plotSvg(values, { title: `warmup + cosine, ${epochs} epochs`, width: 640, height: 280 }));
console.log(`\nwrote ${file}`);
