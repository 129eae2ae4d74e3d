import { deviceOf } from '../device';
import type { TensorArray } from '../dtype';
import { disown } from '../memory/_pool';
import type { Tensor, VersionCounter } from '../tensor';
import { isGradEnabled } from './gradMode';
import { SAVES_INPUTS, SAVES_OUTPUT } from './node';
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
  saves: number = SAVES_INPUTS,
  saved: Tensor[] | null = null,
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
  // version snapshot of the inputs the backward reads (null: all at version 0), and their use by a live node
  let versions: number[] | null = null;
  for (let i = 0; i < inputs.length; i++) {
    const t = inputs[i]!;
    t.graphUses++;
    const c = t.versionCounter;
    if (c !== null && c.n !== 0 && (saves & (1 << i)) !== 0) {
      versions ??= new Array<number>(inputs.length).fill(0);
      versions[i] = c.n;
    }
  }
  let outCounter: VersionCounter | null = null;
  if ((saves & SAVES_OUTPUT) !== 0) outCounter = out.versionCounter ??= { n: 0, views: 0 };
  // private tensors: their buffers are released with the graph, never by a dispose of the tensor (tidy)
  let own: { t: Tensor; a: TensorArray }[] | null = null;
  if (saved !== null)
    for (const s of saved) if (s.storage === null && disown(s.data)) (own ??= []).push({ t: s, a: s.data });
  out.gradFn = {
    name,
    inputs,
    backward,
    saved: own,
    saves,
    versions,
    outCounter,
    outVersion: outCounter === null ? 0 : outCounter.n,
  };
  return out;
}
