import { readFileSync } from 'node:fs';
import { tensor } from '@dl/tensor';
import { describe, expect, test } from 'vitest';
import { maxAbsScaler } from './maxAbsScaler';
import { minMaxScaler } from './minMaxScaler';
import { robustScaler } from './robustScaler';
import type { IncrementalScaler, Scaler } from './Scaler';
import { standardScaler } from './standardScaler';

type Rows = (number | null)[][];
interface Case {
  name: string;
  scaler: string;
  options: Record<string, unknown>;
  fitX: Rows;
  state: Record<string, unknown>;
  testX: Rows;
  transform: Rows;
  fitTransform: Rows;
  inverseTransform: Rows;
  batches?: Rows[];
  partialStates?: Record<string, unknown>[];
  partialTransform?: Rows;
}
const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/sklearn_scalers.json', import.meta.url), 'utf8'),
) as {
  cases: Case[];
  ddof1: { fitX: Rows; scale: number[]; mean: number[] };
};

const nan = (x: unknown): unknown => (x === null ? Number.NaN : Array.isArray(x) ? x.map(nan) : x);
const rows = (x: Rows) => nan(x) as number[][];

// biome-ignore lint/suspicious/noExplicitAny: the factories take different option types
const factories: Record<string, (o: any) => Scaler<any>> = {
  StandardScaler: standardScaler,
  MinMaxScaler: minMaxScaler,
  MaxAbsScaler: () => maxAbsScaler(),
  RobustScaler: robustScaler,
};
const keyOf: Record<string, string> = {
  mean_: 'mean',
  var_: 'var',
  scale_: 'scale',
  n_samples_seen_: 'nSamplesSeen',
  data_min_: 'dataMin',
  data_max_: 'dataMax',
  data_range_: 'dataRange',
  min_: 'min',
  max_abs_: 'maxAbs',
  center_: 'center',
};

/** Elementwise closeness: NaN matches NaN; |a - e| <= 1e-12 |e| + 1e-12. */
function close(actual: unknown, expected: unknown, where: string): void {
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), where).toBe(true);
    expect((actual as unknown[]).length, where).toBe(expected.length);
    for (let i = 0; i < expected.length; i++) close((actual as unknown[])[i], expected[i], `${where}[${i}]`);
    return;
  }
  if (expected === null) {
    expect(actual, where).toBeNull();
    return;
  }
  const e = expected as number;
  const a = actual as number;
  if (Number.isNaN(e)) {
    expect(a, where).toBeNaN();
    return;
  }
  expect(Math.abs(a - e), `${where}: ${a} vs ${e}`).toBeLessThanOrEqual(1e-12 * Math.abs(e) + 1e-12);
}

function checkState(state: Record<string, unknown>, expected: Record<string, unknown>, where: string) {
  for (const [k, v] of Object.entries(expected)) {
    // scikit-learn stores NaN for all-NaN statistics and a scalar var_/mean_ only before any data: not here.
    close(state[keyOf[k]!], v === null ? null : nan(v), `${where}.${keyOf[k]}`);
  }
}

describe('scalers match scikit-learn 1.2 (fixtures/sklearn_scalers.json)', () => {
  test.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const scaler = factories[c.scaler]!(c.options);
    const state = scaler.fit(rows(c.fitX)) as Record<string, unknown>;
    checkState(state, c.state, 'fit');
    close(scaler.transform(rows(c.testX), state), nan(c.transform), 'transform');
    close(scaler.inverseTransform(rows(c.testX), state), nan(c.inverseTransform), 'inverseTransform');
    const ft = scaler.fitTransform(rows(c.fitX));
    close(ft.output, nan(c.fitTransform), 'fitTransform');
    // The state is plain data: a JSON round trip transforms the same.
    const revived = JSON.parse(JSON.stringify(state));
    expect(scaler.transform(rows(c.testX), revived)).toEqual(scaler.transform(rows(c.testX), state));
    if (c.batches) {
      const inc = scaler as IncrementalScaler<unknown>;
      let s: unknown;
      c.batches.forEach((b, i) => {
        s = inc.partialFit(rows(b), s);
        checkState(s as Record<string, unknown>, c.partialStates![i]!, `partialFit ${i}`);
      });
      close(inc.transform(rows(c.testX), s), nan(c.partialTransform), 'partialTransform');
    }
  });

  test('standardScaler({ ddof: 1 }) divides by the sample standard deviation (NumPy nanstd ddof=1)', () => {
    const s = standardScaler({ ddof: 1 }).fit(rows(fixture.ddof1.fitX));
    close(s.scale, fixture.ddof1.scale, 'scale');
    close(s.mean, fixture.ddof1.mean, 'mean');
  });
});

describe('scalers on tensors', () => {
  test('a float32 tensor in gives a float32 tensor out, computed in float64 and rounded once', () => {
    const x = tensor([
      [1, 10],
      [2, 20],
      [4, 60],
    ]);
    const scaler = standardScaler();
    const state = scaler.fit(x);
    const out = scaler.transform(x, state);
    expect(out.dtype).toBe('float32');
    expect(out.shape).toEqual([3, 2]);
    const fromRows = scaler.transform(x.toArray() as number[][], state).flat();
    expect(Array.from(out.data)).toEqual(fromRows.map(Math.fround));
    expect(scaler.fitTransform(tensor(x.toArray() as number[][], { dtype: 'float64' })).output.dtype).toBe(
      'float64',
    );
  });

  test('NaN passes through the transforms and is ignored by the statistics', () => {
    const scaler = minMaxScaler();
    const { state, output } = scaler.fitTransform([
      [0, Number.NaN],
      [Number.NaN, 2],
      [10, 4],
    ]);
    expect(state.dataMin).toEqual([0, 2]);
    expect(output).toEqual([
      [0, Number.NaN],
      [Number.NaN, 0],
      [1, 1],
    ]);
  });

  test('constant features are centred but not divided by zero', () => {
    const x = [
      [5, 1],
      [5, 2],
    ];
    expect(standardScaler().fitTransform(x).output).toEqual([
      [0, -1],
      [0, 1],
    ]);
    expect(minMaxScaler().fitTransform(x).output).toEqual([
      [0, 0],
      [0, 1],
    ]);
    expect(maxAbsScaler().fitTransform([[0], [0]]).state.scale).toEqual([1]);
    expect(robustScaler().fit(x).scale).toEqual([1, 0.5]);
  });
});
