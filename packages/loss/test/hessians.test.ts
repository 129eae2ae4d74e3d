// Second derivatives (double backward through the composed ops) against torch.autograd.functional.hessian
// (fixtures/hessians.json, written by scripts/oracle.py).
import { readFileSync } from 'node:fs';
import { hvp, type Tensor, tensor } from '@dl/tensor';
import { expect, test } from 'vitest';
import { crossEntropyLoss, mseLoss } from '../src/index';
import { type Encoded, expectClose } from './losses';

interface HessianCase {
  loss: 'crossEntropyLoss' | 'mseLoss';
  dtype: 'float32' | 'float64';
  input: Encoded;
  target: Encoded;
  options: Record<string, unknown>;
  hessian: Encoded;
}

const { cases } = JSON.parse(readFileSync(new URL('../fixtures/hessians.json', import.meta.url), 'utf8')) as {
  cases: HessianCase[];
};

const floats = (dtype: string, e: Encoded): Tensor =>
  tensor(dtype === 'float64' ? Float64Array.from(e.data) : Float32Array.from(e.data), { shape: e.shape });

test.each(cases.map((c) => [`${c.loss} ${JSON.stringify(c.options)} (${c.dtype})`, c] as const))(
  'the Hessian of %s equals PyTorch (column by column, Hessian-vector products)',
  (_, c) => {
    const x = floats(c.dtype, c.input);
    const options: Record<string, unknown> = { ...c.options };
    if (typeof options['weight'] === 'object')
      options['weight'] = floats(c.dtype, options['weight'] as Encoded);
    const f =
      c.loss === 'mseLoss'
        ? (z: Tensor) => mseLoss(z, floats(c.dtype, c.target), options)
        : (z: Tensor) => crossEntropyLoss(z, Int32Array.from(c.target.data), options);
    const n = x.size;
    const columns: number[] = [];
    for (let j = 0; j < n; j++) {
      const e = new (c.dtype === 'float64' ? Float64Array : Float32Array)(n);
      e[j] = 1;
      columns.push(...hvp(f, x, tensor(e, { shape: x.shape })).data);
    }
    // H is symmetric, so columns stacked row-wise give H itself
    expect(columns.length).toBe(n * n);
    expectClose(columns, c.hessian, c.dtype, 'hessian');
  },
);
