import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import * as api from '../src/index';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const index = readFileSync(new URL('../src/index.ts', import.meta.url), 'utf8');
const names = (sentence: string) =>
  [...sentence.matchAll(/`([A-Za-z][A-Za-z0-9]*)`/g)].map((m) => m[1]!).sort();

test('the README lists exactly the runtime exports, and there is no default export', () => {
  const sentence = /This package exports the identifiers ([\s\S]*?)\. There is no default export\./.exec(
    readme,
  );
  expect(sentence, 'the README names the exports in the unified skeleton sentence').not.toBeNull();
  expect(names(sentence![1]!)).toEqual(Object.keys(api).sort());
  expect('default' in api).toBe(false);
});

test('the README lists exactly the exported types', () => {
  const sentence = /It exports the types ([\s\S]*?)\.\n/.exec(readme);
  const typeOnly = [...index.matchAll(/export type \{([^}]*)\}/g)].flatMap((m) =>
    m[1]!.split(',').map((t) => t.trim()),
  );
  const inline = [...index.matchAll(/[{,]\s*type (\w+)/g)].map((m) => m[1]!);
  const types = [...typeOnly, ...inline].filter((t) => t !== '');
  expect(names(sentence![1]!)).toEqual([...new Set(types)].sort());
});

test('the guide docs/loss.md names every runtime export', () => {
  const guide = readFileSync(new URL('../../../docs/loss.md', import.meta.url), 'utf8');
  const missing = Object.keys(api).filter((name) => !guide.includes(`\`${name}`));
  expect(missing).toEqual([]);
});
