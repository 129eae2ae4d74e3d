import { badArgument, defineOptions, describe } from '@dl/internal';
import type { LossLandscape } from '../lossLandscape';
import { checkSize, checkText } from './_check';
import { escapeXml, fmt, Plot, px } from './_svg';

/** Options of {@link lossLandscapeSvg}. */
export interface LossLandscapeSvgOptions {
  /**
   * The width of the image, in pixels.
   * @defaultValue 420
   */
  width?: number;
  /**
   * The height of the image, in pixels.
   * @defaultValue 340
   */
  height?: number;
  /**
   * A title drawn above the plot (escaped).
   * @defaultValue '' (none)
   */
  title?: string;
  /**
   * Colour (2-D) or height (1-D) by $\log_{10}$ of the loss, which shows the basin better when the loss grows
   * by orders of magnitude away from the centre.
   * @defaultValue undefined (on when every finite loss is positive)
   */
  logScale?: boolean;
  /**
   * Contour levels drawn over a 2-D slice (evenly spaced between the smallest and largest loss, on the colour
   * scale).
   * @defaultValue 10
   */
  contours?: number;
}

const readOptions = /* @__PURE__ */ defineOptions<LossLandscapeSvgOptions>()('lossLandscapeSvg', {
  width: 420,
  height: 340,
  title: '',
  logScale: undefined,
  contours: 10,
});

/**
 * Draws a loss-landscape slice from `lossLandscape` (`@dl/diagnose`) as a self-contained SVG string: a 1-D slice as the loss
 * against $\alpha$, a 2-D slice as a heat map (viridis) with contour lines and a colour bar; the centre is marked.
 * Coordinates are rounded to 0.01 px, so the output is deterministic.
 *
 * @param landscape - the slice.
 * @param options - `width`, `height`, `title`, `logScale`, `contours`.
 * @returns the SVG document as a string.
 * @example
 * ```ts
 * import { lossLandscape } from '@dl/diagnose';
 * import { lossLandscapeSvg } from '@dl/diagnose/report';
 * const slice = lossLandscape({ point: [1, 2], loss: (p) => p[0] ** 2 + 3 * p[1] ** 2, dimensions: 2, steps: 9 });
 * lossLandscapeSvg(slice, { title: 'x² + 3y²' }).startsWith('<svg'); // true
 * ```
 */
export function lossLandscapeSvg(landscape: LossLandscape, options?: LossLandscapeSvgOptions): string {
  const fn = 'lossLandscapeSvg';
  const o = readOptions(options);
  const width = checkSize(fn, 'width', o.width, 224);
  const height = checkSize(fn, 'height', o.height, 120);
  const contours = checkSize(fn, 'contours', o.contours, 0);
  const title = checkText(fn, 'title', o.title);
  if (o.logScale !== undefined && typeof o.logScale !== 'boolean') {
    throw badArgument(fn, 'logScale', 'true, false or undefined', o.logScale);
  }
  const s = landscape as Partial<LossLandscape> | null;
  const isArray = (a: unknown): a is ArrayLike<number> => Array.isArray(a) || ArrayBuffer.isView(a);
  if (s === null || typeof s !== 'object' || !isArray(s.alphas) || !isArray(s.values) || !isArray(s.betas)) {
    throw badArgument(fn, 'landscape', 'a LossLandscape from lossLandscape()', landscape);
  }
  const two = s.dimensions === 2;
  const na = s.alphas.length;
  const nb = two ? s.betas.length : 1;
  if (na < 2 || (two && nb < 2) || s.values.length !== na * nb || (s.dimensions !== 1 && !two)) {
    throw new RangeError(
      `${fn}: landscape must have dimensions 1 or 2 and values for every grid point, got dimensions ${describe(s.dimensions)}, ${na} alphas, ${s.betas.length} betas, ${s.values.length} values`,
    );
  }
  const values = Array.from(s.values);
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) throw new RangeError(`${fn}: landscape has no finite loss to draw`);
  const log = o.logScale ?? finite.every((v) => v > 0);
  if (log && !finite.every((v) => v > 0)) {
    throw new RangeError(`${fn}: logScale needs positive losses, got a minimum of ${Math.min(...finite)}`);
  }
  const scale = (v: number) => (log ? Math.log10(v) : v);
  const lo = Math.min(...finite.map(scale));
  const hi = Math.max(...finite.map(scale));
  const alphas = Array.from(s.alphas);
  const xRange: [number, number] = [alphas[0]!, alphas[na - 1]!];
  if (!two) {
    const span = 10 ** (hi - lo);
    const plot = new Plot({
      width,
      height,
      title,
      xLabel: 'α (filter-normalized direction)',
      yLabel: 'loss',
      x: xRange,
      y: log
        ? [10 ** lo / span ** 0.05, 10 ** hi * span ** 0.05]
        : [lo - (hi - lo) * 0.05, hi + (hi - lo) * 0.05],
      logY: log,
    });
    plot.line(alphas, values, '#1f77b4');
    if (Number.isFinite(s.center)) plot.points([0], [s.center!], '#d62728');
    return plot.end();
  }
  const betas = Array.from(s.betas);
  const bar = 64;
  const plot = new Plot({
    width: width - bar,
    height,
    title,
    xLabel: 'α',
    yLabel: 'β',
    x: xRange,
    y: [betas[0]!, betas[nb - 1]!],
  });
  const cw = plot.w / na;
  const ch = plot.h / nb;
  const t = (v: number) => (hi > lo ? (scale(v) - lo) / (hi - lo) : 0.5);
  for (let j = 0; j < nb; j++) {
    for (let i = 0; i < na; i++) {
      const v = values[j * na + i]!;
      const fill = Number.isFinite(v) ? viridis(t(v)) : '#ccc';
      plot.raw(
        `<rect x="${px(plot.left + i * cw)}" y="${px(plot.top + (nb - 1 - j) * ch)}" width="${px(cw + 0.02)}" height="${px(ch + 0.02)}" fill="${fill}"/>`,
      );
    }
  }
  // contour lines by marching squares on the cell centres
  const cx = (i: number) => plot.left + (i + 0.5) * cw;
  const cy = (j: number) => plot.top + (nb - 0.5 - j) * ch;
  const segs: string[] = [];
  for (let c = 1; c <= contours; c++) {
    const level = c / (contours + 1);
    for (let j = 0; j + 1 < nb; j++) {
      for (let i = 0; i + 1 < na; i++) {
        const corner = [
          [i, j],
          [i + 1, j],
          [i + 1, j + 1],
          [i, j + 1],
        ] as const;
        const tv = corner.map(([a, b]) => t(values[b * na + a]!));
        if (tv.some((v) => !Number.isFinite(v))) continue;
        const pts: [number, number][] = [];
        for (let e = 0; e < 4; e++) {
          const p = tv[e]!;
          const q = tv[(e + 1) % 4]!;
          if (p < level !== q < level) {
            const f = (level - p) / (q - p);
            const [a0, b0] = corner[e]!;
            const [a1, b1] = corner[(e + 1) % 4]!;
            pts.push([cx(a0) + (cx(a1) - cx(a0)) * f, cy(b0) + (cy(b1) - cy(b0)) * f]);
          }
        }
        for (let k = 0; k + 1 < pts.length; k += 2) {
          segs.push(`M${px(pts[k]![0])} ${px(pts[k]![1])}L${px(pts[k + 1]![0])} ${px(pts[k + 1]![1])}`);
        }
      }
    }
  }
  if (segs.length > 0) {
    plot.raw(`<path d="${segs.join('')}" fill="none" stroke="#fff" stroke-opacity="0.7"/>`);
  }
  plot.raw(`<circle cx="${px(plot.x(0))}" cy="${px(plot.y(0))}" r="3" fill="#d62728" stroke="#fff"/>`);
  // the colour bar, outside the plot's frame: widen the document by `bar` pixels
  const doc = plot.end();
  const bx = plot.left + plot.w + 14;
  const cells = 24;
  const out: string[] = [];
  for (let k = 0; k < cells; k++) {
    out.push(
      `<rect x="${px(bx)}" y="${px(plot.top + (plot.h * k) / cells)}" width="12" height="${px(plot.h / cells + 0.02)}" fill="${viridis(1 - (k + 0.5) / cells)}"/>`,
    );
  }
  const label = (v: number) => fmt(log ? 10 ** v : v, 3);
  out.push(
    `<text x="${px(bx + 16)}" y="${px(plot.top + 8)}">${escapeXml(label(hi))}</text>`,
    `<text x="${px(bx + 16)}" y="${px(plot.top + plot.h)}">${escapeXml(label(lo))}</text>`,
    `<text x="${px(bx + 16)}" y="${px(plot.top + plot.h / 2 + 4)}">loss${log ? ' (log)' : ''}</text>`,
  );
  const w0 = width - bar;
  return `${doc
    .replace(
      `width="${w0}" height="${height}" viewBox="0 0 ${w0} ${height}"`,
      `width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"`,
    )
    .replace(`<rect width="${w0}"`, `<rect width="${width}"`)
    .slice(0, doc.lastIndexOf('</svg>'))}${out.join('\n')}\n</svg>\n`;
}

/** Viridis sampled at 9 points, interpolated linearly: t in [0, 1] → '#rrggbb'. */
function viridis(t: number): string {
  const stops = [
    [68, 1, 84],
    [71, 44, 122],
    [59, 81, 139],
    [44, 113, 142],
    [33, 144, 141],
    [39, 173, 129],
    [92, 200, 99],
    [170, 220, 50],
    [253, 231, 37],
  ];
  const u = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(u));
  const f = u - i;
  const c = stops[i]!.map((a, k) => Math.round(a + (stops[i + 1]![k]! - a) * f));
  return `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}
