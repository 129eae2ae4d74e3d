import { defineOptions } from '@dl/internal';
import { finite, integer, show } from './validate';

/** Options of {@link plotSvg}. */
export interface PlotSvgOptions {
  /**
   * The width of the image, in pixels.
   * @defaultValue 480
   */
  width?: number;
  /**
   * The height of the image, in pixels.
   * @defaultValue 240
   */
  height?: number;
  /**
   * A title drawn above the plot (escaped).
   * @defaultValue '' (none)
   */
  title?: string;
  /**
   * The label of each series, shown in a legend when there are two or more.
   * @defaultValue [] (no legend)
   */
  labels?: readonly string[];
  /**
   * The label of the x axis (escaped).
   * @defaultValue 'step'
   */
  xLabel?: string;
  /**
   * Use a logarithmic y axis (every value must then be > 0).
   * @defaultValue false
   */
  logY?: boolean;
  /**
   * The stroke colours, cycled through the series.
   * @defaultValue ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728']
   */
  colors?: readonly string[];
}

/** @internal The checker of {@link PlotSvgOptions}: its option names and defaults. */
export const plotSvgOptions = /* @__PURE__ */ defineOptions<PlotSvgOptions>()('plotSvg', {
  width: 480,
  height: 240,
  title: '',
  labels: [],
  xLabel: 'step',
  logY: false,
  colors: undefined,
});

const escapeXml = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** Formats an axis label: up to 4 significant digits, no trailing zeros. */
const tick = (v: number): string => String(Number(v.toPrecision(4)));

/**
 * Draws one or more series (e.g. from {@link sample}) as a line chart: a self-contained SVG string, no DOM needed.
 *
 * Step $t$ of a series of length $n$ is at $x = t/(n - 1)$ of the width; the y axis spans the minimum to the
 * maximum over all series (on a log scale with `logY`). With two or more labels a legend is drawn under the axis. Coordinates are rounded to 0.01 px, so the output is deterministic.
 *
 * @param series - one series of values, or several.
 * @param options - size, title, labels and colours.
 * @returns the SVG document as a string.
 * @example
 * ```ts
 * import { plotSvg, sample, cosineAnnealing } from '@dl/schedule';
 * const svg = plotSvg(sample(cosineAnnealing({ initial: 0.1, tMax: 50 }), 100), { title: 'cosine' });
 * svg.startsWith('<svg'); // true
 * ```
 * @see {@link sample} to get the values of a schedule.
 */
export function plotSvg(
  series: readonly number[] | readonly (readonly number[])[],
  options: PlotSvgOptions = {},
): string {
  const fn = 'plotSvg';
  const {
    width,
    height,
    title,
    labels,
    xLabel,
    logY,
    colors = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728'],
  } = plotSvgOptions(options, fn);
  integer(fn, 'width', width, 100);
  integer(fn, 'height', height, 60);
  if (!Array.isArray(series))
    throw new TypeError(`${fn}: series must be an array of numbers or of arrays, got ${show(series)}`);
  const lines = (
    series.length > 0 && Array.isArray(series[0]) ? series : [series]
  ) as readonly (readonly number[])[];
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  lines.forEach((line, i) => {
    if (!Array.isArray(line) || line.length === 0) {
      throw new RangeError(`${fn}: series[${i}] must be a non-empty array of numbers, got ${show(line)}`);
    }
    for (const v of line) {
      finite(fn, `series[${i}] values`, v);
      if (logY && v <= 0) throw new RangeError(`${fn}: with logY every value must be > 0, got ${v}`);
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  });
  if (hi === lo) {
    const pad = (Math.abs(hi) || 1) / 2;
    hi += pad;
    lo -= logY ? lo / 2 : pad;
  }
  const legend = labels.length > 1 ? lines.length : 0;
  const left = 56;
  const right = 12;
  const top = title ? 28 : 12;
  const bottom = 30 + 14 * legend;
  const w = width - left - right;
  const h = height - top - bottom;
  const r = (v: number) => String(Math.round(v * 100) / 100);
  const x = (t: number, n: number) => left + (n > 1 ? (t / (n - 1)) * w : w / 2);
  const scale = logY ? Math.log : (v: number) => v;
  const y = (v: number) => top + (1 - (scale(v) - scale(lo)) / (scale(hi) - scale(lo))) * h;
  const steps = Math.max(...lines.map((l) => l.length));
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
  ];
  if (title)
    out.push(
      `<text x="${r(width / 2)}" y="17" text-anchor="middle" font-size="13">${escapeXml(title)}</text>`,
    );
  out.push(
    `<path d="M${left} ${top}V${top + h}H${left + w}" fill="none" stroke="#444"/>`,
    `<text x="${left - 4}" y="${r(top + 4)}" text-anchor="end">${tick(hi)}</text>`,
    `<text x="${left - 4}" y="${r(top + h)}" text-anchor="end">${tick(lo)}</text>`,
    `<text x="${left}" y="${r(top + h + 14)}" text-anchor="middle">0</text>`,
    `<text x="${left + w}" y="${r(top + h + 14)}" text-anchor="middle">${steps - 1}</text>`,
    `<text x="${r(left + w / 2)}" y="${r(top + h + 24)}" text-anchor="middle">${escapeXml(xLabel)}</text>`,
  );
  lines.forEach((line, i) => {
    const pts = line.map((v, t) => `${r(x(t, line.length))},${r(y(v))}`).join(' ');
    const color = escapeXml(colors[i % colors.length] ?? '#000');
    out.push(`<polyline points="${pts}" fill="none" stroke="${color}" stroke-width="1.5"/>`);
    if (legend && labels[i] !== undefined) {
      const ly = top + h + 40 + 14 * i;
      out.push(
        `<path d="M${left} ${ly - 4}h16" stroke="${color}" stroke-width="2"/>`,
        `<text x="${left + 20}" y="${ly}" fill="#222">${escapeXml(labels[i]!)}</text>`,
      );
    }
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
