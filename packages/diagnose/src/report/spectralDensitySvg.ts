import { badArgument, checkPositive, defineOptions, describe } from '@dl/internal';
import type { SpectralDensity } from '../spectralDensity';
import { checkSize, checkText } from './_check';
import { Plot } from './_svg';

/** Options of {@link spectralDensitySvg}. */
export interface SpectralDensitySvgOptions {
  /**
   * The width of the image, in pixels.
   * @defaultValue 420
   */
  width?: number;
  /**
   * The height of the image, in pixels.
   * @defaultValue 300
   */
  height?: number;
  /**
   * A title drawn above the plot (escaped).
   * @defaultValue '' (none)
   */
  title?: string;
  /**
   * A logarithmic density axis (as PyHessian's plots): the outliers' small mass stays visible beside the bulk.
   * @defaultValue true
   */
  logScale?: boolean;
  /**
   * With `logScale`, how many decades below the peak the axis reaches.
   * @defaultValue 6
   */
  decades?: number;
}

const readOptions = /* @__PURE__ */ defineOptions<SpectralDensitySvgOptions>()('spectralDensitySvg', {
  width: 420,
  height: 300,
  title: '',
  logScale: true,
  decades: 6,
});

/**
 * Draws an eigenvalue density from `spectralDensity` (`@dl/diagnose`) as a self-contained SVG string: density
 * against eigenvalue, on a logarithmic axis by default, with a dashed line at 0 (mass left of it is negative
 * curvature). Coordinates are rounded to 0.01 px, so the output is deterministic.
 *
 * @param density - the density (its `grid` and `density`).
 * @param options - `width`, `height`, `title`, `logScale`, `decades`.
 * @returns the SVG document as a string.
 * @example
 * ```ts
 * import { spectralDensity } from '@dl/diagnose';
 * import { spectralDensitySvg } from '@dl/diagnose/report';
 * const d = spectralDensity((v) => v.map((x, i) => (i % 5) * x), { dimension: 20 });
 * spectralDensitySvg(d, { title: 'spectrum' }).startsWith('<svg'); // true
 * ```
 */
export function spectralDensitySvg(density: SpectralDensity, options?: SpectralDensitySvgOptions): string {
  const fn = 'spectralDensitySvg';
  const o = readOptions(options);
  const width = checkSize(fn, 'width', o.width, 160);
  const height = checkSize(fn, 'height', o.height, 120);
  const title = checkText(fn, 'title', o.title);
  if (typeof o.logScale !== 'boolean') throw badArgument(fn, 'logScale', 'true or false', o.logScale);
  const decades = checkPositive(fn, 'decades', o.decades);
  const d = density as Partial<SpectralDensity> | null;
  const isArray = (a: unknown): a is ArrayLike<number> => Array.isArray(a) || ArrayBuffer.isView(a);
  if (d === null || typeof d !== 'object' || !isArray(d.grid) || !isArray(d.density)) {
    throw badArgument(fn, 'density', 'a SpectralDensity from spectralDensity()', density);
  }
  const grid = Array.from(d.grid);
  const values = Array.from(d.density);
  if (
    grid.length < 2 ||
    values.length !== grid.length ||
    !grid.every(Number.isFinite) ||
    !values.every((v) => v >= 0 && v < Number.POSITIVE_INFINITY)
  ) {
    throw new RangeError(
      `${fn}: density must have a finite grid of at least 2 points and as many finite densities >= 0, got ${grid.length} grid points and ${values.length} densities (${describe(values.find((v) => !(v >= 0 && v < Number.POSITIVE_INFINITY)))})`,
    );
  }
  const peak = Math.max(...values);
  const top = peak > 0 ? peak : 1;
  const floor = top * 10 ** -decades;
  const plot = new Plot({
    width,
    height,
    title,
    xLabel: 'eigenvalue',
    yLabel: 'density',
    x: [grid[0]!, grid.at(-1)!],
    y: o.logScale ? [floor, top * 1.5] : [0, top * 1.05],
    logY: o.logScale,
  });
  if (grid[0]! < 0 && grid.at(-1)! > 0) plot.vline(0, '#999');
  plot.line(grid, o.logScale ? values.map((v) => Math.max(v, floor)) : values, '#1f77b4');
  return plot.end();
}
