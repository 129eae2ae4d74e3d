import { defineOptions, describe } from '@dl/internal';
import { checkReport } from './_check';
import type { Report, ReportFigure } from './createReport';

/** Options of {@link reportToMarkdown}. */
export interface ReportToMarkdownOptions {
  /**
   * Where each figure's SVG file will be, relative to the Markdown (write `figure.svg` there).
   * @defaultValue (figure) => `${figure.id}.svg`
   */
  figureHref?: (figure: ReportFigure) => string;
  /**
   * The level of the report's title heading (sections are one level below).
   * @defaultValue 1
   */
  headingLevel?: number;
}

const readOptions = /* @__PURE__ */ defineOptions<ReportToMarkdownOptions>()('reportToMarkdown', {
  figureHref: undefined,
  headingLevel: 1,
});

/** Escapes the characters Markdown would read in a table cell or a line of text. */
const md = (s: string) => s.replace(/([\\`*_[\]|<>])/g, '\\$1');

/**
 * Renders a {@link Report} as Markdown for people: a heading per section, its summary, a table of its facts, its
 * list (the remedies) and its figure as an image link (`![caption](loss-curves.svg)`: write each
 * `report.figures[i].svg` next to the Markdown, or choose the paths with `figureHref`).
 *
 * @param report - the report from {@link createReport}.
 * @param options - where the figures are, the heading level.
 * @returns the Markdown text (ends with a newline).
 * @example
 * ```ts
 * import { diagnoseCurves } from '@dl/diagnose';
 * import { createReport, reportToMarkdown } from '@dl/diagnose/report';
 * const curves = { train: [2.3, 1.0, 0.5, 0.3, 0.25, 0.22, 0.21, 0.2, 0.2, 0.2] };
 * const report = createReport({ title: 'run 7', curves, diagnosis: diagnoseCurves(curves) });
 * const text = reportToMarkdown(report, { figureHref: (f) => `images/${f.id}.svg` });
 * text.startsWith('# run 7'); // true
 * text.includes('](images/loss-curves.svg)'); // true
 * ```
 */
export function reportToMarkdown(report: Report, options?: ReportToMarkdownOptions): string {
  const fn = 'reportToMarkdown';
  const o = readOptions(options, fn);
  checkReport(fn, report);
  const href = o.figureHref ?? ((f: ReportFigure) => `${f.id}.svg`);
  if (typeof href !== 'function') {
    throw new TypeError(`${fn}: figureHref must be a function (figure) => path, got ${describe(href)}`);
  }
  const level = o.headingLevel;
  if (typeof level !== 'number' || !Number.isInteger(level) || level < 1 || level > 5) {
    throw new RangeError(`${fn}: headingLevel must be an integer in [1, 5], got ${describe(level)}`);
  }
  const h = (n: number) => '#'.repeat(n);
  const out: string[] = [`${h(level)} ${md(report.title)}`, ''];
  for (const s of report.sections) {
    out.push(`${h(level + 1)} ${md(s.title)}`, '');
    if (s.summary) out.push(md(s.summary), '');
    if (s.facts.length) {
      out.push('| | |', '|---|---|');
      for (const f of s.facts) out.push(`| ${md(f.label)} | ${md(f.value)} |`);
      out.push('');
    }
    if (s.items.length) {
      if (s.itemsTitle) out.push(`${md(s.itemsTitle)}:`, '');
      s.items.forEach((item, i) => {
        out.push(`${i + 1}. ${md(item)}`);
      });
      out.push('');
    }
    const fig = s.figure === null ? undefined : report.figures.find((f) => f.id === s.figure);
    if (fig) {
      const path = href(fig);
      if (typeof path !== 'string') {
        throw new TypeError(
          `${fn}: figureHref must return a string, got ${describe(path)} for figure "${fig.id}"`,
        );
      }
      out.push(
        `![${md(fig.alt ?? fig.title)}](${path.replace(/[()\s]/g, encodeURIComponent)})`,
        '',
        `*${md(fig.title)}*`,
        '',
      );
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}
