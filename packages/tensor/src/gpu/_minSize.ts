// The small-tensor threshold (createDevice's `minSize`): its check, and the default of each kind of backend.
import { describe } from '@dl/internal';

/** @internal `v` when it is a non-negative integer; otherwise a RangeError naming `what`. */
export function checkMinSize(what: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw new RangeError(`${what} must be a non-negative integer or 'auto', got ${describe(v)}`);
  }
  return v;
}

/** @internal Whether a renderer or adapter description names a software rasterizer. */
export function isSoftwareRenderer(backend: string, renderer: string): boolean {
  // headless-gl reports only "ANGLE": in Node it runs on a server's GL, Mesa's llvmpipe under Xvfb
  return (
    backend === 'headlessgl' || /swiftshader|llvmpipe|softpipe|software|basic render|fallback/i.test(renderer)
  );
}

/**
 * The default `minSize` of each backend kind on a **software** renderer, measured here with `calibrateDevice`
 * (2026-12-02; Mesa llvmpipe under headless-gl, Chromium 156's SwiftShader WebGL2 and WebGPU): an elementwise op
 * on the CPU beat a kernel launch at every size tried, 16 to 2^20 elements (by 5-11x at 2^20, 8-45x at 16), so
 * the threshold is the largest size tried. There the "GPU" is the same CPU behind a rasterizer.
 */
export const SOFTWARE_MIN_SIZE: Readonly<Record<string, number>> = {
  headlessgl: 1048576,
  webgl2: 1048576,
  webgl: 1048576,
  webgpu: 1048576,
};

/**
 * The default `minSize` of each backend kind on a hardware GPU: TensorFlow.js 4.22's CPU-forwarding thresholds
 * (`CPU_HANDOFF_SIZE_THRESHOLD` 128 of tfjs-backend-webgl, `WEBGPU_CPU_HANDOFF_SIZE_THRESHOLD` 1000 of
 * tfjs-backend-webgpu: the same policy, ops whose inputs are on the CPU already), not measured here (no GPU was
 * lent); `calibrateDevice` measures the device's own.
 */
export const HARDWARE_MIN_SIZE: Readonly<Record<string, number>> = {
  headlessgl: 128,
  webgl2: 128,
  webgl: 128,
  webgpu: 1000,
};

/** @internal The default threshold of `backend` on `renderer`. */
export function defaultMinSize(backend: string, renderer: string): number {
  return (isSoftwareRenderer(backend, renderer) ? SOFTWARE_MIN_SIZE : HARDWARE_MIN_SIZE)[backend] ?? 128;
}
