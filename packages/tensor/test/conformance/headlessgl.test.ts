// The conformance suite on gpu.js's headless-gl backend (Node, Mesa's software GL under xvfb-run): real GLSL.
// Skipped, with the reason, where gpu.js, gl or a display is missing (`pnpm test` runs under xvfb-run when it
// can, see scripts/withDisplay.mjs).
import { describe, expect, test } from 'vitest';
import { createDevice, type GpuDevice } from '../../src/gpu';
import { CASES, compare, KERNEL_CASES, MLP, runCase, runKernelCase, trainMlp } from './suite';

const warnings: string[] = [];
const attempt: GpuDevice | Error = await createDevice({
  backend: 'headlessgl',
  minSize: 0, // every kernel on the device (the small-tensor policy has tests of its own)
  warn: (m) => warnings.push(m),
}).catch((e: Error) => e);
const available = !(attempt instanceof Error);
if (!available) console.warn(`headless-gl conformance skipped: ${(attempt as Error).message}`);

describe.skipIf(!available)('conformance on gpu.js headless-gl (Mesa software GL)', () => {
  const device = attempt as GpuDevice;
  test.each(CASES.map((c) => [c.name, c] as const))('%s matches the CPU at 1e-5', (_n, c) => {
    const r = runCase(device, c);
    expect(r.message).toBe('');
  });

  test.each(KERNEL_CASES.map((c) => [c.name, c] as const))(
    '%s (fused update kernel) matches the float32 formula',
    (_n, c) => {
      expect(runKernelCase(device, c).message).toBe('');
    },
  );

  test('every case ran on the device: no op fell back to the CPU', () => {
    expect(warnings.join('\n')).toBe('');
  });

  test('no texture is left after the cases', () => {
    expect(device.liveTextures).toBe(0);
  });

  test(`the MLP training step (forward, backward, Adam) gives the CPU's parameters after ${MLP.steps} steps`, () => {
    const cpu = trainMlp('cpu');
    const dev = trainMlp(device);
    for (const [i, p] of cpu.params.entries()) expect(compare(dev.params[i]!, p)).toBeLessThanOrEqual(1);
  });
});
