import { isGradEnabled } from '../autograd/gradMode';
import { allocUninit } from '../memory/_pool';
import { shapesEqual } from '../shape';
import { Tensor } from '../tensor';
import { type MapKernel, mapBlocks } from '../wasm/blocks';

/** @internal A kernel module's runtime as the map kernels need it (see src/wasm/runtime.ts `kernelModule`). */
export interface MapRuntime<K extends string> {
  f32: Float32Array;
  k: Record<K, MapKernel>;
}

/** @internal One lane of a one-input map kernel, emulated in JavaScript (three float32 parameters). */
export type Lane1 = (x: number, p: number, q: number, s: number) => number;
/** @internal One lane of a two-input (gradient, saved tensor) map kernel, emulated in JavaScript. */
export type Lane2 = (g: number, x: number, p: number, q: number, s: number) => number;

/**
 * @internal `out[i] = name(x[i]; p, q, s)` in float32: the WebAssembly kernel `name` of `rt` streamed block by block
 * (src/wasm/blocks.ts), or, when `rt` is null, the bit-identical JavaScript lane `lane` element by element.
 */
export function mapF32<K extends string>(
  rt: MapRuntime<K> | null,
  name: K,
  lane: Lane1,
  x: Float32Array,
  out: Float32Array,
  p: number,
  q: number,
  s: number,
): void {
  if (rt !== null) mapBlocks(rt.f32, rt.k[name], x, null, out, p, q, s);
  else for (let i = 0; i < out.length; i++) out[i] = lane(x[i]!, p, q, s);
}

/**
 * @internal The fused float32 backward `name(g, saved; p, q, s)` elementwise (the module from `runtime(n)`, else the
 * JavaScript lane), or null when it does not apply — a graph of the backward is being recorded for double
 * backward, a tensor lives on a device, or the dtypes or shapes differ: then the caller composes differentiable ops.
 */
export function fusedBackwardF32<K extends string>(
  runtime: (n: number) => MapRuntime<K> | null,
  name: K,
  lane: Lane2,
  g: Tensor,
  saved: Tensor,
  p: number,
  q: number,
  s: number,
): Tensor | null {
  if (
    isGradEnabled() ||
    g.dtype !== 'float32' ||
    saved.dtype !== 'float32' ||
    g.storage !== null ||
    saved.storage !== null ||
    !shapesEqual(g.shape, saved.shape)
  ) {
    return null;
  }
  const gd = g.data as Float32Array;
  const sd = saved.data as Float32Array;
  const out = allocUninit('float32', sd.length) as Float32Array;
  const rt = runtime(sd.length);
  if (rt !== null) mapBlocks(rt.f32, rt.k[name], gd, sd, out, p, q, s);
  else for (let i = 0; i < out.length; i++) out[i] = lane(gd[i]!, sd[i]!, p, q, s);
  return new Tensor(out, saved.shape, 'float32');
}
