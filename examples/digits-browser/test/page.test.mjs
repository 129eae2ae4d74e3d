import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../../../tests/browser/chromium';
import { trainInPage } from './trainInPage.mjs';

// The page in Debian's Chromium, served locally with every other request blocked: the model trains in the page,
// the chart follows, the loss goes down. Skipped without /usr/bin/chromium (`.ci/run` installs it). A screenshot
// lands in test-results/digits-browser/.

describe.skipIf(!chromiumAvailable('digits-browser test'))('digits in the browser', () => {
  it('trains in the page on the WebAssembly kernels: the loss goes down, accuracy >= 0.95', async () => {
    const { digits, early, problems, blocked } = await trainInPage({ example: 'digits-browser' });
    const { curves, accuracy, kernels } = digits;
    expect(problems).toEqual([]);
    expect(blocked).toEqual([]);
    expect(early).toMatch(/^epoch \d+\/30/);
    expect(kernels).toBe('wasm');
    expect(curves.train).toHaveLength(30);
    expect(curves.train.at(-1)).toBeLessThan(0.6 * curves.train[0]);
    expect(curves.validation.at(-1)).toBeLessThan(0.6 * curves.validation[0]);
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
  });
});
