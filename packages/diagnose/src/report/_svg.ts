/**
 * @internal The small hand-written SVG plotter behind every picture of `@dl/diagnose/report`: a frame with
 * linear or logarithmic axes and "nice" ticks, polylines, points, vertical and horizontal markers with labels,
 * a legend. The look is @dl/schedule's and @dl/metrics': white background, sans-serif 11 px, #444 axes, the tab10
 * colours. Output is deterministic (coordinates rounded to 0.01 px) so stale-image tests can compare strings.
 */

/** The tab10 colours, in order. */
export const COLORS = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
];

/** Escapes text for an SVG text node or a double-quoted attribute. */
export const escapeXml = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** A coordinate rounded to 0.01 px. */
export const px = (v: number): string => String(Math.round(v * 100) / 100);

/** A number for people: up to `digits` significant digits, no trailing zeros, exponent form when tiny or huge. */
export function fmt(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a < 1e-3 || a >= 1e6) {
    const [m, e] = v.toExponential(Math.max(0, digits - 2)).split('e') as [string, string];
    return `${String(Number(m))}e${Number(e)}`;
  }
  return String(Number(v.toPrecision(digits)));
}

/** Nice linear ticks covering [lo, hi] (about `count` of them): steps of 1, 2 or 5 × 10^k. */
export function linearTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  const step = (m >= 5 ? 10 : m >= 2 ? 5 : m >= 1 ? 2 : 1) * p;
  const out: number[] = [];
  const first = Math.ceil(lo / step - 1e-9);
  for (let k = first; k * step <= hi + step * 1e-9; k++) out.push(Number((k * step).toPrecision(12)));
  return out;
}

/** Ticks of a log axis over [lo, hi] (both > 0): the powers of ten, or 1-2-5 multiples when few decades. */
export function logTicks(lo: number, hi: number): number[] {
  const a = Math.floor(Math.log10(lo));
  const b = Math.ceil(Math.log10(hi));
  const mults = b - a <= 2 ? [1, 2, 5] : [1];
  const out: number[] = [];
  for (let e = a; e <= b; e++) {
    for (const m of mults) {
      const v = Number((m * 10 ** e).toPrecision(12));
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(v);
    }
  }
  if (out.length < 3 && hi / lo < 100) {
    const fine = [2, 3, 4, 5, 6, 7, 8, 9];
    for (let e = a; e <= b; e++) {
      for (const m of fine) {
        const v = Number((m * 10 ** e).toPrecision(12));
        if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9) && !out.includes(v)) out.push(v);
      }
    }
    out.sort((p, q) => p - q);
  }
  return out.length >= 2 ? out : [lo, hi];
}

/** The extent of the finite values (and of `extra`), widened when empty or degenerate. */
export function extent(values: Iterable<number>, log = false): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (!Number.isFinite(v) || (log && v <= 0)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo > hi) return log ? [0.1, 10] : [0, 1];
  if (lo === hi) return log ? [lo / 2, hi * 2] : [lo - (Math.abs(lo) || 1) / 2, hi + (Math.abs(hi) || 1) / 2];
  return [lo, hi];
}

/** The layout and axes of one plot. */
export interface PlotSpec {
  width: number;
  height: number;
  title: string;
  xLabel: string;
  yLabel: string;
  x: [number, number];
  y: [number, number];
  logX?: boolean;
  logY?: boolean;
  /** Legend entries, drawn in rows under the x label. */
  legend?: readonly { label: string; color: string; dash?: boolean }[];
  /** An optional second title line (e.g. the verdict), drawn smaller. */
  subtitle?: string;
}

/** One plot being drawn: `line`, `points`, `vline`, `hline`, `text`, then `end()` for the document. */
export class Plot {
  private readonly out: string[] = [];
  /** The boxes of the labels placed so far (pixels), so that a new label moves out of their way. */
  private readonly boxes: { x0: number; x1: number; y0: number; y1: number }[] = [];
  readonly left = 52;
  readonly right = 14;
  readonly top: number;
  readonly w: number;
  readonly h: number;
  private readonly fx: (v: number) => number;
  private readonly fy: (v: number) => number;

  constructor(readonly spec: PlotSpec) {
    const { width, height, title, subtitle, xLabel, yLabel } = spec;
    const legend = spec.legend ?? [];
    const rows = Math.ceil(legend.length / 3);
    this.top = (title ? 24 : 10) + (subtitle ? 14 : 0) + 6;
    const bottom = 36 + 14 * rows;
    this.w = width - this.left - this.right;
    this.h = height - this.top - bottom;
    const map = (lo: number, hi: number, log: boolean | undefined) => {
      const a = log ? Math.log10(lo) : lo;
      const b = log ? Math.log10(hi) : hi;
      return (v: number) => ((log ? Math.log10(v) : v) - a) / (b - a || 1);
    };
    const ux = map(spec.x[0], spec.x[1], spec.logX);
    const uy = map(spec.y[0], spec.y[1], spec.logY);
    this.fx = (v) => this.left + ux(v) * this.w;
    this.fy = (v) => this.top + (1 - uy(v)) * this.h;
    this.out.push(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
      `<rect width="${width}" height="${height}" fill="#fff"/>`,
    );
    if (title) {
      this.out.push(
        `<text x="${px(width / 2)}" y="17" text-anchor="middle" font-size="13">${escapeXml(title)}</text>`,
      );
    }
    if (subtitle) {
      this.out.push(
        `<text x="${px(width / 2)}" y="${title ? 32 : 18}" text-anchor="middle" fill="#555">${escapeXml(subtitle)}</text>`,
      );
    }
    const { left, top, w, h } = this;
    const xt = spec.logX ? logTicks(...spec.x) : linearTicks(...spec.x);
    const yt = spec.logY ? logTicks(...spec.y) : linearTicks(...spec.y, 4);
    const grid: string[] = [];
    for (const t of xt) grid.push(`M${px(this.fx(t))} ${top}V${top + h}`);
    for (const t of yt) grid.push(`M${left} ${px(this.fy(t))}H${left + w}`);
    this.out.push(`<path d="${grid.join('')}" stroke="#eee"/>`);
    this.out.push(`<path d="M${left} ${top}V${top + h}H${left + w}" fill="none" stroke="#444"/>`);
    for (const t of yt) {
      this.out.push(`<text x="${left - 4}" y="${px(this.fy(t) + 4)}" text-anchor="end">${fmt(t)}</text>`);
    }
    for (const t of xt) {
      this.out.push(
        `<text x="${px(this.fx(t))}" y="${px(top + h + 14)}" text-anchor="middle">${fmt(t)}</text>`,
      );
    }
    this.out.push(
      `<text x="${px(left + w / 2)}" y="${px(top + h + 28)}" text-anchor="middle">${escapeXml(xLabel)}</text>`,
      `<text x="12" y="${px(top + h / 2)}" text-anchor="middle" transform="rotate(-90 12 ${px(top + h / 2)})">${escapeXml(yLabel)}</text>`,
    );
    legend.forEach((entry, i) => {
      const lx = left + (i % 3) * Math.floor(w / 3);
      const ly = top + h + 44 + 14 * Math.floor(i / 3);
      const dash = entry.dash ? ' stroke-dasharray="5 3"' : '';
      this.out.push(
        `<path d="M${lx} ${ly - 4}h16" stroke="${escapeXml(entry.color)}" stroke-width="2"${dash}/>`,
        `<text x="${lx + 20}" y="${ly}" fill="#222">${escapeXml(entry.label)}</text>`,
      );
    });
    // Everything drawn from here on is clipped to the frame by a nested <svg> with the same coordinates (no id,
    // so several pictures can be inlined in one HTML page).
    this.out.push(
      `<svg x="${left}" y="${top}" width="${w}" height="${h}" viewBox="${left} ${top} ${w} ${h}" overflow="hidden">`,
    );
  }

  /** The pixel x of a data value. */
  x(v: number): number {
    return this.fx(v);
  }

  /** The pixel y of a data value. */
  y(v: number): number {
    return this.fy(v);
  }

  private drawable(x: number, y: number): boolean {
    return (
      Number.isFinite(x) && Number.isFinite(y) && !(this.spec.logX && x <= 0) && !(this.spec.logY && y <= 0)
    );
  }

  /** A polyline through the drawable points (a non-finite value breaks the line). */
  line(
    xs: ArrayLike<number>,
    ys: ArrayLike<number>,
    color: string,
    style: { width?: number; dash?: boolean; opacity?: number } = {},
  ): void {
    const parts: string[] = [];
    let pen = false;
    for (let i = 0; i < xs.length; i++) {
      const xv = xs[i]!;
      const yv = ys[i]!;
      if (!this.drawable(xv, yv)) {
        pen = false;
        continue;
      }
      parts.push(`${pen ? 'L' : 'M'}${px(this.fx(xv))} ${px(this.fy(yv))}`);
      pen = true;
    }
    if (parts.length === 0) return;
    const dash = style.dash ? ' stroke-dasharray="5 3"' : '';
    const op = style.opacity !== undefined ? ` stroke-opacity="${style.opacity}"` : '';
    this.out.push(
      `<path d="${parts.join('')}" fill="none" stroke="${escapeXml(color)}" stroke-width="${style.width ?? 1.6}"${dash}${op}/>`,
    );
  }

  /** Filled circles at the drawable points. */
  points(xs: ArrayLike<number>, ys: ArrayLike<number>, color: string, radius = 3): void {
    for (let i = 0; i < xs.length; i++) {
      if (!this.drawable(xs[i]!, ys[i]!)) continue;
      this.out.push(
        `<circle cx="${px(this.fx(xs[i]!))}" cy="${px(this.fy(ys[i]!))}" r="${radius}" fill="${escapeXml(color)}"/>`,
      );
    }
  }

  /** A dashed vertical line at data x, with an optional label at its top. */
  vline(x: number, color: string, label = '', anchor: 'start' | 'end' = 'start'): void {
    if (!this.drawable(x, this.spec.y[0])) return;
    const X = px(this.fx(x));
    this.out.push(
      `<path d="M${X} ${this.top}V${this.top + this.h}" stroke="${escapeXml(color)}" stroke-dasharray="4 3"/>`,
    );
    if (label) {
      this.label(this.fx(x) + (anchor === 'start' ? 3 : -3), this.top + 11, label, color, anchor);
    }
  }

  /** A dashed horizontal line at data y, with an optional label at its right end. */
  hline(y: number, color: string, label = ''): void {
    if (!this.drawable(this.spec.x[0], y)) return;
    const Y = px(this.fy(y));
    this.out.push(
      `<path d="M${this.left} ${Y}H${this.left + this.w}" stroke="${escapeXml(color)}" stroke-dasharray="2 3"/>`,
    );
    if (label) {
      this.label(this.left + this.w - 3, this.fy(y) - 3, label, color, 'end');
    }
  }

  /** A vertical bracket from (x, y0) to (x, y1) with a label to its left or right (a gap between two curves). */
  bracket(
    x: number,
    y0: number,
    y1: number,
    color: string,
    label: string,
    side: 'left' | 'right' = 'left',
  ): void {
    if (!this.drawable(x, y0) || !this.drawable(x, y1)) return;
    const X = this.fx(x);
    const a = px(this.fy(y0));
    const b = px(this.fy(y1));
    const t = side === 'left' ? -4 : 4;
    this.out.push(
      `<path d="M${px(X + t)} ${a}H${px(X)}V${b}H${px(X + t)}" fill="none" stroke="${escapeXml(color)}" stroke-width="1.5"/>`,
    );
    const mid = (this.fy(y0) + this.fy(y1)) / 2 + 4;
    this.label(X + 2 * t, mid, label, color, side === 'left' ? 'end' : 'start');
  }

  /**
   * A label with its baseline at (x, y) pixels, kept inside the frame and moved up (then down) in steps of one
   * line until it overlaps no label placed before it (text of 11 px is taken as 6.2 px per character), drawn
   * over a white halo so that the curves under it do not cross it out.
   */
  private label(x: number, y: number, text: string, color: string, anchor: string): void {
    const width = text.length * 6.2;
    const lo = this.top + 11;
    const hi = this.top + this.h - 3;
    let a = anchor;
    if (a === 'start' && x + width > this.left + this.w - 2) a = 'end';
    else if (a === 'end' && x - width < this.left + 2) a = 'start';
    const x0 = a === 'start' ? x : a === 'end' ? x - width : x - width / 2;
    const free = (baseline: number) =>
      this.boxes.every(
        (b) => x0 >= b.x1 || x0 + width <= b.x0 || baseline - 10 >= b.y1 || baseline + 2 <= b.y0,
      );
    const start = Math.min(hi, Math.max(lo, y));
    let at = start;
    for (let k = 1; !free(at) && k < 40; k++) {
      const up = start - 12 * Math.ceil(k / 2);
      const down = start + 12 * Math.ceil(k / 2);
      const next = k % 2 === 1 ? up : down;
      if (next < lo || next > hi) continue;
      at = next;
    }
    this.boxes.push({ x0, x1: x0 + width, y0: at - 10, y1: at + 2 });
    this.out.push(
      `<text x="${px(x)}" y="${px(at)}" text-anchor="${a}" fill="${escapeXml(color)}" stroke="#fff" stroke-width="3" paint-order="stroke">${escapeXml(text)}</text>`,
    );
  }

  /** A text label at a data point, offset by (dx, dy) pixels. */
  text(x: number, y: number, label: string, color: string, dx = 5, dy = -6, anchor = 'start'): void {
    if (!this.drawable(x, y)) return;
    this.label(this.fx(x) + dx, this.fy(y) + dy, label, color, anchor);
  }

  /** A filled band between two curves (e.g. a spread across runs), translucent. */
  band(xs: ArrayLike<number>, lo: ArrayLike<number>, hi: ArrayLike<number>, color: string): void {
    const top: string[] = [];
    const bottom: string[] = [];
    for (let i = 0; i < xs.length; i++) {
      if (!this.drawable(xs[i]!, lo[i]!) || !this.drawable(xs[i]!, hi[i]!)) continue;
      top.push(`${px(this.fx(xs[i]!))} ${px(this.fy(hi[i]!))}`);
      bottom.push(`${px(this.fx(xs[i]!))} ${px(this.fy(lo[i]!))}`);
    }
    if (top.length < 2) return;
    this.out.push(
      `<path d="M${top.join('L')}L${bottom.reverse().join('L')}Z" fill="${escapeXml(color)}" fill-opacity="0.15" stroke="none"/>`,
    );
  }

  /** Any SVG element (already escaped), inside the clipped frame. */
  raw(element: string): void {
    this.out.push(element);
  }

  /** The finished document, one element per line, ending with a newline. */
  end(): string {
    this.out.push('</svg>', '</svg>');
    return `${this.out.join('\n')}\n`;
  }
}
