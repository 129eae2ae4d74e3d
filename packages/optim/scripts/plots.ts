/**
 * Renders the picture of docs/optim.md with the package itself: the trajectories of sgd, momentum, rmsprop and
 * adam on a 2-D non-convex surface (a Rosenbrock valley), drawn over a shaded map of log f.
 *
 * Write it:  UPDATE_PLOTS=1 npx vitest run test/plots.test.ts
 * test/plots.test.ts fails when the committed SVG differs from what this renders.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adam, createOptimizer, type NamedOptimizer, rmsprop, sgd } from '../src/index';

export const plotsDir = fileURLToPath(new URL('../../../docs/images/optim/', import.meta.url));

/** The surface: f(x, y) = (1 - x)^2 + 5 (y - x^2)^2, minimum at (1, 1). */
const f = (x: number, y: number) => (1 - x) ** 2 + 5 * (y - x * x) ** 2;
const grad = (x: number, y: number): [number, number] => [
  -2 * (1 - x) - 20 * x * (y - x * x),
  10 * (y - x * x),
];

/** The path of an optimizer from (-1.5, 2) over `steps` updates (float64 parameters). */
export function trajectory(optimizer: NamedOptimizer, steps: number): [number, number][] {
  const p = { data: new Float64Array([-1.5, 2]), grad: new Float64Array(2) as Float64Array | null };
  const opt = createOptimizer([p], optimizer);
  const path: [number, number][] = [[p.data[0]!, p.data[1]!]];
  for (let t = 0; t < steps; t++) {
    const [gx, gy] = grad(p.data[0]!, p.data[1]!);
    p.grad = new Float64Array([gx, gy]);
    opt.step();
    path.push([p.data[0]!, p.data[1]!]);
  }
  return path;
}

export const runs: [string, string, NamedOptimizer][] = [
  ['sgd (lr 0.02)', '#1f77b4', sgd({ lr: 0.02 })],
  ['momentum (lr 0.005, 0.9)', '#ff7f0e', sgd({ lr: 0.005, momentum: 0.9 })],
  ['rmsprop (lr 0.01)', '#2ca02c', rmsprop({ lr: 0.01 })],
  ['adam (lr 0.05)', '#d62728', adam({ lr: 0.05 })],
];

function render(steps: number): string {
  const W = 640;
  const H = 440;
  const [x0, x1, y0, y1] = [-2, 2, -0.75, 2.75];
  const sx = (x: number) => ((x - x0) / (x1 - x0)) * W;
  const sy = (y: number) => H - ((y - y0) / (y1 - y0)) * H;
  const n = (v: number) => v.toFixed(1);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H + 30}" viewBox="0 0 ${W} ${H + 30}" font-family="sans-serif" font-size="12">`,
    `<title>sgd, momentum, rmsprop and adam on f(x, y) = (1 - x)^2 + 5 (y - x^2)^2, ${steps} steps from (-1.5, 2)</title>`,
  ];
  const NX = 32;
  const NY = 22;
  for (let i = 0; i < NX; i++) {
    for (let j = 0; j < NY; j++) {
      const x = x0 + ((i + 0.5) / NX) * (x1 - x0);
      const y = y0 + ((j + 0.5) / NY) * (y1 - y0);
      const level = Math.min(1, Math.log10(1 + f(x, y)) / 2);
      const c = Math.round(255 - 150 * level);
      parts.push(
        `<rect x="${n((i / NX) * W)}" y="${n(H - ((j + 1) / NY) * H)}" width="${n(W / NX + 0.5)}" height="${n(H / NY + 0.5)}" fill="rgb(${c},${c},255)"/>`,
      );
    }
  }
  parts.push(`<circle cx="${n(sx(1))}" cy="${n(sy(1))}" r="5" fill="black"/>`);
  runs.forEach(([label, color, opt], k) => {
    const path = trajectory(opt, steps).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
    const d = path.map(
      ([x, y], i) =>
        `${i === 0 ? 'M' : 'L'}${n(sx(Math.max(x0, Math.min(x1, x))))},${n(sy(Math.max(y0, Math.min(y1, y))))}`,
    );
    parts.push(`<path d="${d.join('')}" fill="none" stroke="${color}" stroke-width="2"/>`);
    parts.push(`<rect x="${10 + k * 158}" y="${H + 10}" width="12" height="12" fill="${color}"/>`);
    parts.push(`<text x="${26 + k * 158}" y="${H + 21}">${label}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/** Every plot of docs/optim.md: file name → SVG text. */
export function renderPlots(): Record<string, string> {
  return { 'trajectories.svg': render(200) };
}

/** Writes the plots into docs/images/optim; returns the paths. */
export function writePlots(): string[] {
  mkdirSync(plotsDir, { recursive: true });
  return Object.entries(renderPlots()).map(([name, svg]) => {
    const path = join(plotsDir, name);
    writeFileSync(path, svg);
    return path;
  });
}
