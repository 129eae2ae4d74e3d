import { DROPOUT_KERNELS_WASM } from './dropoutKernelsWasm';
import { SKEW } from './layout';
import { kernelModule, wasmForCompute } from './runtime';

/** @internal The export of the dropout module (scripts/build-wasm.mjs). Pointers are byte offsets. */
interface DropoutExports {
  memory: { readonly buffer: ArrayBuffer };
  dropout(x: number, mask: number, out: number, n: number, bound: number, scale: number, st: number): void;
}

const dropoutModule = /* @__PURE__ */ kernelModule<DropoutExports>(DROPOUT_KERNELS_WASM);

/** Values per call: x, mask and out blocks of this many float32 (a multiple of 4), then the generator's state (4 pages). */
const CHUNK = 16384;
// the mask and output blocks 2 KB past a page boundary, so that copying them out of the module is not glibc's slow
// case on AMD Zen 3 (see SKEW in layout.ts)
const MASK = CHUNK * 4 + SKEW;
const OUT = CHUNK * 8 + SKEW;
const STATE = CHUNK * 12 + 4096;

/**
 * @internal Float32 dropout in WebAssembly: for each element a xoshiro128** draw `u` from the state `s` (four uint32,
 * updated in place), `mask = (u >>> 8) < bound ? scale : 0` and `out = fl(x * mask)` — the JavaScript loop of
 * src/ops/dropout.ts bit for bit, with the same random stream. Per block, the kernel runs the serial state chain in
 * scalar code, then the scrambler, the mask (from compare bits, no branch) and the product four lanes at a time
 * (scripts/build-wasm.mjs): about 2x the JavaScript loop (bench/dropoutAB.ts). False (nothing written) when the
 * WebAssembly kernels are off, unavailable or not worth it for `x.length` values (from 64: see wasmForCompute).
 */
export function wasmDropout(
  x: Float32Array,
  mask: Float32Array,
  out: Float32Array,
  bound: number,
  scale: number,
  s: [number, number, number, number],
): boolean {
  const n = x.length;
  const rt = wasmForCompute(n) === null ? null : dropoutModule();
  if (rt === null) return false;
  const { k, f32, i32 } = rt;
  const st = STATE >> 2;
  for (let j = 0; j < 4; j++) i32[st + j] = s[j]! | 0;
  for (let i0 = 0; i0 < n; i0 += CHUNK) {
    const c = Math.min(CHUNK, n - i0);
    f32.set(c === n ? x : x.subarray(i0, i0 + c), 0);
    k.dropout(0, MASK, OUT, c, bound, scale, STATE);
    mask.set(f32.subarray(MASK >> 2, (MASK >> 2) + c), i0);
    out.set(f32.subarray(OUT >> 2, (OUT >> 2) + c), i0);
  }
  for (let j = 0; j < 4; j++) s[j] = i32[st + j]! >>> 0;
  return true;
}
