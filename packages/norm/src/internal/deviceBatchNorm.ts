// Batch normalization of a tensor on a device (@dl/tensor/gpu): the statistics, the normalization and the
// running-statistics update all run there, composed from device kernels (mean over the reduced axes, the squared
// deviation's mean, rsqrt, the elementwise blend), so nothing is read back during training. The values are those
// of the composed CPU path (the oracle of the fused one) in float32.
import { add, mean, mul, noGrad, reshape, rsqrt, square, sub, type Tensor } from '@dl/tensor';

/** What the device path needs of the checked arguments (see applyBatchNorm's batchNormCore). */
export interface DeviceBatchNormArgs {
  rm: Tensor | null;
  rv: Tensor | null;
  w: Tensor | null;
  b: Tensor | null;
  training: boolean;
  momentum: number;
  eps: number;
  unbiased: boolean;
}

/** @internal Whether `x` lives on a device (then batch norm takes the device path). */
export const onDevice = (x: Tensor): boolean => x.storage !== null;

/** @internal Batch norm on a device; the running statistics returned are new device tensors. */
export function deviceBatchNorm(
  fn: string,
  x: Tensor,
  k: DeviceBatchNormArgs,
): { output: Tensor; runningMean: Tensor | null; runningVar: Tensor | null } {
  const { rm, rv, w, b, training, momentum, eps, unbiased } = k;
  for (const [name, t] of [
    ['runningMean', rm],
    ['runningVar', rv],
    ['weight', w],
    ['bias', b],
  ] as const) {
    if (t !== null && t.storage?.device !== x.storage!.device) {
      const where = t.storage === null ? 'cpu' : t.storage.device.name;
      throw new TypeError(
        `${fn}: x is on ${x.storage!.device.name} and ${name} is on ${where}; move the layer's parameters and buffers to x's device with toDevice (or x to the CPU with toDevice(x, 'cpu'))`,
      );
    }
  }
  const c = x.shape[1]!;
  const axes = x.shape.map((_, i) => i).filter((i) => i !== 1);
  const bshape = x.shape.map((d, i) => (i === 1 ? d : 1));
  const n = x.size / Math.max(c, 1);
  let centered: Tensor;
  let v: Tensor;
  let runningMean = rm;
  let runningVar = rv;
  if (training) {
    const mu = mean(x, { axis: axes, keepDims: true });
    centered = sub(x, mu);
    v = mean(square(centered), { axis: axes, keepDims: true });
    if (rm !== null && rv !== null) {
      const factor = unbiased ? n / (n - 1) : 1;
      noGrad(() => {
        runningMean = add(mul(rm, 1 - momentum), mul(reshape(mu.detach(), [c]), momentum));
        runningVar = add(mul(rv, 1 - momentum), mul(reshape(v.detach(), [c]), momentum * factor));
      });
    }
  } else {
    centered = sub(x, reshape(rm!.detach(), bshape));
    v = reshape(rv!.detach(), bshape);
  }
  let y = mul(centered, rsqrt(add(v, eps)));
  if (w !== null) y = mul(y, reshape(w, bshape));
  if (b !== null) y = add(y, reshape(b, bshape));
  return { output: y, runningMean, runningVar };
}

/**
 * @internal Moves `fresh`'s device memory into the buffer `target` (which keeps its identity, as `data.set` does
 * on the CPU) and frees the old memory; safe inside `tidy`.
 */
export function adoptStorage(target: Tensor, fresh: Tensor): void {
  const old = target.storage!;
  target.storage = fresh.storage!.share();
  fresh.dispose();
  old.dispose();
}
