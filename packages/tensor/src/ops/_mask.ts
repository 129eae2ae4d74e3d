import { Tensor } from '../tensor';

/**
 * @internal The 0/1 masks of the comparison and test ops are float: an int32 result is converted to float32, so
 * that `mean(equal(predicted, labels))` on int32 labels is the accuracy (PyTorch needs `.float()` there; a bool
 * dtype would be a change of the interchange contract for no gain). Float inputs keep their dtype.
 */
export function floatMask(t: Tensor): Tensor {
  return t.dtype === 'int32' ? new Tensor(Float32Array.from(t.data), t.shape, 'float32') : t;
}
