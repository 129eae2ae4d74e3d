// Every loss × reduction × option against PyTorch 1.13 (fixtures/losses.json, written by scripts/oracle.py):
// the value and the gradient of every float argument through autograd (tensor form), and the value and the
// analytic input gradient of the plain-array form.
import { readFileSync } from 'node:fs';
import { sum, type Tensor, tensor } from '@dl/tensor';
import { describe, expect, test } from 'vitest';
import { expectClose, LOSSES, type LossCase } from './losses';

interface Fixture {
  cases: LossCase[];
}

const fixture: Fixture = JSON.parse(
  readFileSync(new URL('../fixtures/losses.json', import.meta.url), 'utf8'),
);

function buildArgs(c: LossCase): { args: unknown[]; floats: Tensor[] } {
  const floats: Tensor[] = [];
  const args = c.args.map((a) => {
    if (a.kind === 'int') return tensor(Int32Array.from(a.data), { shape: a.shape });
    const data = c.dtype === 'float64' ? Float64Array.from(a.data) : Float32Array.from(a.data);
    const t = tensor(data, { shape: a.shape });
    if (a.kind === 'float') {
      t.setRequiresGrad();
      floats.push(t);
    }
    return t;
  });
  return { args, floats };
}

function buildOptions(c: LossCase): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c.options)) {
    out[k] =
      typeof v === 'object' && v !== null
        ? tensor(c.dtype === 'float64' ? Float64Array.from(v.data) : Float32Array.from(v.data), {
            shape: v.shape,
          })
        : v;
  }
  return out;
}

const byLoss = new Map<string, LossCase[]>();
for (const c of fixture.cases) byLoss.set(c.loss, [...(byLoss.get(c.loss) ?? []), c]);

test('the fixtures cover every loss of the package that has an oracle', () => {
  expect([...byLoss.keys()].sort()).toEqual(Object.keys(LOSSES).sort());
});

/**
 * The one documented exception: a p-norm with p other than 1 and 2 (tripletMarginLoss) rounds |u|^p and the
 * 1/p-th power to float32 in separate ops, so its float32 gradients agree within 2e-6 (float64 still 1e-12).
 */
const looser = (c: LossCase): number =>
  c.dtype === 'float32' && c.loss === 'tripletMarginLoss' && / p 3/.test(c.name) ? 2 : 1;

for (const [loss, cases] of byLoss) {
  describe(loss, () => {
    test.each(cases.map((c) => [`${c.name} (${c.dtype})`, c] as const))('%s: tensor form', (_, c) => {
      const { tensorForm } = LOSSES[c.loss]!;
      const { args, floats } = buildArgs(c);
      const out = tensorForm(args, buildOptions(c));
      expect(out.shape).toEqual(c.value.shape);
      expectClose(out.data, c.value, c.dtype, 'value', c.exact?.value);
      if (floats.length === 0) return;
      sum(out).backward();
      let k = 0;
      c.args.forEach((a, i) => {
        if (a.kind !== 'float') return;
        const g = floats[k++]!.grad;
        if (c.grads[i] === null) return; // PyTorch's gradient is not finite here (see the generator)
        expect(g, `gradient of argument ${i}`).not.toBeNull();
        expectClose(g!.data, c.grads[i]!, c.dtype, `gradient of argument ${i}`, c.exact?.grads[i], looser(c));
      });
    });
    test.each(cases.map((c) => [`${c.name} (${c.dtype})`, c] as const))('%s: plain-array form', (_, c) => {
      const { plainForm } = LOSSES[c.loss]!;
      const { args } = buildArgs(c);
      const plainArgs = args.map((a, i) =>
        c.args[i]!.kind === 'int'
          ? Int32Array.from((a as Tensor).data)
          : { shape: (a as Tensor).shape, data: (a as Tensor).data },
      );
      const r = plainForm(plainArgs, buildOptions(c));
      const value = typeof r.value === 'number' ? [r.value] : r.value.data;
      expectClose(value, c.value, c.dtype, 'value', c.exact?.value);
      if (c.args[0]!.kind === 'float') {
        expect(r.grad.shape).toEqual(c.args[0]!.shape);
        expectClose(r.grad.data, c.grads[0]!, c.dtype, 'input gradient', c.exact?.grads[0], looser(c));
      }
    });
  });
}
