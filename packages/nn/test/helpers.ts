import { gradients, mul, sum, type Tensor, tensor } from '@dl/tensor';
import { expect } from 'vitest';
import { deserializeTensor } from '../src/deserializeTensor';
import type { StateDictEntry } from '../src/types';

/** A fixture tensor (a PyTorch tensor written in the state-dict entry format). */
export function fx(entry: StateDictEntry, options: { requiresGrad?: boolean } = {}): Tensor {
  const t = deserializeTensor(entry);
  if (options.requiresGrad) t.setRequiresGrad(true);
  return t;
}

/**
 * Elementwise |actual - expected| <= atol + rtol * |expected|, with the index of the first failure in the message.
 *
 * The default absolute term, 1e-7, is for tiny results that PyTorch computes with cancellation in float32: e.g. the
 * tanh gradient 1 - y² at x = -4 (about 1e-3), or expm1 near 0 in ELU/SELU. There PyTorch itself is only accurate
 * to about 1e-7 absolute (the float32 spacing near 1), so a purely relative 1e-6 would test PyTorch's rounding.
 */
export function expectClose(actual: Tensor, expected: Tensor, { rtol = 1e-6, atol = 1e-7 } = {}): void {
  expect(actual.shape).toEqual(expected.shape);
  for (let i = 0; i < expected.size; i++) {
    const a = actual.data[i]!;
    const e = expected.data[i]!;
    const tol = atol + rtol * Math.abs(e);
    if (!(Math.abs(a - e) <= tol)) {
      throw new Error(`flat index ${i}: got ${a}, expected ${e} (tolerance ${tol})`);
    }
  }
}

/** A float64 leaf requiring gradients. */
export function leaf64(values: ArrayLike<number>, shape: readonly number[]): Tensor {
  return tensor(Float64Array.from(values), { shape, requiresGrad: true });
}

/** Deterministic pseudo-random values in (-2, 2). */
export function values(n: number, seed: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.sin(seed * 12.9898 + i * 78.233) * 2);
}

/**
 * Checks autograd gradients of `f` with respect to every tensor in `inputs` (float64) against central finite
 * differences, through a fixed projection of the output to a scalar.
 */
export function checkGrad(
  f: () => Tensor,
  inputs: Tensor[],
  { eps = 1e-6, atol = 1e-6, rtol = 1e-5 } = {},
): void {
  const probe = f();
  const w = tensor(
    Float64Array.from({ length: probe.size }, (_, i) => Math.sin(1.7 * i + 0.3) + 1.1),
    { shape: probe.shape },
  );
  const scalar = () => sum(mul(f(), w));
  const analytic = gradients(scalar(), inputs, { allowUnused: true });
  inputs.forEach((x, k) => {
    for (let i = 0; i < x.size; i++) {
      const old = x.data[i]!;
      x.data[i] = old + eps;
      const up = scalar().item();
      x.data[i] = old - eps;
      const down = scalar().item();
      x.data[i] = old;
      const numeric = (up - down) / (2 * eps);
      const a = analytic[k]!.data[i]!;
      if (!(Math.abs(a - numeric) <= atol + rtol * Math.abs(numeric))) {
        throw new Error(`input ${k}, flat index ${i}: autograd ${a} vs finite differences ${numeric}`);
      }
    }
  });
}
