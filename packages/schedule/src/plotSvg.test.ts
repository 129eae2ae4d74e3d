import { expect, test } from 'vitest';
import { expectError } from '../test/fromTorch';
import { plotSvg } from './plotSvg';

const points = (svg: string) =>
  [...svg.matchAll(/<polyline points="([^"]+)"/g)].map((m) =>
    m[1]!.split(' ').map((p) => p.split(',').map(Number)),
  );

test('plotSvg draws one polyline per series, spanning the plot area, min at the bottom and max at the top', () => {
  const svg = plotSvg([0, 1, 0.5], { width: 200, height: 100 });
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"')).toBe(true);
  expect(svg.trim().endsWith('</svg>')).toBe(true);
  const [line] = points(svg);
  expect(line!.length).toBe(3);
  const ys = line!.map(([, y]) => y!);
  expect(ys[1]).toBeLessThan(ys[2]!);
  expect(ys[2]).toBeLessThan(ys[0]!);
  expect(line![0]![0]).toBeLessThan(line![2]![0]!);
});

test('plotSvg draws several series with a legend and escapes text', () => {
  const svg = plotSvg(
    [
      [1, 2],
      [2, 1],
    ],
    { labels: ['a<b', 'c&d'], title: '"lr"', xLabel: 'epoch' },
  );
  expect(points(svg).length).toBe(2);
  expect(svg).toContain('a&lt;b');
  expect(svg).toContain('c&amp;d');
  expect(svg).toContain('&quot;lr&quot;');
  expect(svg).not.toContain('a<b');
  expect(svg).toContain('>epoch</text>');
});

test('plotSvg is deterministic and handles a constant series', () => {
  const a = plotSvg([0.1, 0.1, 0.1]);
  expect(a).toBe(plotSvg([0.1, 0.1, 0.1]));
  const ys = new Set(points(a)[0]!.map(([, y]) => y));
  expect(ys.size).toBe(1);
  expect([...ys].every((y) => Number.isFinite(y))).toBe(true);
});

test.each([
  [
    'an empty series',
    () => plotSvg([]),
    RangeError,
    /^plotSvg: series\[0\] must be a non-empty array of numbers, got \[\]$/,
  ],
  [
    'a NaN value',
    () => plotSvg([1, Number.NaN]),
    TypeError,
    /^plotSvg: series\[0\] values must be a finite number, got NaN$/,
  ],
  [
    'a non-array',
    () => plotSvg('1,2' as never),
    TypeError,
    /^plotSvg: series must be an array of numbers or of arrays, got "1,2"$/,
  ],
  [
    'width 10',
    () => plotSvg([1], { width: 10 }),
    RangeError,
    /^plotSvg: width must be an integer >= 100, got 10$/,
  ],
  [
    'height 10',
    () => plotSvg([1], { height: 10 }),
    RangeError,
    /^plotSvg: height must be an integer >= 60, got 10$/,
  ],
])('plotSvg rejects %s', (_, thunk, type, message) => expectError(thunk, type, message));
