import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The built API site (docs/api, written by `pnpm docs:site`, i.e. `npx typedoc`) as the tests read it.

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const site = join(root, 'docs/api');
/** Screenshots for review land here (ignored by git; CI keeps the folder). */
export const screenshots = join(root, 'test-results/site');

/**
 * Builds the site when it is missing (CI builds it just before, in `docs:site`): the main job's report first (the
 * README links it; it needs the packages built), then TypeDoc.
 */
export function ensureSite(): void {
  if (existsSync(join(site, 'index.html'))) return;
  console.warn('docs/api is missing: building the site (the digits job, then npx typedoc)');
  execFileSync(process.execPath, ['examples/digits/main.mjs', '--out', 'digits-report'], {
    cwd: root,
    stdio: 'inherit',
  });
  execFileSync('npx', ['typedoc'], { cwd: root, stdio: 'inherit' });
}

/** Every HTML page of the site, as paths relative to docs/api with forward slashes. */
export function pages(): string[] {
  return (readdirSync(site, { recursive: true }) as string[])
    .map((f) => f.split('\\').join('/'))
    .filter((f) => f.endsWith('.html'))
    .sort();
}

export function read(page: string): string {
  return readFileSync(join(site, page), 'utf8');
}

/** The publishable packages (folders of packages/ but the private ones), as `{ dir, name }`. */
export function packages(): { dir: string; name: string }[] {
  return readdirSync(join(root, 'packages'))
    .filter((dir) => existsSync(join(root, 'packages', dir, 'package.json')))
    .map((dir) => ({
      dir,
      manifest: JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')),
    }))
    .filter(({ manifest }) => !manifest.private)
    .map(({ dir, manifest }) => ({ dir, name: manifest.name as string }));
}

/** The page TypeDoc writes for a package's module (`@dl/tensor` → modules/_dl_tensor.html). */
export function modulePage(name: string): string {
  return `modules/${name.replace(/[^\w-]/g, '_')}.html`;
}

/**
 * The text a reader sees outside code: tags, scripts, code and the TeX source that KaTeX keeps in its MathML
 * `<annotation>` removed, entities decoded (KaTeX's own output is glyphs: no `$`, no backslash).
 */
export function visibleText(html: string): string {
  return html
    .replace(/<annotation[\s\S]*?<\/annotation>/g, ' ')
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<pre[\s\S]*?<\/pre>/g, ' ')
    .replace(/<code[\s\S]*?<\/code>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** TeX that escaped KaTeX: `$$`, a `\command`, or `$…$` around something with a backslash, caret or underscore. */
export function leftoverTex(text: string): string[] {
  return text.match(/\$\$|\\[a-zA-Z]{2,}|\$[^$\s][^$\n]*?[\\^_][^$\n]*?\$/g) ?? [];
}

/** The links and resources of a page: `href` and `src` values, resolved against the page. */
export function links(
  page: string,
  html: string,
): { raw: string; path: string; hash: string; external: boolean }[] {
  const out = [];
  for (const m of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
    const raw = m[1]!.replace(/&amp;/g, '&');
    if (/^(https?:|mailto:|data:|javascript:)/i.test(raw)) {
      out.push({ raw, path: raw, hash: '', external: true });
      continue;
    }
    const [pathPart, hash = ''] = raw.split('#') as [string, string?];
    const path =
      pathPart === '' ? page : posix.normalize(posix.join(posix.dirname(page), decodeURI(pathPart)));
    out.push({ raw, path, hash: decodeURIComponent(hash), external: false });
  }
  return out;
}
