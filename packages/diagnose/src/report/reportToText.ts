import { defineOptions, describe } from '@dl/internal';
import { checkReport } from './_check';
import type { Report } from './createReport';

/** Options of {@link reportToText}. */
export interface ReportToTextOptions {
  /**
   * The width lines are wrapped to, in characters.
   * @defaultValue 100
   */
  width?: number;
  /**
   * Emphasize headings and verdicts with ANSI escape codes (for a terminal that shows colours).
   * @defaultValue false
   */
  color?: boolean;
}

const readOptions = /* @__PURE__ */ defineOptions<ReportToTextOptions>()('reportToText', {
  width: 100,
  color: false,
});

function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width - indent.length) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines;
}

/**
 * Renders a {@link Report} as plain text for a terminal or a log: the title and each section's heading
 * underlined, the summary wrapped to `width`, the facts as aligned `label  value` lines (curves as sparklines),
 * the remedies numbered, and each figure named with the file it would be saved as.
 *
 * @param report - the report from {@link createReport}.
 * @param options - the width, colours.
 * @returns the text (ends with a newline).
 * @example
 * ```ts
 * import { plateauDetector } from '@dl/diagnose';
 * import { createReport, reportToText } from '@dl/diagnose/report';
 * const detector = plateauDetector({ patience: 1, lr: 0.1 });
 * let plateau = detector.init();
 * for (const loss of [1, 0.5, 0.5, 0.5]) plateau = detector.update(plateau, loss);
 * const text = reportToText(createReport({ plateau }));
 * text.split('\n')[3]; // 'Plateaus'
 * text.includes('1 plateau so far, the last at epoch 3'); // true
 * ```
 */
export function reportToText(report: Report, options?: ReportToTextOptions): string {
  const fn = 'reportToText';
  const o = readOptions(options, fn);
  checkReport(fn, report);
  const { width, color } = o;
  if (typeof width !== 'number' || !Number.isInteger(width) || width < 40 || width > 10000) {
    throw new RangeError(`${fn}: width must be an integer in [40, 10000], got ${describe(width)}`);
  }
  if (typeof color !== 'boolean')
    throw new TypeError(`${fn}: color must be a boolean, got ${describe(color)}`);
  const bold = (s: string) => (color ? `\u001b[1m${s}\u001b[0m` : s);
  const out: string[] = [bold(report.title), '='.repeat(Math.min(width, report.title.length)), ''];
  for (const s of report.sections) {
    out.push(bold(s.title), '-'.repeat(Math.min(width, s.title.length)));
    if (s.summary) out.push(...wrap(s.summary, width, ''));
    if (s.facts.length) {
      const pad = Math.min(Math.floor(width * 0.4), Math.max(...s.facts.map((f) => f.label.length)));
      out.push('');
      for (const f of s.facts) {
        const head = `  ${f.label.padEnd(pad)}  `;
        const body = wrap(f.value, width, ' '.repeat(head.length));
        out.push(head + (body[0] ?? '').trimStart(), ...body.slice(1));
      }
    }
    if (s.items.length) {
      out.push('');
      if (s.itemsTitle) out.push(`${s.itemsTitle}:`);
      s.items.forEach((item, i) => {
        const lines = wrap(item, width, '     ');
        out.push(`  ${String(i + 1).padStart(2)}. ${(lines[0] ?? '').trimStart()}`, ...lines.slice(1));
      });
    }
    const fig = s.figure === null ? undefined : report.figures.find((f) => f.id === s.figure);
    if (fig) out.push('', ...wrap(`[figure: ${fig.title} → ${fig.id}.svg]`, width, '  '));
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
