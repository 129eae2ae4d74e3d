// A block of docs/tensor.md, verbatim between the markers (walkthrough.test.ts checks it); the test below asserts
// what the guide says about it.
// biome-ignore-all assist/source/organizeImports: the block keeps its own imports, as printed in the guide.
import { expect, test } from 'vitest';

// --- hvp start ---
import { grad, hvp, mul, square, sum, type Tensor, tensor } from '@dl/tensor';

// At a critical point the gradient vanishes; the Hessian H tells what kind of point it is. The curvature along a
// direction v is vᵀ H v, and hvp(f, p, v) computes H v exactly by double backward, without forming H.
const curvature = (fn: (p: Tensor) => Tensor, p: Tensor, v: Tensor): number =>
  sum(mul(v, hvp(fn, p, v))).item();

const origin = tensor([0, 0]);
const e1 = tensor([1, 0]);
const e2 = tensor([0, 1]);
const bowl = (p: Tensor) => sum(mul(square(p), tensor([1, 1]))); // x² + y²: a minimum at the origin
const saddle = (p: Tensor) => sum(mul(square(p), tensor([1, -1]))); // x² − y²: a saddle point at the origin

const gradAtOrigin = grad(saddle)(origin).toArray(); // [0, 0]: a critical point
const bowlCurvatures = [curvature(bowl, origin, e1), curvature(bowl, origin, e2)]; // [2, 2]: all positive → minimum
const saddleCurvatures = [curvature(saddle, origin, e1), curvature(saddle, origin, e2)]; // [2, -2]: mixed → saddle
// Along a direction of negative curvature the loss still decreases: that is how to escape the saddle.
const escaped = saddle(mul(e2, 0.1)).item(); // -0.01 < saddle(origin) = 0
// --- hvp end ---

test('hvp: minimum vs saddle point from the sign of the curvature', () => {
  expect((gradAtOrigin as number[]).map((v) => v + 0)).toEqual([0, 0]); // -0 from x² − y² counts as 0
  expect(bowlCurvatures).toEqual([2, 2]);
  expect(saddleCurvatures).toEqual([2, -2]);
  expect(escaped).toBeCloseTo(-0.01, 7);
});
