import { existsSync, readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { renderSvg, renderTable, runExperiment, svgPath, writeExperiment } from '../scripts/experiment';

// The experiment is deterministic (seeded init and shuffles, plain SGD) and takes a few seconds, so the test
// reruns it and compares the SVG byte for byte: the image in docs/norm.md cannot go stale.
const runs = runExperiment();
const svg = renderSvg(runs);

if (process.env['UPDATE_PLOTS']) {
  test('writes docs/images/norm/batchnorm-digits.svg (UPDATE_PLOTS is set)', () => {
    writeExperiment(runs);
    console.log(renderTable(runs));
  });
}

test('docs/images/norm/batchnorm-digits.svg is up to date (regenerate: UPDATE_PLOTS=1 npx vitest run test/experiment.test.ts)', () => {
  expect(existsSync(svgPath)).toBe(true);
  expect(readFileSync(svgPath, 'utf8')).toBe(svg);
  expect(readFileSync(new URL('../../../docs/norm.md', import.meta.url), 'utf8')).toContain(
    '](images/norm/batchnorm-digits.svg)',
  );
});

test('the guide shows the measured final losses, and the measured story holds', () => {
  const guide = readFileSync(new URL('../../../docs/norm.md', import.meta.url), 'utf8');
  expect(guide).toContain(renderTable(runs));
  const last = (bn: boolean, lr: number) =>
    runs.find((r) => r.batchNorm === bn && r.lr === lr)!.losses.at(-1)!;
  // At the large learning rate the plain MLP is stuck near chance (ln 10 = 2.30); with BatchNorm it trains.
  expect(last(false, 0.3)).toBeGreaterThan(2);
  expect(last(true, 0.3)).toBeLessThan(0.1);
  // At the small one both train; without BatchNorm it is even a little lower after 8 epochs.
  expect(last(false, 0.03)).toBeLessThan(0.5);
  expect(last(true, 0.03)).toBeLessThan(0.5);
});
