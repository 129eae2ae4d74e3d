import type { DeviceAttributes } from '../device';
import { OPCODE } from '../kernels/binary';
import { pointwiseF32 } from '../kernels/unaryF32';
import { dropoutHash } from '../ops/_deviceDropout';
import type { KernelExports } from '../wasm/runtime';

const R = Math.fround;
const { add: ADD, mul: MUL, div: DIV } = OPCODE;

/** @internal Where a fused kernel of the wasm device works: byte offsets of its operands, output and scratch. */
export interface FusedCall {
  k: KernelExports;
  /** A float32 view of the whole memory (valid for the call: nothing is allocated while it runs). */
  f32: Float32Array;
  ins: readonly number[];
  out: number;
  /** Scratch blocks of `n` elements. */
  tmp: readonly number[];
  n: number;
  a: DeviceAttributes;
}

/**
 * @internal The fused kernels of the device protocol that @dl/optim and dropout call on the wasm device, each as
 * a sequence of the main module's SIMD passes (every step rounded to float32 as the formula rounds it, so the
 * values are exactly the formula's: test/wasmDevice.test.ts), with the number of scratch blocks it needs.
 */
export const FUSED: Record<string, { tmp: number; run: (c: FusedCall) => void }> = {
  /** `decay s + scale g` (`g²` with `square`): R(R(s decay) + R(scale x)), x = g or R(g g). */
  ema: {
    tmp: 1,
    run({ k, ins: [s, g], out, tmp: [t], n, a }) {
      k.vs(MUL, s!, R(a.decay as number), out, n, 0);
      if (a.square) {
        k.vv(MUL, g!, g!, t!, n);
        k.vs(MUL, t!, R(a.scale as number), t!, n, 1);
      } else k.vs(MUL, g!, R(a.scale as number), t!, n, 1);
      k.vv(ADD, out, t!, out, n);
    },
  },
  /** Adam's parameter step: R(R(p decay) + R(R(stepSize m) / R(R(R(√v) / bc2) + eps))). */
  adamParam: {
    tmp: 2,
    run({ k, f32, ins: [p, m, v], out, tmp: [d, u], n, a }) {
      pointwiseF32('sqrt', f32.subarray(v! >> 2, (v! >> 2) + n), f32.subarray(d! >> 2, (d! >> 2) + n));
      k.vs(DIV, d!, R(a.bc2 as number), d!, n, 0);
      k.vs(ADD, d!, R(a.eps as number), d!, n, 0);
      k.vs(MUL, m!, R(a.stepSize as number), u!, n, 1);
      k.vv(DIV, u!, d!, u!, n);
      k.vs(MUL, p!, R(a.decay as number), out, n, 0);
      k.vv(ADD, out, u!, out, n);
    },
  },
  /** Dropout's mask: `scale` where the counter-based hash of the index is below `bound`, else 0. */
  dropout: {
    tmp: 0,
    run({ f32, out, n, a }) {
      const s0 = a.seedLo as number;
      const s1 = a.seedHi as number;
      const bound = a.bound as number;
      const scale = R(a.scale as number);
      const o = out >> 2;
      for (let i = 0; i < n; i++) f32[o + i] = dropoutHash(i, s0, s1) < bound ? scale : 0;
    },
  },
};
