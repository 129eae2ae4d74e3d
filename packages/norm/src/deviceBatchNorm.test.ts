// BatchNorm on device tensors (@dl/tensor/gpu's protocol) against the CPU layer, on the reference device of
// @dl/tensor's conformance suite: training output, gradients and running statistics, then evaluation, with no
// CPU fallback. The same comparison on headless-gl and in Chromium is in examples/digits-gpu's tests.
import { mul, sum, type Tensor, tensor, tidy, toDevice } from '@dl/tensor';
import { describe, expect, test } from 'vitest';
import { createReferenceDevice } from '../../tensor/test/conformance/referenceDevice';
import { applyBatchNorm } from './applyBatchNorm';
import { BatchNorm1d } from './BatchNorm1d';
import { BatchNorm2d } from './BatchNorm2d';

const values = (n: number, seed: number) => {
  const out = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = ((s >>> 8) / 16777216) * 4 - 2;
  }
  return out;
};
const close = (got: ArrayLike<number>, want: ArrayLike<number>) => {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++)
    expect(Math.abs(got[i]! - want[i]!)).toBeLessThanOrEqual(1e-5 * (Math.abs(want[i]!) + 1));
};

/** Replaces every float tensor of the layer by a copy on `device` (parameters keep requiring gradients). */
function toDeviceLayer(layer: BatchNorm1d | BatchNorm2d, device: ReturnType<typeof createReferenceDevice>) {
  const o = layer as unknown as Record<string, Tensor | null>;
  for (const k of ['weight', 'bias', 'running_mean', 'running_var']) {
    const t = o[k];
    if (t) o[k] = toDevice(t.detach(), device).setRequiresGrad(t.requiresGrad);
  }
}

describe('BatchNorm on a device', () => {
  test.each([
    ['BatchNorm1d [8, 5]', () => new BatchNorm1d(5), [8, 5]],
    ['BatchNorm2d [4, 3, 2, 2]', () => new BatchNorm2d(3), [4, 3, 2, 2]],
  ] as const)(
    '%s: output, gradients and running statistics equal the CPU layer; no fallback',
    (_n, make, shape) => {
      const device = createReferenceDevice({ strict: true });
      const cpu = make();
      const dev = make();
      toDeviceLayer(dev, device);
      const size = shape.reduce((a, b) => a * b, 1);
      for (let step = 0; step < 3; step++) {
        const x = tensor(values(size, step + 1), { shape: [...shape] });
        const w = tensor(values(size, step + 7), { shape: [...shape] });
        const xc = x.detach().setRequiresGrad();
        const yc = cpu.forward(xc);
        sum(mul(yc, w)).backward();
        const xd = toDevice(x, device).setRequiresGrad();
        tidy(() => {
          const yd = dev.forward(xd);
          expect(yd.device).toBe(device);
          close(yd.data, yc.data);
          sum(mul(yd, toDevice(w, device))).backward();
        });
        close(xd.grad!.data, xc.grad!.data);
        for (const k of ['weight', 'bias'] as const) {
          close(dev[k]!.grad!.data, cpu[k]!.grad!.data);
          dev[k]!.zeroGrad();
          cpu[k]!.zeroGrad();
        }
        expect(dev.running_mean!.device).toBe(device);
        close(dev.running_mean!.data, cpu.running_mean!.data);
        close(dev.running_var!.data, cpu.running_var!.data);
      }
      expect(Array.from(dev.num_batches_tracked!.data)).toEqual([3]);
      cpu.eval();
      dev.eval();
      const x = tensor(values(size, 11), { shape: [...shape] });
      close(dev.forward(toDevice(x, device)).data, cpu.forward(x).data);
    },
  );

  test('applyBatchNorm with the running statistics on another device is an error naming the fix', () => {
    const device = createReferenceDevice({ strict: true });
    const x = toDevice(tensor(values(6, 1), { shape: [3, 2] }), device);
    expect(() =>
      applyBatchNorm(x, { runningMean: tensor([0, 0]), runningVar: tensor([1, 1]), training: true }),
    ).toThrow(
      "applyBatchNorm: x is on reference and runningMean is on cpu; move the layer's parameters and buffers to x's device with toDevice (or x to the CPU with toDevice(x, 'cpu'))",
    );
  });
});
