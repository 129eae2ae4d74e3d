import { show } from './check';

/** The look of @dl/schedule's plotSvg: white background, sans-serif 11 px, #444 axes, the tab10 colours. */
export const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'];

export const escapeXml = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** Rounds a coordinate to 0.01 px, so the output is deterministic and short. */
export const r = (v: number): string => String(Math.round(v * 100) / 100);

/** Up to 4 significant digits, no trailing zeros. */
export const tick = (v: number): string => String(Number(v.toPrecision(4)));

export function checkSize(fn: string, name: string, v: unknown, min: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw new RangeError(`${fn}: ${name} must be an integer >= ${min}, got ${show(v)}`);
  }
  return v;
}

/** A unit-square plot (both axes [0, 1]) with a title, axis labels, ticks and an optional legend. */
export class UnitPlot {
  readonly out: string[] = [];
  readonly left = 46;
  readonly right = 12;
  readonly top: number;
  readonly w: number;
  readonly h: number;

  constructor(
    readonly width: number,
    readonly height: number,
    title: string,
    xLabel: string,
    yLabel: string,
    readonly legendRows: number,
  ) {
    this.top = title ? 28 : 12;
    const bottom = 34 + 14 * legendRows;
    this.w = width - this.left - this.right;
    this.h = height - this.top - bottom;
    this.out.push(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
      `<rect width="${width}" height="${height}" fill="#fff"/>`,
    );
    if (title) {
      this.out.push(
        `<text x="${r(width / 2)}" y="17" text-anchor="middle" font-size="13">${escapeXml(title)}</text>`,
      );
    }
    const { left, top, w, h } = this;
    this.out.push(
      `<path d="M${left} ${top}V${top + h}H${left + w}" fill="none" stroke="#444"/>`,
      `<path d="M${r(left + w / 2)} ${top}V${top + h}M${left} ${r(top + h / 2)}H${left + w}" stroke="#eee"/>`,
    );
    for (const t of [0, 0.5, 1]) {
      this.out.push(
        `<text x="${left - 4}" y="${r(this.y(t) + 4)}" text-anchor="end">${tick(t)}</text>`,
        `<text x="${r(this.x(t))}" y="${r(top + h + 14)}" text-anchor="middle">${tick(t)}</text>`,
      );
    }
    this.out.push(
      `<text x="${r(left + w / 2)}" y="${r(top + h + 26)}" text-anchor="middle">${escapeXml(xLabel)}</text>`,
      `<text x="12" y="${r(top + h / 2)}" text-anchor="middle" transform="rotate(-90 12 ${r(top + h / 2)})">${escapeXml(yLabel)}</text>`,
    );
  }

  x(v: number): number {
    return this.left + v * this.w;
  }

  y(v: number): number {
    return this.top + (1 - v) * this.h;
  }

  /** A dashed grey reference line from (x0, y0) to (x1, y1). */
  reference(x0: number, y0: number, x1: number, y1: number): void {
    this.out.push(
      `<path d="M${r(this.x(x0))} ${r(this.y(y0))}L${r(this.x(x1))} ${r(this.y(y1))}" stroke="#999" stroke-dasharray="4 3"/>`,
    );
  }

  /** A polyline through the points; `step: 'post'` draws horizontal-then-vertical steps. */
  line(xs: ArrayLike<number>, ys: ArrayLike<number>, color: string, markers = false): void {
    const pts: string[] = [];
    for (let i = 0; i < xs.length; i++) {
      if (!Number.isFinite(xs[i]!) || !Number.isFinite(ys[i]!)) continue;
      pts.push(`${r(this.x(xs[i]!))},${r(this.y(ys[i]!))}`);
    }
    const c = escapeXml(color);
    this.out.push(`<polyline points="${pts.join(' ')}" fill="none" stroke="${c}" stroke-width="1.5"/>`);
    if (markers) {
      for (const p of pts) {
        const [cx, cy] = p.split(',');
        this.out.push(`<circle cx="${cx}" cy="${cy}" r="2.5" fill="${c}"/>`);
      }
    }
  }

  legend(i: number, label: string, color: string): void {
    const ly = this.top + this.h + 44 + 14 * i;
    this.out.push(
      `<path d="M${this.left} ${ly - 4}h16" stroke="${escapeXml(color)}" stroke-width="2"/>`,
      `<text x="${this.left + 20}" y="${ly}" fill="#222">${escapeXml(label)}</text>`,
    );
  }

  end(): string {
    this.out.push('</svg>');
    return `${this.out.join('\n')}\n`;
  }
}
