/**
 * The experiment of docs/norm.md: the same MLP on the UCI digits (data/digits, 1797 8x8 images, raw pixel values
 * 0..16) trained with and without BatchNorm at two learning rates, plain SGD, seeded: the per-epoch training loss
 * curves as an SVG. Deterministic and about a second of CPU, so test/experiment.test.ts regenerates it and
 * compares with the committed file (UPDATE_PLOTS=1 rewrites it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { Linear, type Module, ReLU, Sequential } from '@dl/nn';
import {
  createGenerator,
  indexSelect,
  noGrad,
  permutation,
  softmaxCrossEntropy,
  type Tensor,
  tensor,
} from '@dl/tensor';
import { BatchNorm1d } from '../src/BatchNorm1d';

export const svgPath = new URL('../../../docs/images/norm/batchnorm-digits.svg', import.meta.url);
const dataPath = new URL('../../../data/digits/digits.csv.gz', import.meta.url);

export const EPOCHS = 8;
export const BATCH = 64;
export const LRS = [0.03, 0.3] as const;

function loadDigits(): { x: Tensor; y: Tensor } {
  const lines = gunzipSync(readFileSync(dataPath)).toString('utf8').trim().split('\n');
  const rows = lines.map((l) => l.split(',').map(Number));
  const x = tensor(rows.map((r) => r.slice(0, 64)));
  const y = tensor(
    rows.map((r) => r[64]!),
    { dtype: 'int32' },
  );
  return { x, y };
}

function mlp(batchNorm: boolean, seed: number): Module {
  const g = createGenerator(seed);
  const hidden = (i: number, o: number) =>
    batchNorm
      ? [new Linear(i, o, { generator: g }), new BatchNorm1d(o), new ReLU()]
      : [new Linear(i, o, { generator: g }), new ReLU()];
  return new Sequential(...hidden(64, 64), ...hidden(64, 64), new Linear(64, 10, { generator: g }));
}

/** Mean training loss of each epoch (NaN once the run diverged). */
export function train(batchNorm: boolean, lr: number): number[] {
  const { x, y } = loadDigits();
  const model = mlp(batchNorm, 0);
  const g = createGenerator(1);
  const n = x.shape[0]!;
  const curve: number[] = [];
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const order = permutation(n, { generator: g });
    let total = 0;
    let batches = 0;
    for (let start = 0; start + BATCH <= n; start += BATCH) {
      const idx = tensor(Array.from(order.data.subarray(start, start + BATCH)), { dtype: 'int32' });
      model.zeroGrad();
      const loss = softmaxCrossEntropy(
        model.forward(indexSelect(x, 0, idx)) as Tensor,
        indexSelect(y, 0, idx),
      );
      loss.backward();
      noGrad(() => {
        for (const p of model.parameters()) {
          const d = p.data;
          const gr = p.grad!.data;
          for (let i = 0; i < d.length; i++) d[i] = d[i]! - lr * gr[i]!;
        }
      });
      total += loss.item();
      batches++;
    }
    curve.push(Number.isFinite(total) ? total / batches : Number.NaN);
  }
  return curve;
}

export interface Run {
  label: string;
  batchNorm: boolean;
  lr: number;
  losses: number[];
}

export function runExperiment(): Run[] {
  const runs: Run[] = [];
  for (const lr of LRS) {
    for (const batchNorm of [false, true]) {
      runs.push({
        label: `${batchNorm ? 'with' : 'without'} BatchNorm, lr ${lr}`,
        batchNorm,
        lr,
        losses: train(batchNorm, lr),
      });
    }
  }
  return runs;
}

/** A line chart of the curves, log-scaled loss (diverged epochs are left out and marked in the legend). */
export function renderSvg(runs: Run[]): string {
  const W = 640;
  const H = 360;
  const L = 60;
  const R = 220;
  const T = 20;
  const B = 44;
  const finite = runs.flatMap((r) => r.losses.filter(Number.isFinite));
  const lo = Math.log10(Math.min(...finite));
  const hi = Math.log10(Math.max(...finite));
  const ymin = Math.floor(lo * 2) / 2;
  const ymax = Math.ceil(hi * 2) / 2;
  const px = (e: number) => L + ((W - L - R) * e) / (EPOCHS - 1);
  const py = (v: number) => T + ((H - T - B) * (ymax - Math.log10(v))) / (ymax - ymin);
  const f = (v: number) => v.toFixed(1);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<line x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}" stroke="black"/>`,
    `<line x1="${L}" y1="${T}" x2="${L}" y2="${H - B}" stroke="black"/>`,
  ];
  for (let e = 0; e < EPOCHS; e++) {
    out.push(`<text x="${f(px(e))}" y="${H - B + 16}" text-anchor="middle">${e + 1}</text>`);
  }
  out.push(`<text x="${f((L + W - R) / 2)}" y="${H - 8}" text-anchor="middle">epoch</text>`);
  for (let k = ymin; k <= ymax + 1e-9; k += 0.5) {
    const v = 10 ** k;
    out.push(`<line x1="${L - 4}" y1="${f(py(v))}" x2="${W - R}" y2="${f(py(v))}" stroke="#ddd"/>`);
    out.push(`<text x="${L - 6}" y="${f(py(v) + 4)}" text-anchor="end">${Number(v.toPrecision(2))}</text>`);
  }
  out.push(
    `<text transform="translate(14 ${f((T + H - B) / 2)}) rotate(-90)" text-anchor="middle">training loss (log)</text>`,
  );
  runs.forEach((r, i) => {
    const color = r.batchNorm ? '#1f77b4' : '#d62728';
    const dash = r.lr === LRS[0] ? '' : ' stroke-dasharray="6 4"';
    const pts = r.losses
      .map((v, e) => (Number.isFinite(v) ? `${f(px(e))},${f(py(v))}` : null))
      .filter((p) => p !== null);
    if (pts.length > 0)
      out.push(`<polyline fill="none" stroke="${color}" stroke-width="2"${dash} points="${pts.join(' ')}"/>`);
    const ly = T + 10 + i * 22;
    out.push(
      `<line x1="${W - R + 16}" y1="${ly}" x2="${W - R + 44}" y2="${ly}" stroke="${color}" stroke-width="2"${dash}/>`,
    );
    const diverged = r.losses.some((v) => !Number.isFinite(v)) ? ' (diverged)' : '';
    out.push(`<text x="${W - R + 50}" y="${ly + 4}">${r.label}${diverged}</text>`);
  });
  out.push('</svg>', '');
  return out.join('\n');
}

/** Regenerates the SVG (what `UPDATE_PLOTS=1 npx vitest run test/experiment.test.ts` calls). */
export function writeExperiment(runs: Run[]): void {
  writeFileSync(svgPath, renderSvg(runs));
}

/** The table of final losses that docs/norm.md shows (checked by the test). */
export function renderTable(runs: Run[]): string {
  const rows = runs.map((r) => {
    const last = r.losses.at(-1)!;
    return `| ${r.lr} | ${r.batchNorm ? 'yes' : 'no'} | ${r.losses[0]!.toFixed(3)} | ${Number.isFinite(last) ? last.toFixed(3) : 'diverged'} |`;
  });
  return [
    '| learning rate | BatchNorm | loss after epoch 1 | loss after epoch 8 |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
