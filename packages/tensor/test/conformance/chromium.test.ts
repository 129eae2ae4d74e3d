// The conformance suite in a real browser: Debian's Chromium, headless, driven by playwright-core (never
// downloaded), on gpu.js's WebGL2 backend rendered by SwiftShader (no GPU here). The page loads one bundle of the
// suite, @dl/tensor and gpu.js's browser build, runs every case and the MLP steps, and reports back. Skipped,
// saying why, without /usr/bin/chromium.
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { blockNetwork, chromiumAvailable, launchChromium } from '../../../../tests/browser/chromium';

const haveChromium = chromiumAvailable('Chromium conformance');

const here = new URL('.', import.meta.url).pathname;
const src = new URL('../../src/', import.meta.url).pathname;

interface PageReport {
  backend: string;
  error?: string;
  cases: { name: string; ok: boolean; message: string }[];
  warnings: string[];
  mlp: { worst: number[]; losses: number[] };
  liveTextures: number;
  bad?: { data?: string; noKernel?: string; compile?: { warnings: string[]; again: string } };
  policy: { minSize: number; renderer: string; data: number[]; live: number };
}

let browser: Browser;
let bundle: string;

beforeAll(async () => {
  if (!haveChromium) return;
  const out = await build({
    stdin: {
      contents: `
        import { createDevice } from ${JSON.stringify(`${src}gpu.ts`)};
        import { CASES, KERNEL_CASES, compare, runCase, runCaseAsync, runKernelCase, runKernelCaseAsync, trainMlp, trainMlpAsync } from ${JSON.stringify(`${here}suite.ts`)};
        import { add, cos, isNan, tensor, tidy, toDevice } from ${JSON.stringify(`${src}index.ts`)};
        // device memory over many training steps, counted at the API: WebGL textures made minus deleted on a
        // context handed to gpu.js, WebGPU buffers made minus destroyed (every buffer: storage, uniforms, staging)
        export async function memory(backend, steps) {
          let made = 0;
          let freed = 0;
          let device;
          if (backend === 'webgpu') {
            const create = GPUDevice.prototype.createBuffer;
            const destroy = GPUBuffer.prototype.destroy;
            GPUDevice.prototype.createBuffer = function (d) { made++; return create.call(this, d); };
            GPUBuffer.prototype.destroy = function () { freed++; return destroy.call(this); };
            device = await createDevice({ backend, minSize: 0 });
          } else {
            const context = document.createElement('canvas').getContext('webgl2');
            const create = context.createTexture.bind(context);
            const remove = context.deleteTexture.bind(context);
            context.createTexture = () => { made++; return create(); };
            context.deleteTexture = (t) => { freed++; remove(t); };
            device = await createDevice({ backend, context, minSize: 0 });
          }
          const train = (n) => (backend === 'webgpu' ? trainMlpAsync(device, n) : trainMlp(device, n, tidy));
          await train(20); // warm: every kernel compiled
          const base = { api: made - freed, live: device.liveTextures };
          const t0 = performance.now();
          const r = await train(steps);
          const after = { api: made - freed, live: device.liveTextures };
          // the counters see a leak: 10 tensors kept without dispose
          const kept = [];
          for (let i = 0; i < 10; i++) kept.push(add(toDevice(tensor(new Float32Array(256).fill(i)), device), 1));
          const leaked = made - freed - after.api;
          for (const k of kept) k.dispose();
          return { base, after, leaked, made, ms: performance.now() - t0, finite: r.losses.every(Number.isFinite) };
        }
        export async function run(backend) {
          const warnings = [];
          let device;
          try { device = await createDevice({ backend, minSize: 0, warn: (m) => warnings.push(m) }); }
          catch (e) { return { backend, error: e.message, cases: [], warnings, mlp: { worst: [], losses: [] }, liveTextures: 0 }; }
          // WebGPU reads back only asynchronously: the async runners there
          const sync = backend !== 'webgpu';
          const runs = [
            ...CASES.map((c) => () => (sync ? runCase(device, c) : runCaseAsync(device, c))),
            ...KERNEL_CASES.map((c) => () => (sync ? runKernelCase(device, c) : runKernelCaseAsync(device, c))),
          ];
          const cases = [];
          for (const [i, f] of runs.entries()) {
            const before = device.liveTextures;
            try { cases.push(await f()); } catch (e) { cases.push({ name: String(i), ok: false, message: String(e && e.stack || e) }); }
            // a case that leaves device memory behind fails, named
            const left = device.liveTextures - before;
            if (left !== 0) cases.push({ name: cases.at(-1).name, ok: false, message: left + ' buffers left on the device' });
          }
          const cpu = trainMlp('cpu');
          const dev = sync ? trainMlp(device, undefined, tidy) : await trainMlpAsync(device);
          const worst = cpu.params.map((p, i) => compare(dev.params[i], p));
          // bad input on WebGPU: a synchronous read, an op without a device kernel
          const bad = {};
          if (!sync) {
            const x = toDevice(tensor([1, 2, 3]), device);
            try { x.data; } catch (e) { bad.data = e.constructor.name + ': ' + e.message; }
            try { isNan(x); } catch (e) { bad.noKernel = e.constructor.name + ': ' + e.message; }
            x.dispose();
            // a shader that fails to compile (WebGPU reports it asynchronously): injected by corrupting the WGSL
            // of cos; the kernel is marked broken with one warning, and the next call names the op
            const compile = GPUDevice.prototype.createShaderModule;
            GPUDevice.prototype.createShaderModule = function (d) {
              return compile.call(this, d.code.includes('cos(x)') ? { code: d.code.replace('cos(x)', 'cos(x, x, x)') } : d);
            };
            const broken = [];
            const d2 = await createDevice({ backend, minSize: 0, warn: (m) => broken.push(m) });
            const y = toDevice(tensor([1, 2, 3]), d2);
            cos(y).dispose();
            await y.dataAsync();
            for (let i = 0; i < 200 && broken.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
            let again = '';
            try { cos(y); } catch (e) { again = e.constructor.name + ': ' + e.message; }
            GPUDevice.prototype.createShaderModule = compile;
            bad.compile = { warnings: broken, again };
            d2.destroy();
          }
          // the small-tensor policy with the default threshold: SwiftShader detected, small CPU-side ops on the CPU
          const auto = await createDevice({ backend });
          const s = toDevice(tensor([1, 2, 3]), auto);
          const policy = { minSize: auto.minSize, renderer: auto.renderer, data: Array.from(add(s, s).data), live: auto.liveTextures };
          auto.destroy();
          return { backend: device.name, cases, warnings, mlp: { worst, losses: dev.losses }, liveTextures: device.liveTextures, bad, policy };
        }`,
      resolveDir: here,
    },
    bundle: true,
    format: 'iife',
    globalName: 'CONFORMANCE',
    platform: 'browser',
    mainFields: ['browser', 'module', 'main'],
    alias: { '@dl/internal': new URL('../../../internal/src/index.ts', import.meta.url).pathname },
    plugins: [
      {
        name: 'self',
        setup(b) {
          b.onResolve({ filter: /^@dl\/tensor$/ }, () => ({ path: `${src}index.ts` }));
        },
      },
    ],
    write: false,
    logLevel: 'silent',
  });
  bundle = out.outputFiles[0]!.text;
  browser = await launchChromium({ webgl: true, webgpu: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

/** Opens a page at http://localhost (a secure context: WebGPU needs one), loads the bundle and runs `backend`. */
async function runIn(backend: string): Promise<PageReport> {
  const page = await browser.newPage();
  const blocked = await blockNetwork(page);
  await page.route('http://localhost/conformance.html', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>@dl/tensor conformance</title>' }),
  );
  await page.goto('http://localhost/conformance.html');
  await page.addScriptTag({ content: bundle });
  const r = (await page.evaluate(`CONFORMANCE.run(${JSON.stringify(backend)})`)) as PageReport;
  await page.close();
  expect(blocked).toEqual([]);
  return r;
}

const check = (r: PageReport, backend: string) => {
  expect(r.error).toBeUndefined();
  expect(r.backend).toBe(backend);
  expect(r.cases.filter((c) => !c.ok).map((c) => `${c.name}: ${c.message}`)).toEqual([]);
  expect(r.cases.length).toBeGreaterThan(30);
  expect(r.warnings).toEqual([]);
  for (const w of r.mlp.worst) expect(w).toBeLessThanOrEqual(1);
  expect(r.liveTextures).toBe(0);
  // 'auto' recognizes SwiftShader and takes the software threshold: a small op on CPU copies stays on the CPU
  // (readable synchronously even on WebGPU), nothing uploaded
  expect(r.policy.renderer).toMatch(/swiftshader/i);
  expect(r.policy.minSize).toBe(1048576);
  expect(r.policy.data).toEqual([2, 4, 6]);
  expect(r.policy.live).toBe(0);
};

/** Runs the memory check of the page on `backend` over `steps` MLP steps. */
async function memoryIn(backend: string, steps: number) {
  const page = await browser.newPage();
  const blocked = await blockNetwork(page);
  await page.route('http://localhost/conformance.html', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>@dl/tensor memory</title>' }),
  );
  await page.goto('http://localhost/conformance.html');
  await page.addScriptTag({ content: bundle });
  const r = (await page.evaluate(`CONFORMANCE.memory(${JSON.stringify(backend)}, ${steps})`)) as {
    base: { api: number; live: number };
    after: { api: number; live: number };
    made: number;
    leaked: number;
    ms: number;
    finite: boolean;
  };
  await page.close();
  expect(blocked).toEqual([]);
  return r;
}

describe.skipIf(!haveChromium)('conformance in Chromium (SwiftShader)', () => {
  test.each(['webgl2', 'webgpu'])(
    '%s: device memory does not grow over 1000 training steps (counted at the WebGL / WebGPU API)',
    async (backend) => {
      const r = await memoryIn(backend, 1000);
      console.log(
        `${backend}: 1000 MLP steps in ${(r.ms / 1000).toFixed(1)} s, ${r.made} textures/buffers made`,
      );
      expect(r.finite).toBe(true);
      expect(r.after.live).toBe(r.base.live);
      expect(r.after.api).toBeLessThanOrEqual(r.base.api);
      expect(r.made).toBeGreaterThan(1000); // the steps made (and freed) device memory
      expect(r.leaked).toBeGreaterThanOrEqual(10); // and the count would show a leak
    },
    300_000,
  );

  test('WebGL2: every case matches the CPU at 1e-5 on the device, and the MLP gives the CPU parameters', async () => {
    check(await runIn('webgl2'), 'webgl2');
  }, 300_000);

  test('WebGPU (our WGSL kernels, read back with dataAsync): every case matches the CPU at 1e-5, and the MLP gives the CPU parameters', async () => {
    const r = await runIn('webgpu');
    check(r, 'webgpu');
    // bad input: `.data` names dataAsync; an op without a webgpu kernel names the op (there is no CPU fallback)
    const message =
      'TypeError: data: a webgpu tensor cannot be read synchronously (WebGPU reads back asynchronously); use await x.dataAsync() (an op without a webgpu kernel reads its inputs so: it cannot run on WebGPU)';
    expect(r.bad?.data).toBe(message);
    // a shader that fails to compile: one warning naming the op, then a TypeError naming it (no CPU fallback)
    expect(r.bad?.compile?.warnings).toHaveLength(1);
    expect(r.bad?.compile?.warnings[0]).toMatch(
      /^@dl\/tensor\/gpu: the webgpu kernel cos failed to compile \(the kernel failed to compile: /,
    );
    expect(r.bad?.compile?.again).toMatch(
      /^TypeError: cos: no webgpu kernel \(the kernel failed to compile: /,
    );
    expect(r.bad?.noKernel).toBe(
      'TypeError: isNan: no webgpu kernel (no webgpu kernel for isNan); on WebGPU every op needs a device kernel, since reading back is asynchronous: read the inputs with await x.dataAsync() and run it on CPU tensors',
    );
  }, 300_000);
});
