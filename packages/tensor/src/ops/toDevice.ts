import { describe } from '@dl/internal';
import { isGradEnabled } from '../autograd/gradMode';
import { SAVES_NONE } from '../autograd/node';
import { DEVICE_PROTOCOL_VERSION, type Device, deviceOf } from '../device';
import { markShared } from '../memory/_pool';
import { Tensor } from '../tensor';
import { checkTensor } from './_check';

/** @internal Throws a TypeError naming toDevice unless `device` is `'cpu'` or a device of this protocol. */
function checkDevice(device: unknown): Device | 'cpu' {
  if (device === 'cpu') return device;
  const d = device as Partial<Device> | null;
  if (
    typeof d !== 'object' ||
    d === null ||
    typeof d.run !== 'function' ||
    typeof d.upload !== 'function' ||
    typeof d.name !== 'string'
  ) {
    throw new TypeError(
      `toDevice: device must be 'cpu', a device made by createWasmDevice() or by createDevice() of @dl/tensor/gpu, got ${describe(device)}`,
    );
  }
  if (d.protocol !== DEVICE_PROTOCOL_VERSION) {
    throw new TypeError(
      `toDevice: device '${d.name}' implements device protocol ${describe(d.protocol)}, this @dl/tensor implements ${DEVICE_PROTOCOL_VERSION}; install matching versions of @dl/tensor and its /gpu entry point`,
    );
  }
  return d as Device;
}

/**
 * Moves a tensor to a device (or back to the CPU with `'cpu'`): the explicit copy between devices. Ops never
 * move tensors themselves; mixing devices in one op is an error that names this function.
 *
 * The move is differentiable: the gradient flows back to `x`'s device. Devices hold float32 only: moving a
 * float64 or int32 tensor onto a device is a TypeError (convert it with `cast` first). A tensor already on
 * `device` is returned as it is.
 *
 * @param x - the tensor to move.
 * @param device - `'cpu'`, a device made by {@link createWasmDevice} or by `createDevice()` of `@dl/tensor/gpu`, or
 *   another tensor's {@link Tensor.device}.
 * @returns a tensor with `x`'s values on `device`.
 * @example
 * ```ts
 * import { tensor, toDevice } from '@dl/tensor';
 * const x = tensor([1, 2, 3]);
 * toDevice(x, 'cpu') === x; // true: already there
 * toDevice(x, x.device).device; // 'cpu'
 * ```
 */
export function toDevice(x: Tensor, device: Device | 'cpu'): Tensor {
  checkTensor('toDevice', 'x', x);
  const target = checkDevice(device);
  const source = x.device;
  if (source === target) return x;
  if (x.storage !== null) deviceOf('toDevice', [x], ['x']);
  let out: Tensor;
  if (target === 'cpu') {
    out = new Tensor((x.data as Float32Array).slice(), x.shape, 'float32');
  } else {
    if (x.dtype !== 'float32') {
      throw new TypeError(
        `toDevice: device '${target.name}' holds float32 tensors only, got ${x.dtype}; convert with cast(x, 'float32') first`,
      );
    }
    // a device may keep the array (a cached readback, or its memory itself): never recycle it
    markShared(x.data);
    out = new Tensor(target.upload(x.data as Float32Array), x.shape, 'float32');
  }
  // recorded by hand: record() would take a CPU result of a device input for a missing kernel
  if (x.requiresGrad && isGradEnabled()) {
    out.requiresGrad = true;
    x.graphUses++;
    out.gradFn = {
      name: 'toDevice',
      inputs: [x],
      backward: (g) => [toDevice(g, source)],
      saved: null,
      saves: SAVES_NONE,
      versions: null,
      outCounter: null,
      outVersion: 0,
    };
  }
  return out;
}
