import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { blockNetwork, chromiumAvailable, launchChromium, pageProblems } from '../browser/chromium';
import { ensureSite, modulePage, packages, pages, read, screenshots, site } from './site';

// The built API site in a real browser (Debian's Chromium, headless, driven by playwright-core, which never
// downloads a browser), served from a local static server with every other request blocked: formulas render with
// the bundled KaTeX fonts, every page reachable from the index loads without a console error or a failed request,
// the search finds API names and guide text. Screenshots of the index, a guide and an API page are saved under
// test-results/site/ for review. `.ci/run` installs Chromium when it is missing; without it this file is skipped.

/** Tabs loading pages at once in the crawl (measured on 2 cores: see the crawl test). */
// biome-ignore lint/suspicious/noUndeclaredEnvVars: read by this test only, never by a turbo task
const TAB_COUNT = Number(process.env.DL_SITE_TABS ?? 4);
const haveChromium = chromiumAvailable('site browser tests');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

let server: Server;
let origin: string;
let browser: Browser;
let context: BrowserContext;
/** Requests to anything but the local server: aborted, and listed here. */
const blocked: string[] = [];

beforeAll(async () => {
  if (!haveChromium) return;
  ensureSite();
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    const file = join(site, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(site) || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await blockNetwork(context, origin, blocked);
  mkdirSync(screenshots, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

interface Visit {
  problems: string[];
  links: string[];
}

/**
 * Opens a page and collects its console errors, page errors, failed requests and same-site links; `full`: waits
 * for the navigation tree that the page's scripts build.
 */
async function visit(page: Page, path: string, full = true): Promise<Visit> {
  const problems: string[] = [];
  const onConsole = (m: { type(): string; text(): string }) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  };
  const onError = (e: Error) => problems.push(`page error: ${e.message}`);
  // ERR_ABORTED: a request the page itself cancelled (a font no longer needed once scripts redraw the page)
  const onFailed = (r: { url(): string; failure(): { errorText: string } | null }) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED')
      problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
  };
  const onResponse = (r: { url(): string; status(): number }) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  };
  page.on('console', onConsole);
  page.on('pageerror', onError);
  page.on('requestfailed', onFailed);
  page.on('response', onResponse);
  try {
    const response = await page.goto(`${origin}/${path}`, { waitUntil: 'load' });
    if (!response?.ok()) problems.push(`HTTP ${response?.status()}`);
    // the navigation tree is filled in by the page's scripts after load
    if (full) {
      await page.waitForFunction('document.querySelector("#tsd-nav-container a") !== null', null, {
        timeout: 15_000,
      });
    }
    const links = (await page.evaluate(
      `[...document.querySelectorAll('a[href]')].map((a) => a.href).filter((h) => h.startsWith(${JSON.stringify(origin)}))`,
    )) as string[];
    return { problems, links: links.map((h) => h.slice(origin.length + 1).replace(/#.*$/, '')) };
  } finally {
    page.off('console', onConsole);
    page.off('pageerror', onError);
    page.off('requestfailed', onFailed);
    page.off('response', onResponse);
  }
}

describe.skipIf(!haveChromium)('the API site in Chromium, offline', () => {
  test('formulas render with the bundled KaTeX: glyphs in KaTeX fonts, no raw $$', async () => {
    const page = await context.newPage();
    const hvp = pages().find((p) => /^functions\/.*\.hvp\.html$/.test(p)) ?? modulePage('@dl/schedule');
    const guide = pages().find((p) => p.startsWith('documents/') && read(p).includes('class="katex"'))!;
    for (const path of [hvp, guide]) {
      const { problems } = await visit(page, path);
      expect(problems, path).toEqual([]);
      // the fonts are fetched once the math is laid out (TypeDoc shows the page when its scripts are ready)
      await page.waitForFunction(
        `[...document.fonts].some((f) => f.family.replace(/"/g, '') === 'KaTeX_Main' && f.status === 'loaded')`,
        null,
        { timeout: 15_000 },
      );
      const r = (await page.evaluate(`(() => {
        const math = [...document.querySelectorAll('.katex')];
        const glyph = document.querySelector('.katex-html .mord');
        return {
          count: math.length,
          errors: document.querySelectorAll('.katex-error').length,
          font: glyph ? getComputedStyle(glyph).fontFamily : '',
          fontErrors: [...document.fonts].filter((f) => f.status === 'error').map((f) => f.family),
          raw: document.body.innerText.includes('$$'),
        };
      })()`)) as { count: number; errors: number; font: string; fontErrors: string[]; raw: boolean };
      expect(r.count, `${path} has KaTeX output`).toBeGreaterThan(0);
      expect(r.errors).toBe(0);
      expect(r.font).toMatch(/KaTeX/);
      expect(r.fontErrors).toEqual([]);
      expect(r.raw).toBe(false);
    }
    await page.close();
    expect(blocked).toEqual([]);
  });

  test('every page loads without console errors, failed requests or 404s', async () => {
    // Every page of the site (index, guides, package pages, every generated API page, the benchmark pages and
    // media), in TAB_COUNT tabs of one context: about 0.13 s of CPU per page (measured: 755 pages, ~100
    // CPU-seconds for Chromium and the test together, i.e. about a minute on two idle cores). Each page loads the
    // same search index and navigation tree (checked with the full scripts in the tests below); here they are
    // answered with an empty script, to keep the crawl short — nothing else is blocked but the network.
    // DL_SITE_SAMPLE=1 loads only the hand-written pages and the first and last API page of each kind (one
    // template each), for a quick run. Every link of every page is also followed statically in rendered.test.ts.
    const all = pages();
    const byKind = new Map<string, string[]>();
    for (const p of all) {
      const kind = p.includes('/') ? p.slice(0, p.indexOf('/')) : '';
      byKind.set(kind, [...(byKind.get(kind) ?? []), p]);
    }
    // biome-ignore lint/suspicious/noUndeclaredEnvVars: read by this test only, never by a turbo task
    const chosen = !process.env.DL_SITE_SAMPLE
      ? all
      : [...byKind].flatMap(([kind, list]) =>
          kind === '' || kind === 'documents' || kind === 'modules'
            ? list
            : [...new Set([list[0]!, list.at(-1)!])],
        );
    const started = performance.now();
    const queue = [...chosen];
    const problems: string[] = [];
    const crawlContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await blockNetwork(crawlContext, origin, blocked);
    // registered after the block, so it answers first
    await crawlContext.route(
      (url) => url.origin === origin && ['/assets/search.js', '/assets/navigation.js'].includes(url.pathname),
      (route) => route.fulfill({ contentType: 'text/javascript', body: '' }),
    );
    const crawl = async (page: Page) => {
      for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
        try {
          const r = await visit(page, path, false);
          for (const p of r.problems) problems.push(`${path}: ${p}`);
          for (const link of r.links) {
            const target = link === '' ? 'index.html' : link;
            if (target.endsWith('.html') && !all.includes(target))
              problems.push(`${path}: a link to ${target}`);
          }
        } catch (error) {
          problems.push(`${path}: ${String(error).split('\n')[0]}`);
        }
      }
    };
    const tabs = await Promise.all(Array.from({ length: TAB_COUNT }, () => crawlContext.newPage()));
    await Promise.all(tabs.map(crawl));
    await crawlContext.close();
    const seconds = (performance.now() - started) / 1000;
    console.log(`site crawl: ${chosen.length} pages in ${seconds.toFixed(1)} s (${TAB_COUNT} tabs)`);
    expect(problems).toEqual([]);
    expect(blocked).toEqual([]);
    expect(chosen.length).toBeGreaterThan(10);
  }, 600_000);

  test('the index, the guides and the package pages build their navigation without errors', async () => {
    const page = await context.newPage();
    const problems: string[] = [];
    for (const path of pages().filter((p) => p === 'index.html' || /^(documents|modules)\//.test(p))) {
      for (const p of (await visit(page, path)).problems) problems.push(`${path}: ${p}`);
    }
    const nav = (await page.evaluate(`document.querySelector('#tsd-nav-container').innerText`)) as string;
    await page.close();
    expect(problems).toEqual([]);
    expect(nav).toMatch(/Guides[\s\S]*Packages/);
    expect(blocked).toEqual([]);
  }, 300_000);

  test('the index lists every package', async () => {
    const page = await context.newPage();
    await visit(page, 'index.html');
    const hrefs = (await page.evaluate(
      `[...document.querySelectorAll('.col-content a[href]')].map((a) => a.getAttribute('href'))`,
    )) as string[];
    for (const { name } of packages()) expect(hrefs, name).toContain(modulePage(name));
    await page.screenshot({ path: join(screenshots, 'index.png') });
    await page.close();
  });

  test.each([
    ['oneCycle', /oneCycle/],
    ['stratifiedKFold', /stratifiedKFold/],
    ['CosineAnnealingLR', /./],
    ['saddle', /./],
    ['Hessian', /./],
  ])('the search finds %s', async (query, expected) => {
    const page = await context.newPage();
    await visit(page, 'index.html');
    await page.click('#tsd-search-trigger');
    await page.fill('#tsd-search-input', query);
    await page.waitForSelector('#tsd-search-results li', { timeout: 10_000 });
    const results = (await page.evaluate(
      `[...document.querySelectorAll('#tsd-search-results li a')].map((a) => ({ text: a.textContent.trim(), href: a.getAttribute('href') }))`,
    )) as { text: string; href: string }[];
    expect(results.length, query).toBeGreaterThan(0);
    expect(
      results.some((r) => expected.test(r.text)),
      JSON.stringify(results),
    ).toBe(true);
    if (query === 'saddle') {
      // guide text: a guide is among the results
      expect(results.some((r) => r.href.includes('documents/'))).toBe(true);
      await page.screenshot({ path: join(screenshots, 'search.png') });
    }
    await page.close();
  });

  test('the report of the main job opens offline and its charts render', async () => {
    // the README links the job's report (written by `docs:site`); TypeDoc copies it into media/
    expect(pages()).toContain('media/report.html');
    const offline = await browser.newContext({ viewport: { width: 1100, height: 900 }, offline: true });
    const requests: string[] = [];
    offline.on('request', (r) => {
      if (!r.url().startsWith('file:')) requests.push(r.url());
    });
    const page = await offline.newPage();
    const problems = pageProblems(page);
    await page.goto(`file://${join(site, 'media/report.html')}`, { waitUntil: 'load' });
    const charts = (await page.evaluate(`[...document.querySelectorAll('svg')].map((svg) => {
      const box = svg.getBoundingClientRect();
      return { width: box.width, height: box.height, lines: svg.querySelectorAll('path, polyline').length,
        text: svg.textContent };
    })`)) as { width: number; height: number; lines: number; text: string }[];
    await page.screenshot({ path: join(screenshots, 'report.png'), fullPage: true });
    await offline.close();
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    // per fold a loss and an accuracy chart, and the schedule
    expect(charts.length).toBeGreaterThanOrEqual(11);
    for (const chart of charts) {
      expect(chart.width).toBeGreaterThan(200);
      expect(chart.height).toBeGreaterThan(100);
      expect(chart.lines).toBeGreaterThan(0);
      expect(chart.text).toMatch(/epoch|step/);
    }
    // the diagnosis' evidence is marked on the loss curves, not only told in the captions
    expect(charts.filter((c) => /validation minimum/.test(c.text)).length).toBeGreaterThanOrEqual(6);
    expect(existsSync(join(screenshots, 'report.png'))).toBe(true);
  });

  test('screenshots of a guide and an API page', async () => {
    const page = await context.newPage();
    const guide =
      pages().find((p) => /^documents\/.*tensor.*\.html$/i.test(p)) ??
      pages().find((p) => p.startsWith('documents/'))!;
    await visit(page, guide);
    await page.screenshot({ path: join(screenshots, 'guide.png') });
    const api = pages().find((p) => /^functions\/.*\.hvp\.html$/.test(p)) ?? modulePage(packages()[0]!.name);
    await visit(page, api);
    await page.screenshot({ path: join(screenshots, 'api.png') });
    await page.close();
    for (const f of ['index.png', 'guide.png', 'api.png'])
      expect(existsSync(join(screenshots, f)), f).toBe(true);
  });
});
