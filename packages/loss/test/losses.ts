// The losses by name, as the fixtures name them: the tensor form and the plain-array form on argument lists.
import type { Tensor } from '@dl/tensor';
import { expect } from 'vitest';
import type { LossValueAndGrad } from '../src/index';
import * as api from '../src/index';

export interface Encoded {
  shape: number[];
  data: number[];
}

export interface LossCase {
  name: string;
  loss: string;
  dtype: 'float32' | 'float64';
  args: (Encoded & { kind: 'float' | 'int' | 'sign' })[];
  options: Record<string, number | boolean | string | Encoded>;
  value: Encoded;
  grads: (Encoded | null)[];
  exact: { value: Encoded; grads: (Encoded | null)[] } | null;
}

type AnyFn = (...args: unknown[]) => unknown;

function entry(name: string): {
  tensorForm: (args: unknown[], options: unknown) => Tensor;
  plainForm: (args: unknown[], options: unknown) => LossValueAndGrad;
} {
  const t = (api as unknown as Record<string, AnyFn>)[name]!;
  const p = (api as unknown as Record<string, AnyFn>)[`${name}ValueAndGrad`]!;
  return {
    tensorForm: (args, options) => t(...args, options) as Tensor,
    plainForm: (args, options) => p(...args, options) as LossValueAndGrad,
  };
}

/** Every loss with a PyTorch (or torchvision / formula) oracle in fixtures/losses.json. */
export const LOSS_NAMES = [
  'mseLoss',
  'l1Loss',
  'huberLoss',
  'smoothL1Loss',
  'bceLoss',
  'bceWithLogitsLoss',
  'crossEntropyLoss',
  'nllLoss',
  'klDivLoss',
  'poissonNllLoss',
  'gaussianNllLoss',
  'hingeEmbeddingLoss',
  'multiMarginLoss',
  'multilabelSoftMarginLoss',
  'marginRankingLoss',
  'tripletMarginLoss',
  'cosineEmbeddingLoss',
  'sigmoidFocalLoss',
  'softmaxFocalLoss',
];

export const LOSSES: Record<string, ReturnType<typeof entry>> = Object.fromEntries(
  LOSS_NAMES.map((n) => [n, entry(n)]),
);

/**
 * float32 within 1e-6 relative, float64 within 1e-12 (of each element, plus a tenth of the array's largest
 * magnitude). For float32, an element may instead be at least as close to `exact` (PyTorch on the same inputs in
 * float64) as PyTorch's float32 result is: where PyTorch's float32 formula loses digits (ln(1 + e^{-x}) written
 * as log(exp(-m) + exp(-x - m))), we compute in float64 and round once, and must not be punished for it.
 */
export function expectClose(
  actual: ArrayLike<number>,
  expected: Encoded,
  dtype: string,
  what: string,
  exact?: Encoded | null,
  looser = 1,
): void {
  const rtol = (dtype === 'float64' ? 1e-12 : 1e-6) * looser;
  expect(actual.length, `${what}: length`).toBe(expected.data.length);
  let scale = 0;
  for (const v of expected.data) scale = Math.max(scale, Math.abs(v));
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const e = expected.data[i]!;
    expect(Number.isFinite(a), `${what}[${i}] = ${a} is not finite`).toBe(true);
    const err = Math.abs(a - e);
    if (err > rtol * (Math.abs(e) + 0.1 * scale)) {
      const x = exact?.data[i];
      if (x !== undefined && Math.abs(a - x) <= Math.abs(e - x)) continue;
      expect.fail(`${what}[${i}]: got ${a}, expected ${e} (error ${err}, scale ${scale})`);
    }
  }
}
