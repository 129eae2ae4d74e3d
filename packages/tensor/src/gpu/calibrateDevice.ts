import { defineOptions, describe } from '@dl/internal';
import { add, type Tensor, tensor, toDevice } from '@dl/tensor';
import type { GpuDevice } from './_gpuDevice';

/** Options of {@link calibrateDevice}. */
export interface CalibrateDeviceOptions {
  /**
   * The sizes (elements) to try, increasing: the threshold found is one of them.
   * @defaultValue [16, 64, 256, 1024, 4096, 16384, 65536, 262144]
   */
  sizes?: readonly number[];
  /**
   * Elementwise ops timed per size and path (a chain `y = y + x`).
   * @defaultValue 16
   */
  ops?: number;
  /**
   * Timed rounds per size and path; the fastest counts.
   * @defaultValue 3
   */
  rounds?: number;
  /**
   * A bound on the whole measurement in milliseconds: sizes not reached in time are not tried (when the device
   * won at none of the sizes tried, the threshold is the largest of them and the result says `truncated`).
   * @defaultValue 2000
   */
  budgetMs?: number;
  /**
   * Set the device's `minSize` to the threshold found.
   * @defaultValue true
   */
  apply?: boolean;
}

/** One size measured by {@link calibrateDevice}: milliseconds per op on each path. */
export interface CalibrationRow {
  /** The number of elements. */
  size: number;
  /** The op on the CPU (operands with a CPU copy), its result uploaded. */
  cpuMs: number;
  /** The op as a kernel launch on the device (the chain's final readback subtracted). */
  deviceMs: number;
}

/** The result of {@link calibrateDevice}. */
export interface Calibration {
  /** The threshold: the smallest size tried where the device was faster (and at every larger size tried). */
  minSize: number;
  /** The sizes measured, increasing. */
  rows: CalibrationRow[];
  /** The renderer the device reports (see {@link GpuDevice.renderer}). */
  renderer: string;
  /** Whether the sizes ran out of budget before the device won (minSize is then the largest size tried). */
  truncated: boolean;
}

/** @internal The checker of {@link CalibrateDeviceOptions}. */
export const calibrateDeviceOptions = /* @__PURE__ */ defineOptions<CalibrateDeviceOptions>()(
  'calibrateDevice',
  {
    sizes: [16, 64, 256, 1024, 4096, 16384, 65536, 262144],
    ops: 16,
    rounds: 3,
    budgetMs: 2000,
    apply: true,
  },
);

const now = (): number => (globalThis.performance ?? Date).now();

/**
 * Measures, on this device, the size below which an elementwise op is faster on the CPU than as a kernel launch,
 * and (with `apply`) sets `device.minSize` to it — the small-tensor threshold of {@link createDevice}. For each
 * size $n$ it times a chain of `ops` additions $y \leftarrow y + x$ two ways: with `minSize` above $n$ (the CPU
 * path: operands with CPU copies, each result computed by the CPU kernel and uploaded) and with `minSize` 0 (a
 * kernel launch each, then one readback, whose own time, measured alone, is subtracted). The threshold is the
 * smallest $n$ from which the device wins at every larger size tried.
 *
 * On a real GPU a launch costs a few microseconds and the crossover is small (hundreds of elements, TensorFlow.js
 * uses 128 on WebGL and 1000 on WebGPU); on a software renderer (SwiftShader, llvmpipe) the "device" is the CPU
 * itself and the crossover is large. Run it once after `createDevice` when that matters; it takes at most about
 * `budgetMs` (plus one size in progress) and compiles a few small kernels.
 *
 * @param device - a device of {@link createDevice}.
 * @param options - see {@link CalibrateDeviceOptions}.
 * @returns the threshold, the measured rows and the renderer.
 * @throws TypeError when `device` is not a device of createDevice; RangeError on bad options.
 * @example
 * ```ts
 * import { calibrateDevice, createDevice } from '@dl/tensor/gpu';
 * // in a browser or under xvfb-run with gl installed:
 * // const gpu = await createDevice();
 * // const { minSize, rows } = await calibrateDevice(gpu); // gpu.minSize is now minSize
 * typeof calibrateDevice; // 'function'
 * ```
 */
export async function calibrateDevice(
  device: GpuDevice,
  options: CalibrateDeviceOptions = {},
): Promise<Calibration> {
  const o = calibrateDeviceOptions(options, 'calibrateDevice');
  if (typeof device !== 'object' || device === null || typeof (device as GpuDevice).minSize !== 'number') {
    throw new TypeError(`calibrateDevice: device must be a device of createDevice, got ${describe(device)}`);
  }
  const sizes = o.sizes;
  if (
    !Array.isArray(sizes) ||
    sizes.length === 0 ||
    sizes.some((n, i) => !Number.isInteger(n) || n < 1 || n > 16777216 || (i > 0 && n <= sizes[i - 1]!))
  ) {
    throw new RangeError(
      `calibrateDevice: sizes must be increasing integers in [1, 2^24], got ${describe(sizes)}`,
    );
  }
  for (const [key, v] of [
    ['ops', o.ops],
    ['rounds', o.rounds],
  ] as const) {
    if (!Number.isInteger(v) || v < 1 || v > 1000) {
      throw new RangeError(`calibrateDevice: ${key} must be an integer in [1, 1000], got ${describe(v)}`);
    }
  }
  if (typeof o.budgetMs !== 'number' || !(o.budgetMs > 0)) {
    throw new RangeError(`calibrateDevice: budgetMs must be a positive number, got ${describe(o.budgetMs)}`);
  }
  if (typeof o.apply !== 'boolean') {
    throw new TypeError(`calibrateDevice: apply must be a boolean, got ${describe(o.apply)}`);
  }
  const saved = device.minSize;
  const rows: CalibrationRow[] = [];
  const start = now();
  const read = (t: Tensor) => t.dataAsync();
  try {
    for (const n of sizes) {
      if (now() - start > o.budgetMs) break;
      const values = new Float32Array(n);
      for (let i = 0; i < n; i++) values[i] = (i % 7) * 0.25;
      // operands with a CPU copy: made while minSize is above n (toDevice keeps a copy of a small tensor)
      device.minSize = n + 1;
      const x = toDevice(tensor(values), device);
      const time = async (threshold: number): Promise<number> => {
        device.minSize = threshold;
        let best = Number.POSITIVE_INFINITY;
        for (let r = 0; r <= o.rounds; r++) {
          const t0 = now();
          let y = x;
          const made: Tensor[] = [];
          for (let k = 0; k < o.ops; k++) made.push((y = add(y, x)));
          await read(y);
          const ms = now() - t0;
          for (const t of made) t.dispose();
          if (r > 0) best = Math.min(best, ms); // round 0 compiles the kernel
        }
        return best;
      };
      const cpu = (await time(n + 1)) / o.ops;
      const onDevice = await time(0);
      // the readback alone (a fresh result without a CPU copy)
      device.minSize = 0;
      let readMs = Number.POSITIVE_INFINITY;
      for (let r = 0; r < o.rounds; r++) {
        const y = add(x, x);
        const t0 = now();
        await read(y);
        readMs = Math.min(readMs, now() - t0);
        y.dispose();
      }
      x.dispose();
      rows.push({ size: n, cpuMs: cpu, deviceMs: Math.max(onDevice - readMs, 0) / o.ops });
    }
  } finally {
    device.minSize = saved;
  }
  // the smallest size from which the device wins at every larger size tried
  let minSize = rows.length === 0 ? saved : rows.at(-1)!.size;
  let truncated = true;
  for (let i = rows.length - 1; i >= 0 && rows[i]!.deviceMs < rows[i]!.cpuMs; i--) {
    minSize = rows[i]!.size;
    truncated = false;
  }
  if (o.apply) device.minSize = minSize;
  return { minSize, rows, renderer: device.renderer, truncated };
}
