// What both example pages' tests do (this one's and examples/digits-gpu's): the page built into a folder of its
// own (turbo may be building dist/ at the same time), served locally by serve.mjs, opened in Debian's Chromium
// (tests/browser/chromium.ts: headless, playwright-core, never a browser download) with every other request
// blocked; the test waits for the chart, then for the end of training, and saves a screenshot.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blockNetwork, launchChromium, pageProblems } from '../../../tests/browser/chromium';
import { buildPage } from '../build.mjs';
import { serve } from '../serve.mjs';

/**
 * Builds, serves and opens the page of `example`, and resolves once it has trained.
 * @param {object} options
 * @param {string} options.example - the example's folder name under examples/ (`'digits-gpu'`).
 * @param {string} [options.query] - the page's query string, default `''`.
 * @param {boolean} [options.webgl] - WebGL2 on SwiftShader, default `false`.
 * @param {boolean} [options.webgpu] - WebGPU on SwiftShader, default `false`.
 * @param {boolean} [options.warnings] - console warnings count as problems, default `false`.
 * @param {number} [options.chartTimeout] - milliseconds to wait for the first chart, default 60 000.
 * @returns {Promise<{ digits: any, early: string, problems: string[], blocked: string[] }>} what the page leaves
 *   in `globalThis.digits`, the status line once the chart is there, the page's errors and blocked requests.
 */
export async function trainInPage({
  example,
  query = '',
  webgl = false,
  webgpu = false,
  warnings = false,
  chartTimeout = 60_000,
}) {
  const folder = new URL(`../../${example}/`, import.meta.url).pathname;
  const out = mkdtempSync(join(tmpdir(), `${example}-`));
  await buildPage(folder, out);
  const server = await serve(0, out);
  const browser = await launchChromium({ webgl, webgpu });
  try {
    const origin = `http://127.0.0.1:${server.address().port}`;
    const page = await browser.newPage({ viewport: { width: 820, height: 620 } });
    const blocked = await blockNetwork(page, origin);
    const problems = pageProblems(page, { warnings });
    await page.goto(`${origin}/${query}`);
    // the chart is redrawn after each epoch: it is there long before the end
    await page.waitForSelector('#chart svg polyline', { timeout: chartTimeout });
    const early = await page.evaluate(() => document.getElementById('status').textContent);
    await page.waitForFunction(() => globalThis.digits !== undefined, null, { timeout: 240_000 });
    const digits = await page.evaluate(() => globalThis.digits);
    const screenshots = new URL(`../../../test-results/${example}/`, import.meta.url).pathname;
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: `${screenshots}page.png`, fullPage: true });
    await page.close();
    return { digits, early, problems, blocked };
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
}
