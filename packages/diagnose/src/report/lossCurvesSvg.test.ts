import { describe, expect, test } from 'vitest';
import { diagnoseCurves } from '../diagnoseCurves';
import { lossCurvesSvg } from './lossCurvesSvg';

const train = [2.3, 1.2, 0.6, 0.3, 0.15, 0.08, 0.05, 0.03, 0.02, 0.02];
const validation = [2.3, 1.3, 0.8, 0.6, 0.55, 0.6, 0.7, 0.8, 0.9, 1.0];

/** The text labels of an SVG document, in order. */
const texts = (svg: string): string[] => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);

describe('lossCurvesSvg', () => {
  test('draws a standalone, deterministic SVG document with one path per curve and a legend', () => {
    const svg = lossCurvesSvg({ train, validation }, { title: 'run A' });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="560" height="320"')).toBe(true);
    expect(svg.endsWith('</svg>\n')).toBe(true);
    expect(svg).toBe(lossCurvesSvg({ train, validation }, { title: 'run A' }));
    expect(texts(svg)).toEqual(expect.arrayContaining(['run A', 'training', 'validation', 'epoch', 'loss']));
    expect(svg.match(/stroke="#1f77b4" stroke-width="1.6"/g)).toHaveLength(1);
    expect(svg.match(/stroke="#ff7f0e" stroke-width="1.6"/g)).toHaveLength(1);
    // no id attributes: several pictures can be inlined in one HTML page
    expect(svg).not.toMatch(/\sid="/);
  });

  test('marks the evidence of an overfitting verdict: validation minimum, early stop, final gap, reference', () => {
    const diagnosis = diagnoseCurves({ train, validation }, { constantLoss: 2.3 });
    expect(diagnosis.verdict).toBe('overfitting');
    const labels = texts(lossCurvesSvg({ train, validation }, { diagnosis }));
    expect(labels).toContain(`verdict: overfitting (${diagnosis.rule}, confidence 1)`);
    expect(labels).toContain('validation minimum 0.55 (epoch 4)');
    expect(labels).toContain('early stop at epoch 4');
    expect(labels).toContain(`gap ${Number(diagnosis.evidence.gapAtEnd!.toPrecision(3))}`);
    expect(labels).toContain('constant predictor 2.3');
  });

  test('marks the test − validation gap of a mismatch and a smaller model’s final loss', () => {
    const t = [2.3, 1.2, 0.6, 0.4, 0.3, 0.25, 0.22, 0.2, 0.2, 0.2];
    const v = t.map((x) => x + 0.02);
    const test = t.map((x) => x + 0.9);
    const d = diagnoseCurves({ train: t, validation: v, test }, { constantLoss: 2.3 });
    expect(d.verdict).toBe('mismatch');
    const labels = texts(lossCurvesSvg({ train: t, validation: v, test }, { diagnosis: d }));
    expect(labels).toContain('test');
    expect(labels.some((l) => l.startsWith('test − validation 0.88'))).toBe(true);
    const big = { train: [2.3, 2.0, 1.9, 1.85, 1.82, 1.8, 1.8, 1.8, 1.8, 1.8] };
    const small = { train: [2.3, 1.0, 0.6, 0.5, 0.45, 0.42, 0.4, 0.4, 0.4, 0.4] };
    const opt = diagnoseCurves(big, { constantLoss: 2.3, smaller: small });
    expect(opt.verdict).toBe('optimization');
    expect(texts(lossCurvesSvg(big, { diagnosis: opt }))).toContain(
      "smaller model's final training loss 0.4",
    );
  });

  test('a NaN breaks the line and is marked where the diagnosis found it', () => {
    const t = [1, 0.8, 0.7, Number.NaN, 0.6];
    const d = diagnoseCurves({ train: t });
    const svg = lossCurvesSvg({ train: t }, { diagnosis: d });
    expect(texts(svg)).toContain('train loss NaN at epoch 3');
    const path = /<path d="([^"]*)" fill="none" stroke="#1f77b4"/.exec(svg)![1]!;
    expect(path.match(/M/g)).toHaveLength(2);
    expect(svg).not.toMatch(/="[^"]*(NaN|Infinity)/);
  });

  test('several runs: the first drawn strongly, the others lighter; log axis leaves out values <= 0', () => {
    const runs = [{ train }, { train: train.map((x) => x * 1.1) }, { train: train.map((x) => x * 0.9) }];
    const svg = lossCurvesSvg(runs, { logY: true });
    expect(svg.match(/stroke-opacity="0.35"/g)).toHaveLength(2);
    expect(texts(svg)).toEqual(expect.arrayContaining(['0.1', '1']));
    expect(() => lossCurvesSvg({ train: [0, 1, 0.5] }, { logY: true })).not.toThrow();
  });

  test('titles are escaped', () => {
    expect(lossCurvesSvg({ train }, { title: 'a < b & "c"' })).toContain('a &lt; b &amp; &quot;c&quot;');
  });

  test('bad input: errors name the function, the argument, the value and what was expected', () => {
    expect(() => lossCurvesSvg({ train: [] })).toThrow(
      'lossCurvesSvg: curves.train must be a non-empty array',
    );
    expect(() => lossCurvesSvg({ train: [1, 2], validation: [1] })).toThrow(
      'lossCurvesSvg: curves.validation has 1 values but curves.train has 2',
    );
    expect(() => lossCurvesSvg({ train }, { width: 10 })).toThrow(
      'lossCurvesSvg: width must be an integer in [200, 100000], got 10',
    );
    expect(() => lossCurvesSvg({ train }, { height: 1.5 })).toThrow(RangeError);
    expect(() => lossCurvesSvg({ train }, { title: 3 as unknown as string })).toThrow(
      'lossCurvesSvg: title must be a string, got 3',
    );
    expect(() => lossCurvesSvg({ train }, { logY: 'yes' as unknown as boolean })).toThrow(
      'lossCurvesSvg: logY must be a boolean, got "yes"',
    );
    expect(() => lossCurvesSvg({ train }, { diagnosis: { verdict: 'x' } as never })).toThrow(
      'lossCurvesSvg: diagnosis must be the result of diagnoseCurves()',
    );
    expect(() => lossCurvesSvg({ train }, { diagnoses: 1 } as never)).toThrow(
      /unknown option 'diagnoses'.*diagnosis/,
    );
  });
});
