import { BLOCK, O, X } from './layout';
import { kernelModule, wasmForCompute } from './runtime';
import { TRIG_KERNELS_WASM } from './trigKernelsWasm';

/** The exports of the module: each kernel returns how many lanes had |x| > 8192 (or ±Infinity). */
interface TrigExports {
  memory: { readonly buffer: ArrayBuffer };
  sin(x: number, o: number, n: number): number;
  cos(x: number, o: number, n: number): number;
}

const trigModule = /* @__PURE__ */ kernelModule<TrigExports>(TRIG_KERNELS_WASM);

/**
 * @internal `out[i] = sin(x[i])` or `cos(x[i])` in float32 through the module (scripts/wasm-trig.mjs), streamed block
 * by block; lanes with $|x| > $ `limit` are then computed by `big` (Math.sin / Math.cos rounded: the reduction's
 * products are exact only below it). False (nothing written) when the WebAssembly kernels are off, unavailable, or
 * `x` has fewer than 64 elements.
 */
export function wasmTrig(
  name: 'sin' | 'cos',
  x: Float32Array,
  out: Float32Array,
  limit: number,
  big: (v: number) => number,
): boolean {
  const n = out.length;
  const rt = wasmForCompute(n) === null ? null : trigModule();
  if (rt === null) return false;
  const { f32 } = rt;
  const kernel = rt.k[name];
  for (let i = 0; i < n; i += BLOCK) {
    const m = Math.min(BLOCK, n - i);
    f32.set(x.subarray(i, i + m), X >> 2);
    const count = kernel(X, O, m);
    out.set(f32.subarray(O >> 2, (O >> 2) + m), i);
    if (count > 0) {
      for (let j = i; j < i + m; j++) if (Math.abs(x[j]!) > limit) out[j] = big(x[j]!);
    }
  }
  return true;
}
