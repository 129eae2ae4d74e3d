// Every code block of the cross-package guides runs: ```ts blocks with the doc-example conventions (imports of
// '@dl/<name>' run against the sources, `expr; // literal` lines are asserted); ```js blocks are excerpts,
// verbatim, of the TensorFlow.js programs in tests/compose/programs, which tests/compose runs with real
// TensorFlow.js against the packed packages.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { instrument } from '../doc-examples/runDocExamples';
import { blocks, GUIDES, programs, root } from './guides';

const tmp = join(root, 'node_modules/.doc-guides');
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });
const sources = programs();

describe.each(GUIDES)('%s', (guide) => {
  const text = readFileSync(join(root, guide), 'utf8');
  const all = blocks(text);

  test('has code, all of it ```ts (run here) or ```js (a tests/compose program)', () => {
    expect(all.length).toBeGreaterThan(0);
    for (const b of all) expect(['ts', 'js'], `${guide}:${b.line}`).toContain(b.lang);
  });

  for (const [k, b] of all.entries()) {
    if (b.lang === 'ts') {
      test(`${guide}:${b.line} runs and its values hold`, async () => {
        const path = join(tmp, `${guide.replace(/[/.]/g, '_')}-${k}.ts`);
        writeFileSync(path, instrument(b.code));
        await import(/* @vite-ignore */ path);
      });
    } else if (b.lang === 'js') {
      test(`${guide}:${b.line} is an excerpt of a program that tests/compose runs`, () => {
        const from = [...sources].filter(([, source]) => source.includes(b.code.trimEnd()));
        expect(
          from.map(([f]) => f),
          `no program of tests/compose/programs contains the block at line ${b.line}`,
        ).not.toEqual([]);
        // the guide names the program it quotes, so readers find the whole of it
        expect(from.some(([f]) => text.includes(`tests/compose/programs/${f}`))).toBe(true);
      });
    }
  }
});
