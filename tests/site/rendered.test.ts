import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  ensureSite,
  leftoverTex,
  links,
  modulePage,
  packages,
  pages,
  read,
  root,
  site,
  visibleText,
} from './site';

// Static checks of the built API site (docs/api), page by page: formulas rendered by KaTeX at build time and
// nothing left of their TeX, every link resolves to a page of the site, packages and guides linked both ways.
// The same site in a real browser: browser.test.ts.

let all: string[];
beforeAll(() => {
  ensureSite();
  all = pages();
});

/**
 * Formulas written with a backslash escape that Markdown would eat (`\,` `\;` `\!` `\{` `\}` `\_` `\|`), as
 * written in the source.
 */
function escapedFormulas(markdown: string): string[] {
  const prose = markdown.replace(/^(```|~~~)[\s\S]*?^\1/gm, '').replace(/`[^`\n]*`/g, '');
  const found: string[] = [];
  for (const m of prose.matchAll(/\$\$([\s\S]+?)\$\$|\$([^$\n]+?)\$/g)) {
    const tex = (m[1] ?? m[2] ?? '').trim();
    if (/\\[,;!{}_|]/.test(tex)) found.push(tex.replace(/\s+/g, ' '));
  }
  return found;
}

/** The comment text of a TypeScript source, without the ` * ` margins. */
function commentText(source: string): string {
  return [...source.matchAll(/\/\*\*([\s\S]*?)\*\//g)].map((m) => m[1]!.replace(/^\s*\* ?/gm, '')).join('\n');
}

describe('the API site', () => {
  test('has a page per package and the guides', () => {
    expect(all.length).toBeGreaterThan(50);
    for (const { name } of packages()) expect(all, name).toContain(modulePage(name));
    expect(all.filter((p) => p.startsWith('documents/')).length).toBeGreaterThanOrEqual(
      readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).length,
    );
  });

  test('loads nothing from the network: KaTeX stylesheet and fonts are in the site', () => {
    for (const page of all) {
      const html = read(page);
      for (const m of html.matchAll(/<(?:script|link|img|iframe)\b[^>]*\s(?:src|href)="(https?:[^"]*)"/g)) {
        expect.fail(`${page} loads ${m[1]} from the network`);
      }
    }
    const css = readFileSync(join(site, 'assets/katex/katex.min.css'), 'utf8');
    const fonts = [...css.matchAll(/url\(([^)]+)\)/g)].map((m) => m[1]!.replace(/["']/g, ''));
    expect(fonts.length).toBeGreaterThan(20);
    for (const font of fonts) expect(existsSync(join(site, 'assets/katex', font)), font).toBe(true);
    expect(read('index.html')).toContain('assets/katex/katex.min.css');
  });

  test('every formula is rendered by KaTeX: no error node, no TeX left in the text', () => {
    const problems: string[] = [];
    let formulas = 0;
    for (const page of all) {
      const html = read(page);
      formulas += (html.match(/class="katex"/g) ?? []).length;
      if (/class="[^"]*\bkatex-error\b/.test(html)) problems.push(`${page}: a KaTeX error node`);
      const left = leftoverTex(visibleText(html));
      if (left.length) problems.push(`${page}: TeX outside KaTeX: ${left.slice(0, 5).join('  ')}`);
    }
    expect(problems).toEqual([]);
    expect(formulas).toBeGreaterThan(50);
  });

  test('backslash escapes inside formulas survive Markdown, in the guides and in TSDoc comments', () => {
    const annotations = new Set<string>();
    for (const page of all) {
      for (const m of read(page).matchAll(
        /<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/g,
      )) {
        annotations.add(
          m[1]!
            .replace(/&amp;/g, '&')
            .replace(/&lt;/g, '<')
            .replace(/&gt;/g, '>')
            .replace(/&quot;/g, '"')
            .replace(/&#39;/g, "'")
            .replace(/\s+/g, ' ')
            .trim(),
        );
      }
    }
    const sources: [string, string][] = readdirSync(join(root, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => [`docs/${f}`, readFileSync(join(root, 'docs', f), 'utf8')]);
    for (const { dir } of packages()) {
      const src = join(root, 'packages', dir, 'src');
      for (const f of readdirSync(src).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
        sources.push([`packages/${dir}/src/${f}`, commentText(readFileSync(join(src, f), 'utf8'))]);
      }
    }
    const missing: string[] = [];
    let checked = 0;
    for (const [file, text] of sources) {
      for (const tex of escapedFormulas(text)) {
        checked++;
        // TypeDoc's comment and document parser reads `\{` `\}` `\@` `` \` `` (and `\/` in comments) as escapes
        // and drops the backslash, so `\{` would reach KaTeX as a bare group brace: a set without its braces.
        if (/(^|[^\\])\\[{}]/.test(tex)) {
          missing.push(
            `${file}: ${tex} (TypeDoc drops the backslash of \\{ and \\}: write \\lbrace, \\rbrace)`,
          );
          continue;
        }
        const expected = tex.replace(file.endsWith('.md') ? /\\([{}@`])/g : /\\([{}@/`])/g, '$1');
        if (!annotations.has(expected)) missing.push(`${file}: ${tex} is not rendered as written`);
      }
    }
    expect(missing).toEqual([]);
    // hvp's H(x)\,v and the tensor guide's sums at least
    expect(checked).toBeGreaterThan(2);
    expect(annotations).toContain('H(x)\\,v');
  });

  test('every internal link and resource resolves, anchors included; none points at a raw .md file', () => {
    const ids = new Map<string, Set<string>>();
    const idsOf = (page: string) => {
      let set = ids.get(page);
      if (!set) {
        set = new Set([...read(page).matchAll(/\s(?:id|name)="([^"]+)"/g)].map((m) => m[1]!));
        ids.set(page, set);
      }
      return set;
    };
    const broken: string[] = [];
    for (const page of all) {
      for (const link of links(page, read(page))) {
        if (link.external) continue;
        if (/\.md$/i.test(link.path)) broken.push(`${page}: links to the Markdown file ${link.raw}`);
        else if (!existsSync(join(site, link.path))) broken.push(`${page}: ${link.raw} (no ${link.path})`);
        else if (link.hash && link.path.endsWith('.html') && !idsOf(link.path).has(link.hash)) {
          broken.push(`${page}: ${link.raw} (no anchor #${link.hash} in ${link.path})`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  test('every page is reachable from the index by following links', () => {
    const seen = new Set(['index.html']);
    const queue = ['index.html'];
    for (let page = queue.shift(); page !== undefined; page = queue.shift()) {
      for (const link of links(page, read(page))) {
        if (
          !link.external &&
          link.path.endsWith('.html') &&
          !seen.has(link.path) &&
          existsSync(join(site, link.path))
        ) {
          seen.add(link.path);
          queue.push(link.path);
        }
      }
    }
    expect(all.filter((p) => !seen.has(p))).toEqual([]);
  });

  test('the index shows the package table and links every package', () => {
    const index = read('index.html');
    expect(index).toContain('<table');
    for (const { name } of packages()) expect(index, name).toContain(`href="${modulePage(name)}"`);
  });

  test('the index links the report of the main job, a self-contained page in the site', () => {
    expect(read('index.html')).toContain('href="media/report.html"');
    const report = read('media/report.html');
    expect(report).toMatch(/<svg/);
    // one file: no script, stylesheet, image or font to fetch
    expect(report).not.toMatch(/<script|<link|<img|@import|url\(/);
  });

  test('each package page opens with its README and links to its guide, and the guide back to the API', () => {
    for (const { dir, name } of packages()) {
      const page = read(modulePage(name));
      const text = page
        .replace(/<[^>]+>/g, '')
        .replace(/&amp;/g, '&')
        .replace(/&#39;/g, "'")
        .replace(/&quot;/g, '"');
      const readme = readFileSync(join(root, 'packages', dir, 'README.md'), 'utf8');
      const headings = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]!.replace(/[`*]/g, '').trim());
      expect(headings.length, `${dir}/README.md has sections`).toBeGreaterThan(2);
      for (const heading of headings) expect(text, `${name}'s page shows its README`).toContain(heading);
      if (!existsSync(join(root, 'docs', `${dir}.md`))) continue;
      const guide =
        /<div class="tsd-navigation dl-partner">\s*<h3>Guide<\/h3>\s*<a href="\.\.\/([^"]+)"/.exec(page)?.[1];
      expect(guide, `${name}'s page links to its guide`).toMatch(/^documents\/.+\.html$/);
      expect(read(guide!), `the guide of ${name} links to its API`).toMatch(
        new RegExp(`<h3>API reference</h3>\\s*<a href="\\.\\./${modulePage(name)}"`),
      );
    }
  });

  test('"On This Page" entries have text, headings made of code spans included', () => {
    const empty: string[] = [];
    for (const page of all) {
      const html = read(page);
      for (const m of html.matchAll(/<h[1-6] id="([^"]*)" class="tsd-anchor-link">/g)) {
        if (!m[1]) empty.push(`${page}: a heading without an anchor`);
      }
      const menu = /<div class="page-menu">([\s\S]*?)<div class="site-menu">/.exec(html)?.[1] ?? '';
      for (const m of menu.matchAll(/<a href="#[^"]*"[^>]*>([\s\S]*?)<\/a>/g)) {
        if (!m[1]!.replace(/<[^>]+>/g, '').trim() && !m[1]!.includes('<svg'))
          empty.push(`${page}: an empty entry`);
      }
    }
    expect(empty).toEqual([]);
  });
});
