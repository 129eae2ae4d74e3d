import type { Device } from '../device';
import type { TensorArray } from '../dtype';
import { markShared } from '../memory/_pool';
import type { Tensor } from '../tensor';
import { trackDeviceTensor } from '../tidy';

/** @internal Depth of {@link onCpu} calls: inside, ops ignore devices and run on read-back copies. */
let cpuDepth = 0;

/** @internal Whether ops currently run on the CPU whatever their inputs' device (inside {@link onCpu}). */
export function inCpuScope(): boolean {
  return cpuDepth > 0;
}

/** @internal Runs `f` with every op on the CPU (device inputs read back): the backward of a CPU fallback. */
export function onCpu<T>(f: () => T): T {
  cpuDepth++;
  try {
    return f();
  } finally {
    cpuDepth--;
  }
}

/** @internal The `data` accessor of adopted tensors (see {@link adoptOnDevice}). */
function readAdopted(this: Tensor): TensorArray {
  return (this.storage as NonNullable<Tensor['storage']>).readSync();
}

/**
 * @internal Moves the float32 CPU tensor `t` onto `device` in place (the result of a CPU fallback): its data is
 * uploaded, and the CPU copy stays as the storage's cached readback. Returns `t`.
 */
export function adoptOnDevice(t: Tensor, device: Device): Tensor {
  markShared(t.data); // the storage keeps the array as its cached readback: never recycle it
  const storage = device.upload(t.data as Float32Array, true);
  t.storage = storage;
  Object.defineProperty(t, 'data', { get: readAdopted, enumerable: true, configurable: true });
  trackDeviceTensor(t);
  return t;
}
