// crossEntropyLoss with class indices runs @dl/tensor's fused softmaxCrossEntropy; the composed ops (logSoftmax +
// gather + the weighted, smoothed mean) stay as its oracle: the two give the same values and gradients.
import { randn, sum, type Tensor, tensor } from '@dl/tensor';
import { expect, test } from 'vitest';
import { crossEntropyLossComposed } from '../src/crossEntropyLoss';
import { crossEntropyLoss } from '../src/index';

function both(x: Tensor, y: Int32Array, options: Record<string, unknown>): Tensor[][] {
  return [crossEntropyLoss, crossEntropyLossComposed].map((f) => {
    const leaf = x.detach().setRequiresGrad();
    const out = f(leaf, y, options);
    sum(out).backward();
    return [out, leaf.grad!];
  });
}

function maxRelDiff(a: Tensor, b: Tensor): number {
  let scale = 0;
  let diff = 0;
  for (let i = 0; i < a.size; i++) {
    scale = Math.max(scale, Math.abs(b.data[i]!));
    diff = Math.max(diff, Math.abs(a.data[i]! - b.data[i]!));
  }
  return diff / Math.max(scale, 1e-300);
}

const N = 64;
const C = 100;
const labels = Int32Array.from({ length: N }, (_, i) => (i * 37) % C);
labels[5] = -100;
const weight = Float64Array.from({ length: C }, (_, c) => 0.5 + (c % 7) / 4);

test.each([
  ['mean', {}],
  ['sum', { reduction: 'sum' }],
  ['none', { reduction: 'none' }],
  ['weights', { weight }],
  ['label smoothing 0.1', { labelSmoothing: 0.1 }],
  ['weights + label smoothing + none', { weight, labelSmoothing: 0.2, reduction: 'none' }],
] as const)('fused = composed on [64, 100] logits (%s): float64 to 1e-13, float32 to 1e-6', (_, options) => {
  for (const dtype of ['float64', 'float32'] as const) {
    const x = randn([N, C], { seed: 3, dtype });
    const [[fv, fg], [cv, cg]] = both(mulScale(x, 4), labels, { ...options, weight: wOf(options, dtype) });
    const tol = dtype === 'float64' ? 1e-13 : 1e-6;
    expect(fv!.shape).toEqual(cv!.shape);
    expect(maxRelDiff(fv!, cv!)).toBeLessThanOrEqual(tol);
    expect(maxRelDiff(fg!, cg!)).toBeLessThanOrEqual(tol);
  }
});

test('fused = composed on (N, C, d1, d2) inputs and at extreme logits', () => {
  const x4 = randn([2, 5, 3, 2], { seed: 4, dtype: 'float64' });
  const y4 = Int32Array.from([0, 1, 2, 3, 4, -100, 4, 3, 2, 1, 0, 1]);
  const [[fv, fg], [cv, cg]] = both(x4, y4, { labelSmoothing: 0.1 });
  expect(maxRelDiff(fv!, cv!)).toBeLessThanOrEqual(1e-13);
  expect(maxRelDiff(fg!, cg!)).toBeLessThanOrEqual(1e-13);
  const xe = tensor([
    [1e4, 0, -1e4],
    [3.4028234663852886e38, 0, 1],
  ]);
  const [[ev, eg], [dv, dg]] = both(xe, Int32Array.from([0, 1]), { reduction: 'none' });
  expect(Array.from(ev!.data)).toEqual(Array.from(dv!.data));
  expect(Array.from(eg!.data)).toEqual(Array.from(dg!.data));
});

function mulScale(x: Tensor, s: number): Tensor {
  const d = x.data.map((v) => v * s);
  return tensor(d, { shape: [...x.shape] });
}

function wOf(options: Record<string, unknown>, dtype: 'float32' | 'float64'): Tensor | undefined {
  const w = options['weight'] as Float64Array | undefined;
  return w === undefined ? undefined : tensor(dtype === 'float64' ? w : Float32Array.from(w));
}
