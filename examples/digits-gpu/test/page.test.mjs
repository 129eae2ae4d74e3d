import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../../../tests/browser/chromium';
import { trainInPage } from '../../digits-browser/test/trainInPage.mjs';

// The page in Debian's Chromium, served locally with every other request blocked, on WebGL2 rendered by
// SwiftShader (no GPU here): the model trains on the device, the chart follows, the loss goes down, no texture
// is left. Skipped without /usr/bin/chromium. A screenshot lands in test-results/digits-gpu/.

describe.skipIf(!chromiumAvailable('digits-gpu test'))('digits on the GPU in the browser', () => {
  it('trains on a WebGL2 device in the page: the loss goes down, accuracy >= 0.9, no texture left', async () => {
    const { digits, problems, blocked } = await trainInPage({
      example: 'digits-gpu',
      query: '?backend=webgl2',
      webgl: true,
      warnings: true,
      chartTimeout: 120_000,
    });
    const { curves, accuracy, device, liveTextures } = digits;
    expect(problems).toEqual([]);
    expect(blocked).toEqual([]);
    expect(device).toBe('webgl2');
    expect(curves.train).toHaveLength(10);
    expect(curves.train.at(-1)).toBeLessThan(0.5 * curves.train[0]);
    expect(curves.validation.at(-1)).toBeLessThan(0.5 * curves.validation[0]);
    expect(accuracy).toBeGreaterThanOrEqual(0.9);
    // parameters, moments and the test set: 6 + 6 + 6 + 2
    expect(liveTextures).toBe(20);
  });
});
