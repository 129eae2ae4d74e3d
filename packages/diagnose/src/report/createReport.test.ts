import { describe, expect, test } from 'vitest';
import { classifierTwoSampleTest } from '../classifierTwoSampleTest';
import { diagnoseCurves } from '../diagnoseCurves';
import { featureShift } from '../featureShift';
import { plateauDetector } from '../plateauDetector';
import { runLrRangeTest } from '../runLrRangeTest';
import { createReport, sparkline } from './createReport';
import { lrFinderSvg } from './lrFinderSvg';
import { reportToMarkdown } from './reportToMarkdown';
import { reportToText } from './reportToText';

const curves = {
  train: [2.3, 1.2, 0.6, 0.3, 0.15, 0.08, 0.05, 0.03, 0.02, 0.02],
  validation: [2.3, 1.3, 0.8, 0.6, 0.55, 0.6, 0.7, 0.8, 0.9, 1.0],
};
const diagnosis = diagnoseCurves(curves, { constantLoss: 2.3 });
let w = 0;
const lr = runLrRangeTest(
  (rate) => {
    const loss = (w - 3) ** 2;
    w -= rate * 2 * (w - 3);
    return loss;
  },
  { startLr: 1e-3, endLr: 10, numIter: 60 },
  { snapshot: () => w, restore: (s) => (w = s) },
);

describe('createReport', () => {
  test('one section per part, figures referenced by id; the report is plain JSON', async () => {
    const detector = plateauDetector({ patience: 1 });
    let plateau = detector.init();
    for (const m of [1, 0.5, 0.5, 0.5]) plateau = detector.update(plateau, m);
    const rows = Array.from({ length: 40 }, (_, i) => [i % 7, i % 5]);
    const moved = rows.map(([a, b]) => [a! + 3, b!]);
    const c2st = await classifierTwoSampleTest(rows, moved, {
      fit: () => null,
      predict: (_m, x) => x.map((r) => r[0]!),
      nPermutations: 99,
    });
    const extra = {
      id: 'hessian-density',
      title: 'Hessian spectrum',
      svg: '<svg xmlns="http://www.w3.org/2000/svg"/>',
    };
    const report = createReport({
      title: 'run 1',
      curves,
      diagnosis,
      lrFinder: lr,
      plateau,
      featureShift: featureShift(rows, moved),
      classifierTest: c2st,
      figures: [extra],
    });
    expect(report.sections.map((s) => s.id)).toEqual([
      'diagnosis',
      'lr-finder',
      'plateau',
      'feature-shift',
      'classifier-test',
      'hessian-density',
    ]);
    expect(report.figures.map((f) => f.id)).toEqual(['loss-curves', 'lr-finder', 'hessian-density']);
    for (const s of report.sections)
      if (s.figure) expect(report.figures.some((f) => f.id === s.figure)).toBe(true);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    const d = report.sections[0]!;
    expect(d.items).toEqual([...diagnosis.remedies]);
    expect(d.facts.find((f) => f.label === 'early-stop epoch')?.value).toBe('4');
    expect(report.sections[3]!.summary).toBe('1 of 2 features shifted: 0.');
    expect(report.sections[4]!.summary).toMatch(
      /^A classifier tells the two data sets apart \(AUC 0.8\d*, p = 0.01\)/,
    );
  });

  test('curves without a diagnosis are drawn plainly; nothing at all is an empty report', () => {
    expect(createReport({ curves }).sections[0]!.id).toBe('curves');
    expect(createReport()).toEqual({ title: 'Training diagnosis', sections: [], figures: [] });
  });

  test('sparklines: eight levels, × where a value is not finite', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([1, Number.NaN, 1])).toBe('▁×▁');
    expect(sparkline(Array.from({ length: 100 }, (_, i) => i)).length).toBe(32);
  });

  test('bad input: errors name the function, the argument, the value and what was expected', () => {
    expect(() => createReport({ diagnosis: {} as never })).toThrow(
      'createReport: diagnosis must be the result of diagnoseCurves()',
    );
    expect(() => createReport({ lrFinder: { curve: 1 } as never })).toThrow(
      'createReport: lrFinder must be the result of runLrRangeTest()',
    );
    expect(() => createReport({ figures: [{ id: 'a b', title: 't', svg: '<svg/>' }] })).toThrow(
      'createReport: figures[0] must be { id (letters, digits, . _ -), title, svg (an <svg> document), alt? }',
    );
    expect(() =>
      createReport({
        figures: [
          { id: 'a', title: 't', svg: '<svg/>' },
          { id: 'a', title: 't', svg: '<svg/>' },
        ],
      }),
    ).toThrow('createReport: figures[1].id "a" is used twice');
    expect(() => createReport({ curves: { train: [] } })).toThrow(
      'createReport: curves.train must be a non-empty array',
    );
    expect(() => createReport({ verdict: 1 } as never)).toThrow(/createReport: unknown option 'verdict'/);
  });
});

describe('reportToMarkdown and reportToText', () => {
  const report = createReport({ title: 'run *1*', curves, diagnosis, lrFinder: lr });

  test('Markdown: headings, fact tables, numbered remedies, image links; Markdown characters escaped', () => {
    const md = reportToMarkdown(report);
    expect(md.startsWith('# run \\*1\\*\n\n## Verdict: overfitting\n')).toBe(true);
    expect(md).toContain('| early-stop epoch | 4 |');
    expect(md).toContain(`1. ${diagnosis.remedies[0]}`);
    expect(md).toContain('](loss-curves.svg)');
    expect(md).toContain('](lr-finder.svg)');
    expect(md.endsWith('\n')).toBe(true);
    const nested = reportToMarkdown(report, { headingLevel: 3, figureHref: (f) => `img/${f.id} x.svg` });
    expect(nested).toContain('#### Verdict: overfitting');
    expect(nested).toContain('](img/loss-curves%20x.svg)');
  });

  test('text: underlined headings, aligned facts, wrapped lines, figures named by file; colours only when asked', () => {
    const text = reportToText(report, { width: 72 });
    const lines = text.split('\n');
    expect(lines.slice(0, 4)).toEqual(['run *1*', '=======', '', 'Verdict: overfitting']);
    expect(lines.filter((l) => [...l].length > 72)).toEqual([]);
    expect(reportToText(report, { width: 200 })).toContain(
      '  [figure: Learning-rate range test: smoothed loss and the suggestions → lr-finder.svg]',
    );
    expect(text).not.toContain('\u001b[');
    expect(reportToText(report, { color: true })).toContain('\u001b[1mVerdict: overfitting\u001b[0m');
  });

  test('bad input', () => {
    expect(() => reportToMarkdown({} as never)).toThrow(
      'reportToMarkdown: report must be the result of createReport()',
    );
    expect(() => reportToMarkdown(report, { headingLevel: 0 })).toThrow(
      'reportToMarkdown: headingLevel must be an integer in [1, 5], got 0',
    );
    expect(() => reportToMarkdown(report, { figureHref: 'x' as never })).toThrow(TypeError);
    expect(() => reportToMarkdown(report, { figureHref: () => 1 as never })).toThrow(
      'reportToMarkdown: figureHref must return a string, got 1 for figure "loss-curves"',
    );
    expect(() => reportToText(null as never)).toThrow(
      'reportToText: report must be the result of createReport()',
    );
    expect(() => reportToText(report, { width: 10 })).toThrow(
      'reportToText: width must be an integer in [40, 10000], got 10',
    );
    expect(() => reportToText(report, { colour: true } as never)).toThrow(/unknown option 'colour'.*'color'/);
  });
});

describe('lrFinderSvg', () => {
  test('marks the three suggestions, their agreement band and the divergence', () => {
    const svg = lrFinderSvg(lr, { title: 'toy' });
    expect(svg.startsWith('<svg')).toBe(true);
    for (const label of ['steepest: ', 'valley: ', 'minimum ÷ 10: ']) expect(svg).toContain(label);
    expect(svg).toContain('>diverged</text>');
    expect(svg).toBe(lrFinderSvg(lr, { title: 'toy' }));
    expect(lrFinderSvg(lr, { showRaw: false })).not.toContain('#9ecae1');
  });

  test('bad input', () => {
    expect(() => lrFinderSvg({} as never)).toThrow(
      'lrFinderSvg: report must be the result of runLrRangeTest()',
    );
    expect(() => lrFinderSvg(lr, { width: 1 })).toThrow(
      'lrFinderSvg: width must be an integer in [200, 100000], got 1',
    );
    expect(() => lrFinderSvg(lr, { showRaw: 1 as never })).toThrow(
      'lrFinderSvg: showRaw must be a boolean, got 1',
    );
  });
});
