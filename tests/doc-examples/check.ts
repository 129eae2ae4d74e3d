import { expect } from 'vitest';

function decimals(text: string): number {
  const m = /\.(\d+)(?:e[-+]?\d+)?$/i.exec(text);
  const exp = /e([-+]?\d+)$/i.exec(text);
  return (m ? m[1]!.length : 0) - (exp ? Number(exp[1]) : 0);
}

function numbersIn(source: string): string[] {
  return source.match(/-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?|NaN|-?Infinity/gi) ?? [];
}

function close(actual: unknown, expected: unknown, tokens: string[], at: string): void {
  if (typeof expected === 'number') {
    const token = tokens.shift() ?? String(expected);
    if (Number.isNaN(expected)) {
      expect(actual, at).toBeNaN();
      return;
    }
    expect(typeof actual, at).toBe('number');
    if (!Number.isFinite(expected)) {
      expect(actual, at).toBe(expected);
      return;
    }
    const d = decimals(token);
    const tol = d > 0 ? 0.5 * 10 ** -d * (1 + 1e-9) : 1e-9 * Math.max(1, Math.abs(expected));
    expect(Math.abs((actual as number) - expected), `${at}: ${actual} vs ${token}`).toBeLessThanOrEqual(tol);
    return;
  }
  if (Array.isArray(expected)) {
    const arr = ArrayBuffer.isView(actual) ? Array.from(actual as unknown as ArrayLike<number>) : actual;
    expect(Array.isArray(arr), `${at}: expected an array`).toBe(true);
    expect((arr as unknown[]).length, `${at}: length`).toBe(expected.length);
    expected.forEach((e, i) => {
      close((arr as unknown[])[i], e, tokens, `${at}[${i}]`);
    });
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    for (const [k, v] of Object.entries(expected))
      close((actual as Record<string, unknown>)[k], v, tokens, `${at}.${k}`);
    return;
  }
  expect(actual, at).toEqual(expected);
}

/** Asserts that an example's value equals the literal written in its comment, numbers to the written precision. */
export function __check(actual: unknown, expected: unknown, source: string, line: number): void {
  close(actual, expected, numbersIn(source), `example line ${line} (// ${source})`);
}
