import { createGenerator, mul, randn, sum, type Tensor } from '@dl/tensor';
import { expect, test } from 'vitest';
import { batchNormCore } from './applyBatchNorm';
import { layerNormCore } from './applyLayerNorm';

// The layers run @dl/tensor's fused batchNorm / layerNorm kernels; the composed-op versions are their oracle.
const g = createGenerator(5);

function grads(
  f: (x: Tensor, w: Tensor, b: Tensor) => Tensor,
  xs: number[],
  ps: number[],
  dtype: 'float32' | 'float64',
) {
  const gen = createGenerator(9);
  const x = randn(xs, { generator: gen, dtype }).setRequiresGrad();
  const w = randn(ps, { generator: gen, dtype }).setRequiresGrad();
  const b = randn(ps, { generator: gen, dtype }).setRequiresGrad();
  const y = f(x, w, b);
  sum(mul(y, randn(y.shape as number[], { generator: gen, dtype }))).backward();
  return [y, x.grad!, w.grad!, b.grad!].map((t) => Array.from(t.data));
}

function close(a: number[][], b: number[][], tol: number) {
  for (let k = 0; k < a.length; k++) {
    const scale = Math.max(...b[k]!.map(Math.abs));
    for (let i = 0; i < a[k]!.length; i++)
      expect(Math.abs(a[k]![i]! - b[k]![i]!)).toBeLessThanOrEqual(tol * scale);
  }
}

test.each(['float32', 'float64'] as const)(
  'fused batch norm equals the composed ops (outputs, gradients, running stats) in %s',
  (dtype) => {
    const tol = dtype === 'float32' ? 2e-6 : 1e-12;
    for (const shape of [
      [16, 8],
      [4, 6, 5, 5],
    ]) {
      const rm = randn([shape[1]!], { generator: g, dtype });
      const rv = randn([shape[1]!], { generator: g, dtype });
      rv.data.forEach((v, i) => {
        rv.data[i] = 0.5 + v * v;
      });
      for (const training of [true, false]) {
        const run = (fused: boolean) => {
          let stats: number[][] = [];
          const r = grads(
            (x, weight, bias) => {
              const out = batchNormCore('t', x, {
                runningMean: rm,
                runningVar: rv,
                weight,
                bias,
                training,
                momentum: 0.1,
                eps: 1e-5,
                unbiasedRunningVar: true,
                fused,
              });
              stats = [Array.from(out.runningMean!.data), Array.from(out.runningVar!.data)];
              return out.output;
            },
            shape,
            [shape[1]!],
            dtype,
          );
          return [...r, ...stats];
        };
        close(run(true), run(false), tol);
      }
    }
  },
);

test.each(['float32', 'float64'] as const)('fused layer norm equals the composed ops in %s', (dtype) => {
  const tol = dtype === 'float32' ? 2e-6 : 1e-12;
  const run = (fused: boolean) =>
    grads(
      (x, weight, bias) => layerNormCore('t', x, [12], { weight, bias, eps: 1e-5, fused }),
      [3, 5, 12],
      [12],
      dtype,
    );
  close(run(true), run(false), tol);
});
