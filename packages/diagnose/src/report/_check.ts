import { describe } from '@dl/internal';
import type { Diagnosis } from '../diagnoseCurves';

/** @internal An integer pixel size >= `min`. */
export function checkSize(fn: string, name: string, v: unknown, min: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > 100000) {
    throw new RangeError(`${fn}: ${name} must be an integer in [${min}, 100000], got ${describe(v)}`);
  }
  return v;
}

/** @internal A string option. */
export function checkText(fn: string, name: string, v: unknown): string {
  if (typeof v !== 'string') throw new TypeError(`${fn}: ${name} must be a string, got ${describe(v)}`);
  return v;
}

/** @internal Throws unless `d` looks like a {@link Diagnosis}. */
export function checkDiagnosis(fn: string, name: string, d: unknown): Diagnosis {
  const ok =
    typeof d === 'object' &&
    d !== null &&
    typeof (d as Diagnosis).verdict === 'string' &&
    typeof (d as Diagnosis).evidence === 'object' &&
    (d as Diagnosis).evidence !== null &&
    typeof (d as Diagnosis).thresholds === 'object';
  if (!ok) throw new TypeError(`${fn}: ${name} must be the result of diagnoseCurves(), got ${describe(d)}`);
  return d as Diagnosis;
}

/** @internal Throws unless `r` looks like a report from createReport(). */
export function checkReport(fn: string, r: unknown): void {
  const ok =
    typeof r === 'object' &&
    r !== null &&
    typeof (r as { title?: unknown }).title === 'string' &&
    Array.isArray((r as { sections?: unknown }).sections) &&
    Array.isArray((r as { figures?: unknown }).figures);
  if (!ok) throw new TypeError(`${fn}: report must be the result of createReport(), got ${describe(r)}`);
}
