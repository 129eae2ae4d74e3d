import { deviceOf } from '../device';
import type { Tensor } from '../tensor';
import { isGradEnabled } from './gradMode';
import { adoptOnDevice, inCpuScope, onCpu } from './toDeviceInternal';

/**
 * @internal Attaches a graph node to `out` when recording is on and any input requires gradients. `backward`
 * maps the output's gradient to one gradient (or null) per input, using differentiable ops so that the pass can
 * itself be recorded (double backward).
 *
 * Every differentiable op passes through here, so this is also where an op without a device kernel is caught:
 * when an input lives on a device and `out` was computed on the CPU (from read-back copies), `out` is moved to
 * that device (with the device's one-time fallback warning, or its strict-mode error), and so are the gradients
 * its backward returns for device inputs.
 */
export function record(
  name: string,
  out: Tensor,
  inputs: readonly Tensor[],
  backward: (gradOutput: Tensor) => readonly (Tensor | null)[],
): Tensor {
  let needed = false;
  let onDevice = false;
  for (const t of inputs) {
    if (t.requiresGrad) needed = true;
    if (t.storage !== null) onDevice = true;
  }
  if (onDevice && !inCpuScope()) {
    const device = deviceOf(name, inputs);
    if (device !== null && out.storage === null && out.dtype === 'float32') {
      device.fallback(name, `no ${device.name} kernel`);
      adoptOnDevice(out, device);
      const cpuBackward = backward;
      // the backward of a CPU op runs on the CPU too (its closure holds CPU tensors), then moves to the device
      backward = (g) =>
        onCpu(() => cpuBackward(g)).map((gi, i) =>
          gi !== null && gi.storage === null && inputs[i]!.storage !== null && gi.dtype === 'float32'
            ? adoptOnDevice(gi, device)
            : gi,
        );
    }
  }
  if (!needed || !isGradEnabled()) return out;
  out.requiresGrad = true;
  out.gradFn = { name, inputs, backward };
  return out;
}
