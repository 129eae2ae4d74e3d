// The training walkthrough of docs/tensor.md. The code between `--- <name> start ---` and `--- <name> end ---`
// markers, here and in autogradBasics.test.ts and criticalPoints.test.ts, appears verbatim in the guide (the last
// test checks it); the tests assert what the guide claims about it.
// biome-ignore-all assist/source/organizeImports: each block keeps its own imports, as printed in the guide.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
// --- training start ---
import {
  add,
  linspace,
  matmul,
  maximum,
  mean,
  mul,
  noGrad,
  randn,
  reshape,
  sigmoid,
  square,
  sub,
  type Tensor,
  zeros,
} from '@dl/tensor';

// 1. Data: 41 points of a piecewise-linear curve on [-1, 1] (three segments).
const x = reshape(linspace(-1, 1, { steps: 41 }), [41, 1]); // [41, 1]: 41 examples, 1 feature
const target = maximum(maximum(sub(0.5, x), 0.8), add(mul(sub(x, 0.4), 2), 0.8)); // [41, 1]

// 2. The model y = b + Σ_i c_i · sigmoid(b_i + Σ_j w_ij x_j) with K sigmoids. Parameters are leaf tensors that
//    require gradients.
const K = 6;
const w = mul(randn([1, K], { seed: 1 }), 4).setRequiresGrad(); // w[j, i]: input j -> sigmoid i
const bi = mul(randn([K], { seed: 2 }), 2).setRequiresGrad(); // b_i
const c = mul(randn([K, 1], { seed: 3 }), 0.5).setRequiresGrad(); // c_i
const b = zeros([1], { requiresGrad: true }); // b
const params = [w, bi, c, b];

const model = (input: Tensor): Tensor => add(matmul(sigmoid(add(matmul(input, w), bi)), c), b);
const lossOf = (): Tensor => mean(square(sub(model(x), target))); // mean squared error

// 3. Plain gradient descent: forward, backward, then update the parameters in place without recording.
const lr = 0.5;
const history: number[] = [];
for (let step = 0; step <= 3000; step++) {
  const loss = lossOf();
  if (step % 500 === 0) history.push(loss.item()); // [initial, after 500 steps, ...]
  for (const p of params) p.zeroGrad(); // gradients accumulate until cleared
  loss.backward();
  noGrad(() => {
    for (const p of params) p.data.set(sub(p, mul(p.grad!, lr)).data);
  });
}
// --- training end ---

test('training: gradient descent fits the piecewise-linear curve with a sum of sigmoids', () => {
  const [initial] = history;
  const final = history[history.length - 1]!;
  expect(history).toHaveLength(7);
  expect(initial).toBeGreaterThan(1);
  expect(final).toBeLessThan(initial! / 1000);
  expect(final).toBeLessThan(0.005);
  // the numbers quoted in the guide
  expect(initial).toBeCloseTo(5.1, 1);
  expect(history[1]).toBeCloseTo(0.0034, 4);
  expect(final).toBeCloseTo(0.0016, 4);
  // the loss goes down every 500 steps
  for (let i = 1; i < history.length; i++) expect(history[i]!).toBeLessThan(history[i - 1]!);
  // the fitted curve is close to the target everywhere
  const err = noGrad(() => sub(model(x), target));
  expect(Math.max(...Array.from(err.data, Math.abs))).toBeLessThan(0.15);
});

test('the blocks above appear verbatim in docs/tensor.md', () => {
  const guide = readFileSync(new URL('../../../docs/tensor.md', import.meta.url), 'utf8');
  for (const [name, file] of [
    ['training', './walkthrough.test.ts'],
    ['basics', './autogradBasics.test.ts'],
    ['hvp', './criticalPoints.test.ts'],
  ] as const) {
    const self = readFileSync(new URL(file, import.meta.url), 'utf8');
    const m = new RegExp(`// --- ${name} start ---\\n([\\s\\S]*?)// --- ${name} end ---`).exec(self);
    expect(m, name).not.toBeNull();
    expect(guide.includes(m![1]!.trim()), `docs/tensor.md holds the '${name}' block verbatim`).toBe(true);
  }
});
