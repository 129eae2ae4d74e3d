import { expect, test, vi } from 'vitest';
import { tensor } from './creation/tensor';
import { add } from './ops/add';
import { mul } from './ops/mul';
import { sum } from './ops/sum';
import { Tensor } from './tensor';

test('tensors from a second copy of the package (ESM + CJS, or two versions) work with this copy', async () => {
  vi.resetModules();
  const other = await import('./index');
  expect(other.Tensor).not.toBe(Tensor);
  const foreign = other.tensor([1, 2, 3], { requiresGrad: true });
  expect(foreign instanceof Tensor).toBe(true);
  const local = tensor([10, 20, 30]);
  expect(local instanceof other.Tensor).toBe(true);
  const y = sum(mul(add(foreign, local), foreign));
  y.backward();
  // d/dx sum((x + c) * x) = 2x + c
  expect(foreign.grad?.toArray()).toEqual([12, 24, 36]);
});

test('plain objects shaped like a tensor are not tensors', () => {
  const fake = { shape: [1], dtype: 'float32', data: new Float32Array(1), size: 1 };
  expect(fake instanceof Tensor).toBe(false);
  expect((null as unknown) instanceof Tensor).toBe(false);
  expect(() => add(fake as unknown as Tensor, 1)).toThrow(
    'add: a must be a Tensor or a number, got an object shaped like a tensor (float32, [1])',
  );
});
