import { createGenerator, mul, randn, reshape, sum, type Tensor, tensor } from '@dl/tensor';
import { expect, test } from 'vitest';
import { applyBatchNorm } from './applyBatchNorm';
import { applyGroupNorm } from './applyGroupNorm';
import { applyInstanceNorm } from './applyInstanceNorm';
import { applyLayerNorm } from './applyLayerNorm';
import { applyLocalResponseNorm } from './applyLocalResponseNorm';
import { applyRmsNorm } from './applyRmsNorm';

const g = createGenerator(7);
const f64 = (shape: number[]) => randn(shape, { generator: g, dtype: 'float64' });

/** Analytic gradients of sum(f(x, w, b) * up) against central differences (h = 1e-6) in float64. */
function gradcheck(name: string, f: (x: Tensor, w: Tensor, b: Tensor) => Tensor, xs: number[], ps: number[]) {
  const x = f64(xs).setRequiresGrad();
  const w = f64(ps).setRequiresGrad();
  const b = f64(ps).setRequiresGrad();
  const up = f64(f(x, w, b).shape as number[]);
  const loss = (a: Tensor, c: Tensor, d: Tensor) => sum(mul(f(a, c, d), up)).item();
  sum(mul(f(x, w, b), up)).backward();
  for (const [t, label] of [
    [x, 'x'],
    [w, 'weight'],
    [b, 'bias'],
  ] as const) {
    for (let i = 0; i < t.size; i++) {
      const h = 1e-6;
      const bump = (d: number) => {
        const c = tensor(Array.from(t.data), { dtype: 'float64' });
        c.data[i]! += d;
        const r = reshape(c, [...t.shape]);
        return label === 'x' ? loss(r, w, b) : label === 'weight' ? loss(x, r, b) : loss(x, w, r);
      };
      const numeric = (bump(h) - bump(-h)) / (2 * h);
      expect(Math.abs(t.grad!.data[i]! - numeric), `${name} d/d${label}[${i}]`).toBeLessThan(1e-6);
    }
  }
}

test('gradients of every functional form equal central finite differences (float64)', () => {
  gradcheck(
    'batchNorm',
    (x, w, b) => applyBatchNorm(x, { training: true, weight: w, bias: b }).output,
    [5, 3, 2],
    [3],
  );
  gradcheck('instanceNorm', (x, w, b) => applyInstanceNorm(x, { weight: w, bias: b }).output, [2, 3, 4], [3]);
  gradcheck('layerNorm', (x, w, b) => applyLayerNorm(x, 4, { weight: w, bias: b }), [3, 4], [4]);
  gradcheck('groupNorm', (x, w, b) => applyGroupNorm(x, 2, { weight: w, bias: b }), [2, 4, 3], [4]);
  gradcheck('rmsNorm', (x, w, b) => mul(applyRmsNorm(x, 4, { weight: w }), sum(b)), [3, 4], [4]);
  gradcheck(
    'localResponseNorm',
    (x, w, b) => mul(applyLocalResponseNorm(x, 3, { alpha: 0.5 }), sum(mul(w, b))),
    [2, 4, 2],
    [1],
  );
});
