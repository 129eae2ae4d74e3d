import { describe, expect, test, vi } from 'vitest';
import { createReferenceDevice } from '../test/conformance/referenceDevice';
import { gradients } from './autograd/engine';
import { noGrad } from './autograd/gradMode';
import { tensor } from './creation/tensor';
import { add } from './ops/add';
import { exp } from './ops/exp';
import { matmul } from './ops/matmul';
import { mul } from './ops/mul';
import { relu } from './ops/relu';
import { reshape } from './ops/reshape';
import { sum } from './ops/sum';
import { toDevice } from './ops/toDevice';
import type { Tensor } from './tensor';
import { tidy } from './tidy';

const quiet = () => createReferenceDevice({ warn: () => {} });

describe('device tensors (the core hook, on a reference device)', () => {
  test('toDevice uploads a float32 tensor; .data reads it back; dataAsync too', async () => {
    const d = quiet();
    const x = toDevice(tensor([1, 2, 3]), d);
    expect(x.device).toBe(d);
    expect(x.storage).not.toBeNull();
    expect(Array.from(x.data)).toEqual([1, 2, 3]);
    expect(Array.from(await x.dataAsync())).toEqual([1, 2, 3]);
    expect(x.toArray()).toEqual([1, 2, 3]);
    expect(toDevice(x, d)).toBe(x);
    const back = toDevice(x, 'cpu');
    expect(back.storage).toBeNull();
    expect(back.device).toBe('cpu');
    expect(Array.from(back.data)).toEqual([1, 2, 3]);
  });

  test('ops on device tensors run the device kernel and return device tensors', () => {
    const d = quiet();
    const a = toDevice(
      tensor([
        [1, 2],
        [3, 4],
      ]),
      d,
    );
    const b = toDevice(tensor([10, 20]), d);
    const c = add(a, b);
    expect(c.device).toBe(d);
    expect(c.toArray()).toEqual([
      [11, 22],
      [13, 24],
    ]);
    expect(d.calls.get('add')).toBe(1);
    expect(matmul(a, a).toArray()).toEqual([
      [7, 10],
      [15, 22],
    ]);
    expect(d.calls.get('matmul')).toBe(1);
  });

  test('a rank-0 CPU tensor and a number go with a device tensor (as in PyTorch)', () => {
    const d = quiet();
    const a = toDevice(tensor([1, 2]), d);
    expect(mul(a, 3).toArray()).toEqual([3, 6]);
    expect(add(tensor(1), a).device).toBe(d);
  });

  test('mixing devices is a TypeError naming both devices and toDevice', () => {
    const d = quiet();
    const a = toDevice(tensor([1, 2]), d);
    expect(() => add(a, tensor([1, 2]))).toThrow(
      "add: a is on reference and b is on cpu; tensors of one op must be on one device (a rank-0 CPU tensor goes with any): move one with toDevice(b, a.device) (or toDevice(a, 'cpu'))",
    );
    const e = createReferenceDevice({ warn: () => {} });
    const other = toDevice(tensor([1, 2]), e);
    expect(() => mul(a, other)).toThrow(
      /mul: a is on reference and b is on reference; .*toDevice\(b, 'cpu'\)/,
    );
    expect(() => matmul(tensor([[1, 2]]), toDevice(tensor([[1], [2]]), d))).toThrow(
      /matmul: b is on reference and a is on cpu/,
    );
  });

  test('an op without a device kernel runs on the CPU, warns once naming the op, and stays on the device', () => {
    const warn = vi.fn();
    const d = createReferenceDevice({ warn });
    const x = toDevice(tensor([0, 1]), d);
    const y = exp(x);
    exp(x);
    expect(y.device).toBe(d);
    expect(Array.from(y.data)).toEqual([1, Math.fround(Math.E)]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toBe(
      '@dl/tensor: exp ran on the CPU instead of reference (no reference kernel for exp)',
    );
  });

  test('a kernel that fails to compile falls back with its reason; strict mode throws instead', () => {
    const warn = vi.fn();
    const d = createReferenceDevice({ warn, broken: ['add'] });
    expect(add(toDevice(tensor([1]), d), 1).toArray()).toEqual([2]);
    expect(warn.mock.calls[0]![0]).toMatch(
      /add ran on the CPU instead of reference \(the add kernel failed to compile: test\)/,
    );
    const s = createReferenceDevice({ strict: true, broken: ['add'] });
    expect(() => add(toDevice(tensor([1]), s), 1)).toThrow(
      /add ran on the CPU .*strict mode forbids CPU fallbacks/,
    );
  });

  test('a disposed tensor used by an op is an error naming the op; views share memory until the last is disposed', () => {
    const d = quiet();
    const x = toDevice(tensor([1, 2, 3, 4]), d);
    const v = reshape(x, [2, 2]);
    expect(d.live).toBe(1);
    x.dispose();
    x.dispose();
    expect(d.live).toBe(1);
    expect(() => add(x, 1)).toThrow(
      'add: a was disposed (Tensor(float32, [4]) on reference); it cannot be used after dispose()',
    );
    expect(() => relu(x)).toThrow('relu: x was disposed');
    expect(() => reshape(x, [4])).toThrow('reshape: x was disposed');
    expect(() => x.data).toThrow('data: the tensor was disposed');
    expect(v.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    v.dispose();
    expect(d.live).toBe(0);
  });

  test('autograd runs on the device: gradients are device tensors equal to the CPU ones', () => {
    const d = quiet();
    const f = (w: Tensor, x: Tensor) => sum(mul(relu(matmul(x, w)), 2));
    const w0 = tensor([
      [0.5, -1],
      [2, 0.25],
    ]);
    const x0 = tensor([
      [1, 2],
      [-3, 4],
      [0.5, 0.5],
    ]);
    const wc = w0.detach().setRequiresGrad();
    const [gc] = gradients(f(wc, x0), [wc]);
    const wd = toDevice(w0, d).setRequiresGrad();
    const loss = f(wd, toDevice(x0, d));
    expect(loss.device).toBe(d);
    loss.backward();
    expect(wd.grad?.device).toBe(d);
    expect(wd.grad?.toArray()).toEqual(gc!.toArray());
  });

  test('toDevice is differentiable: the gradient moves back to the CPU', () => {
    const d = quiet();
    const x = tensor([1, 2, 3], { requiresGrad: true });
    sum(mul(toDevice(x, d), toDevice(x, d))).backward();
    expect(x.grad?.device).toBe('cpu');
    expect(x.grad?.toArray()).toEqual([2, 4, 6]);
  });

  test('tidy disposes the device tensors made inside except those returned and the .grad written', () => {
    const d = quiet();
    const w = toDevice(tensor([1, 2]), d).setRequiresGrad();
    const before = d.live;
    const out = tidy(() => {
      const loss = sum(mul(mul(w, w), 3));
      loss.backward();
      return { loss };
    });
    expect(out.loss.item()).toBe(15);
    expect(w.grad?.toArray()).toEqual([6, 12]);
    expect(d.live).toBe(before + 2);
    w.zeroGrad();
    out.loss.dispose();
    expect(d.live).toBe(before);
    expect(noGrad(() => tidy(() => 5))).toBe(5);
  });

  test('toDevice rejects what is not a device, other dtypes and other protocol versions', () => {
    const d = quiet();
    expect(() => toDevice(tensor([1]), 'gpu' as never)).toThrow(
      'toDevice: device must be \'cpu\', a device made by createWasmDevice() or by createDevice() of @dl/tensor/gpu, got "gpu"',
    );
    expect(() => toDevice(tensor([1], { dtype: 'float64' }), d)).toThrow(
      "toDevice: device 'reference' holds float32 tensors only, got float64; convert with cast(x, 'float32') first",
    );
    expect(() => toDevice(tensor([1]), { ...d, protocol: 2 })).toThrow(/implements device protocol 2/);
  });
});
