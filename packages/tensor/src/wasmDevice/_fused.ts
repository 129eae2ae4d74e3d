import type { DeviceAttributes } from '../device';
import { dropoutHash } from '../ops/_deviceDropout';

const R = Math.fround;

/**
 * @internal The fused kernels of the device protocol that @dl/optim and dropout call (`ema`, `adamParam`,
 * `dropout`), as float32 loops over views of the wasm device's memory: `ins` are the operands' elements, `out` the
 * result's (each the same length). The formulas are the GPU kernels' (test/conformance/suite.ts checks them).
 */
export const FUSED: Record<
  string,
  (ins: readonly Float32Array[], out: Float32Array, a: DeviceAttributes) => void
> = {
  ema([s, g], out, a) {
    const decay = R(a.decay as number);
    const scale = R(a.scale as number);
    if (a.square) {
      for (let i = 0; i < out.length; i++) {
        const x = g![i]!;
        out[i] = R(s![i]! * decay) + R(scale * R(x * x));
      }
    } else for (let i = 0; i < out.length; i++) out[i] = R(s![i]! * decay) + R(scale * g![i]!);
  },
  adamParam([p, m, v], out, a) {
    const decay = R(a.decay as number);
    const stepSize = R(a.stepSize as number);
    const bc2 = R(a.bc2 as number);
    const eps = R(a.eps as number);
    for (let i = 0; i < out.length; i++) {
      const denom = R(R(R(Math.sqrt(v![i]!)) / bc2) + eps);
      out[i] = R(p![i]! * decay) + R(R(stepSize * m![i]!) / denom);
    }
  },
  dropout(_, out, a) {
    const s0 = a.seedLo as number;
    const s1 = a.seedHi as number;
    const bound = a.bound as number;
    const scale = R(a.scale as number);
    for (let i = 0; i < out.length; i++) out[i] = dropoutHash(i, s0, s1) < bound ? scale : 0;
  },
};
