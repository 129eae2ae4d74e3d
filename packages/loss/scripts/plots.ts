/**
 * Renders the pictures of docs/loss.md with the package's own losses and @dl/tensor's autograd.
 *
 * Write them:  UPDATE_PLOTS=1 npx vitest run test/plots.test.ts
 * test/plots.test.ts fails when the committed SVGs differ from what this renders.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  add,
  argmax,
  equal,
  matmul,
  mean,
  mul,
  noGrad,
  oneHot,
  randn,
  softmax,
  sub,
  type Tensor,
  tensor,
} from '@dl/tensor';
import { crossEntropyLoss, mseLoss } from '../src/index';

/** The folder the SVGs go to: docs/images/loss at the repository root. */
export const plotsDir = fileURLToPath(new URL('../../../docs/images/loss/', import.meta.url));

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e'];
const r = (v: number) => String(Math.round(v * 100) / 100);
const label = (v: number) => String(Number(v.toPrecision(3)));
const esc = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

interface Series {
  name: string;
  xs: readonly number[];
  ys: readonly number[];
}

/** A line chart with numeric x ticks (linear) and y ticks (linear or log), deterministic to 0.01 px. */
function lineChart(
  title: string,
  xLabel: string,
  series: Series[],
  options: { logY?: boolean; xTicks: number[] },
): string {
  const width = 520;
  const height = 300;
  const left = 62;
  const right = 14;
  const top = 30;
  const bottom = 44 + 14 * series.length;
  const w = width - left - right;
  const h = height - top - bottom;
  const xs = series.flatMap((s) => s.xs);
  const ys = series.flatMap((s) => s.ys);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const f = options.logY ? Math.log10 : (v: number) => v;
  const lo = options.logY ? Math.floor(Math.log10(Math.min(...ys))) : Math.min(0, ...ys);
  const hi = options.logY ? Math.ceil(Math.log10(Math.max(...ys))) : Math.max(...ys);
  const px = (v: number) => left + ((v - x0) / (x1 - x0)) * w;
  const py = (v: number) => top + (1 - (f(v) - lo) / (hi - lo)) * h;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${r(width / 2)}" y="18" text-anchor="middle" font-size="13">${esc(title)}</text>`,
    `<path d="M${left} ${top}V${top + h}H${left + w}" fill="none" stroke="#444"/>`,
  ];
  for (const t of options.xTicks) {
    out.push(
      `<path d="M${r(px(t))} ${top + h}v4" stroke="#444"/>`,
      `<text x="${r(px(t))}" y="${top + h + 15}" text-anchor="middle">${label(t)}</text>`,
    );
  }
  const yTicks = options.logY
    ? Array.from({ length: hi - lo + 1 }, (_, k) => 10 ** (lo + k))
    : [0, 0.25, 0.5, 0.75, 1].map((q) => lo + q * (hi - lo));
  for (const t of yTicks) {
    out.push(
      `<path d="M${left - 4} ${r(py(t))}h4" stroke="#444"/>`,
      `<text x="${left - 6}" y="${r(py(t) + 4)}" text-anchor="end">${options.logY ? `1e${Math.round(Math.log10(t))}` : label(t)}</text>`,
    );
  }
  out.push(`<text x="${r(left + w / 2)}" y="${top + h + 30}" text-anchor="middle">${esc(xLabel)}</text>`);
  series.forEach((s, i) => {
    const pts = s.xs.map((x, k) => `${r(px(x))},${r(py(s.ys[k]!))}`).join(' ');
    const color = COLORS[i % COLORS.length]!;
    out.push(`<polyline points="${pts}" fill="none" stroke="${color}" stroke-width="1.8"/>`);
    const ly = top + h + 46 + 14 * i;
    out.push(
      `<path d="M${left} ${ly - 4}h16" stroke="${color}" stroke-width="2"/>`,
      `<text x="${left + 20}" y="${ly}" fill="#222">${esc(s.name)}</text>`,
    );
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/**
 * The two-class softmax with logits (0, z) and target class 1: the loss and |∂L/∂z| of the cross-entropy and of
 * the MSE between the softmax probabilities and the one-hot target, both from the package and autograd.
 */
export function twoClassSurface(
  points = 161,
  range = 10,
): { z: number[]; ce: number[]; mse: number[]; dce: number[]; dmse: number[] } {
  const z: number[] = [];
  const ce: number[] = [];
  const mse: number[] = [];
  const dce: number[] = [];
  const dmse: number[] = [];
  const target = tensor([[0, 1]], { dtype: 'float64' });
  for (let k = 0; k < points; k++) {
    const zk = -range + (2 * range * k) / (points - 1);
    z.push(zk);
    const a = tensor([[0, zk]], { dtype: 'float64', requiresGrad: true });
    const lce = crossEntropyLoss(a, [1]);
    lce.backward();
    ce.push(lce.item());
    dce.push(Math.abs(a.grad!.data[1]!));
    const b = tensor([[0, zk]], { dtype: 'float64', requiresGrad: true });
    const lmse = mseLoss(softmax(b, { axis: -1 }), target);
    lmse.backward();
    mse.push(lmse.item());
    dmse.push(Math.abs(b.grad!.data[1]!));
  }
  return { z, ce, mse, dce, dmse };
}

/**
 * A linear softmax classifier on three Gaussian blobs (150 points in 2-D), started confidently WRONG (each
 * class's logit pointed away from its own blob), trained by plain gradient descent on either the cross-entropy
 * or the MSE between softmax probabilities and one-hot targets. Returns, every `every` steps, the
 * cross-entropy of the model (the same yardstick for both) and its accuracy.
 */
export function trainFromWrongStart(
  loss: 'crossEntropy' | 'mse',
  steps = 200,
  every = 5,
): { step: number[]; crossEntropy: number[]; accuracy: number[] } {
  const perClass = 50;
  const classes = 3;
  const noise = randn([perClass * classes, 2], { seed: 7, dtype: 'float64' }).data;
  const xData = new Float64Array(perClass * classes * 2);
  const labels = new Int32Array(perClass * classes);
  const means: [number, number][] = [0, 1, 2].map((k) => [
    3 * Math.cos((2 * Math.PI * k) / 3),
    3 * Math.sin((2 * Math.PI * k) / 3),
  ]);
  for (let i = 0; i < perClass * classes; i++) {
    const k = i % classes;
    labels[i] = k;
    xData[2 * i] = means[k]![0] + noise[2 * i]!;
    xData[2 * i + 1] = means[k]![1] + noise[2 * i + 1]!;
  }
  const x = tensor(xData, { shape: [perClass * classes, 2] });
  const y = tensor(labels, { shape: [perClass * classes] });
  const target = tensor(Float64Array.from(oneHot(y, classes).data), { shape: [perClass * classes, classes] });
  // W[:, k] = −2 · mean_k: every point is scored lowest for its own class, with margins of about 25.
  const w = tensor(
    Float64Array.from({ length: 2 * classes }, (_, j) => -2 * means[j % classes]![Math.floor(j / classes)]!),
    {
      shape: [2, classes],
      requiresGrad: true,
    },
  );
  const b = tensor(new Float64Array(classes), { shape: [classes], requiresGrad: true });
  const lr = 0.5;
  const out = { step: [] as number[], crossEntropy: [] as number[], accuracy: [] as number[] };
  for (let step = 0; step <= steps; step++) {
    const logits = add(matmul(x, w), b);
    if (step % every === 0) {
      noGrad(() => {
        out.step.push(step);
        out.crossEntropy.push(crossEntropyLoss(logits, labels).item());
        out.accuracy.push(mean(equal(argmax(logits, { axis: 1 }), y)).item());
      });
    }
    const l: Tensor =
      loss === 'crossEntropy'
        ? crossEntropyLoss(logits, labels)
        : mseLoss(softmax(logits, { axis: -1 }), target);
    w.zeroGrad();
    b.zeroGrad();
    l.backward();
    noGrad(() => {
      w.data.set(sub(w, mul(w.grad!, lr)).data);
      b.data.set(sub(b, mul(b.grad!, lr)).data);
    });
  }
  return out;
}

/** File name → SVG text. */
export function renderPlots(): Record<string, string> {
  const s = twoClassSurface();
  const ce = trainFromWrongStart('crossEntropy');
  const mse = trainFromWrongStart('mse');
  const xTicks = [-10, -5, 0, 5, 10];
  return {
    'two-class-loss.svg': lineChart(
      'Loss of a two-class softmax, target class 1',
      'logit margin z = x₁ − x₀ (z < 0: confidently wrong)',
      [
        { name: 'crossEntropyLoss = ln(1 + e^(−z))', xs: s.z, ys: s.ce },
        { name: 'mseLoss(softmax, one-hot) = (1 − σ(z))²', xs: s.z, ys: s.mse },
      ],
      { xTicks },
    ),
    'two-class-gradient.svg': lineChart(
      'Gradient |∂L/∂z| (log scale): MSE vanishes where the model is confidently wrong',
      'logit margin z = x₁ − x₀',
      [
        { name: 'crossEntropyLoss: 1 − σ(z) → 1 as z → −∞', xs: s.z, ys: s.dce },
        { name: 'mseLoss(softmax, one-hot): ≈ 2σ(z)(1 − σ(z))² → 0', xs: s.z, ys: s.dmse },
      ],
      { logY: true, xTicks },
    ),
    'training-from-wrong-start.svg': lineChart(
      'Training a softmax classifier from a confidently wrong start (cross-entropy of the model)',
      'gradient-descent step (learning rate 0.5)',
      [
        { name: 'trained on crossEntropyLoss', xs: ce.step, ys: ce.crossEntropy },
        { name: 'trained on mseLoss(softmax, one-hot)', xs: mse.step, ys: mse.crossEntropy },
      ],
      { logY: true, xTicks: [0, 50, 100, 150, 200] },
    ),
  };
}

/** Writes every plot to docs/images/loss. */
export function writePlots(): string[] {
  mkdirSync(plotsDir, { recursive: true });
  const plots = renderPlots();
  for (const [name, svg] of Object.entries(plots)) writeFileSync(join(plotsDir, name), svg);
  return Object.keys(plots);
}
