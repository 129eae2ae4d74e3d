import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../../../tests/browser/chromium';
import { trainInPage } from '../../digits-browser/test/trainInPage.mjs';

// The page in Debian's Chromium, served locally with every other request blocked, on WebGL2 and on WebGPU, both
// rendered by SwiftShader (no GPU here): the digits job's model (dropout included) trains on the device (a strict one: an op without a device
// kernel would throw, so nothing falls back to the CPU), the chart follows, the loss goes down, no texture is
// left. Skipped without /usr/bin/chromium. A screenshot lands in test-results/digits-gpu/.

/** Trains the page on `backend` (every op on the device: `minSize=0`) and checks what the WebGL2 test states. */
async function trainOn(backend) {
  const { digits, problems, blocked } = await trainInPage({
    example: 'digits-gpu',
    query: `?backend=${backend}&minSize=0`,
    webgl: backend === 'webgl2',
    webgpu: backend === 'webgpu',
    warnings: true,
    chartTimeout: 120_000,
  });
  const { curves, accuracy, device, liveTextures, resident, onDevice, minSize } = digits;
  // Chromium's ANGLE notes each synchronous readPixels (the page reads back once per epoch, as designed) as a
  // performance message, depending on timing; anything else is a problem
  const real = problems.filter(
    (p) => !/GL Driver Message \(OpenGL, Performance, .*\): GPU stall due to ReadPixels/.test(p),
  );
  expect(real, real.join('\n')).toEqual([]);
  expect(blocked).toEqual([]);
  expect(device).toBe(backend);
  expect(minSize).toBe(0);
  expect(curves.train).toHaveLength(10);
  // label smoothing 0.1 over 10 classes: no loss below the smoothed target's entropy; the gap to it halves
  const floor = -(0.91 * Math.log(0.91) + 9 * 0.01 * Math.log(0.01));
  for (const c of [curves.train, curves.validation])
    expect(c.at(-1) - floor).toBeLessThan(0.5 * (c[0] - floor));
  expect(accuracy).toBeGreaterThanOrEqual(0.95);
  expect(onDevice).toBe(true);
  // parameters (10) with their gradients and AdamW's two moments, BatchNorm's 4 running statistics, the training
  // and test sets (4): the batches are gathered on the device, dropout's masks freed with each step
  expect(resident).toBe(48);
  expect(liveTextures).toBe(resident);
}

describe.skipIf(!chromiumAvailable('digits-gpu test'))('digits on the GPU in the browser', () => {
  it("trains the digits job's model (BatchNorm, dropout, AdamW) on a strict WebGL2 device in the page: no CPU fallback, the loss goes down, accuracy >= 0.95, no texture left", async () => {
    await trainOn('webgl2');
  });

  it('the same page on a strict WebGPU device (our WGSL kernels; the losses read with await dataAsync())', async () => {
    await trainOn('webgpu');
  });
});
