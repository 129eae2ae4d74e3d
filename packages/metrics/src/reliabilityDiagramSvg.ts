import type { CalibrationCurve } from './calibrationCurve';
import { type CurveSvgOptions, plotCurves, readCurves } from './rocCurveSvg';

/**
 * Draws reliability diagrams (from {@link calibrationCurve}) as a self-contained SVG string: mean predicted
 * probability across, fraction of positives up, one marker per non-empty bin, the perfectly calibrated diagonal
 * dashed. Same look as @dl/schedule's `plotSvg`.
 *
 * @param curves - one `{ probPred, probTrue }` or several.
 * @param options - `width`, `height`, `title`, `labels`, `colors`.
 * @returns the SVG document as a string.
 * @example
 * ```ts
 * import { calibrationCurve, reliabilityDiagramSvg } from '@dl/metrics';
 * const c = calibrationCurve([0, 0, 1, 1, 1], [0.1, 0.3, 0.6, 0.8, 0.9], { nBins: 3 });
 * reliabilityDiagramSvg(c).includes('<circle'); // true
 * ```
 */
export function reliabilityDiagramSvg(
  curves:
    | Pick<CalibrationCurve, 'probPred' | 'probTrue'>
    | readonly Pick<CalibrationCurve, 'probPred' | 'probTrue'>[],
  options?: CurveSvgOptions,
): string {
  const fn = 'reliabilityDiagramSvg';
  return plotCurves(
    fn,
    readCurves(fn, curves, 'probPred', 'probTrue'),
    options,
    'mean predicted probability',
    'fraction of positives',
    [0, 0, 1, 1],
    true,
  );
}
