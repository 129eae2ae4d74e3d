import { defineOptions } from '@dl/internal';
import { show } from './internal/check';
import { COLORS, checkSize, UnitPlot } from './internal/svg';
import type { RocCurve } from './rocCurve';

/** Options of {@link rocCurveSvg}, {@link precisionRecallCurveSvg} and {@link reliabilityDiagramSvg}. */
export interface CurveSvgOptions {
  /**
   * The width of the image, in pixels.
   * @defaultValue 360
   */
  width?: number;
  /**
   * The height of the image, in pixels (grown by 14 px per legend row).
   * @defaultValue 340
   */
  height?: number;
  /**
   * A title drawn above the plot (escaped).
   * @defaultValue '' (none)
   */
  title?: string;
  /**
   * One label per curve, shown in a legend (e.g. `'model A (AUC 0.91)'`).
   * @defaultValue [] (no legend)
   */
  labels?: readonly string[];
  /**
   * The stroke colours, cycled through the curves.
   * @defaultValue ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b']
   */
  colors?: readonly string[];
}

/** The one reader of {@link CurveSvgOptions}; each of the three SVG functions passes its own name for errors. */
const curveSvgOptions = /* @__PURE__ */ defineOptions<CurveSvgOptions>()('rocCurveSvg', {
  width: 360,
  height: 340,
  title: '',
  labels: [],
  colors: COLORS,
});

/** Reads one curve or a list of curves with the two named coordinate arrays. */
export function readCurves<K extends string>(
  fn: string,
  c: unknown,
  x: K,
  y: K,
): { x: ArrayLike<number>; y: ArrayLike<number> }[] {
  const list = Array.isArray(c) ? c : [c];
  if (list.length === 0) throw new RangeError(`${fn}: curves must not be empty`);
  return list.map((item, i) => {
    const xs = (item as Record<string, unknown> | null)?.[x];
    const ys = (item as Record<string, unknown> | null)?.[y];
    const ok = (a: unknown) => Array.isArray(a) || ArrayBuffer.isView(a);
    if (!ok(xs) || !ok(ys) || (xs as ArrayLike<number>).length !== (ys as ArrayLike<number>).length) {
      throw new TypeError(
        `${fn}: curve ${i} must have arrays ${x} and ${y} of equal length, got ${show(item)}`,
      );
    }
    return { x: xs as ArrayLike<number>, y: ys as ArrayLike<number> };
  });
}

export function plotCurves(
  fn: string,
  list: { x: ArrayLike<number>; y: ArrayLike<number> }[],
  options: unknown,
  xLabel: string,
  yLabel: string,
  reference: [number, number, number, number] | null,
  markers: boolean,
): string {
  const o = curveSvgOptions(options, fn);
  const width = checkSize(fn, 'width', o.width, 120);
  const height = checkSize(fn, 'height', o.height, 120);
  const legend = o.labels.length;
  const plot = new UnitPlot(width, height + 14 * legend, o.title, xLabel, yLabel, legend);
  if (reference) plot.reference(...reference);
  list.forEach((c, i) => {
    const color = o.colors[i % o.colors.length] ?? '#000';
    plot.line(c.x, c.y, color, markers);
    if (o.labels[i] !== undefined) plot.legend(i, o.labels[i]!, color);
  });
  return plot.end();
}

/**
 * Draws ROC curves (from {@link rocCurve}) as a self-contained SVG string: false positive rate across, true
 * positive rate up, the chance diagonal dashed. Same look as @dl/schedule's `plotSvg`; coordinates are rounded to
 * 0.01 px, so the output is deterministic.
 *
 * @param curves - one `{ fpr, tpr }` or several (e.g. one per model or class).
 * @param options - `width`, `height`, `title`, `labels`, `colors`.
 * @returns the SVG document as a string.
 * @example
 * ```ts
 * import { rocCurve, rocCurveSvg } from '@dl/metrics';
 * const svg = rocCurveSvg(rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), { title: 'ROC' });
 * svg.startsWith('<svg'); // true
 * ```
 */
export function rocCurveSvg(
  curves: Pick<RocCurve, 'fpr' | 'tpr'> | readonly Pick<RocCurve, 'fpr' | 'tpr'>[],
  options?: CurveSvgOptions,
): string {
  const fn = 'rocCurveSvg';
  return plotCurves(
    fn,
    readCurves(fn, curves, 'fpr', 'tpr'),
    options,
    'false positive rate',
    'true positive rate',
    [0, 0, 1, 1],
    false,
  );
}
