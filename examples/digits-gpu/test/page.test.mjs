import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../../digits-browser/serve.mjs';

// The page in Debian's Chromium (headless, playwright-core, never a browser download), served locally with every
// other request blocked, on WebGL2 rendered by SwiftShader (no GPU here): the model trains on the device, the
// chart follows, the loss goes down, no texture is left. Skipped without /usr/bin/chromium.

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium)
  console.warn(`digits-gpu test skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);
const screenshots = fileURLToPath(new URL('../../../test-results/digits-gpu/', import.meta.url));

let server;
let browser;
beforeAll(async () => {
  if (!haveChromium) return;
  const out = mkdtempSync(join(tmpdir(), 'digits-gpu-'));
  execFileSync(process.execPath, [fileURLToPath(new URL('../build.mjs', import.meta.url)), out], {
    stdio: 'inherit',
  });
  server = await serve(0, out);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--ignore-gpu-blocklist',
    ],
  });
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
});

describe.skipIf(!haveChromium)('digits on the GPU in the browser', () => {
  it('trains on a WebGL2 device in the page: the loss goes down, accuracy >= 0.9, no texture left', async () => {
    const origin = `http://127.0.0.1:${server.address().port}`;
    const page = await browser.newPage({ viewport: { width: 820, height: 620 } });
    const blocked = [];
    const problems = [];
    await page.route('**/*', (route) => {
      if (route.request().url().startsWith(`${origin}/`)) return route.continue();
      blocked.push(route.request().url());
      return route.abort('blockedbyclient');
    });
    page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${origin}/?backend=webgl2`);
    await page.waitForSelector('#chart svg polyline', { timeout: 120_000 });
    await page.waitForFunction(() => globalThis.digits !== undefined, null, { timeout: 240_000 });
    const { curves, accuracy, device, liveTextures } = await page.evaluate(() => globalThis.digits);
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: `${screenshots}page.png`, fullPage: true });
    await page.close();

    expect(problems).toEqual([]);
    expect(blocked).toEqual([]);
    expect(device).toBe('webgl2');
    expect(curves.train).toHaveLength(10);
    expect(curves.train.at(-1)).toBeLessThan(0.5 * curves.train[0]);
    expect(curves.validation.at(-1)).toBeLessThan(0.5 * curves.validation[0]);
    expect(accuracy).toBeGreaterThanOrEqual(0.9);
    // parameters, moments and the test set: 6 + 6 + 6 + 2
    expect(liveTextures).toBe(20);
  });
});
