// A block of docs/tensor.md, verbatim between the markers (walkthrough.test.ts checks it); the test below asserts
// what the guide says about it.
// biome-ignore-all assist/source/organizeImports: the block keeps its own imports, as printed in the guide.
import { expect, test } from 'vitest';

// --- basics start ---
import { grad, mul, noGrad, sum, type Tensor, tensor, valueAndGrad } from '@dl/tensor';

const a = tensor([1, 2, 3], { requiresGrad: true });
sum(mul(a, a)).backward(); // d/da Σ a² = 2a
const first = a.grad!.toArray(); // [2, 4, 6]
sum(mul(a, a)).backward(); // a second backward ADDS to .grad
const accumulated = a.grad!.toArray(); // [4, 8, 12]
a.zeroGrad(); // a.grad === null again

const recorded = mul(a, 2).requiresGrad; // true: an input requires gradients
const unrecorded = noGrad(() => mul(a, 2)).requiresGrad; // false: nothing recorded inside noGrad
const detached = mul(a, 2).detach(); // same data, cut from the graph
const detachedRequiresGrad = detached.requiresGrad; // false

// Functional style, without touching .grad (like JAX / torch.func):
const f = (t: Tensor) => sum(mul(t, t));
const [value, gradient] = valueAndGrad(f)(tensor([3, 4])); // value 25, gradient [6, 8]
const g2 = grad(f)(tensor([1, -1])).toArray(); // [2, -2]
// --- basics end ---

test('basics: backward, accumulation, zeroGrad, noGrad, detach, grad and valueAndGrad', () => {
  expect(first).toEqual([2, 4, 6]);
  expect(accumulated).toEqual([4, 8, 12]);
  expect(a.grad).toBeNull();
  expect([recorded, unrecorded, detachedRequiresGrad]).toEqual([true, false, false]);
  expect(detached.toArray()).toEqual([2, 4, 6]);
  expect(value.item()).toBe(25);
  expect(gradient.toArray()).toEqual([6, 8]);
  expect(g2).toEqual([2, -2]);
});
