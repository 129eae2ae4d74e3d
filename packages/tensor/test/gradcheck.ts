import { expect } from 'vitest';
import { gradients } from '../src/autograd/engine';
import { noGrad } from '../src/autograd/gradMode';
import { mul } from '../src/ops/mul';
import { sum } from '../src/ops/sum';
import { Tensor } from '../src/tensor';

/** Test helper: a float64 leaf tensor requiring gradients, with a copy of `values`. */
export function leaf64(values: ArrayLike<number>, shape: readonly number[]): Tensor {
  const t = new Tensor(Float64Array.from(values), shape, 'float64');
  t.requiresGrad = true;
  return t;
}

/**
 * Checks the autograd gradient of `f` (reduced to a scalar by a fixed random projection when not scalar) against
 * central finite differences in float64: |analytic - numeric| <= atol + rtol * |numeric| elementwise.
 */
export function checkGrad(
  f: (...xs: Tensor[]) => Tensor,
  inputs: Tensor[],
  { eps = 1e-6, atol = 1e-6, rtol = 1e-5 } = {},
): void {
  for (const x of inputs) expect(x.dtype).toBe('float64');
  const probe = f(...inputs);
  // A fixed projection vector turns a non-scalar output into a scalar with a non-trivial gradient.
  const w = new Tensor(
    Float64Array.from({ length: probe.size }, (_, i) => Math.sin(1.7 * i + 0.3) + 1.1),
    probe.shape,
    'float64',
  );
  const scalar = (...xs: Tensor[]) => sum(mul(f(...xs), w));
  const analytic = gradients(scalar(...inputs), inputs, { allowUnused: true });
  inputs.forEach((x, k) => {
    const numeric = new Float64Array(x.size);
    noGrad(() => {
      for (let i = 0; i < x.size; i++) {
        const old = x.data[i]!;
        x.data[i] = old + eps;
        const up = scalar(...inputs).item();
        x.data[i] = old - eps;
        const down = scalar(...inputs).item();
        x.data[i] = old;
        numeric[i] = (up - down) / (2 * eps);
      }
    });
    const a = analytic[k]!.data;
    for (let i = 0; i < x.size; i++) {
      const tol = atol + rtol * Math.abs(numeric[i]!);
      if (!(Math.abs(a[i]! - numeric[i]!) <= tol)) {
        throw new Error(
          `gradient of input ${k} at flat index ${i}: autograd ${a[i]} vs finite differences ${numeric[i]} (tol ${tol})`,
        );
      }
    }
  });
}
