/**
 * The README and guide checks of a package (its `test/readme.test.ts` calls {@link readmeTests}): the README's
 * skeleton sentence lists exactly the runtime exports and there is no default export, its types sentence lists
 * exactly the exported types, and the guide `docs/<name>.md` names every runtime export.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

/** The identifiers written in backquotes in a sentence, each once, sorted. */
function names(sentence: string): string[] {
  return [...new Set([...sentence.matchAll(/`([A-Za-z][A-Za-z0-9]*)`/g)].map((m) => m[1]!))].sort();
}

/** The type names `src/index.ts` exports: `type X` inside mixed exports and every name of `export type { … }`. */
function exportedTypes(index: string): string[] {
  const inline = [...index.matchAll(/[{,]\s*type (\w+)/g)].map((m) => m[1]!);
  const blocks = [...index.matchAll(/export type \{([^}]*)\}/g)].flatMap((m) =>
    m[1]!.split(',').map((n) => n.trim()),
  );
  return [...new Set([...inline, ...blocks].filter(Boolean))].sort();
}

/**
 * Registers the three tests for the package in `dir`.
 * @param dir - the package's folder, `new URL('..', import.meta.url)` from its test folder.
 * @param api - its runtime exports (`import * as api from '../src/index'`).
 */
export function readmeTests(dir: URL, api: Record<string, unknown>): void {
  const readme = readFileSync(new URL('README.md', dir), 'utf8');
  const index = readFileSync(new URL('src/index.ts', dir), 'utf8');
  const guideName = `docs/${basename(fileURLToPath(dir))}.md`;

  test('the README lists exactly the runtime exports, and there is no default export', () => {
    const sentence =
      /This package exports the identifiers ([\s\S]*?)\.\s+There\s+is\s+no\s+default\s+export\./.exec(readme);
    expect(sentence, 'the README names the exports in the unified skeleton sentence').not.toBeNull();
    expect(names(sentence![1]!)).toEqual(Object.keys(api).sort());
    expect('default' in api).toBe(false);
  });

  test('the README lists exactly the exported types', () => {
    const sentence = /It\s+exports\s+the\s+types\s+([\s\S]*?)\.\n/.exec(readme);
    expect(sentence, 'the README names the types: "It exports the types …."').not.toBeNull();
    expect(names(sentence![1]!)).toEqual(exportedTypes(index));
  });

  test(`the guide ${guideName} names every runtime export`, () => {
    const guide = readFileSync(new URL(`../../${guideName}`, dir), 'utf8');
    expect(Object.keys(api).filter((name) => !guide.includes(`\`${name}`))).toEqual([]);
  });
}
