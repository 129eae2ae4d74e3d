import { readFileSync } from 'node:fs';
import { reshape, type Tensor } from '@dl/tensor';
import { expect } from 'vitest';

/** fixtures/torch_layers.json, written by scripts/oracle_torch.py. */
// biome-ignore lint/suspicious/noExplicitAny: JSON fixture
export const torchFixture: any = JSON.parse(
  readFileSync(new URL('../fixtures/torch_layers.json', import.meta.url), 'utf8'),
);

/**
 * float32: |a - e| <= 1e-5 (|e| + max|E|) — relative to the array's scale, because gradients of normalized
 * outputs are formed by cancellation (their small entries carry rounding error on the scale of the large ones).
 * float64: the same with 1e-10.
 */
export function expectClose(
  actual: ArrayLike<number>,
  expected: number[],
  dtype: string,
  where: string,
): void {
  const tol = dtype === 'float64' ? 1e-10 : 1e-5;
  expect(actual.length, where).toBe(expected.length);
  const scale = expected.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    expect(Math.abs(a - e), `${where}[${i}]: ${a} vs ${e}`).toBeLessThanOrEqual(tol * (Math.abs(e) + scale));
  }
}

export const reshapeTo = (t: Tensor, shape: readonly number[]) => reshape(t, [...shape]);
