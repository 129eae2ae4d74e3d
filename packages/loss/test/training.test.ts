// The guide's claim, checked: from a confidently wrong start, cross-entropy training reaches a low loss while
// MSE on the softmax stalls on the plateau (scripts/plots.ts draws the same runs).
import { expect, test } from 'vitest';
import { trainFromWrongStart, twoClassSurface } from '../scripts/plots';

test('on a two-class softmax the MSE gradient vanishes where the model is confidently wrong; the CE gradient does not', () => {
  const s = twoClassSurface();
  const at = s.z.indexOf(-10);
  expect(s.dce[at]).toBeGreaterThan(0.9999); // 1 − σ(−10)
  expect(s.dmse[at]).toBeLessThan(1e-4);
  expect(s.mse[at]).toBeGreaterThan(0.99); // large loss, no gradient: the plateau
});

test('from a confidently wrong start, cross-entropy training reaches a low loss where MSE stalls', () => {
  const ce = trainFromWrongStart('crossEntropy');
  const mse = trainFromWrongStart('mse');
  const last = (a: number[]) => a[a.length - 1]!;
  expect(ce.crossEntropy[0]).toBeGreaterThan(10);
  expect(last(ce.crossEntropy)).toBeLessThan(0.1);
  expect(last(ce.accuracy)).toBeGreaterThan(0.95);
  expect(last(mse.crossEntropy)).toBeGreaterThan(10 * last(ce.crossEntropy));
  console.log(
    JSON.stringify({
      ce: [ce.crossEntropy[0], last(ce.crossEntropy), last(ce.accuracy)],
      mse: [mse.crossEntropy[0], last(mse.crossEntropy), last(mse.accuracy)],
    }),
  );
});
