// @ts-check
// The API site's TypeDoc plugin (loaded by the root typedoc.json): KaTeX formulas rendered when the site is built.
//
// * `$…$` and `$$…$$` in TSDoc comments, package READMEs and the guides (docs/*.md) become KaTeX HTML + MathML at
//   build time, through a markdown-it rule (@vscode/markdown-it-katex) that takes the formula out BEFORE Markdown
//   sees it: `\,`, `\{`, `_` and `*` inside a formula stay TeX, not Markdown escapes or emphasis.
// * A formula KaTeX cannot parse is a TypeDoc warning naming the page and the formula (the site treats warnings as
//   errors), never a silent red box.
// * Headings made of code spans or formulas keep their text in "On This Page" and in their anchors.
// * Navigation: the guides (docs/*.md) in one "Guides" group, a package's guide (docs/<name>.md for @dl/<name>)
//   first and linked from its package (a "Guide" entry in the package's navigation and a link beside its README),
//   the package's API under "Packages"; docs/benchmarks/*.md become pages under docs/benchmarks.md. A page without a
//   front-matter `title` takes its first `# heading`. Nothing here lists packages or guides: new ones are picked up.
// * KaTeX's stylesheet and fonts come from the `katex` npm package (the version that rendered the formulas) and are
//   copied into the site's assets/katex/: the pages need no network and no script for mathematics.
import { cpSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import markdownItKatexModule from '@vscode/markdown-it-katex';
import katex from 'katex';
import { Application, JSX, MarkdownEvent, ReflectionKind, RendererEvent } from 'typedoc';

const require = createRequire(import.meta.url);
// a CommonJS module whose `exports.default` is the plugin
const markdownItKatex = /** @type {any} */ (markdownItKatexModule).default ?? markdownItKatexModule;
const katexDist = join(dirname(require.resolve('katex/package.json')), 'dist');

/** @param {import('typedoc').Application} app */
export function load(app) {
  /** @type {string} the page being rendered, for warnings */
  let page = '(unknown page)';
  app.renderer.on(RendererEvent.BEGIN, () => {
    page = '(unknown page)';
  });
  app.renderer.on('beginPage', (event) => {
    page = event.url;
  });

  /** KaTeX as the markdown-it rule calls it, with errors and strict-mode complaints turned into TypeDoc warnings. */
  const reportingKatex = {
    ...katex,
    /** @type {typeof katex.renderToString} */
    renderToString(tex, options = {}) {
      try {
        return katex.renderToString(tex, {
          ...options,
          throwOnError: true,
          strict: (/** @type {string} */ code, /** @type {string} */ message) => {
            app.logger.warn(`KaTeX (${code}) in ${page}: ${message} in formula ${JSON.stringify(tex)}`);
            return 'ignore';
          },
        });
      } catch (error) {
        app.logger.warn(
          `KaTeX cannot render a formula in ${page}: ${String(error)}; formula ${JSON.stringify(tex)}`,
        );
        throw error; // the markdown-it rule turns it into a .katex-error node, which the site test also rejects
      }
    },
  };

  // Options are read again after plugins load: set the loader once they are final.
  app.on(Application.EVENT_BOOTSTRAP_END, () => {
    const previousLoader = app.options.getValue('markdownItLoader');
    app.options.setValue('markdownItLoader', (/** @type {import('markdown-it').default} */ parser) => {
      previousLoader(parser);
      parser.use(markdownItKatex, { katex: /** @type {typeof katex} */ (reportingKatex) });
      parser.use(headingText);
    });
  });

  /** a package's module and its guide, both ways */
  /** @type {Map<import('typedoc').Reflection, import('typedoc').Reflection>} */
  const partner = new Map();
  // before TypeDoc groups and sorts the merged project (priority -100), then after it
  app.on(Application.EVENT_PROJECT_REVIVE, (project) => organize(project, partner), 0);
  app.on(Application.EVENT_PROJECT_REVIVE, renameGroups, -200);

  app.renderer.on(
    RendererEvent.BEGIN,
    () => {
      const theme = /** @type {import('typedoc').DefaultTheme} */ (app.renderer.theme);
      const router = app.renderer.router;
      if (!theme || !router || !('buildNavigation' in theme)) return;
      const build = theme.buildNavigation.bind(theme);
      theme.buildNavigation = (project) => {
        const nav = build(project);
        /** @param {import('typedoc').NavigationElement[]} elements */
        const visit = (elements) => {
          for (const element of elements) {
            // the version is on the package's page; in the navigation it is noise
            element.text = element.text.replace(/ - v\d+\.\d+\.\d+\S*$/, '');
            const model = [...partner.keys()].find(
              (r) =>
                r.kindOf(ReflectionKind.Module) && router.hasUrl(r) && router.getFullUrl(r) === element.path,
            );
            const guide = model && partner.get(model);
            if (guide && router.hasUrl(guide)) {
              element.children = [
                {
                  text: `Guide: ${guide.name}`,
                  path: router.getFullUrl(guide),
                  kind: ReflectionKind.Document,
                },
                ...(element.children ?? []),
              ];
            } else if (element.children) visit(element.children);
          }
        };
        visit(nav);
        return nav;
      };
    },
    100,
  );

  // beside a package's README: its guide; beside a guide: its package's API
  app.renderer.hooks.on('pageSidebar.begin', (context) => {
    const other = partner.get(context.page.model);
    if (!other) return JSX.createElement(JSX.Fragment, null);
    const isGuide = other.kindOf(ReflectionKind.Module);
    return JSX.createElement(
      'div',
      { class: 'tsd-navigation dl-partner' },
      JSX.createElement('h3', null, isGuide ? 'API reference' : 'Guide'),
      JSX.createElement('a', { href: context.urlTo(other) }, other.name),
    );
  });

  // `{@link @dl/tensor!}` shows its text "@dl/tensor!": show the package name (before Markdown renders, priority 0)
  app.renderer.on(
    MarkdownEvent.PARSE,
    (event) => {
      event.parsedText = event.parsedText.replace(/(<a [^>]*>)\s*(@?[\w./-]+)!<\/a>/g, '$1$2</a>');
    },
    10,
  );

  app.renderer.hooks.on('head.end', (context) =>
    JSX.createElement('link', { rel: 'stylesheet', href: context.relativeURL('assets/katex/katex.min.css') }),
  );

  app.renderer.on(RendererEvent.END, (event) => {
    const target = join(event.outputDirectory, 'assets', 'katex');
    mkdirSync(target, { recursive: true });
    cpSync(join(katexDist, 'katex.min.css'), join(target, 'katex.min.css'));
    cpSync(join(katexDist, 'fonts'), join(target, 'fonts'), { recursive: true });
  });
}

/**
 * Titles, the benchmark pages' parent, the order of the guides, and which guide belongs to which package.
 * @param {import('typedoc').ProjectReflection} project
 * @param {Map<import('typedoc').Reflection, import('typedoc').Reflection>} partner
 */
function organize(project, partner) {
  const documents = [...(project.documents ?? [])];
  const pathOf = (/** @type {import('typedoc').Reflection} */ r) => project.files.getReflectionPath(r) ?? '';
  for (const document of documents) {
    // TypeDoc names a page after its front-matter title, else after its file
    if (!pathOf(document).replace(/\.md$/, '').endsWith(document.name)) continue;
    const markdown = document.content.map((part) => part.text).join('');
    const heading = /^#[ \t]+(.+)$/m.exec(markdown)?.[1];
    if (heading) document.name = heading.replaceAll('`', '').replace(/: .*/, '').trim();
  }
  const benchmarks = documents.find((d) => pathOf(d).endsWith('/docs/benchmarks.md'));
  for (const document of documents) {
    if (benchmarks && /\/docs\/benchmarks\/[^/]+\.md$/.test(pathOf(document))) {
      project.removeChild(document);
      /** @type {any} */ (document).parent = benchmarks;
      benchmarks.addChild(document);
    }
  }
  const modules = (project.children ?? []).filter((c) => c.kindOf(ReflectionKind.Module));
  const packageGuides = [];
  for (const module of modules) {
    const short = module.name.replace(/^@[^/]+\//, '');
    const guide = documents.find((d) => pathOf(d).endsWith(`/docs/${short}.md`));
    if (!guide) continue;
    partner.set(module, guide);
    partner.set(guide, module);
    packageGuides.push(guide);
  }
  // the package guides in the packages' order, then the others; benchmarks and DEVELOPERS.md last
  const last = (/** @type {import('typedoc').DocumentReflection} */ d) =>
    d === benchmarks ? 1 : pathOf(d).endsWith('/DEVELOPERS.md') ? 2 : 0;
  const others = (project.documents ?? [])
    .filter((d) => !packageGuides.includes(d))
    .sort((a, b) => last(a) - last(b));
  project.documents = [...packageGuides, ...others];
  project.childrenIncludingDocuments = [...project.documents, ...(project.children ?? [])];
}

/** @param {import('typedoc').ProjectReflection} project */
function renameGroups(project) {
  for (const group of project.groups ?? []) {
    if (group.title === 'Documents') group.title = 'Guides';
    if (group.title === 'Modules') group.title = 'Packages';
  }
}

/**
 * TypeDoc names a heading (its "On This Page" entry and its anchor) from the heading's plain-text tokens only, so
 * "## `sum(x, options)`" had no text. This rule puts the text of each code span and formula of a heading into a
 * text token that renders as nothing, just before it.
 * @param {import('markdown-it').default} md
 */
function headingText(md) {
  md.core.ruler.push('dl_heading_text', (state) => {
    for (let i = 1; i < state.tokens.length; i++) {
      const inline = state.tokens[i];
      if (state.tokens[i - 1]?.type !== 'heading_open' || inline?.type !== 'inline' || !inline.children)
        continue;
      const children = [];
      for (const child of inline.children) {
        if (child.type === 'code_inline' || child.type === 'math_inline') {
          const text = new state.Token('text', '', 0);
          text.content = child.content;
          text.meta = { dlHidden: true };
          children.push(text);
        }
        children.push(child);
      }
      inline.children = children;
    }
  });
  const text = md.renderer.rules.text;
  md.renderer.rules.text = (tokens, idx, options, env, self) =>
    tokens[idx]?.meta?.dlHidden
      ? ''
      : text
        ? text(tokens, idx, options, env, self)
        : md.utils.escapeHtml(tokens[idx]?.content ?? '');
}
