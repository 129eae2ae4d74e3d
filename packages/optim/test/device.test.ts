// createOptimizer on device parameters (@dl/tensor/gpu's protocol) against the same optimizer on the CPU, on the
// reference device of @dl/tensor's conformance suite (JavaScript memory, the float32 kernels of the GPU device).
// The same comparison on headless-gl and in Chromium is in examples/digits-gpu's tests.
import { cosineAnnealing, createScheduler } from '@dl/schedule';
import {
  add,
  createWasmDevice,
  type Device,
  matmul,
  mean,
  square,
  sub,
  type Tensor,
  tensor,
  tidy,
  toDevice,
} from '@dl/tensor';
import { describe, expect, test } from 'vitest';
import { createReferenceDevice } from '../../tensor/test/conformance/referenceDevice';
import { adam, adamw, createOptimizer, type NamedOptimizer, rmsprop, sgd } from '../src/index';

const values = (n: number, seed: number) => {
  const out = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s >>> 8) / 16777216 - 0.5;
  }
  return out;
};
const x = tensor(values(24, 1), { shape: [6, 4] });
const y = tensor(values(18, 2), { shape: [6, 3] });
const initial = () => [tensor(values(12, 3), { shape: [4, 3] }), tensor(values(3, 4), { shape: [3] })];

/** `steps` steps of the least-squares problem on `device` (or the CPU); the parameters as arrays. */
function train(optimizer: NamedOptimizer, device: Device | 'cpu', steps = 10) {
  const params = initial().map((p) => toDevice(p, device).setRequiresGrad());
  const xs = toDevice(x, device);
  const ys = toDevice(y, device);
  const opt = createOptimizer(params, optimizer);
  for (let s = 0; s < steps; s++) {
    opt.zeroGrad();
    tidy(() => {
      const loss = mean(square(sub(add(matmul(xs, params[0]!), params[1]!), ys)));
      loss.backward();
      opt.step();
    });
  }
  return { params: params.map((p) => Float32Array.from(p.data)), opt, tensors: params };
}

const close = (got: Float32Array, want: Float32Array) => {
  for (let i = 0; i < want.length; i++)
    expect(Math.abs(got[i]! - want[i]!)).toBeLessThanOrEqual(1e-5 * (Math.abs(want[i]!) + 1e-3));
};

describe('createOptimizer on device parameters', () => {
  const cases: [string, () => NamedOptimizer][] = [
    ['adam', () => adam({ lr: 0.05 })],
    ['adam with L2 weight decay and amsgrad', () => adam({ lr: 0.05, weightDecay: 0.1, amsgrad: true })],
    ['adam maximize', () => adam({ lr: 0.01, maximize: true })],
    ['adamw', () => adamw({ lr: 0.05, weightDecay: 0.1 })],
    ['sgd', () => sgd({ lr: 0.1 })],
    [
      'sgd momentum, dampening, weight decay',
      () => sgd({ lr: 0.1, momentum: 0.9, dampening: 0.2, weightDecay: 0.01 }),
    ],
    ['sgd nesterov', () => sgd({ lr: 0.1, momentum: 0.9, nesterov: true })],
  ];
  test.each(cases)(
    "%s gives the CPU optimizer's parameters after 10 steps, with no CPU fallback",
    (_n, make) => {
      const cpu = train(make(), 'cpu');
      const device = createReferenceDevice({ strict: true });
      const dev = train(make(), device);
      for (const [i, p] of cpu.params.entries()) close(dev.params[i]!, p);
      expect(dev.tensors.every((p) => p.device === device)).toBe(true);
      const kernels = [...device.calls.keys()];
      expect(kernels).toContain(make().name === 'sgd' ? 'ema' : 'adamParam');
    },
  );

  test.each(cases)(
    "%s on @dl/tensor's wasm device gives the CPU optimizer's parameters, its updates in the device's kernels",
    (_n, make) => {
      const cpu = train(make(), 'cpu');
      const device = createWasmDevice();
      const dev = train(make(), device);
      for (const [i, p] of cpu.params.entries()) close(dev.params[i]!, p);
      expect(dev.tensors.every((p) => p.device === device)).toBe(true);
      for (const k of ['ema', 'adamParam']) expect(device.cpuOps.has(k)).toBe(false);
      for (const p of dev.tensors) p.dispose();
      dev.opt.zeroGrad();
    },
  );

  test('the state stays on the device and device memory does not grow over the steps', () => {
    const device = createReferenceDevice({ strict: true });
    const a = train(adamw({ lr: 0.01 }), device, 3);
    const live3 = device.live;
    const params = a.tensors;
    for (let s = 0; s < 20; s++) {
      a.opt.zeroGrad();
      tidy(() => {
        mean(square(matmul(toDevice(x, device), params[0]!))).backward();
        a.opt.step();
      });
    }
    a.opt.zeroGrad();
    expect(device.live).toBeLessThanOrEqual(live3);
  });

  test('a scheduler drives the lr of a device optimizer; stateDict reads back and loads', () => {
    const device = createReferenceDevice({ strict: true });
    const p = toDevice(tensor([1, -2, 3]), device).setRequiresGrad();
    const opt = createOptimizer([p], adam({ lr: 0.1 }));
    const sched = createScheduler(opt, {
      schedules: { lr: cosineAnnealing({ initial: 0.1, tMax: 4, etaMin: 0 }) },
    });
    const lrs: number[] = [];
    for (let s = 0; s < 3; s++) {
      opt.zeroGrad();
      square(p).backward(toDevice(tensor([1, 1, 1]), device));
      lrs.push(opt.paramGroups[0]!.lr as number);
      opt.step();
      sched.step();
    }
    expect(lrs[0]).toBe(0.1);
    expect(lrs[2]).toBeLessThan(lrs[1]!);
    const dict = opt.stateDict();
    expect(dict.state[0]!.count).toBe(3);
    expect(dict.state[0]!.slots['expAvg']![0]).toHaveLength(3);
    const other = createOptimizer([toDevice(tensor([0, 0, 0]), device).setRequiresGrad()], adam({ lr: 0.1 }));
    other.loadStateDict(JSON.parse(JSON.stringify(dict)));
    expect(other.stateDict().state).toEqual(dict.state);
    expect(() => other.loadStateDict({ ...dict, optimizer: 'sgd' })).toThrow(
      'adam.loadStateDict: the state dict is from "sgd", expected "adam"',
    );
  });

  test('zeroGrad frees device gradients (setToNone) or fills them with zeros on the device', () => {
    const device = createReferenceDevice({ strict: true });
    const p = toDevice(tensor([1, 2]), device).setRequiresGrad();
    const opt = createOptimizer([p], sgd({ lr: 0.1 }));
    square(p).backward(toDevice(tensor([1, 1]), device));
    const g = p.grad as Tensor;
    opt.zeroGrad({ setToNone: false });
    expect(p.grad).toBe(g);
    expect(Array.from(g.data)).toEqual([0, 0]);
    opt.zeroGrad();
    expect(p.grad).toBe(null);
    expect(g.storage?.disposed).toBe(true);
  });

  test('bad input: rules without a device update, mixed devices, a CPU gradient', () => {
    const device = createReferenceDevice({ strict: true });
    const p = toDevice(tensor([1, 2]), device).setRequiresGrad();
    expect(() => createOptimizer([p], rmsprop({ lr: 0.1 }))).toThrow(
      "createOptimizer: rmsprop has no device update yet (the parameters are on a device); on a device use adam, adamw, sgd, or move the parameters to the CPU with toDevice(p, 'cpu')",
    );
    expect(() => createOptimizer([p, tensor([1]).setRequiresGrad()], sgd({ lr: 0.1 }))).toThrow(
      'createOptimizer: params[1] is on the CPU while other parameters are on a device; put every parameter on one device with toDevice(p, device)',
    );
    const other = createReferenceDevice();
    expect(() => createOptimizer([p, toDevice(tensor([1]), other)], sgd({ lr: 0.1 }))).toThrow(
      'createOptimizer: params[1] is on reference and an earlier parameter on reference; put every parameter on one device',
    );
    expect(() => createOptimizer([{ params: [p], momentum: 2, lr: 0.1 }], adam())).toThrow(
      "createOptimizer: params[0] has an unknown hyperparameter 'momentum'",
    );
    const opt = createOptimizer([p], sgd({ lr: 0.1 }));
    p.grad = tensor([1, 1]);
    expect(() => opt.step()).toThrow(
      'sgd.step: params[0].grad must be a tensor on reference like its parameter, got a tensor on cpu',
    );
    p.grad = toDevice(tensor([1, 1, 1]), device);
    expect(() => opt.step()).toThrow('sgd.step: params[0].grad has shape [3], expected [2]');
  });
});
