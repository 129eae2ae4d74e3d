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
}

let browser: Browser;
let bundle: string;

beforeAll(async () => {
  if (!haveChromium) return;
  const out = await build({
    stdin: {
      contents: `
        import { createDevice } from ${JSON.stringify(`${src}gpu.ts`)};
        import { CASES, KERNEL_CASES, compare, runCase, runKernelCase, trainMlp } from ${JSON.stringify(`${here}suite.ts`)};
        import { tidy } from ${JSON.stringify(`${src}index.ts`)};
        export async function run(backend) {
          const warnings = [];
          let device;
          try { device = await createDevice({ backend, warn: (m) => warnings.push(m) }); }
          catch (e) { return { backend, error: e.message, cases: [], warnings, mlp: { worst: [], losses: [] }, liveTextures: 0 }; }
          const cases = [...CASES.map((c) => () => runCase(device, c)), ...KERNEL_CASES.map((c) => () => runKernelCase(device, c))].map((f, i) => { try { return f(); } catch (e) { return { name: String(i), ok: false, message: String(e && e.stack || e) }; } });
          const cpu = trainMlp('cpu');
          const dev = trainMlp(device, undefined, tidy);
          const worst = cpu.params.map((p, i) => compare(dev.params[i], p));
          return { backend: device.name, cases, warnings, mlp: { worst, losses: dev.losses }, liveTextures: device.liveTextures };
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
  browser = await launchChromium({ webgl: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!haveChromium)('conformance in Chromium (SwiftShader)', () => {
  test('WebGL2: every case matches the CPU at 1e-5 on the device, and the MLP gives the CPU parameters', async () => {
    const page = await browser.newPage();
    const blocked = await blockNetwork(page);
    await page.setContent('<!doctype html><title>@dl/tensor conformance</title>');
    await page.addScriptTag({ content: bundle });
    const r = (await page.evaluate("CONFORMANCE.run('webgl2')")) as PageReport;
    await page.close();
    expect(blocked).toEqual([]);
    expect(r.error).toBeUndefined();
    expect(r.backend).toBe('webgl2');
    expect(r.cases.filter((c) => !c.ok).map((c) => `${c.name}: ${c.message}`)).toEqual([]);
    expect(r.cases.length).toBeGreaterThan(30);
    expect(r.warnings).toEqual([]);
    for (const w of r.mlp.worst) expect(w).toBeLessThanOrEqual(1);
    expect(r.liveTextures).toBe(0);
  }, 300_000);
});
