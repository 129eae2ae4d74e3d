import { defineOptions, describe } from '@dl/internal';
import { encodeSorted } from './internal/labels';
import type { Label, Split } from './Splitter';

/** Options of {@link splitsToSvg}. */
export interface SplitsToSvgOptions {
  /** The splits to draw, one row each. */
  splits: Iterable<Split>;
  /** The number of samples (columns). */
  nSamples: number;
  /**
   * Class labels, drawn as an extra row.
   * @defaultValue undefined
   */
  y?: ArrayLike<Label>;
  /**
   * Groups, drawn as an extra row.
   * @defaultValue undefined
   */
  groups?: ArrayLike<Label>;
  /**
   * A title drawn above the rows.
   * @defaultValue undefined
   */
  title?: string;
  /**
   * The width of the drawing area for the samples, in pixels.
   * @defaultValue 600
   */
  width?: number;
}

/** @internal The checker of {@link SplitsToSvgOptions}: its option names and defaults. */
export const splitsToSvgOptions = /* @__PURE__ */ defineOptions<SplitsToSvgOptions>()(
  'splitsToSvg',
  {
    splits: undefined,
    nSamples: undefined,
    y: undefined,
    groups: undefined,
    title: undefined,
    width: 600,
  },
  { required: true },
);

const TRAIN = '#4c72b0';
const TEST = '#dd8452';
const UNUSED = '#e5e5e5';
const PALETTE = ['#8172b3', '#55a868', '#c44e52', '#937860', '#da8bc3', '#8c8c8c', '#ccb974', '#64b5cd'];

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Draws splits as an SVG chart, one row per split, one column per sample: train blue, test orange, unused grey,
 * with optional rows for the classes and groups, like scikit-learn's "Visualizing cross-validation behavior".
 *
 * The output is deterministic (same splits, same bytes), so committed pictures can be checked for staleness.
 * Runs of equal cells are merged into one rectangle to keep files small.
 *
 * @param options - `splits`, `nSamples`, `y`, `groups`, `title`, `width`; see {@link SplitsToSvgOptions}.
 * @returns the SVG document as a string.
 * @example
 * ```ts
 * import { kFold, splitsToSvg } from '@dl/crossval';
 * const svg = splitsToSvg({ splits: kFold({ nSplits: 3 }).split({ nSamples: 9 }), nSamples: 9 });
 * svg.startsWith('<svg'); // true
 * ```
 * @see {@link https://scikit-learn.org/1.2/auto_examples/model_selection/plot_cv_indices.html | scikit-learn: Visualizing cross-validation behavior}
 */
export function splitsToSvg(options: SplitsToSvgOptions): string {
  options = splitsToSvgOptions(options, 'splitsToSvg');
  const fn = 'splitsToSvg';
  const { splits, nSamples: n, y, groups, title, width = 600 } = options ?? ({} as SplitsToSvgOptions);
  if (!splits || typeof (splits as Iterable<Split>)[Symbol.iterator] !== 'function') {
    throw new TypeError(`${fn}: splits must be an iterable of { train, test }, got ${describe(splits)}`);
  }
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`${fn}: nSamples must be an integer >= 1, got ${n}`);
  if (!(width > 0)) throw new RangeError(`${fn}: width must be > 0, got ${width}`);
  const rows: { label: string; colors: string[] }[] = [];
  let k = 0;
  for (const { train, test } of splits) {
    const colors = new Array<string>(n).fill(UNUSED);
    for (const i of train) colors[i] = TRAIN;
    for (const i of test) colors[i] = TEST;
    rows.push({ label: `split ${k++}`, colors });
  }
  for (const [label, labels] of [
    ['class', y],
    ['group', groups],
  ] as const) {
    if (labels === undefined) continue;
    if (labels.length !== n)
      throw new RangeError(
        `${fn}: ${label === 'class' ? 'y' : 'groups'} has length ${labels.length}, expected ${n}`,
      );
    const { codes } = encodeSorted(fn, label === 'class' ? 'y' : 'groups', labels);
    rows.push({ label, colors: Array.from(codes, (c) => PALETTE[c % PALETTE.length]!) });
  }
  const left = 70;
  const top = title ? 28 : 8;
  const rowH = 18;
  const gap = 4;
  const cell = width / n;
  const legendY = top + rows.length * (rowH + gap) + 6;
  const height = legendY + 22;
  const fmt = (v: number) => (Math.round(v * 100) / 100).toString();
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${left + width + 10}" height="${height}" viewBox="0 0 ${left + width + 10} ${height}" font-family="sans-serif" font-size="11">`,
  );
  parts.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);
  if (title)
    parts.push(`<text x="${left}" y="18" font-size="13" font-weight="bold">${escapeXml(title)}</text>`);
  rows.forEach((row, r) => {
    const yy = top + r * (rowH + gap);
    parts.push(`<text x="${left - 6}" y="${yy + 13}" text-anchor="end">${row.label}</text>`);
    let start = 0;
    for (let i = 1; i <= n; i++) {
      if (i === n || row.colors[i] !== row.colors[start]) {
        parts.push(
          `<rect x="${fmt(left + start * cell)}" y="${yy}" width="${fmt((i - start) * cell)}" height="${rowH}" fill="${row.colors[start]}"/>`,
        );
        start = i;
      }
    }
  });
  const legend: [string, string][] = [
    ['train', TRAIN],
    ['test', TEST],
    ['unused', UNUSED],
  ];
  legend.forEach(([name, color], i) => {
    const x = left + i * 80;
    parts.push(`<rect x="${x}" y="${legendY}" width="12" height="12" fill="${color}"/>`);
    parts.push(`<text x="${x + 16}" y="${legendY + 10}">${name}</text>`);
  });
  parts.push(
    `<text x="${left + width}" y="${legendY + 10}" text-anchor="end">sample index 0…${n - 1}</text>`,
  );
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
