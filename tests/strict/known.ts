/**
 * Failures of the generated strict-input tests that are known and owned by a package's authors, so that main stays
 * green while they are fixed. Each entry is the start of a problem line (up to its first ':'), e.g.
 * `NllLossOptions` or `zeros(shape = NaN)`. Remove an entry when you fix it (a fixed entry is only reported, not
 * an error). Never add entries for a package you are landing: fix the export instead.
 */
export const KNOWN: Record<string, Record<string, readonly string[]>> = {
  options: {},
  optionDefaults: {},
  badInputs: {},
};

/** The problems not listed as known; prints the known ones that no longer occur. */
export function unexpected(suite: string, dir: string, problems: readonly string[]): string[] {
  const known = new Set(KNOWN[suite]?.[dir] ?? []);
  const id = (p: string) => p.slice(0, p.indexOf(':') < 0 ? p.length : p.indexOf(':'));
  const seen = new Set(problems.map(id));
  for (const k of known)
    if (!seen.has(k)) console.warn(`tests/strict/known.ts: '${k}' (${dir}) no longer fails; remove it`);
  return problems.filter((p) => !known.has(id(p)));
}
