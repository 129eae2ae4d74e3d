import { record } from '../autograd/record';
import type { DeviceStorage } from '../device';
import { dispatch } from '../dispatch';
import { Tensor } from '../tensor';

/**
 * @internal indexSelect of a device tensor (already validated by indexSelect): the int32 indices are uploaded as
 * float32 (exact below 2^24) for the device's `gather` kernel, and freed after it; the backward uploads them again
 * for `indexAdd` (the sum of the gradient rows that picked each row). A device without the kernels runs the CPU
 * op on read-back copies (the fallback warning).
 */
export function deviceIndexSelect(
  x: Tensor,
  axis: number,
  index: Tensor,
  dims: { outer: number; n: number; inner: number },
  cpu: () => Tensor,
): Tensor {
  const { outer, n, inner } = dims;
  const m = index.size;
  const device = (x.storage as DeviceStorage).device;
  const upload = () => new Tensor(device.upload(Float32Array.from(index.data)), [m], 'float32');
  const shape = x.shape.slice();
  shape[axis] = m;
  const idx = upload();
  let out: Tensor;
  try {
    out = dispatch('indexSelect', 'gather', [x, idx], ['x', 'index'], { outer, n, inner, m, shape }, cpu);
  } finally {
    idx.dispose();
  }
  if (out.gradFn !== null || !x.requiresGrad) return out; // the CPU fallback recorded its own backward
  const xShape = x.shape;
  return record('indexSelect', out, [x], (g) => {
    const i2 = upload();
    try {
      return [
        dispatch(
          'indexSelect',
          'indexAdd',
          [g, i2],
          ['grad', 'index'],
          { outer, n, inner, m, shape: xShape },
          () => {
            throw new TypeError('indexSelect: the backward has no CPU path on a device');
          },
        ),
      ];
    } finally {
      i2.dispose();
    }
  });
}
