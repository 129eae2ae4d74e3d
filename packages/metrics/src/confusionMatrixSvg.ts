import { defineOptions } from '@dl/internal';
import { oneOf, show } from './internal/check';
import { normalizeRows } from './internal/confusion';
import { checkSize, escapeXml, r, tick } from './internal/svg';
import type { Label } from './types';

/** Options of {@link confusionMatrixSvg}. */
export interface ConfusionMatrixSvgOptions {
  /**
   * The class names of the rows and columns.
   * @defaultValue undefined (the `labels` of a `{ labels, matrix }` input, else 0, 1, …)
   */
  labels?: readonly Label[];
  /**
   * A title drawn above the plot (escaped).
   * @defaultValue '' (none)
   */
  title?: string;
  /**
   * Normalize the counts before drawing, as {@link confusionMatrix}'s option.
   * @defaultValue null (draw the values as given)
   */
  normalize?: 'true' | 'pred' | 'all' | null;
  /**
   * The side of one cell, in pixels.
   * @defaultValue 36
   */
  cellSize?: number;
  /**
   * The colour of the largest value (cells blend from white to it).
   * @defaultValue '#1f77b4'
   */
  color?: string;
}

const readOptions = defineOptions<ConfusionMatrixSvgOptions>()('confusionMatrixSvg', {
  labels: undefined,
  title: '',
  normalize: null,
  cellSize: 36,
  color: '#1f77b4',
});

function rgb(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return [31, 119, 180];
  const v = Number.parseInt(m[1]!, 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/**
 * Draws a confusion matrix as a heat map (rows = true label, columns = predicted label), each cell shaded by its
 * value and labelled with it: a self-contained SVG string in the look of @dl/schedule's `plotSvg`.
 *
 * @param matrix - the matrix as rows (from {@link confusionMatrix}), or `{ labels, matrix }` (from
 *   {@link streamingConfusionMatrix}'s `compute`).
 * @param options - `labels`, `title`, `normalize`, `cellSize`, `color`.
 * @returns the SVG document as a string.
 * @example
 * ```ts
 * import { confusionMatrix, confusionMatrixSvg } from '@dl/metrics';
 * const svg = confusionMatrixSvg(confusionMatrix(['a', 'b', 'b'], ['a', 'b', 'a']), { labels: ['a', 'b'] });
 * svg.includes('>b</text>'); // true
 * ```
 */
export function confusionMatrixSvg(
  matrix:
    | readonly (readonly number[])[]
    | { labels: readonly Label[]; matrix: readonly (readonly number[])[] },
  options?: ConfusionMatrixSvgOptions,
): string {
  const fn = 'confusionMatrixSvg';
  const o = readOptions(options);
  const normalize = oneOf(fn, 'normalize', o.normalize, ['true', 'pred', 'all', null] as const);
  const cell = checkSize(fn, 'cellSize', o.cellSize, 8);
  if (!Array.isArray(matrix) && (typeof matrix !== 'object' || matrix === null)) {
    throw new TypeError(
      `${fn}: matrix must be rows of counts or confusion-matrix output { labels, matrix }, got ${show(matrix)}`,
    );
  }
  const rows = Array.isArray(matrix) ? matrix : (matrix as { matrix?: unknown }).matrix;
  const given = Array.isArray(matrix) ? undefined : (matrix as { labels?: readonly Label[] }).labels;
  if (
    !Array.isArray(rows) ||
    rows.length === 0 ||
    rows.some((row) => !Array.isArray(row) || row.length !== rows.length)
  ) {
    throw new TypeError(`${fn}: matrix must be a non-empty square array of rows, got ${show(rows)}`);
  }
  const k = rows.length;
  const flat = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    const row = rows[i] as readonly unknown[];
    for (let j = 0; j < k; j++) {
      const v = row[j];
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
        throw new RangeError(`${fn}: matrix values must be finite and >= 0, got ${show(v)} at [${i}, ${j}]`);
      }
      flat[i * k + j] = v;
    }
  }
  const m = normalizeRows(flat, k, normalize);
  const names = (o.labels ?? given ?? rows.map((_, i) => i)).map(String);
  if (names.length !== k)
    throw new RangeError(`${fn}: labels must have one name per row (${k}), got ${names.length}`);
  const longest = Math.max(...names.map((s) => s.length));
  const left = 30 + Math.min(120, 6.5 * longest);
  const top = o.title ? 30 : 12;
  const width = Math.round(Math.max(left + k * cell + 12, o.title.length * 6.5 + 24));
  const height = Math.round(top + k * cell + 44);
  const max = Math.max(...m.flat(), 0) || 1;
  const [cr, cg, cb] = rgb(o.color);
  const isInt = m.flat().every((v) => Number.isInteger(v));
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
  ];
  if (o.title)
    out.push(
      `<text x="${r(width / 2)}" y="17" text-anchor="middle" font-size="13">${escapeXml(o.title)}</text>`,
    );
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const v = m[i]![j]!;
      const t = v / max;
      const fill = `rgb(${Math.round(255 + (cr - 255) * t)},${Math.round(255 + (cg - 255) * t)},${Math.round(255 + (cb - 255) * t)})`;
      const x = left + j * cell;
      const y = top + i * cell;
      out.push(
        `<rect x="${r(x)}" y="${r(y)}" width="${cell}" height="${cell}" fill="${fill}" stroke="#fff"/>`,
        `<text x="${r(x + cell / 2)}" y="${r(y + cell / 2 + 4)}" text-anchor="middle" fill="${t > 0.55 ? '#fff' : '#222'}">${isInt ? v : tick(Math.round(v * 100) / 100)}</text>`,
      );
    }
    out.push(
      `<text x="${r(left - 4)}" y="${r(top + i * cell + cell / 2 + 4)}" text-anchor="end">${escapeXml(names[i]!)}</text>`,
    );
  }
  for (let j = 0; j < k; j++) {
    out.push(
      `<text x="${r(left + j * cell + cell / 2)}" y="${r(top + k * cell + 14)}" text-anchor="middle">${escapeXml(names[j]!)}</text>`,
    );
  }
  out.push(
    `<path d="M${left} ${top}V${top + k * cell}H${left + k * cell}" fill="none" stroke="#444"/>`,
    `<text x="${r(left + (k * cell) / 2)}" y="${r(top + k * cell + 30)}" text-anchor="middle">predicted label</text>`,
    `<text x="12" y="${r(top + (k * cell) / 2)}" text-anchor="middle" transform="rotate(-90 12 ${r(top + (k * cell) / 2)})">true label</text>`,
    '</svg>',
  );
  return `${out.join('\n')}\n`;
}
