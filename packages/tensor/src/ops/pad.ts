import { defineOptions, describe } from '@dl/internal';
import { formatShape } from '../shape';
import type { Tensor } from '../tensor';
import { checkTensor } from './_check';
import { type AxisMaps, gatherIndex } from './_padIndex';
import { stridedScatter } from './_strided';

/** How {@link pad} fills the border (PyTorch's `mode` of `F.pad`). */
export type PadMode = 'constant' | 'reflect' | 'replicate' | 'circular';

/** Options of {@link pad}. */
export interface PadOptions {
  /**
   * How the border is filled: `'constant'` (with `value`), `'reflect'` (mirrored without repeating the edge:
   * `[1, 2, 3]` padded by 2 on the left gives `[3, 2, 1, 2, 3]`), `'replicate'` (the edge value repeated) or
   * `'circular'` (wrapped around, periodic).
   * @defaultValue 'constant'
   */
  mode?: PadMode;
  /**
   * The fill value of the padding; only with `mode: 'constant'` (PyTorch rejects it with the other modes too).
   * @defaultValue 0
   */
  value?: number;
}

/**
 * @internal The checker of {@link PadOptions}; a bare string is the mode, as in PyTorch's `F.pad(x, pad, 'reflect')`.
 * `value` has no default here: it is only allowed with mode 'constant' (it fills with 0 when omitted).
 */
export const padOptions = /* @__PURE__ */ defineOptions<PadOptions>()(
  'pad',
  { mode: 'constant', value: undefined },
  { positional: 'mode' },
);

const MODES: readonly string[] = ['constant', 'reflect', 'replicate', 'circular'];

/** Source index of output position `o` along an axis of size `n` padded by `before` (see {@link PadMode}). */
function source(mode: PadMode, i: number, n: number): number {
  if (i >= 0 && i < n) return i;
  if (mode === 'replicate') return i < 0 ? 0 : n - 1;
  if (mode === 'circular') return ((i % n) + n) % n;
  // reflect: pads are smaller than n, so one reflection suffices
  return i < 0 ? -i : 2 * (n - 1) - i;
}

/**
 * Padding with PyTorch `F.pad` ordering and modes: `pads` lists (before, after) pairs starting from the LAST
 * axis — `[left, right]` pads the last axis, `[left, right, top, bottom]` the last two, and so on. Pads must be
 * non-negative (PyTorch's negative "cropping" pads are not supported; use {@link slice}).
 *
 * $\operatorname{shape}(y)_d = n_d + p^{\text{before}}_d + p^{\text{after}}_d$. Along a padded axis of size
 * $n$, output position $i$ (counted from the first input element, so the left border has $i < 0$) reads input
 * element $s(i)$: `'reflect'` $s(i) = |i|$ on the left and $2(n-1) - i$ on the right (pads must be $< n$);
 * `'replicate'` $s(i) = \min(\max(i, 0), n - 1)$ ($n \ge 1$); `'circular'` $s(i) = i \bmod n$ (pads must be
 * $\le n$); `'constant'` writes `value`. The gradient sums $g$ back onto each source element (for `'constant'`,
 * the matching slice of $g$). Unlike `F.pad`, the non-constant modes work on any number of trailing axes of a
 * tensor of any rank (PyTorch restricts them to the last 1–3 axes of 2-D to 5-D inputs).
 *
 * @param x - the input.
 * @param pads - an even number (at most `2 * rank`) of non-negative integers, last axis first.
 * @param options - `mode` (default `'constant'`) and `value` (default 0); see {@link PadOptions}.
 * @returns the padded tensor.
 * @example
 * ```ts
 * import { pad, tensor } from '@dl/tensor';
 * pad(tensor([[1, 2]]), [1, 0]).toArray(); // [[0, 1, 2]]
 * pad(tensor([[1, 2]]), [0, 1, 1, 0], { value: 9 }).toArray(); // [[9, 9, 9], [1, 2, 9]]
 * pad(tensor([1, 2, 3]), [2, 1], { mode: 'reflect' }).toArray(); // [3, 2, 1, 2, 3, 2]
 * pad(tensor([1, 2, 3]), [2, 1], { mode: 'replicate' }).toArray(); // [1, 1, 1, 2, 3, 3]
 * pad(tensor([1, 2, 3]), [2, 1], { mode: 'circular' }).toArray(); // [2, 3, 1, 2, 3, 1]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.functional.pad.html | torch.nn.functional.pad}
 */
export function pad(x: Tensor, pads: readonly number[], options: PadOptions | PadMode = {}): Tensor {
  const o = padOptions(options, 'pad');
  checkTensor('pad', 'x', x);
  const value = o.value ?? 0;
  if (typeof value !== 'number') throw new TypeError(`pad: value must be a number, got ${describe(value)}`);
  if (
    !Array.isArray(pads) ||
    pads.length % 2 !== 0 ||
    pads.length > 2 * x.rank ||
    pads.some((p) => typeof p !== 'number' || !Number.isInteger(p) || p < 0)
  ) {
    throw new RangeError(
      `pad: pads must be an even number (at most ${2 * x.rank} for shape ${formatShape(x.shape)}) of non-negative integers, last axis first, got ${describe(pads)}`,
    );
  }
  const mode = o.mode;
  if (!MODES.includes(mode)) {
    throw new RangeError(
      `pad: mode must be 'constant', 'reflect', 'replicate' or 'circular', got ${typeof mode === 'string' ? JSON.stringify(mode) : String(mode)}`,
    );
  }
  if (mode !== 'constant') {
    if (o.value !== undefined) {
      throw new TypeError(
        `pad: value applies only to mode 'constant', got value ${String(o.value)} with mode '${mode}'`,
      );
    }
    return padIndexed(x, pads, mode);
  }
  const rank = x.rank;
  const starts = new Array<number>(rank).fill(0);
  const shape = x.shape.slice();
  for (let k = 0; k < pads.length / 2; k++) {
    const d = rank - 1 - k;
    starts[d] = pads[2 * k]!;
    shape[d] = shape[d]! + pads[2 * k]! + pads[2 * k + 1]!;
  }
  return stridedScatter(x, shape, starts, new Array<number>(rank).fill(1), value);
}

/** The reflect, replicate and circular modes: each output element copies one input element. */
function padIndexed(x: Tensor, pads: readonly number[], mode: PadMode): Tensor {
  const rank = x.rank;
  const shape = x.shape.slice();
  const maps: (Int32Array | null)[] = new Array<Int32Array | null>(rank).fill(null);
  for (let k = 0; k < pads.length / 2; k++) {
    const d = rank - 1 - k;
    const before = pads[2 * k]!;
    const after = pads[2 * k + 1]!;
    const n = shape[d]!;
    const limit = mode === 'reflect' ? n - 1 : mode === 'circular' ? n : Number.POSITIVE_INFINITY;
    if ((before > 0 || after > 0) && (n === 0 || before > limit || after > limit)) {
      const need =
        mode === 'reflect'
          ? `pads smaller than the size (at most ${n - 1})`
          : mode === 'circular'
            ? `pads at most the size (${n})`
            : 'a non-empty axis';
      throw new RangeError(
        `pad: mode '${mode}' needs ${need} along axis ${d} of shape ${formatShape(x.shape)}, got pads [${before}, ${after}]`,
      );
    }
    if (before === 0 && after === 0) continue;
    const map = new Int32Array(n + before + after);
    for (let i = 0; i < map.length; i++) map[i] = source(mode, i - before, n);
    maps[d] = map;
    shape[d] = map.length;
  }
  return gatherIndex(x, shape, maps as AxisMaps);
}
