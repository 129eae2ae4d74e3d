import { defineOptions, describe } from '@dl/internal';
import { createGpuDevice, type GpuDevice, type GpuInstance } from './_gpuDevice';
import { checkMinSize, defaultMinSize } from './_minSize';
import { createWebGpuDevice } from './_webgpuDevice';

export type { GpuDevice } from './_gpuDevice';

import type { calibrateDevice } from './calibrateDevice';

/** The backends of {@link createDevice}. */
export type GpuBackend = 'auto' | 'webgpu' | 'webgl2' | 'webgl' | 'headlessgl';

/** Options of {@link createDevice}. */
export interface CreateDeviceOptions {
  /**
   * The backend: `'auto'` takes the first available of WebGPU, WebGL2, headless-gl (Node) and WebGL; or force
   * one. WebGPU runs WGSL kernels of this package's own (gpu.js is not needed for it) and reads back only
   * asynchronously: on a `'webgpu'` device read results with `await x.dataAsync()` (`.data` is a TypeError
   * there), and every op must have a device kernel (there is no CPU fallback). Force `'webgl2'` for code that
   * reads `.data`.
   * @defaultValue 'auto'
   */
  backend?: GpuBackend;
  /**
   * Throw instead of warning when an op runs on the CPU because the device has no kernel for it or its kernel
   * failed to compile.
   * @defaultValue false
   */
  strict?: boolean;
  /**
   * The small-tensor threshold: an op whose output has fewer elements, and whose device operands all have a CPU
   * copy (no readback needed), runs on the CPU and uploads its result, which keeps its CPU copy; `toDevice` of a
   * smaller tensor keeps a CPU copy. 0 runs everything on the device. `'auto'` takes the default of the backend
   * kind: on a software renderer (SwiftShader, llvmpipe, headless-gl) the crossover measured here
   * (`SOFTWARE_MIN_SIZE`, docs/benchmarks/gpu.md), on a hardware GPU TensorFlow.js's thresholds (128 on WebGL,
   * 1000 on WebGPU). {@link calibrateDevice} measures the device's own and sets it; `device.minSize` can be set.
   * @defaultValue 'auto'
   */
  minSize?: number | 'auto';
  /**
   * Called with the one-time warning of each op that ran on the CPU.
   * @defaultValue console.warn
   */
  warn?: (message: string) => void;
  /**
   * A WebGL context for gpu.js to draw with (a canvas's `getContext('webgl2')`, or a headless-gl context) instead
   * of one it creates.
   * @defaultValue a new context
   */
  context?: unknown;
  /**
   * The gpu.js module to use instead of `import('gpu.js')` (a bundle that ships its own copy, tests).
   * @defaultValue the installed gpu.js
   */
  gpuJs?: unknown;
}

/** @internal The checker of {@link CreateDeviceOptions}. */
export const createDeviceOptions = /* @__PURE__ */ defineOptions<CreateDeviceOptions>()(
  'createDevice',
  { backend: 'auto', strict: false, minSize: 'auto', warn: undefined, context: undefined, gpuJs: undefined },
  { positional: 'backend' },
);

/** The part of gpu.js's module that createDevice uses. */
interface GpuJsModule {
  GPU: (new (
    settings: Record<string, unknown>,
  ) => GpuInstance) & {
    readonly isWebGL2Supported?: boolean;
    readonly isWebGLSupported?: boolean;
    readonly isHeadlessGLSupported?: boolean;
  };
}

const BACKENDS: readonly Exclude<GpuBackend, 'auto'>[] = ['webgpu', 'webgl2', 'headlessgl', 'webgl'];
const INSTALL = 'npm install gpu.js';

async function loadGpuJs(given: unknown): Promise<GpuJsModule | string> {
  if (given !== undefined) {
    const m = given as Partial<GpuJsModule> & { default?: Partial<GpuJsModule> };
    const GPU = m.GPU ?? m.default?.GPU;
    return typeof GPU === 'function'
      ? { GPU }
      : `gpuJs is not the gpu.js module (no GPU class): ${describe(given)}`;
  }
  try {
    const m = (await import('gpu.js')) as unknown as Partial<GpuJsModule> & {
      default?: Partial<GpuJsModule>;
    };
    const GPU = m.GPU ?? m.default?.GPU;
    if (typeof GPU !== 'function') return 'the gpu.js module has no GPU class';
    return { GPU };
  } catch (e) {
    return `gpu.js is not installed (${(e as Error).message.split('\n')[0]}): ${INSTALL}`;
  }
}

/** Why `backend` (a gpu.js one) cannot run here, or null when it can. */
function unavailable(
  backend: Exclude<GpuBackend, 'auto' | 'webgpu'>,
  GPU: GpuJsModule['GPU'],
): string | null {
  switch (backend) {
    case 'webgl2':
      return GPU.isWebGL2Supported ? null : 'no WebGL2 context (not a browser, or WebGL2 disabled)';
    case 'webgl':
      return GPU.isWebGLSupported ? null : 'no WebGL context (not a browser, or WebGL disabled)';
    case 'headlessgl':
      return GPU.isHeadlessGLSupported
        ? null
        : 'headless-gl is not installed or has no display: npm install gl, and run under xvfb-run where there is no display';
  }
}

/** The renderer a WebGL context reports (unmasked where the browser allows), or `''`. */
function glRenderer(context: unknown): string {
  const gl = context as {
    getExtension?(name: string): { UNMASKED_RENDERER_WEBGL: number } | null;
    getParameter?(p: number): unknown;
  } | null;
  if (gl === null || typeof gl?.getParameter !== 'function') return '';
  try {
    const ext = gl.getExtension?.('WEBGL_debug_renderer_info');
    const r = gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : 0x1f01 /* RENDERER */);
    return typeof r === 'string' ? r : '';
  } catch {
    return '';
  }
}

/** What a WebGPU adapter says it is: `vendor architecture description`, `fallback` for a fallback adapter. */
function adapterRenderer(adapter: { info?: Record<string, unknown>; isFallbackAdapter?: boolean }): string {
  const info = adapter.info ?? {};
  const parts = [info['vendor'], info['architecture'], info['description']].filter(
    (v): v is string => typeof v === 'string' && v !== '',
  );
  if (adapter.isFallbackAdapter === true || info['isFallbackAdapter'] === true) parts.push('fallback');
  return parts.join(' ');
}

/** The WebGPU device of this page (WGSL kernels of our own: gpu.js is not needed), or why there is none. */
async function webGpu(): Promise<{ device: unknown; renderer: string } | string> {
  const nav = (globalThis as { navigator?: { gpu?: { requestAdapter(): Promise<unknown> } } }).navigator;
  if (nav?.gpu === undefined) {
    return 'no navigator.gpu (not a browser with WebGPU, or not a secure context: serve the page from https:// or http://localhost)';
  }
  try {
    const adapter = (await nav.gpu.requestAdapter()) as
      | ({ requestDevice(): Promise<unknown> } & Parameters<typeof adapterRenderer>[0])
      | null;
    if (adapter === null) return 'no WebGPU adapter (the browser found no usable GPU)';
    return { device: await adapter.requestDevice(), renderer: adapterRenderer(adapter) };
  } catch (e) {
    return `no WebGPU device (${(e as Error).message.split('\n')[0]})`;
  }
}

/** Checks that the device keeps float32 values exactly (refuses 8-bit packing); the reason when it does not. */
function probeFloat(gpu: GpuInstance): string | null {
  const values = new Float32Array([1.5, -2.25, 3.4e38, 1e-30, 0.1, 16777215]);
  try {
    const k = gpu.createKernel('function (a) {\n  return a[this.thread.x] * 1.0;\n}', {
      output: [values.length],
      precision: 'single',
      pipeline: true,
      immutable: true,
      tactic: 'precision',
    });
    const t = k(values) as { toArray?: () => Float32Array; delete?: () => void } | null;
    if (t === null || typeof t.toArray !== 'function')
      return 'no float textures (gpu.js fell back to its CPU mode)';
    const got = t.toArray();
    t.delete?.();
    k.destroy?.();
    for (let i = 0; i < values.length; i++) {
      if (got[i] !== values[i]) {
        return `no float textures: float32 values do not survive a round trip (${values[i]} came back as ${got[i]})`;
      }
    }
    return null;
  } catch (e) {
    return `no float textures (${(e as Error).message.split('\n')[0]})`;
  }
}

/**
 * Creates a GPU device for `@dl/tensor`: tensors moved onto it with `toDevice(x, device)` live in gpu.js
 * textures, and every op on them runs there (see the GPU guide). gpu.js is loaded now, not when this module is
 * imported; it is an optional peer dependency (`npm install gpu.js`; in Node also `npm install gl` and, without a
 * display, `xvfb-run`).
 *
 * The device holds float32 tensors only and refuses a context without float textures. An op it has no kernel
 * for runs on the CPU with a one-time warning naming the op (`strict: true` throws instead).
 *
 * @param options - see {@link CreateDeviceOptions}; a bare string is the backend.
 * @returns the device.
 * @throws TypeError when no requested backend is available, listing each backend with the reason.
 * @example
 * ```ts
 * import { createDevice } from '@dl/tensor/gpu';
 * // in a browser or under xvfb-run with gl installed:
 * // const gpu = await createDevice();
 * // const y = matmul(toDevice(a, gpu), toDevice(b, gpu)); y.data; // read back once
 * typeof createDevice; // 'function'
 * ```
 */
export async function createDevice(options: CreateDeviceOptions | GpuBackend = {}): Promise<GpuDevice> {
  const o = createDeviceOptions(options, 'createDevice');
  if (typeof o.backend !== 'string' || (o.backend !== 'auto' && !BACKENDS.includes(o.backend))) {
    throw new TypeError(
      `createDevice: backend must be 'auto', 'webgpu', 'webgl2', 'webgl' or 'headlessgl', got ${describe(o.backend)}`,
    );
  }
  if (o.minSize !== 'auto') checkMinSize('createDevice: minSize', o.minSize);
  const minSizeOf = (backend: string, renderer: string): number =>
    o.minSize === 'auto' ? defaultMinSize(backend, renderer) : (o.minSize as number);
  const wanted = o.backend === 'auto' ? BACKENDS : [o.backend];
  const reasons: string[] = [];
  const available: string[] = [];
  const settings = {
    strict: o.strict === true,
    warn: o.warn ?? ((m: string) => console.warn(m)),
  };
  // WebGPU first: our own WGSL kernels, no gpu.js (asked for only when wanted: a device is not free)
  if (wanted.includes('webgpu')) {
    const gpuDevice = await webGpu();
    if (typeof gpuDevice !== 'string') {
      const renderer = gpuDevice.renderer;
      return createWebGpuDevice({
        device: gpuDevice.device,
        renderer,
        minSize: minSizeOf('webgpu', renderer),
        ...settings,
      });
    }
    reasons.push(`webgpu: ${gpuDevice}`);
  }
  const gpuJs = await loadGpuJs(o.gpuJs);
  for (const backend of BACKENDS) {
    if (backend === 'webgpu') continue;
    const why = typeof gpuJs === 'string' ? gpuJs : unavailable(backend, gpuJs.GPU);
    if (why !== null) {
      reasons.push(`${backend}: ${why}`);
      continue;
    }
    if (typeof gpuJs === 'string' || !wanted.includes(backend)) {
      available.push(backend);
      continue;
    }
    const gpu = new gpuJs.GPU(
      o.context === undefined ? { mode: backend } : { mode: backend, context: o.context },
    );
    const noFloat = probeFloat(gpu);
    if (noFloat !== null) {
      reasons.push(`${backend}: ${noFloat}`);
      void gpu.destroy();
      continue;
    }
    const renderer = glRenderer(gpu.context);
    return createGpuDevice({
      name: backend,
      gpu,
      renderer,
      minSize: minSizeOf(backend, renderer),
      ...settings,
    });
  }
  if (!wanted.includes('webgpu')) {
    // the error lists every backend: say whether WebGPU would have been there
    const gpuDevice = await webGpu();
    if (typeof gpuDevice === 'string') reasons.unshift(`webgpu: ${gpuDevice}`);
    else {
      available.unshift('webgpu');
      (gpuDevice.device as { destroy?(): void }).destroy?.();
    }
  }
  throw new TypeError(
    `createDevice: ${o.backend === 'auto' ? 'no GPU backend is available' : `backend '${o.backend}' is not available`}; available: ${available.length === 0 ? 'none' : available.join(', ')}; ${reasons.join('; ')}`,
  );
}
