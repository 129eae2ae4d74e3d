import { compileWasm, webAssembly } from '@dl/internal';
import type { DeviceAttributes } from '../device';
import { DEVICE_KERNELS_WASM } from '../wasm/deviceKernelsWasm';

/** @internal The exports of the device's fused-kernel module (scripts/wasm-device.mjs); pointers are byte offsets. */
export interface FusedKernels {
  ema(s: number, g: number, o: number, n: number, decay: number, scale: number, square: number): void;
  adamParam(
    p: number,
    m: number,
    v: number,
    o: number,
    n: number,
    decay: number,
    stepSize: number,
    bc2: number,
    eps: number,
  ): void;
  dropout(o: number, n: number, seedLo: number, seedHi: number, bound: number, scale: number): void;
}

/** The compiled fused-kernel module, once for every device (null: it cannot be compiled synchronously here). */
let compiled: object | null | undefined;

/**
 * @internal The fused-kernel module instantiated on `memory` (the device's), or null where it cannot be compiled
 * synchronously (then the fused ops run as CPU kernels, counted in the device's `cpuOps`).
 */
export function fusedKernels(memory: object): FusedKernels | null {
  const W = webAssembly();
  if (compiled === undefined) compiled = compileWasm(DEVICE_KERNELS_WASM);
  const module = compiled;
  if (W === undefined || module === null) return null;
  try {
    return new W.Instance(module, { env: { memory } }).exports as unknown as FusedKernels;
  } catch {
    return null;
  }
}

/** @internal Where a fused kernel of the wasm device works: byte offsets of its operands and output. */
export interface FusedCall {
  d: FusedKernels;
  ins: readonly number[];
  out: number;
  n: number;
  a: DeviceAttributes;
}

/**
 * @internal The fused kernels of the device protocol that @dl/optim and dropout call on the wasm device, each one
 * pass of the fused-kernel module over the device's memory. Every step is rounded to float32 as the formula
 * rounds it, so the values are exactly the formula's (test/wasmDevice.test.ts compares them with the formula in
 * JavaScript, bit for bit).
 */
export const FUSED: Record<string, (c: FusedCall) => void> = {
  /** `decay s + scale g` (`g²` with `square`): R(R(s decay) + R(scale x)), x = g or R(g g). */
  ema({ d, ins: [s, g], out, n, a }) {
    d.ema(s!, g!, out, n, a.decay as number, a.scale as number, a.square ? 1 : 0);
  },
  /** Adam's parameter step: R(R(p decay) + R(R(stepSize m) / R(R(R(√v) / bc2) + eps))). */
  adamParam({ d, ins: [p, m, v], out, n, a }) {
    d.adamParam(
      p!,
      m!,
      v!,
      out,
      n,
      a.decay as number,
      a.stepSize as number,
      a.bc2 as number,
      a.eps as number,
    );
  },
  /** Dropout's mask: `scale` where the counter-based hash of the index is below `bound`, else 0. */
  dropout({ d, out, n, a }) {
    d.dropout(out, n, a.seedLo as number, a.seedHi as number, a.bound as number, a.scale as number);
  },
};
