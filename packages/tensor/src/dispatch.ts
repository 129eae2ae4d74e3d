import { adoptOnDevice, inCpuScope, onCpu } from './autograd/toDeviceInternal';
import { type DeviceAttributes, deviceOf } from './device';
import type { Tensor } from './tensor';

/**
 * @internal Whether an op on `a` (and `b`) must go to a device: one of them has device storage and ops are not
 * forced onto the CPU. The CPU path pays one field check per input.
 */
export function onDevice(a: Tensor, b?: Tensor): boolean {
  return (a.storage !== null || (b !== undefined && b.storage !== null)) && !inCpuScope();
}

/**
 * @internal Runs the op `fn` (device kernel `op`, or none when `op` is undefined) on the device of its inputs.
 * When the device has no kernel for it, or the kernel failed, the device's fallback hook warns once (or throws in
 * strict mode) and `cpu` computes the result on read-back copies, which is moved to the device (float32 results;
 * others, such as int32 indices, stay on the CPU).
 */
export function dispatch(
  fn: string,
  op: string | undefined,
  inputs: readonly Tensor[],
  names: readonly string[],
  attributes: DeviceAttributes,
  cpu: () => Tensor,
): Tensor {
  const device = deviceOf(fn, inputs, names);
  if (device === null) return cpu();
  const result = op === undefined ? `no ${device.name} kernel` : device.run(op, inputs, attributes);
  if (result !== null && typeof result !== 'string') return result;
  if (result !== null) device.fallback(fn, result);
  const out = onCpu(cpu);
  return out.dtype === 'float32' && out.storage === null ? adoptOnDevice(out, device) : out;
}
