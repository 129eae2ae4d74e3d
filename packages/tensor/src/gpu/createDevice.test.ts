import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { createDevice, type GpuDevice } from '../gpu';
import { add, exp, matmul, relu, sum, tensor, tidy, toDevice } from '../index';

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

  test('bad options name createDevice and the option', async () => {
    await expect(createDevice({ backend: 'cuda' as never })).rejects.toThrow(
      "createDevice: backend must be 'auto', 'webgpu', 'webgl2', 'webgl' or 'headlessgl', got \"cuda\"",
    );
    await expect(createDevice({ minSize: -1 })).rejects.toThrow(
      'createDevice: minSize must be a non-negative integer, got -1',
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

describe.skipIf(!gl)('headless-gl device: fallback, strict mode, disposal, memory', () => {
  test('a kernel that fails to compile falls back to the CPU with a one-time warning naming the op and reason', async () => {
    const warnings: string[] = [];
    const d = await createDevice({
      backend: 'headlessgl',
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
    const d = await createDevice({ backend: 'headlessgl', gpuJs: brokenGpuJs('Math.exp'), strict: true });
    expect(() => exp(toDevice(tensor([0, 1]), d))).toThrow(
      /exp ran on the CPU instead of headlessgl \(the kernel failed to compile: .*\); the device was created with \{ strict: true \}/,
    );
    expect(relu(toDevice(tensor([-1, 1]), d)).toArray()).toEqual([0, 1]);
    d.destroy();
  });

  test('a disposed tensor used by an op is an error naming the op', async () => {
    const d = await createDevice('headlessgl');
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
    const d = await createDevice({ backend: 'headlessgl', context });
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
