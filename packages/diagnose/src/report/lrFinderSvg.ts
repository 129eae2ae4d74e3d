import { defineOptions, describe } from '@dl/internal';
import type { LrRangeTestReport } from '../runLrRangeTest';
import { checkSize, checkText } from './_check';
import { COLORS, extent, fmt, Plot, px } from './_svg';

/** Options of {@link lrFinderSvg}. */
export interface LrFinderSvgOptions {
  /**
   * The width of the image, in pixels.
   * @defaultValue 560
   */
  width?: number;
  /**
   * The height of the image, in pixels.
   * @defaultValue 320
   */
  height?: number;
  /**
   * A title drawn above the plot (escaped).
   * @defaultValue '' (none)
   */
  title?: string;
  /**
   * Draw the raw losses (thin, light) under the smoothed curve.
   * @defaultValue true
   */
  showRaw?: boolean;
}

const readOptions = /* @__PURE__ */ defineOptions<LrFinderSvgOptions>()('lrFinderSvg', {
  width: 560,
  height: 320,
  title: '',
  showRaw: true,
});

const RULES = [
  ['steepest', 'steepest', COLORS[3]!],
  ['valley', 'valley', COLORS[2]!],
  ['minimum', 'minimum ÷ 10', COLORS[4]!],
] as const;

/**
 * Draws a learning-rate range test as an SVG document: the smoothed loss against the learning rate (log axis),
 * the raw losses lighter beneath, the points the rules did not read shaded (`skipStart`, `skipEnd`, after a
 * divergence), each suggestion marked where its rule picked it — steepest descent, valley, and the minimum (with
 * an arrow to a tenth of its rate) — and, when the three agree within the agreement factor, the band they span.
 * Hand-written SVG, deterministic.
 *
 * @param report - the result of {@link index!runLrRangeTest} (or `{ curve, suggestions }` built from
 * {@link index!lrRangeTest} and {@link index!suggestLearningRates}).
 * @param options - size, title, whether to draw the raw losses.
 * @returns a standalone SVG document.
 * @example
 * ```ts
 * import { runLrRangeTest } from '@dl/diagnose';
 * import { lrFinderSvg } from '@dl/diagnose/report';
 * let w = 0;
 * const report = runLrRangeTest((lr) => {
 *   const loss = (w - 3) ** 2;
 *   w -= lr * 2 * (w - 3);
 *   return loss;
 * }, { startLr: 1e-3, endLr: 10, numIter: 60 });
 * const svg = lrFinderSvg(report, { title: 'toy quadratic' });
 * svg.includes('valley'); // true
 * ```
 */
export function lrFinderSvg(
  report: Pick<LrRangeTestReport, 'curve' | 'suggestions'>,
  options: LrFinderSvgOptions = {},
): string {
  const fn = 'lrFinderSvg';
  const o = readOptions(options, fn);
  const ok =
    typeof report === 'object' &&
    report !== null &&
    typeof report.curve === 'object' &&
    report.curve !== null &&
    Array.isArray(report.curve.lrs) &&
    Array.isArray(report.curve.smoothed) &&
    Array.isArray(report.curve.losses) &&
    typeof report.suggestions === 'object' &&
    report.suggestions !== null &&
    Array.isArray(report.suggestions.window);
  if (!ok) {
    throw new TypeError(
      `${fn}: report must be the result of runLrRangeTest() ({ curve, suggestions }), got ${describe(report)}`,
    );
  }
  const width = checkSize(fn, 'width', o.width, 200);
  const height = checkSize(fn, 'height', o.height, 150);
  const title = checkText(fn, 'title', o.title);
  if (typeof o.showRaw !== 'boolean')
    throw new TypeError(`${fn}: showRaw must be a boolean, got ${describe(o.showRaw)}`);
  const { curve, suggestions } = report;
  const lrs = curve.lrs;
  if (lrs.length === 0) throw new RangeError(`${fn}: report.curve holds no iteration`);
  const smoothed = curve.smoothed.map((v) => (v === null ? Number.NaN : v));
  const raw = curve.losses.map((v) => (v === null ? Number.NaN : v));
  const [x0, x1] = extent(lrs, true);
  // the y range: the smoothed loss (and the raw ones before the window's end), cut where the explosion starts
  const finite = smoothed.filter(Number.isFinite);
  const end0 = Math.max(1, Math.min(lrs.length, suggestions.window[1]));
  const inWindow = [...smoothed.slice(0, end0), ...(o.showRaw ? raw.slice(0, end0) : [])].filter(
    Number.isFinite,
  );
  const lo = inWindow.length ? Math.min(...inWindow) : finite.length ? Math.min(...finite) : 0;
  const first = finite[0] ?? 1;
  const smoothWindow = smoothed.slice(0, end0).filter(Number.isFinite);
  const hi = Math.max(first, ...smoothWindow) + 0.25 * Math.abs(first - lo);
  const y0 = Math.max(0, lo - 0.08 * (hi - lo));
  const y1 = hi + 0.05 * (hi - lo || 1);
  const legend: { label: string; color: string; dash?: boolean }[] = [
    { label: 'smoothed loss', color: COLORS[0]! },
  ];
  if (o.showRaw) legend.push({ label: 'raw loss', color: '#9ecae1' });
  for (const [key, label, color] of RULES) if (suggestions[key]) legend.push({ label, color });
  const agree = suggestions.agreement;
  const subtitle = suggestions.reason
    ? `no suggestion: ${suggestions.reason}`
    : `${curve.iteration} iterations, ${curve.status}; suggested ${fmt(suggestions.lr!, 3)} (valley); rules ${
        agree.agree ? 'agree' : 'disagree'
      } (spread ×${fmt(agree.ratio!, 3)})`;
  const plot = new Plot({
    width,
    height,
    title,
    subtitle,
    xLabel: 'learning rate',
    yLabel: 'loss',
    x: [x0, x1],
    y: [y0, y1],
    logX: true,
    legend,
  });
  // shade what the rules did not read
  const [start, end] = suggestions.window;
  const shade = (from: number, to: number) => {
    if (to <= from) return;
    const a = plot.x(lrs[Math.max(0, from)]!);
    const b = plot.x(lrs[Math.min(lrs.length - 1, to)]!);
    plot.raw(
      `<rect x="${px(a)}" y="${plot.top}" width="${px(Math.max(0, b - a))}" height="${plot.h}" fill="#000" fill-opacity="0.05"/>`,
    );
  };
  shade(0, start);
  shade(Math.max(start, end - 1), lrs.length - 1);
  if (agree.agree && agree.range) {
    const a = plot.x(agree.range[0]);
    const b = plot.x(agree.range[1]);
    plot.raw(
      `<rect x="${px(a)}" y="${plot.top}" width="${px(Math.max(1, b - a))}" height="${plot.h}" fill="${COLORS[2]}" fill-opacity="0.12"/>`,
    );
  }
  if (o.showRaw) plot.line(lrs, raw, '#9ecae1', { width: 1 });
  plot.line(lrs, smoothed, COLORS[0]!);
  RULES.forEach(([key, label, color], i) => {
    const s = suggestions[key];
    if (!s) return;
    plot.points([s.lrAtPoint], [s.loss], color, 4);
    if (key === 'minimum') {
      // an arrow from the minimum to a tenth of its rate, at the same height
      const ya = plot.y(s.loss);
      const xa = plot.x(s.lrAtPoint);
      const xb = plot.x(s.lr);
      plot.raw(`<path d="M${px(xa)} ${px(ya)}H${px(xb)}m5 -3l-5 3l5 3" fill="none" stroke="${color}"/>`);
    } else plot.vline(s.lr, color);
    // labels stacked in the upper left, each pointing at its rate by colour
    plot.raw(
      `<text x="${px(plot.left + 8)}" y="${px(plot.top + 16 + 14 * i)}" fill="${color}">${label}: ${fmt(s.lr, 3)}</text>`,
    );
  });
  if (curve.status === 'diverged' || curve.status === 'non-finite') {
    plot.vline(
      lrs[lrs.length - 1]!,
      '#777',
      curve.status === 'diverged' ? 'diverged' : 'non-finite loss',
      'end',
    );
  }
  return plot.end();
}
