import { adoptOnDevice, inCpuScope, onCpu } from './autograd/toDeviceInternal';
import { type DeviceAttributes, deviceOf, hostMemory } from './device';
import { Tensor } from './tensor';

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
 * others, such as int32 indices, stay on the CPU). On a device whose memory the CPU reads in place (the wasm
 * device), `direct` (when given: the output's shape and a CPU kernel that writes it) runs into the device tensor's
 * memory with no copy, and without it `cpu`'s result is copied in and its array recycled.
 */
export function dispatch(
  fn: string,
  op: string | undefined,
  inputs: readonly Tensor[],
  names: readonly string[],
  attributes: DeviceAttributes,
  cpu: () => Tensor,
  direct?: () => { shape: readonly number[]; kernel: (out: Float32Array) => void },
): Tensor {
  const device = deviceOf(fn, inputs, names);
  if (device === null) return cpu();
  const result = op === undefined ? `no ${device.name} kernel` : device.run(op, inputs, attributes);
  if (result !== null && typeof result !== 'string') return result;
  const host = hostMemory(device);
  if (direct !== undefined && host !== null) {
    const { shape, kernel } = direct();
    return host.output(fn, shape, kernel);
  }
  if (result !== null || host !== null)
    device.fallback(fn, result ?? `no ${device.name} kernel for this case`);
  const out = onCpu(cpu);
  if (out.dtype !== 'float32' || out.storage !== null) return out;
  // a result with a graph of its own (a CPU op that recorded its backward) keeps its array: the graph may read it
  if (host === null || out.gradFn !== null) return adoptOnDevice(out, device);
  // memory the CPU reads in place: the inputs were not copied; the result is, and its array is recycled
  const moved = new Tensor(device.upload(out.data as Float32Array), out.shape, 'float32');
  out.dispose();
  return moved;
}
