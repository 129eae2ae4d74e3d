// The conformance suite on the reference device (always; no GPU needed): the device protocol end to end.
import { describe, expect, test } from 'vitest';
import { tidy } from '../../src/index';
import { createReferenceDevice } from './referenceDevice';
import {
  CASES,
  compare,
  KERNEL_CASES,
  MLP,
  runCase,
  runCaseAsync,
  runKernelCase,
  runKernelCaseAsync,
  trainMlp,
  trainMlpAsync,
} from './suite';

describe('conformance on the reference device (CPU kernels behind the device protocol)', () => {
  const device = createReferenceDevice({ warn: () => {} });
  test.each(CASES.map((c) => [c.name, c] as const))('%s matches the CPU at 1e-5', (_n, c) => {
    const r = runCase(device, c);
    expect(r.message).toBe('');
    expect(r.ok).toBe(true);
  });

  test.each(KERNEL_CASES.map((c) => [c.name, c] as const))(
    '%s (fused update kernel) matches the float32 formula',
    (_n, c) => {
      expect(runKernelCase(device, c).message).toBe('');
    },
  );

  test('the asynchronous runners (what WebGPU uses: results read with dataAsync) pass every case too', async () => {
    const d = createReferenceDevice({ warn: () => {} });
    for (const c of CASES) expect((await runCaseAsync(d, c)).message, c.name).toBe('');
    for (const c of KERNEL_CASES) expect((await runKernelCaseAsync(d, c)).message, c.name).toBe('');
    const cpu = trainMlp('cpu');
    const dev = await trainMlpAsync(d);
    for (const [i, p] of cpu.params.entries()) expect(compare(dev.params[i]!, p)).toBeLessThanOrEqual(1);
    expect(d.live).toBe(0);
  });

  test('no device memory is left after the cases', () => {
    expect(device.live).toBe(0);
  });

  test(`the MLP training step gives the CPU's parameters after ${MLP.steps} steps`, () => {
    const cpu = trainMlp('cpu');
    const dev = trainMlp(createReferenceDevice({ warn: () => {} }));
    expect(cpu.losses[1]!).toBeLessThan(cpu.losses[0]!);
    for (const [i, p] of cpu.params.entries()) expect(compare(dev.params[i]!, p)).toBeLessThanOrEqual(1);
  });

  test('device memory does not grow over 1000 training steps (each step in tidy)', () => {
    const d = createReferenceDevice({ warn: () => {} });
    trainMlp(d, 1000, tidy);
    expect(d.live).toBe(0);
  }, 180_000);
});
