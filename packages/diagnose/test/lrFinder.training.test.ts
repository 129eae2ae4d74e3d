// Proof on real training: the learning-rate range test on the digits MLP (@dl/nn + @dl/optim + @dl/loss, data/digits)
// restores the model and the optimizer, and the rate it suggests then trains the network to >= 0.95 accuracy.
import { expect, test } from 'vitest';
import { batches, digitsLrRangeTest, digitsSetup } from '../scripts/digitsLrFinder';

const EPOCHS = 30;

test('LR finder on the digits MLP: restores model and optimizer, and its rate trains to >= 0.95 accuracy', {
  timeout: 120_000,
}, () => {
  const setup = digitsSetup();
  const { model, optimizer, trainStep, testAccuracy } = setup;
  const before = JSON.stringify(model.stateDict());
  const report = digitsLrRangeTest(setup);
  // the sweep trained the model (and blew it up), and restore put everything back
  expect(report.restored).toBe(true);
  expect(report.curve.status).toBe('diverged');
  expect(JSON.stringify(model.stateDict())).toBe(before);
  expect(optimizer.paramGroups[0]!.lr).toBe(0.01);
  const { suggestions } = report;
  expect(suggestions.lr).not.toBeNull();
  expect(suggestions.agreement.range).not.toBeNull();
  console.log(
    `LR finder (digits MLP, SGD momentum 0.9): ${report.curve.iteration} iterations (${report.curve.status}); steepest ${suggestions.steepest!.lr.toPrecision(3)}, valley ${suggestions.valley!.lr.toPrecision(3)}, minimum/10 ${suggestions.minimum!.lr.toPrecision(3)}; agree ${suggestions.agreement.agree} (ratio ${suggestions.agreement.ratio!.toFixed(1)})`,
  );
  // train with the suggested rate from the restored initialization; then, as a control, with the sweep's first rate
  const initial = {
    model: JSON.stringify(model.stateDict()),
    optimizer: JSON.stringify(optimizer.stateDict()),
  };
  const trainAndScore = (lr: number): number => {
    model.loadStateDict(JSON.parse(initial.model));
    optimizer.loadStateDict(JSON.parse(initial.optimizer));
    const train = batches(11);
    for (let step = 0; step < 21 * EPOCHS; step++) trainStep(train.next().value, lr);
    return testAccuracy();
  };
  const accuracy = trainAndScore(suggestions.lr!);
  const control = trainAndScore(1e-4);
  console.log(
    `trained ${EPOCHS} epochs at the suggested lr ${suggestions.lr!.toPrecision(3)}: test accuracy ${accuracy.toFixed(4)} (control at lr 1e-4: ${control.toFixed(4)})`,
  );
  expect(control).toBeLessThan(0.9);
  expect(accuracy).toBeGreaterThanOrEqual(0.95);
});
