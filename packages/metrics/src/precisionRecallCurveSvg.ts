import type { PrecisionRecallCurve } from './precisionRecallCurve';
import { type CurveSvgOptions, plotCurves, readCurves } from './rocCurveSvg';

/**
 * Draws precision-recall curves (from {@link precisionRecallCurve}) as a self-contained SVG string: recall across,
 * precision up, as steps (the area under the steps is the average precision). Same look as @dl/schedule's
 * `plotSvg`.
 *
 * @param curves - one `{ precision, recall }` or several.
 * @param options - `width`, `height`, `title`, `labels`, `colors`.
 * @returns the SVG document as a string.
 * @example
 * ```ts
 * import { precisionRecallCurve, precisionRecallCurveSvg } from '@dl/metrics';
 * const svg = precisionRecallCurveSvg(precisionRecallCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]));
 * svg.includes('polyline'); // true
 * ```
 */
export function precisionRecallCurveSvg(
  curves:
    | Pick<PrecisionRecallCurve, 'precision' | 'recall'>
    | readonly Pick<PrecisionRecallCurve, 'precision' | 'recall'>[],
  options?: CurveSvgOptions,
): string {
  const fn = 'precisionRecallCurveSvg';
  // a step at each threshold: precision holds from this recall down to the next one
  const steps = readCurves(fn, curves, 'recall', 'precision').map(({ x, y }) => {
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < x.length; i++) {
      if (i > 0) {
        xs.push(x[i]!);
        ys.push(y[i - 1]!);
      }
      xs.push(x[i]!);
      ys.push(y[i]!);
    }
    return { x: xs, y: ys };
  });
  return plotCurves(fn, steps, options, 'recall', 'precision', null, false);
}
