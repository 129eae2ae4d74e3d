import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import * as metrics from '../src/index';

/** One scikit-learn case written by scripts/oracle.py. */
export interface OracleCase {
  fn: string;
  args: [unknown, unknown];
  options: Record<string, unknown>;
  expected?: unknown;
  error?: boolean;
  exact?: boolean;
  sklearn?: string;
}

const revive = (v: unknown): unknown => {
  if (v === 'NaN') return Number.NaN;
  if (v === 'Infinity') return Number.POSITIVE_INFINITY;
  if (v === '-Infinity') return Number.NEGATIVE_INFINITY;
  if (Array.isArray(v)) return v.map(revive);
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, revive(x)]));
  return v;
};

/** Reads fixtures/<name>.json. */
export function loadCases(name: string): OracleCase[] {
  const file = new URL(`../fixtures/${name}.json`, import.meta.url);
  const { cases } = JSON.parse(readFileSync(file, 'utf8')) as { cases: OracleCase[] };
  return cases.map((c) => ({ ...c, expected: revive(c.expected) }));
}

/** Where `actual` differs from `expected` (numbers: equal when exact, else 1e-12 relative), or undefined. */
export function mismatch(actual: unknown, expected: unknown, exact: boolean, path = ''): string | undefined {
  if (typeof expected === 'number') {
    if (typeof actual !== 'number') return `${path}: expected ${expected}, got ${String(actual)}`;
    if (actual === expected) return undefined;
    if (Number.isNaN(expected))
      return Number.isNaN(actual) ? undefined : `${path}: expected NaN, got ${actual}`;
    if (
      exact ? actual === expected : Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected))
    ) {
      return undefined;
    }
    return `${path}: expected ${expected}, got ${actual}`;
  }
  if (ArrayBuffer.isView(actual)) actual = Array.from(actual as unknown as ArrayLike<number>);
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      return `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
    }
    for (let i = 0; i < expected.length; i++) {
      const m = mismatch(actual[i], expected[i], exact, `${path}[${i}]`);
      if (m) return m;
    }
    return undefined;
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object') return `${path}: expected an object, got ${String(actual)}`;
    const a = actual as Record<string, unknown>;
    const keysE = Object.keys(expected);
    for (const k of keysE) {
      const m = mismatch(a[k], (expected as Record<string, unknown>)[k], exact, `${path}.${k}`);
      if (m) return m;
    }
    return undefined;
  }
  return Object.is(actual, expected)
    ? undefined
    : `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

/** One test per function: every case of the fixture agrees with scikit-learn (or throws where it raised). */
export function testCases(name: string): void {
  const cases = loadCases(name);
  const byFn = new Map<string, OracleCase[]>();
  for (const c of cases) byFn.set(c.fn, [...(byFn.get(c.fn) ?? []), c]);
  test.each([...byFn.keys()])(
    `%s agrees with scikit-learn 1.2 on every case of fixtures/${name}.json`,
    (fn) => {
      const f = (metrics as unknown as Record<string, (a: unknown, b: unknown, o?: unknown) => unknown>)[fn];
      expect(f, `${fn} is exported`).toBeTypeOf('function');
      const failures: string[] = [];
      const list = byFn.get(fn)!;
      for (const c of list) {
        const options = Object.fromEntries(
          Object.entries(c.options).filter(
            ([k, v]) => v !== null || !['sampleWeight', 'labels', 'posLabel', 'maxFpr'].includes(k),
          ),
        );
        const where = `${fn}(${JSON.stringify(c.args).slice(0, 200)}, ${JSON.stringify(options)})`;
        // no options object for a metric without options (auc, maxError): a third argument is an error
        const call = () =>
          Object.keys(options).length === 0 ? f!(c.args[0], c.args[1]) : f!(c.args[0], c.args[1], options);
        if (c.error) {
          let threw = false;
          try {
            call();
          } catch (e) {
            threw = e instanceof RangeError || e instanceof TypeError;
          }
          if (!threw) failures.push(`${where}: scikit-learn raised (${c.sklearn}) but we did not throw`);
          continue;
        }
        let actual: unknown;
        try {
          actual = call();
        } catch (e) {
          failures.push(`${where}: threw ${(e as Error).message}`);
          continue;
        }
        const m = mismatch(actual, c.expected, c.exact === true);
        if (m) failures.push(`${where}${m}`);
      }
      expect(failures.slice(0, 5), `${failures.length} of ${list.length} cases differ`).toEqual([]);
      expect(list.length).toBeGreaterThan(0);
    },
  );
}
