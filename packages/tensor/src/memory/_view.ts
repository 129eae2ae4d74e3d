import type { Shape } from '../shape';
import { markDisposed, Tensor } from '../tensor';
import { markShared } from './_pool';

/**
 * @internal A CPU tensor of `shape` on `x`'s elements (no copy): the buffer is marked shared, so that disposing
 * either tensor never recycles it while the other can still read it, and the two share one version counter
 * (an in-place op on either is seen by the autograd checks of both), as PyTorch's views do.
 */
export function viewOf(x: Tensor, shape: Shape): Tensor {
  markShared(x.data);
  const v = new Tensor(x.data, shape, x.dtype);
  const c = (x.versionCounter ??= { n: 0, views: 0 });
  c.views++;
  v.versionCounter = c;
  return v;
}

/**
 * @internal `y`'s buffer under a new shape, for an op whose intermediate `y` dies here: `y` is marked disposed (so
 * that a `tidy` never recycles the buffer through it) and the result keeps the buffer as its own.
 */
export function rewrap(y: Tensor, shape: Shape): Tensor {
  const out = new Tensor(y.data, shape, y.dtype);
  markDisposed(y);
  return out;
}

/**
 * @internal A view of `x` for the duration of a computation that keeps no reference to it: `release` marks it
 * disposed afterwards (so that a `tidy` never recycles `x`'s buffer through it); `x` keeps its buffer as its own.
 */
export function withTempView<T>(x: Tensor, shape: Shape, f: (view: Tensor) => T): T {
  const v = new Tensor(x.data, shape, x.dtype);
  try {
    return f(v);
  } finally {
    markDisposed(v);
  }
}
