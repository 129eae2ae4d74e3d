import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { blockNetwork, chromiumAvailable, launchChromium } from '../browser/chromium';
import { root as repoRoot } from './workspace';

// @dl/tensor in a real browser (Debian's Chromium, headless; never downloaded by a test): the built ESM bundle,
// bundled for the browser by esbuild, on a page's main thread and in a dedicated worker. The WebAssembly SIMD
// kernels must load there and give the JavaScript kernels' results bit for bit. No page reaches the network.
// `.ci/run` installs Chromium when it is missing; without it these tests are skipped (and say so).

const haveChromium = chromiumAvailable('browser tests');

/** Runs in the browser (page or worker): the same ops with both kernel backends, compared element by element. */
const check = `
async function runCheck() {
  const T = globalThis.DL;
  const initial = T.getKernelBackend();
  const mk = (shape, seed) => new T.Tensor(
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => (i % 13 === 5 ? [NaN, Infinity, -0][i % 3] : Math.sin(i * 0.37 + seed) * 5)),
    shape, 'float32');
  const a = mk([300, 301], 1), b = mk([301, 302], 2), row = mk([301], 3), col = mk([300, 1], 4);
  const ops = () => [T.add(a, row), T.div(col, a), T.mul(a, 2.5), T.sub(a, a), T.exp(a), T.relu(a),
    T.softmax(a, { axis: -1 }), T.logSoftmax(a, { axis: -1 }), T.sum(a), T.mean(a, { axis: -1 }), T.matmul(a, b)];
  for (let i = 0; i < 200 && T.getKernelBackend() !== 'wasm'; i++) await new Promise((r) => setTimeout(r, 10));
  const backend = T.getKernelBackend();
  const wasm = ops();
  T.setKernelBackend('js');
  const js = ops();
  T.setKernelBackend('wasm');
  let differences = 0;
  for (let k = 0; k < wasm.length; k++) {
    for (let i = 0; i < wasm[k].size; i++) if (!Object.is(wasm[k].data[i], js[k].data[i])) differences++;
  }
  return { initial, backend, differences, outputs: wasm.length };
}
`;

let browser: Browser;
let bundle: string;

beforeAll(async () => {
  if (!haveChromium) return;
  const out = await build({
    stdin: {
      contents: "export * from '@dl/tensor';",
      resolveDir: join(repoRoot, 'packages/tensor'),
    },
    bundle: true,
    format: 'iife',
    globalName: 'DL',
    platform: 'browser',
    // the built package (dist/), as a user's bundler would resolve it
    conditions: ['import'],
    alias: { '@dl/tensor': join(repoRoot, 'packages/tensor/dist/index.js') },
    write: false,
  });
  bundle = out.outputFiles[0]!.text;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

interface Result {
  initial: string;
  backend: string;
  differences: number;
  outputs: number;
}

describe.skipIf(!haveChromium)('@dl/tensor in Chromium', () => {
  test('main thread: the WebAssembly kernels load and equal the JavaScript kernels bit for bit', async () => {
    const page = await browser.newPage();
    const blocked = await blockNetwork(page);
    await page.setContent('<!doctype html><title>@dl/tensor</title>');
    await page.addScriptTag({ content: `${bundle}\n${check}` });
    const r = (await page.evaluate('runCheck()')) as Result;
    await page.close();
    expect(blocked).toEqual([]);
    expect(r.backend).toBe('wasm');
    expect(r.outputs).toBe(11);
    expect(r.differences).toBe(0);
  });

  test('dedicated worker: the same', async () => {
    const page = await browser.newPage();
    const blocked = await blockNetwork(page);
    await page.setContent('<!doctype html><title>@dl/tensor worker</title>');
    const source = `${bundle}\n${check}\nrunCheck().then((r) => postMessage(r));`;
    // evaluated in the page (a string: this file is type-checked without the DOM library)
    const r = (await page.evaluate(`new Promise((resolve, reject) => {
      const worker = new Worker(URL.createObjectURL(new Blob([${JSON.stringify(source)}], { type: 'text/javascript' })));
      worker.onmessage = (e) => resolve(e.data);
      worker.onerror = (e) => reject(new Error(e.message));
    })`)) as Result;
    await page.close();
    expect(blocked).toEqual([]);
    expect(r.initial).toBe('wasm');
    expect(r.backend).toBe('wasm');
    expect(r.differences).toBe(0);
  });

  test('a Content Security Policy without wasm-unsafe-eval: the JavaScript kernels run, with the same results', async () => {
    const page = await browser.newPage();
    const blocked = await blockNetwork(page);
    await page.route('http://dl.test/', (route) =>
      route.fulfill({
        contentType: 'text/html',
        headers: { 'Content-Security-Policy': "script-src 'unsafe-inline'" },
        body: `<!doctype html><title>csp</title><script>${bundle.replace(/<\/script/g, '<\\/script')}\n${check}</script>`,
      }),
    );
    await page.goto('http://dl.test/');
    const r = (await page.evaluate('runCheck()')) as Result;
    await page.close();
    expect(blocked).toEqual([]);
    expect(r.backend).toBe('js');
    expect(r.differences).toBe(0);
  });
});
