/**
 * `@dl/diagnose/report`: reports for people and pictures — loss curves with the verdict's evidence marked, the
 * learning-rate finder's curve with its suggestions, figures from other tools, as SVG, Markdown and terminal text.
 * A separate entry point, so that the monitors and verdicts of `@dl/diagnose` stay tiny.
 * @module report
 */
export {
  createReport,
  type Report,
  type ReportFact,
  type ReportFigure,
  type ReportOptions,
  type ReportSection,
} from './report/createReport';
export { type LossCurvesSvgOptions, lossCurvesSvg } from './report/lossCurvesSvg';
export { type LossLandscapeSvgOptions, lossLandscapeSvg } from './report/lossLandscapeSvg';
export { type LrFinderSvgOptions, lrFinderSvg } from './report/lrFinderSvg';
export { type ReportToMarkdownOptions, reportToMarkdown } from './report/reportToMarkdown';
export { type ReportToTextOptions, reportToText } from './report/reportToText';
export { type SpectralDensitySvgOptions, spectralDensitySvg } from './report/spectralDensitySvg';
