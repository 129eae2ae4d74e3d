import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../serve.mjs';

// The page in Debian's Chromium (headless, driven by playwright-core, which never downloads a browser), served
// locally with every other request blocked: the model trains in the page, the chart follows, the loss goes down.
// Skipped without /usr/bin/chromium (`.ci/run` installs it). A screenshot lands in test-results/digits-browser/.

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium)
  console.warn(`digits-browser test skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);
const screenshots = fileURLToPath(new URL('../../../test-results/digits-browser/', import.meta.url));

let server;
let browser;
beforeAll(async () => {
  if (!haveChromium) return;
  // a bundle of its own: turbo may be building dist/ at the same time
  const out = mkdtempSync(join(tmpdir(), 'digits-browser-'));
  execFileSync(process.execPath, [fileURLToPath(new URL('../build.mjs', import.meta.url)), out], {
    stdio: 'inherit',
  });
  server = await serve(0, out);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
  });
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
});

describe.skipIf(!haveChromium)('digits in the browser', () => {
  it('trains in the page on the WebAssembly kernels: the loss goes down, accuracy >= 0.95', async () => {
    const origin = `http://127.0.0.1:${server.address().port}`;
    const page = await browser.newPage({ viewport: { width: 820, height: 620 } });
    const blocked = [];
    const problems = [];
    await page.route('**/*', (route) => {
      if (route.request().url().startsWith(`${origin}/`)) return route.continue();
      blocked.push(route.request().url());
      return route.abort('blockedbyclient');
    });
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${origin}/`);
    // the chart is redrawn after each epoch: it is there long before the end
    await page.waitForSelector('#chart svg polyline', { timeout: 60_000 });
    const early = await page.evaluate(() => document.getElementById('status').textContent);
    await page.waitForFunction(() => globalThis.digits !== undefined, null, { timeout: 240_000 });
    const { curves, accuracy, kernels } = await page.evaluate(() => globalThis.digits);
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: `${screenshots}page.png`, fullPage: true });
    await page.close();

    expect(problems).toEqual([]);
    expect(blocked).toEqual([]);
    expect(early).toMatch(/^epoch \d+\/30/);
    expect(kernels).toBe('wasm');
    expect(curves.train).toHaveLength(30);
    expect(curves.train.at(-1)).toBeLessThan(0.6 * curves.train[0]);
    expect(curves.validation.at(-1)).toBeLessThan(0.6 * curves.validation[0]);
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
  });
});
