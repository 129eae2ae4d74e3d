// setNumThreads in a real browser: Debian's Chromium, headless (playwright-core, never downloaded). On a
// cross-origin isolated page (COOP same-origin + COEP require-corp) the workers start from a Blob, share the
// WebAssembly memory, and the page's main thread, which may not block, polls for them: the products must equal one
// thread's bit for bit and the workers must take part. On a page that is not isolated the count stays 1. Skipped,
// saying why, without /usr/bin/chromium.
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  blockNetwork,
  chromiumAvailable,
  launchChromium,
  pageProblems,
} from '../../../tests/browser/chromium';

const haveChromium = chromiumAvailable('Chromium threads');
const src = new URL('../src/', import.meta.url).pathname;

interface Report {
  isolated: boolean;
  before: number;
  n: number;
  products: number;
  same: boolean;
  checked: number;
}

let browser: Browser;
let bundle: string;

beforeAll(async () => {
  if (!haveChromium) return;
  const out = await build({
    stdin: {
      contents: `
        import { getNumThreads, setNumThreads, Tensor } from ${JSON.stringify(`${src}index.ts`)};
        import { batchedMatmul } from ${JSON.stringify(`${src}ops/matmul.ts`)};
        import { setParallelMin } from ${JSON.stringify(`${src}threads/hook.ts`)};
        import { parallelProducts, threadsReady } from ${JSON.stringify(`${src}threads/setNumThreads.ts`)};
        const filled = (shape, seed) => {
          const n = shape[0] * shape[1];
          const d = new Float32Array(n);
          let s = seed;
          for (let i = 0; i < n; i++) { s = (Math.imul(s, 1103515245) + 12345) >>> 0; d[i] = i % 11 === 3 ? [0, -0, NaN, Infinity, 1e-40][s % 5] : s / 2 ** 32 - 0.5; }
          return new Tensor(d, shape, 'float32');
        };
        export async function run() {
          const before = setNumThreads(2);
          await threadsReady();
          let same = true;
          let checked = 0;
          for (const [M, K, N, ta, tb] of [[67, 300, 35, false, false], [130, 64, 17, true, false], [9, 513, 40, false, true], [256, 256, 256, true, true]]) {
            const a = filled(ta ? [K, M] : [M, K], M);
            const b = filled(tb ? [N, K] : [K, N], N);
            setParallelMin(0);
            const t = batchedMatmul(a, b, ta, tb);
            setParallelMin(Infinity);
            const o = batchedMatmul(a, b, ta, tb);
            for (let i = 0; i < o.size; i++) if (!Object.is(t.data[i], o.data[i])) same = false;
            checked += o.size;
          }
          const report = { isolated: globalThis.crossOriginIsolated === true, before, n: getNumThreads(), products: parallelProducts(), same, checked };
          setNumThreads(1);
          return report;
        }`,
      resolveDir: src,
    },
    bundle: true,
    format: 'iife',
    globalName: 'THREADS',
    platform: 'browser',
    alias: { '@dl/internal': new URL('../../internal/src/index.ts', import.meta.url).pathname },
    write: false,
    logLevel: 'silent',
  });
  bundle = out.outputFiles[0]!.text;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

async function runIn(isolated: boolean): Promise<{ report: Report; problems: string[]; blocked: string[] }> {
  const page = await browser.newPage();
  const problems = pageProblems(page);
  const blocked = await blockNetwork(page);
  const headers: Record<string, string> = isolated
    ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' }
    : {};
  await page.route('http://localhost/threads.html', (route) =>
    route.fulfill({
      contentType: 'text/html',
      headers,
      body: '<!doctype html><title>@dl/tensor threads</title>',
    }),
  );
  await page.goto('http://localhost/threads.html');
  await page.addScriptTag({ content: bundle });
  const report = (await page.evaluate('THREADS.run()')) as Report;
  await page.close();
  return { report, problems, blocked };
}

describe.skipIf(!haveChromium)('setNumThreads in Chromium', () => {
  test('cross-origin isolated page: two threads (the main thread polls), products bit-identical to one thread', async () => {
    const { report, problems, blocked } = await runIn(true);
    expect(report.isolated).toBe(true);
    expect(report.before).toBe(1);
    expect(report.n).toBe(2);
    expect(report.products).toBe(4);
    expect(report.same).toBe(true);
    expect(report.checked).toBe(67 * 35 + 130 * 17 + 9 * 40 + 256 * 256);
    expect(problems).toEqual([]);
    expect(blocked).toEqual([]);
  }, 120_000);
  test('page without cross-origin isolation: no SharedArrayBuffer, the count stays 1, products unchanged', async () => {
    const { report, problems } = await runIn(false);
    expect(report.isolated).toBe(false);
    expect(report.n).toBe(1);
    expect(report.products).toBe(0);
    expect(report.same).toBe(true);
    expect(problems).toEqual([]);
  }, 120_000);
});
