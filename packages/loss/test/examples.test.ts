import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { runDocExamples } from '../../../tests/doc-examples/runDocExamples';

// One test per TSDoc @example under src/: each runs, and its `expr; // literal` lines are asserted.
const src = fileURLToPath(new URL('../src', import.meta.url));
const examples = runDocExamples(src);

test('a runnable code block is found for every source file with an @example tag (none skipped)', () => {
  const tagged = (readdirSync(src, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .filter((f) => readFileSync(join(src, f), 'utf8').includes('@example'));
  expect(tagged.length).toBeGreaterThan(0);
  expect(new Set(examples.map((e) => e.file)).size).toBe(tagged.length);
});
