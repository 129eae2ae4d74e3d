/** @internal Returns `value ?? fallback`, or throws a TypeError naming `fn` and `name` unless it is a finite number. */
export function finiteOption(fn: string, name: string, value: unknown, fallback: number): number {
  const v = value ?? fallback;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new TypeError(`${fn}: ${name} must be a finite number, got ${String(v)}`);
  }
  return v;
}
