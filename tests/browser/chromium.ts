// Debian's Chromium for every browser test (tests/packages, tests/site, @dl/tensor's conformance in Chromium, the
// example pages): one launcher with one set of flags, the network blocked, page errors collected. The browser is
// driven by playwright-core, which never downloads one; without /usr/bin/chromium the tests are skipped, saying
// why (`.ci/run` installs it with apt when it runs as root). Imported by relative path, like tests/doc-examples:
// the turbo `test` tasks list this folder among their inputs.
import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Where Debian installs Chromium (`apt-get install -y chromium`). */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Whether Chromium is installed; when it is not, warns once that `what` is skipped (for `describe.skipIf`).
 * @param what - what the caller would run, as the warning names it: `'site browser tests'`.
 */
export function chromiumAvailable(what: string): boolean {
  const found = existsSync(CHROMIUM);
  if (!found) console.warn(`${what} skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);
  return found;
}

/** Flags of every launch: no sandbox (containers, root), nothing that calls home. */
const FLAGS = [
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** WebGL2 without a GPU: ANGLE on SwiftShader (software Vulkan). */
const WEBGL_FLAGS = ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'];

/** WebGPU without a GPU: Dawn on SwiftShader's Vulkan (`navigator.gpu` exists only in a secure context). */
const WEBGPU_FLAGS = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-webgpu-adapter=swiftshader',
];

/**
 * Starts headless Chromium.
 * @param options - `webgl`: WebGL2 on SwiftShader (for gpu.js), default `false`; `webgpu`: a WebGPU adapter on
 *   SwiftShader (pages served from http://localhost or 127.0.0.1), default `false`.
 */
export function launchChromium(options: { webgl?: boolean; webgpu?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [...FLAGS, ...(options.webgl ? WEBGL_FLAGS : []), ...(options.webgpu ? WEBGPU_FLAGS : [])],
  });
}

/**
 * Blocks every request of a page or context that does not go to `origin` (none: every request): each is aborted
 * and its URL pushed on the returned list, which a test expects to stay empty. A route registered later (a
 * stubbed file, a fulfilled test page) takes precedence over this one.
 * @param target - the page or context.
 * @param origin - the local server allowed, `http://127.0.0.1:port`; default none.
 * @param blocked - the list to push on, default a new one.
 * @returns `blocked`.
 */
export async function blockNetwork(
  target: Page | BrowserContext,
  origin?: string,
  blocked: string[] = [],
): Promise<string[]> {
  await target.route('**/*', (route) => {
    const url = route.request().url();
    if (origin !== undefined && url.startsWith(`${origin}/`)) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  return blocked;
}

/**
 * Collects the console errors (and warnings, when asked) and uncaught errors of a page, for a test that expects
 * none.
 * @param page - the page.
 * @param options - `warnings`: console warnings count too, default `false`.
 * @returns the list, filled as the page runs.
 */
export function pageProblems(page: Page, options: { warnings?: boolean } = {}): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || (options.warnings && m.type() === 'warning')) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return problems;
}
