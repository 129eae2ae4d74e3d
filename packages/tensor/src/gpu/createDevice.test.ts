import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { calibrateDevice, createDevice, type GpuDevice } from '../gpu';
import { add, exp, matmul, relu, sum, tensor, tidy, toDevice } from '../index';
import { SOFTWARE_MIN_SIZE } from './_minSize';

describe('createDevice: unavailable backends and bad options (no display needed)', () => {
  test('a browser backend in Node is a TypeError listing every backend with its reason', async () => {
    const e = await createDevice({ backend: 'webgl2' }).catch((x: Error) => x);
    expect(e).toBeInstanceOf(TypeError);
    expect((e as Error).message).toMatch(/^createDevice: backend 'webgl2' is not available; /);
    expect((e as Error).message).toContain(
      'webgpu: no navigator.gpu (not a browser with WebGPU, or not a secure context: serve the page from https:// or http://localhost)',
    );
    expect((e as Error).message).toContain('webgl2: no WebGL2 context (not a browser, or WebGL2 disabled)');
    expect((e as Error).message).toContain('webgl: no WebGL context');
    expect((e as Error).message).toMatch(/available: (headlessgl|none); /);
  });

  test('gpu.js missing: the reason is the exact install command', async () => {
    const e = await createDevice({ gpuJs: {} }).catch((x: Error) => x);
    expect((e as Error).message).toMatch(
      /^createDevice: no GPU backend is available; available: none; webgpu: no navigator.gpu .*; webgl2: gpuJs is not the gpu.js module/,
    );
  });

  test('WebGPU without an adapter, or failing to give a device: the reason in the list', async () => {
    const g = globalThis as { navigator?: unknown };
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    const stub = (gpu: unknown) =>
      Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
    try {
      stub({ requestAdapter: async () => null });
      const e = await createDevice({ backend: 'webgpu' }).catch((x: Error) => x);
      expect(e).toBeInstanceOf(TypeError);
      expect((e as Error).message).toMatch(
        /^createDevice: backend 'webgpu' is not available; available: .*; webgpu: no WebGPU adapter \(the browser found no usable GPU\)/,
      );
      stub({
        requestAdapter: async () => ({
          requestDevice: async () => {
            throw new Error('device lost\nat …');
          },
        }),
      });
      await expect(createDevice({ backend: 'webgpu' })).rejects.toThrow(
        'webgpu: no WebGPU device (device lost)',
      );
    } finally {
      if (saved) Object.defineProperty(globalThis, 'navigator', saved);
      else delete g.navigator;
    }
  });

  test('bad options name createDevice and the option', async () => {
    await expect(createDevice({ backend: 'cuda' as never })).rejects.toThrow(
      "createDevice: backend must be 'auto', 'webgpu', 'webgl2', 'webgl' or 'headlessgl', got \"cuda\"",
    );
    await expect(createDevice({ minSize: -1 })).rejects.toThrow(
      "createDevice: minSize must be a non-negative integer or 'auto', got -1",
    );
    await expect(createDevice({ minSize: 'small' as never })).rejects.toThrow(
      'createDevice: minSize must be a non-negative integer or \'auto\', got "small"',
    );
    await expect(createDevice({ frobnicate: 1 } as never)).rejects.toThrow(
      /createDevice: unknown option 'frobnicate'/,
    );
  });
});

// The rest needs headless-gl (gl installed, a display: `pnpm test` runs under xvfb-run when it can).
const probe = await createDevice({ backend: 'headlessgl', warn: () => {} }).catch((e: Error) => e);
const gl = !(probe instanceof Error);
if (!gl) console.warn(`headless-gl tests skipped: ${(probe as Error).message}`);
else (probe as GpuDevice).destroy();

/** A gpu.js module whose kernels containing `marker` fail to compile (as a driver rejecting a shader would). */
function brokenGpuJs(marker: string): unknown {
  const { GPU } = createRequire(import.meta.url)('gpu.js') as { GPU: new (s: object) => object };
  class Broken extends (GPU as new (s: object) => { createKernel(src: string, s: object): unknown }) {
    override createKernel(source: string, settings: object): unknown {
      if (source.includes(marker)) throw new Error(`GLSL compile error (injected for ${marker})`);
      return super.createKernel(source, settings);
    }
  }
  return { GPU: Broken };
}

/** A gpu.js module whose kernels pack into 8-bit textures (`precision: 'unsigned'`), as a device without float textures. */
function eightBitGpuJs(): unknown {
  const { GPU } = createRequire(import.meta.url)('gpu.js') as { GPU: new (s: object) => object };
  class EightBit extends (GPU as new (s: object) => { createKernel(src: string, s: object): unknown }) {
    override createKernel(source: string, settings: object): unknown {
      return super.createKernel(source, { ...settings, precision: 'unsigned' });
    }
  }
  return { GPU: EightBit };
}

describe.skipIf(!gl)('headless-gl device: fallback, strict mode, disposal, memory', () => {
  test('a context without float textures (8-bit packing) is refused, with the value that did not survive', async () => {
    const e = await createDevice({ backend: 'headlessgl', gpuJs: eightBitGpuJs() }).catch((x: Error) => x);
    expect(e).toBeInstanceOf(TypeError);
    expect((e as Error).message).toMatch(
      /^createDevice: backend 'headlessgl' is not available; available: .*; headlessgl: no float textures: float32 values do not survive a round trip \(1\.5 came back as 1\.50000\d+\)/,
    );
  });

  test('a kernel that fails to compile falls back to the CPU with a one-time warning naming the op and reason', async () => {
    const warnings: string[] = [];
    const d = await createDevice({
      backend: 'headlessgl',
      minSize: 0,
      gpuJs: brokenGpuJs('Math.exp'),
      warn: (m) => warnings.push(m),
    });
    const x = toDevice(tensor([0, 1]), d);
    const y = exp(x);
    exp(x);
    expect(y.device).toBe(d);
    expect(Array.from(y.data)).toEqual([1, Math.fround(Math.E)]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^@dl\/tensor\/gpu: exp ran on the CPU instead of headlessgl \(the kernel failed to compile: GLSL compile error \(injected for Math.exp\)\)$/,
    );
    d.destroy();
  });

  test('strict mode throws instead of falling back', async () => {
    const d = await createDevice({
      backend: 'headlessgl',
      gpuJs: brokenGpuJs('Math.exp'),
      strict: true,
      minSize: 0,
    });
    expect(() => exp(toDevice(tensor([0, 1]), d))).toThrow(
      /exp ran on the CPU instead of headlessgl \(the kernel failed to compile: .*\); the device was created with \{ strict: true \}/,
    );
    expect(relu(toDevice(tensor([-1, 1]), d)).toArray()).toEqual([0, 1]);
    d.destroy();
  });

  test('a disposed tensor used by an op is an error naming the op', async () => {
    const d = await createDevice({ backend: 'headlessgl', minSize: 0 });
    const x = toDevice(
      tensor([
        [1, 2],
        [3, 4],
      ]),
      d,
    );
    x.dispose();
    expect(() => matmul(x, x)).toThrow('matmul: a was disposed (Tensor(float32, [2, 2]) on headlessgl)');
    expect(() => sum(x)).toThrow('sum: x was disposed');
    expect(d.liveTextures).toBe(0);
    d.destroy();
  });

  test('1000 training steps in tidy: live textures and the GL context texture count stay flat', async () => {
    // count the WebGL textures gpu.js creates and deletes, on a context we hand it
    const makeContext = createRequire(import.meta.url)('gl') as (
      w: number,
      h: number,
      o: object,
    ) => {
      createTexture(): unknown;
      deleteTexture(t: unknown): void;
    };
    const context = makeContext(2, 2, { preserveDrawingBuffer: true });
    let created = 0;
    let deleted = 0;
    const create = context.createTexture.bind(context);
    const remove = context.deleteTexture.bind(context);
    context.createTexture = () => {
      created++;
      return create();
    };
    context.deleteTexture = (t) => {
      deleted++;
      remove(t);
    };
    const d = await createDevice({ backend: 'headlessgl', context, minSize: 0 });
    const { trainMlp } = await import('../../test/conformance/suite');
    const w = toDevice(tensor([1, 2]), d);
    tidy(() => add(w, w));
    trainMlp(d, 20, tidy); // warm: every kernel compiled, argument textures made
    const base = created - deleted;
    const baseLive = d.liveTextures;
    trainMlp(d, 1000, tidy);
    expect(d.liveTextures).toBe(baseLive);
    expect(created - deleted).toBeLessThanOrEqual(base);
    expect(created).toBeGreaterThan(1000);
    w.dispose();
    d.destroy();
  }, 600_000);
});

describe.skipIf(!gl)('the small-tensor policy (minSize) and calibrateDevice, on headless-gl', () => {
  test("'auto' takes the software default on headless-gl (a server GL: Mesa's llvmpipe under Xvfb)", async () => {
    const d = await createDevice({ backend: 'headlessgl', warn: () => {} });
    expect(d.minSize).toBe(SOFTWARE_MIN_SIZE['headlessgl']);
    expect(typeof d.renderer).toBe('string');
    d.destroy();
  });

  test('below minSize, ops on tensors with CPU copies stay on the CPU: no upload, no kernel, results still device tensors', async () => {
    const d = await createDevice({ backend: 'headlessgl', minSize: 100 });
    const x = toDevice(tensor([1, 2, 3]), d); // small: keeps its CPU copy, no texture yet
    expect(d.liveTextures).toBe(0);
    const kernels = d.kernelCount;
    const y = exp(add(x, x));
    expect(y.device).toBe(d);
    expect(d.kernelCount).toBe(kernels);
    expect(d.liveTextures).toBe(0);
    expect(Array.from(y.data)).toEqual([2, 4, 6].map((v) => Math.fround(Math.exp(v))));
    // at or above minSize: a kernel launch (and the operand uploaded on first use)
    const big = toDevice(tensor(new Float32Array(100).fill(1)), d);
    const z = add(big, big);
    expect(d.kernelCount).toBe(kernels + 2); // add, and the upload kernel of 100 elements
    expect(d.liveTextures).toBe(2);
    // a small result of a kernel has no CPU copy: ops on it run on the device rather than read it back
    const s = sum(z);
    const t = add(s, s);
    expect(d.kernelCount).toBe(kernels + 4);
    expect(t.item()).toBe(400);
    // a small CPU-copied tensor read by a kernel is uploaded then (the sum of x ran on the CPU), freed with it
    const sx = sum(x);
    const live = d.liveTextures;
    const w = add(big, sx);
    expect(d.liveTextures).toBe(live + 2);
    expect(w.data[0]).toBe(7);
    for (const a of [x, y, big, z, s, t, sx, w]) a.dispose();
    expect(d.liveTextures).toBe(0);
    d.destroy();
  });

  test('minSize 0 runs every op on the device; device.minSize can be set, and is checked', async () => {
    const d = await createDevice({ backend: 'headlessgl', minSize: 0 });
    const x = toDevice(tensor([1, 2, 3]), d);
    expect(d.liveTextures).toBe(1);
    const k = d.kernelCount;
    add(x, x).dispose();
    expect(d.kernelCount).toBe(k + 1);
    d.minSize = 1000;
    expect(d.minSize).toBe(1000);
    expect(() => {
      d.minSize = -1;
    }).toThrow("headlessgl device: minSize must be a non-negative integer or 'auto', got -1");
    expect(() => {
      d.minSize = 1.5;
    }).toThrow(RangeError);
    x.dispose();
    d.destroy();
  });

  test('calibrateDevice measures the crossover on this device, sets minSize, and restores it without apply', async () => {
    const d = await createDevice({ backend: 'headlessgl', minSize: 7 });
    const c = await calibrateDevice(d, { sizes: [16, 4096], ops: 4, rounds: 1, apply: false });
    expect(c.rows.map((r) => r.size)).toEqual([16, 4096]);
    for (const r of c.rows) {
      expect(r.cpuMs).toBeGreaterThanOrEqual(0);
      expect(r.deviceMs).toBeGreaterThanOrEqual(0);
    }
    expect([16, 4096]).toContain(c.minSize);
    expect(c.renderer).toBe(d.renderer);
    expect(d.minSize).toBe(7);
    const applied = await calibrateDevice(d, { sizes: [16], ops: 2, rounds: 1 });
    expect(d.minSize).toBe(applied.minSize);
    expect(d.liveTextures).toBe(0);
    // a budget spent before the first size: nothing measured, the threshold unchanged
    const none = await calibrateDevice(d, { sizes: [16], budgetMs: Number.MIN_VALUE, apply: false });
    expect(none.rows.length).toBeLessThanOrEqual(1);
    d.destroy();
  });

  test('calibrateDevice: bad arguments name calibrateDevice and the option', async () => {
    const d = await createDevice({ backend: 'headlessgl' });
    await expect(calibrateDevice({} as never)).rejects.toThrow(
      /^calibrateDevice: device must be a device of createDevice, got /,
    );
    await expect(calibrateDevice(d, { sizes: [64, 16] })).rejects.toThrow(
      'calibrateDevice: sizes must be increasing integers in [1, 2^24], got [64, 16]',
    );
    await expect(calibrateDevice(d, { ops: 0 })).rejects.toThrow(
      'calibrateDevice: ops must be an integer in [1, 1000], got 0',
    );
    await expect(calibrateDevice(d, { budgetMs: -1 })).rejects.toThrow(
      'calibrateDevice: budgetMs must be a positive number, got -1',
    );
    await expect(calibrateDevice(d, { apply: 'yes' as never })).rejects.toThrow(
      'calibrateDevice: apply must be a boolean, got "yes"',
    );
    await expect(calibrateDevice(d, { size: [16] } as never)).rejects.toThrow(
      /calibrateDevice: unknown option 'size'; did you mean 'sizes'\?/,
    );
    d.destroy();
  });
});
