/**
 * Every exported options type (`XOptions`) has a `defineOptions<XOptions>()` reader listing exactly its keys, the
 * reader exists at run time with those keys (`definedOptions()`), and each default the reader declares is the one
 * the type documents with `@defaultValue`: docs, types and checks cannot drift.
 */
import { describe, expect, test } from 'vitest';
import { definedOptions } from '../../packages/internal/src/index';
import { entryFiles, packageDirs, readPackage } from './exports';
import { unexpected } from './known';

/** Exported options types that no function takes alone (bases of others), with the reason. */
const NOT_READ: Record<string, string> = {
  RandomOptions: 'base of RandOptions, InitOptions, … (each has its reader)',
  LayerRandomOptions: 'base of LinearOptions and DropoutOptions in @dl/nn',
};

/** The documented default (first word of `@defaultValue`, quotes and backticks dropped) equals the declared one. */
function sameDefault(doc: string, value: unknown): boolean {
  const text = doc.replace(/`/g, '').trim();
  if (typeof value === 'number') {
    const first = text.split(/\s\(|,|;/)[0]!.trim();
    // a number, or arithmetic on numbers as written in the docs (`1 / 3`, `2 ** -52`)
    const n = /^[\d\s.e*/+\-()]+$/.test(first)
      ? (new Function(`return (${first});`)() as number)
      : /^-?Infinity$/.test(first)
        ? Number(first)
        : Number.NaN;
    return n === value;
  }
  // a string default must be the documented one, quoted, or named among the documented cases
  if (typeof value === 'string') return text.includes(`'${value}'`) || text.includes(`"${value}"`);
  if (typeof value === 'boolean') return text.startsWith(String(value));
  try {
    return JSON.stringify(JSON.parse(text.split(' (')[0]!.replace(/'/g, '"'))) === JSON.stringify(value);
  } catch {
    return false;
  }
}

describe.each(packageDirs())('@dl/%s options', (dir) => {
  const info = readPackage(dir);

  test('every exported XOptions type has a reader with exactly its keys', () => {
    const problems: string[] = [];
    for (const t of info.optionsTypes) {
      if (t.name in NOT_READ) continue;
      const readers = info.readers.filter((r) => r.type === t.name);
      if (readers.length === 0) {
        problems.push(`${t.name}: no defineOptions<${t.name}>()('fn', { … }) in packages/${dir}/src`);
        continue;
      }
      for (const r of readers) {
        const missing = t.keys.filter((k) => !r.keys.includes(k));
        const extra = r.keys.filter((k) => !t.keys.includes(k));
        if (missing.length || extra.length) {
          problems.push(`${t.name} (${r.file}): reader lacks [${missing}] and has extra [${extra}]`);
        }
      }
    }
    expect(unexpected('options', dir, problems), 'see tests/strict/known.ts').toEqual([]);
  });

  test('the readers exist at run time with the declared keys, and their defaults are the documented ones', async () => {
    for (const entry of entryFiles(dir)) await import(entry);
    const live = definedOptions();
    const problems: string[] = [];
    for (const r of info.readers) {
      const match = live.find((l) => l.fn === r.fn && l.keys.join() === r.keys.join());
      if (!match) {
        problems.push(
          `${r.type} '${r.fn}' (${r.file}): no reader with keys [${r.keys}] was made at run time`,
        );
        continue;
      }
      const type = info.optionsTypes.find((t) => t.name === r.type);
      if (!type) continue;
      for (const [key, value] of Object.entries(match.defaults)) {
        if (value === undefined || !(key in type.defaults)) continue;
        const doc = type.defaults[key];
        if (doc === undefined)
          problems.push(`${r.type}.${key}: default ${String(value)} is not documented (@defaultValue)`);
        else if (!sameDefault(doc, value)) {
          problems.push(
            `${r.type}.${key}: the reader's default ${typeof value === 'number' ? String(value) : JSON.stringify(value)} differs from @defaultValue ${doc}`,
          );
        }
      }
    }
    expect(unexpected('optionDefaults', dir, problems), 'see tests/strict/known.ts').toEqual([]);
  });
});
