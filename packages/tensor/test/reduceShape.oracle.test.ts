import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { gradients } from '../src/autograd/engine';
import type { DType } from '../src/dtype';
import { add } from '../src/ops/add';
import { argmax } from '../src/ops/argmax';
import { argmin } from '../src/ops/argmin';
import { cast } from '../src/ops/cast';
import { concat } from '../src/ops/concat';
import { flatten } from '../src/ops/flatten';
import { gather } from '../src/ops/gather';
import { indexSelect } from '../src/ops/indexSelect';
import { logSoftmax } from '../src/ops/logSoftmax';
import { logSumExp } from '../src/ops/logSumExp';
import { matmul } from '../src/ops/matmul';
import { max } from '../src/ops/max';
import { mean } from '../src/ops/mean';
import { min } from '../src/ops/min';
import { mul } from '../src/ops/mul';
import { oneHot } from '../src/ops/oneHot';
import { pad } from '../src/ops/pad';
import { prod } from '../src/ops/prod';
import { type SliceRange, slice } from '../src/ops/slice';
import { softmax } from '../src/ops/softmax';
import { split } from '../src/ops/split';
import { squeeze } from '../src/ops/squeeze';
import { stack } from '../src/ops/stack';
import { std } from '../src/ops/std';
import { sum } from '../src/ops/sum';
import { transpose } from '../src/ops/transpose';
import { unsqueeze } from '../src/ops/unsqueeze';
import { variance } from '../src/ops/variance';
import { Tensor } from '../src/tensor';

interface Enc {
  shape: number[];
  dtype: 'float32' | 'int32';
  data: number[];
}
interface Case {
  op: string;
  // biome-ignore lint/suspicious/noExplicitAny: fixture parameters vary per op
  params: Record<string, any>;
  inputs: Enc[];
  out: Enc | Enc[];
  w?: number[] | number[][];
  grads?: (number[] | null)[];
}

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/reduceShape.json', import.meta.url), 'utf8'),
) as {
  torch: string;
  cases: Case[];
};

// biome-ignore lint/suspicious/noExplicitAny: fixture parameters vary per op
function run(op: string, p: Record<string, any>, xs: Tensor[]): Tensor | Tensor[] {
  const x = xs[0]!;
  const red = { axis: p.axis ?? undefined, keepDims: p.keepDims };
  switch (op) {
    case 'mean':
      return mean(x, red);
    case 'variance':
      return variance(x, { ...red, correction: p.correction });
    case 'std':
      return std(x, { ...red, correction: p.correction });
    case 'max':
      return max(x, red);
    case 'min':
      return min(x, red);
    case 'logSumExp':
      return logSumExp(x, red);
    case 'prod':
      return prod(x, red);
    case 'argmax':
      return argmax(x, red);
    case 'argmin':
      return argmin(x, red);
    case 'softmax':
      return softmax(x, { axis: p.axis });
    case 'logSoftmax':
      return logSoftmax(x, { axis: p.axis });
    case 'transpose':
      return transpose(x, p.axes ?? undefined);
    case 'slice':
      return slice(x, p.ranges as SliceRange[]);
    case 'concat':
      return concat(xs, p.axis);
    case 'stack':
      return stack(xs, p.axis);
    case 'split':
      return split(x, p.sizes, { axis: p.axis });
    case 'gather':
      return gather(x, xs[1]!, p.axis);
    case 'indexSelect':
      return indexSelect(x, p.axis, xs[1]!);
    case 'oneHot':
      return oneHot(x, p.numClasses);
    case 'pad':
      return pad(x, p.pads, { value: p.value });
    case 'flatten':
      return flatten(x, { startDim: p.startDim, endDim: p.endDim });
    case 'squeeze':
      return squeeze(x, p.axis ?? undefined);
    case 'unsqueeze':
      return unsqueeze(x, p.axis);
    case 'cast':
      return cast(x, p.dtype as DType);
    case 'matmul':
      return matmul(x, xs[1]!);
    default:
      throw new Error(`no runner for ${op}`);
  }
}

const toTensor = (e: Enc, grad: boolean): Tensor => {
  const data = e.dtype === 'int32' ? Int32Array.from(e.data) : Float32Array.from(e.data);
  const t = new Tensor(data, e.shape, e.dtype);
  if (grad && e.dtype === 'float32') t.requiresGrad = true;
  return t;
};

/** |actual - expected| <= tol(i) elementwise; NaN and infinities must match exactly. */
function expectClose(
  what: string,
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tol: (i: number) => number,
) {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (!Number.isFinite(e)) {
      expect(a, `${what}[${i}]`).toBe(e);
      continue;
    }
    if (!(Math.abs(a - e) <= tol(i))) {
      throw new Error(`${what}[${i}]: got ${a}, PyTorch ${e} (|diff| ${Math.abs(a - e)} > tol ${tol(i)})`);
    }
  }
}

const RTOL = 1e-6;
/** Ops whose outputs or gradients are formed by cancellation (documented in their TSDoc). */
const CANCELLING = new Set(['variance', 'std', 'softmax', 'logSoftmax', 'logSumExp']);
/**
 * 1e-6 relative per element; for the CANCELLING ops plus a floor of 1e-6 times the largest magnitude in the expected array: results
 * formed by cancellation (x - mean in variance/std gradients, g - sum(g * y) in softmax gradients, x - lse near 0)
 * are small while their rounding error scales with the operands, and PyTorch rounds those intermediates in
 * float32 where these ops keep float64.
 */
const relTol = (expected: ArrayLike<number>, op: string) => {
  if (!CANCELLING.has(op)) return (i: number) => RTOL * Math.abs(expected[i]!);
  let scale = 0;
  for (let i = 0; i < expected.length; i++)
    if (Number.isFinite(expected[i]!)) scale = Math.max(scale, Math.abs(expected[i]!));
  return (i: number) => RTOL * Math.abs(expected[i]!) + RTOL * scale;
};
const EPS32 = 2 ** -23;
/** matmul: summation order differs from PyTorch's float32 blocked sums: sqrt(K) * eps32 * (|A| |B|). */
function matmulTol(a: Tensor, b: Tensor, expected: ArrayLike<number>) {
  const abs = (t: Tensor) => new Tensor(Float64Array.from(t.data, Math.abs), t.shape, 'float64');
  const k = a.shape[a.rank - 1]!;
  const bound = matmul(abs(a), abs(b)).data;
  const rel = relTol(expected, 'matmul');
  return (i: number) => 2 * Math.sqrt(k) * EPS32 * bound[i]! + rel(i);
}

describe(`reduceShape ops vs PyTorch ${fixture.torch} (fixtures/reduceShape.json)`, () => {
  fixture.cases.forEach((c, n) => {
    test(`#${n} ${c.op} ${c.inputs.map((i) => `[${i.shape.join(', ')}]`).join(' ')} ${JSON.stringify(c.params)}`, () => {
      const xs = c.inputs.map((e) => toTensor(e, c.grads !== undefined));
      const result = run(c.op, c.params, xs);
      const outs = Array.isArray(result) ? result : [result];
      const expected = Array.isArray(c.out) ? c.out : [c.out];
      expect(outs.length).toBe(expected.length);
      outs.forEach((o, k) => {
        const e = expected[k]!;
        expect(o.shape, 'shape').toEqual(e.shape);
        expect(o.dtype, 'dtype').toBe(e.dtype);
        const tol = c.op === 'matmul' ? matmulTol(xs[0]!, xs[1]!, e.data) : relTol(e.data, c.op);
        if (e.dtype === 'int32') expect(Array.from(o.data)).toEqual(e.data);
        else expectClose(`${c.op} output ${k}`, o.data, e.data, tol);
      });
      if (c.grads === undefined || c.w === undefined) return;
      const ws = (Array.isArray(result) ? c.w : [c.w]) as number[][];
      let loss: Tensor | null = null;
      outs.forEach((o, k) => {
        const term = sum(mul(o, new Tensor(Float32Array.from(ws[k]!), o.shape, 'float32')));
        loss = loss === null ? term : add(loss, term);
      });
      const wanted = xs.filter((x) => x.requiresGrad);
      const gs = gradients(loss!, wanted, { allowUnused: true });
      let j = 0;
      c.grads.forEach((g, k) => {
        if (g === null) return;
        const got = gs[j++]!;
        expect(got.shape).toEqual(xs[k]!.shape);
        let tol = relTol(g, c.op);
        if (c.op === 'matmul') {
          // dA = G B^T, dB = A^T G: the same summation-order bound with the other inner dimension.
          const a = xs[0]!;
          const b = xs[1]!;
          const gOut = new Tensor(Float32Array.from(ws[0]!), outs[0]!.shape, 'float32');
          const abs = (t: Tensor) => new Tensor(Float64Array.from(t.data, Math.abs), t.shape, 'float64');
          const pa = a.rank === 1 ? 1 : 0;
          const inner =
            k === 0
              ? b.rank === 1
                ? 1
                : b.shape[b.rank - 1]!
              : a.rank === 1
                ? 1
                : a.shape[a.rank - 2 + pa]!;
          // |x| of the gradient via autograd of sum(|A||B| * |G|) gives the bound per element.
          const A = abs(a).setRequiresGrad();
          const B = abs(b).setRequiresGrad();
          const bounds = gradients(sum(mul(matmul(A, B), abs(gOut))), [A, B]);
          const rel = relTol(g, 'matmul');
          const bound = bounds[k]!.data;
          tol = (i) => 2 * Math.sqrt(inner) * EPS32 * bound[i]! + rel(i);
        }
        expectClose(`${c.op} gradient of input ${k}`, got.data, g, tol);
      });
    });
  });
});
