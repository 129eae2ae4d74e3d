// Double backward works for every loss, not only the two with PyTorch Hessian fixtures: a Hessian-vector product
// by autograd (hvp) equals central differences of the gradient, on the first float64 fixture case of each loss.
import { readFileSync } from 'node:fs';
import { grad, hvp, sum, type Tensor, tensor } from '@dl/tensor';
import { expect, test } from 'vitest';
import { LOSSES, type LossCase } from './losses';

const { cases } = JSON.parse(readFileSync(new URL('../fixtures/losses.json', import.meta.url), 'utf8')) as {
  cases: LossCase[];
};
const firstPerLoss = new Map<string, LossCase>();
for (const c of cases) {
  if (
    c.dtype === 'float64' &&
    c.args[0]!.kind === 'float' &&
    !/extreme|at 0 and 1/.test(c.name) &&
    !firstPerLoss.has(c.loss)
  ) {
    firstPerLoss.set(c.loss, c);
  }
}

function lossOf(c: LossCase): (x: Tensor) => Tensor {
  const rest = c.args
    .slice(1)
    .map((a) =>
      a.kind === 'int' ? Int32Array.from(a.data) : tensor(Float64Array.from(a.data), { shape: a.shape }),
    );
  const options: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c.options)) {
    options[k] = typeof v === 'object' ? tensor(Float64Array.from(v.data), { shape: v.shape }) : v;
  }
  const { tensorForm } = LOSSES[c.loss]!;
  return (x) => sum(tensorForm([x, ...rest], options));
}

test.each([...firstPerLoss.values()].map((c) => [c.loss, c] as const))(
  '%s: hvp = differences of gradients (1e-6)',
  (_, c) => {
    const f = lossOf(c);
    const shape = c.args[0]!.shape;
    const x0 = Float64Array.from(c.args[0]!.data);
    const v = Float64Array.from(x0, (_, i) => Math.sin(3 * i + 1));
    const hv = hvp(f, tensor(x0, { shape }), tensor(v, { shape })).data;
    const h = 1e-5;
    const g = (s: number) =>
      grad(f)(
        tensor(
          Float64Array.from(x0, (xi, i) => xi + s * h * v[i]!),
          { shape },
        ),
      ).data;
    const gp = g(1);
    const gm = g(-1);
    let scale = 1e-8;
    for (let i = 0; i < hv.length; i++) scale = Math.max(scale, Math.abs(hv[i]!));
    for (let i = 0; i < hv.length; i++) {
      const fd = (gp[i]! - gm[i]!) / (2 * h);
      expect(Math.abs(fd - hv[i]!), `element ${i}: hvp ${hv[i]}, differences ${fd}`).toBeLessThanOrEqual(
        1e-6 * Math.max(scale, 1),
      );
    }
  },
);
