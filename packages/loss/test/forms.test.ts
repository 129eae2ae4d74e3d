// The two forms share one implementation of the maths: the plain-array form's analytic gradient equals the
// tensor form's autograd gradient, and both equal float64 central finite differences of the value.
import { readFileSync } from 'node:fs';
import { sum, type Tensor, tensor } from '@dl/tensor';
import { expect, test } from 'vitest';
import { LOSSES, type LossCase } from './losses';

const { cases } = JSON.parse(readFileSync(new URL('../fixtures/losses.json', import.meta.url), 'utf8')) as {
  cases: LossCase[];
};
const float64 = cases.filter((c) => c.dtype === 'float64' && c.args[0]!.kind === 'float');

function args(c: LossCase, input?: Float64Array): unknown[] {
  return c.args.map((a, i) => {
    if (a.kind === 'int') return Int32Array.from(a.data);
    return tensor(i === 0 && input !== undefined ? input : Float64Array.from(a.data), { shape: a.shape });
  });
}

function options(c: LossCase): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c.options)) {
    out[k] = typeof v === 'object' ? tensor(Float64Array.from(v.data), { shape: v.shape }) : v;
  }
  return out;
}

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}

test.each(float64.map((c) => [c.name, c] as const))(
  '%s: plain-array gradient = autograd gradient (1e-12), and both = central differences (1e-6)',
  (_, c) => {
    const { tensorForm, plainForm } = LOSSES[c.loss]!;
    const a = args(c);
    (a[0] as Tensor).setRequiresGrad();
    const out = tensorForm(a, options(c));
    sum(out).backward();
    const auto = (a[0] as Tensor).grad!.data;
    const plain = plainForm(args(c), options(c));
    const scale = Math.max(maxAbs(auto), 1e-300);
    for (let i = 0; i < auto.length; i++) {
      expect(Math.abs(plain.grad.data[i]! - auto[i]!), `element ${i}`).toBeLessThanOrEqual(1e-12 * scale);
    }
    const plainValue = typeof plain.value === 'number' ? [plain.value] : Array.from(plain.value.data);
    expect(plainValue).toEqual(Array.from(out.data));
    if (/extreme/.test(c.name)) return; // differences of ±1e4 logits say nothing
    const x0 = Float64Array.from(c.args[0]!.data);
    const h = 1e-6;
    const f = (x: Float64Array) => sum(tensorForm(args(c, x), options(c))).item();
    for (let i = 0; i < x0.length; i++) {
      const xp = Float64Array.from(x0);
      const xm = Float64Array.from(x0);
      xp[i]! += h;
      xm[i]! -= h;
      const fd = (f(xp) - f(xm)) / (2 * h);
      expect(
        Math.abs(fd - auto[i]!),
        `element ${i}: autograd ${auto[i]}, differences ${fd}`,
      ).toBeLessThanOrEqual(1e-6 * Math.max(scale, 1));
    }
  },
);

// Class indices may come as the tensor contract's Int32TensorData (`{ shape, data: Int32Array }`, what a foreign
// framework hands over for labels): the same numbers as a typed array, in both forms, and its shape is checked.
const withIndices = cases.filter((c) => c.args.some((a) => a.kind === 'int') && c.args[0]!.kind === 'float');
test.each(withIndices.map((c) => [c.name, c] as const))('%s: Int32TensorData targets', (_, c) => {
  const { tensorForm, plainForm } = LOSSES[c.loss]!;
  const asData = (list: unknown[]) =>
    list.map((v, i) => (v instanceof Int32Array ? { shape: c.args[i]!.shape, data: v } : v));
  const plain = plainForm(args(c), options(c));
  const viaData = plainForm(asData(args(c)), options(c));
  expect(viaData).toEqual(plain);
  expect(Array.from(tensorForm(asData(args(c)), options(c)).data)).toEqual(
    Array.from(tensorForm(args(c), options(c)).data),
  );
});

test('an Int32TensorData target of the wrong shape is a RangeError naming the function', () => {
  const { plainForm } = LOSSES['crossEntropyLoss']!;
  const input = { shape: [2, 3], data: new Float64Array(6) };
  expect(() => plainForm([input, { shape: [1, 2], data: new Int32Array([0, 1]) }], {})).toThrow(
    /^crossEntropyLossValueAndGrad: target has shape \[1, 2\], expected \[2\]$/,
  );
});
