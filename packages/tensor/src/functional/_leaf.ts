import { allocZeroed } from '../memory/_pool';
import { viewOf } from '../memory/_view';
import { formatShape } from '../shape';
import { Tensor } from '../tensor';

/** @internal How a non-tensor value is named in messages (strings quoted). */
export function got(value: unknown): string {
  if (value instanceof Tensor) return `a ${value.dtype} tensor of shape ${formatShape(value.shape)}`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value;
}

/** @internal Checks `f` and `x` of a functional-autograd helper and returns a fresh leaf viewing `x`'s data. */
export function functionalLeaf(fn: string, f: unknown, x: unknown): Tensor {
  if (typeof f !== 'function')
    throw new TypeError(`${fn}: f must be a function of one Tensor, got ${got(f)}`);
  if (!(x instanceof Tensor)) throw new TypeError(`${fn}: x must be a Tensor, got ${got(x)}`);
  if (x.dtype === 'int32') {
    throw new TypeError(
      `${fn}: x must be a float32 or float64 tensor, got int32; convert it with cast() first`,
    );
  }
  const leaf = viewOf(x, x.shape);
  leaf.requiresGrad = true;
  return leaf;
}

/** @internal Checks what `f` returned: a floating-point tensor. */
export function functionalOutput(fn: string, y: unknown, scalar: boolean): Tensor {
  if (!(y instanceof Tensor) || y.dtype === 'int32' || (scalar && y.size !== 1)) {
    const want = scalar ? 'a one-element float32 or float64 Tensor' : 'a float32 or float64 Tensor';
    throw new TypeError(`${fn}: f must return ${want}, got ${got(y)}`);
  }
  return y;
}

/** @internal A tensor of `like`'s dtype and shape with a single 1 at flat index `i`. */
export function basis(like: Tensor, i: number): Tensor {
  const data = allocZeroed(like.dtype, like.size);
  data[i] = 1;
  return new Tensor(data, like.shape, like.dtype);
}
