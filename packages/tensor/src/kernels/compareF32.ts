import { type CompareKernel, wasmCompare } from '../wasm/compare';
import type { BinaryLoop } from './unary';

/**
 * @internal The loop `loop` of a comparison op for {@link fastBinary}, with float32 operands and results sent to
 * the WebAssembly kernel `kind` (src/wasm/compare.ts: the same values bit for bit) from the size threshold up.
 * Declare it at the top level with `/* @__PURE__ *\/`.
 */
export function simdLoop(kind: CompareKernel, loop: BinaryLoop): BinaryLoop {
  return (x, y, out, xs, ys) => {
    if (
      !(
        x instanceof Float32Array &&
        y instanceof Float32Array &&
        out instanceof Float32Array &&
        wasmCompare(kind, x, xs, y, ys, out)
      )
    ) {
      loop(x, y, out, xs, ys);
    }
  };
}
