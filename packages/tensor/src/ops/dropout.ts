import { defineOptions, describe } from '@dl/internal';
import { SAVES_NONE } from '../autograd/node';
import { record } from '../autograd/record';
import { onDevice } from '../dispatch';
import { allocUninit } from '../memory/_pool';
import { type Generator, isBuiltinGenerator } from '../random/createGenerator';
import { type RandomOptions, resolveGenerator } from '../random/randomOptions';
import { Tensor } from '../tensor';
import { wasmDropout } from '../wasm/dropout';
import { deviceDropout } from './_deviceDropout';
import { mul } from './mul';

/** Options of {@link dropout}. */
export interface DropoutOptions extends RandomOptions {
  /**
   * The probability of zeroing an element, in $[0, 1]$.
   * @defaultValue 0.5
   */
  p?: number;
  /**
   * Apply dropout (training) or return `x` unchanged (evaluation).
   * @defaultValue true
   */
  training?: boolean;
}

/**
 * The float32 mask and product in one pass with the package's xoshiro128** stream run in local variables (the
 * same outputs as `g.nextUint32()`, the same final state written back): mask = scale where
 * (u >>> 8) 2^-24 < keep, else 0; out = x * mask. In WebAssembly from 64 values (src/wasm/dropout.ts: the same
 * values, mask and final state bit for bit), else in this loop.
 */
function dropoutF32(
  g: Generator,
  d: Float32Array,
  mask: Float32Array,
  out: Float32Array,
  keep: number,
  scale: number,
): void {
  const st = g.getState().s;
  let s0 = st[0]! | 0;
  let s1 = st[1]! | 0;
  let s2 = st[2]! | 0;
  let s3 = st[3]! | 0;
  // keep in [0, 1]: (u >>> 8) 2^-24 < keep  <=>  (u >>> 8) < ceil(keep 2^24) (the scaling by a power of 2 is exact
  // and u >>> 8 is an integer), i.e. the sign bit of (u >>> 8) - bound; that bit indexes [0, scale]: a table load
  // instead of a branch, which mispredicts half the time on a random mask (3x slower)
  const bound = Math.ceil(keep * 16777216);
  const state: [number, number, number, number] = [s0, s1, s2, s3];
  if (wasmDropout(d, mask, out, bound, scale, state)) {
    g.setState({ algorithm: 'xoshiro128**', version: 1, s: state });
    return;
  }
  const pick = new Float64Array(2);
  pick[1] = scale;
  for (let i = 0; i < out.length; i++) {
    const r = Math.imul(s1, 5);
    const u = Math.imul((r << 7) | (r >>> 25), 9) >>> 8;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    const m = pick[(u - bound) >>> 31]!;
    mask[i] = m;
    out[i] = d[i]! * m;
  }
  g.setState({ algorithm: 'xoshiro128**', version: 1, s: [s0 >>> 0, s1 >>> 0, s2 >>> 0, s3 >>> 0] });
}

/** @internal The checker of {@link DropoutOptions}; a bare number is `p`, as in PyTorch's `F.dropout(x, 0.5)`. */
export const dropoutOptions = /* @__PURE__ */ defineOptions<DropoutOptions>()(
  'dropout',
  { p: 0.5, training: true, generator: undefined, seed: undefined },
  { positional: 'p' },
);

/**
 * Inverted dropout, as `torch.nn.functional.dropout`: during training each element is zeroed with probability
 * $p$ and the survivors are scaled by $1/(1-p)$, so $\mathbb{E}[y] = x$:
 * $y = x \odot m$ with $m_i = [u_i < 1 - p] / (1 - p)$, $u_i \sim \mathcal{U}[0, 1)$ (24-bit uniforms for float32, 53-bit for float64, one per element in row-major order; see
 * {@link createGenerator}). In evaluation
 * (`training: false`) and for $p = 0$ it returns `x` itself; for $p = 1$ it returns $x \cdot 0$ (zeros, NaN
 * stays NaN), like PyTorch 1.13.
 *
 * The mask is a constant of the recorded product, so the gradient is $\partial L/\partial x = g \odot m$ (the
 * same mask) and double backward works. As in PyTorch's float32 kernel the scale is rounded to the dtype,
 * $\mathrm{fl}(1/\mathrm{fl}(1-p))$, so kept values equal PyTorch's exactly.
 *
 * On a device tensor (`@dl/tensor/gpu`) the mask is drawn on the device by a counter-based hash of each element's
 * index and two seeds taken from the generator (which then advances by two draws, not one per element): as
 * reproducible from a seed as on the CPU and the same on every device backend, but not the CPU's mask for that
 * seed (the CPU's stream is sequential). The keep rule is the same: $h_i < \lceil (1-p)\,2^{24} \rceil$ for a
 * 24-bit draw $h_i$.
 *
 * @param x - a float tensor.
 * @param options - `p`, `training`, and the generator (or seed, needed only when training with $0 < p < 1$); see
 *   {@link DropoutOptions}.
 * @returns the result (a new tensor, or `x` itself when nothing is dropped).
 * @example
 * ```ts
 * import { dropout, ones } from '@dl/tensor';
 * const y = dropout(ones([1000]), { p: 0.2, seed: 0 });
 * y.data.every((v) => v === 0 || v === 1.25); // true
 * dropout(ones([3]), { training: false }).toArray(); // [1, 1, 1]
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.functional.dropout.html
 */
export function dropout(x: Tensor, options: DropoutOptions | number = {}): Tensor {
  const o = dropoutOptions(options, 'dropout');
  if (!(x instanceof Tensor)) throw new TypeError(`dropout: x must be a Tensor, got ${describe(x)}`);
  if (x.dtype === 'int32') throw new TypeError('dropout: x must be a float32 or float64 tensor, got int32');
  const p = o.p;
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
    throw new RangeError(`dropout: p (dropout probability) must be in [0, 1], got ${describe(p)}`);
  }
  if (!o.training || p === 0 || x.size === 0) return x;
  if (p === 1) return mul(x, 0);
  const g = resolveGenerator('dropout', o);
  const keep = 1 - p;
  if (onDevice(x)) return deviceDropout(x, keep, Math.fround(1 / Math.fround(keep)), g);
  // mask generation and its application in one pass (the product equals mul(x, mask) bit for bit: one rounding
  // of x * scale, and x * 0 keeps the sign and NaN)
  const mask = allocUninit(x.dtype, x.size);
  const out = allocUninit(x.dtype, x.size);
  const d = x.data;
  const scale = x.dtype === 'float32' ? Math.fround(1 / Math.fround(keep)) : 1 / keep;
  if (x.dtype === 'float32' && isBuiltinGenerator(g)) {
    dropoutF32(g, d as Float32Array, mask as Float32Array, out as Float32Array, keep, scale);
  } else if (x.dtype === 'float32') {
    for (let i = 0; i < mask.length; i++) {
      const m = (g.nextUint32() >>> 8) * 5.9604644775390625e-8 < keep ? scale : 0;
      mask[i] = m;
      out[i] = d[i]! * m;
    }
  } else {
    for (let i = 0; i < mask.length; i++) {
      const a = g.nextUint32() >>> 5;
      const b = g.nextUint32() >>> 6;
      const m = (a * 67108864 + b) * 1.1102230246251565e-16 < keep ? scale : 0;
      mask[i] = m;
      out[i] = d[i]! * m;
    }
  }
  const m = new Tensor(mask, x.shape, x.dtype);
  // the mask is private to the node: back to the buffer pool when a backward pass frees the graph
  return record('dropout', new Tensor(out, x.shape, x.dtype), [x], (gr) => [mul(gr, m)], SAVES_NONE, [m]);
}
