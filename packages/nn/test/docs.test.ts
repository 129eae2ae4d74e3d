// Runs every ```ts block of the guides and READMEs written for @dl/nn and @dl/tensor, with the doc-example
// conventions: imports of '@dl/<name>' run against the sources, and `expr; // literal` lines are asserted.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { instrument } from '../../../tests/doc-examples/runDocExamples';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const documents = ['docs/nn.md', 'docs/tensor.md', 'packages/nn/README.md', 'packages/tensor/README.md'];
const tmp = fileURLToPath(new URL('../node_modules/.doc-markdown/', import.meta.url));
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });

for (const doc of documents) {
  const text = readFileSync(join(root, doc), 'utf8');
  const blocks = [...text.matchAll(/^```ts\n([\s\S]*?)^```/gm)];
  test(`${doc} has TypeScript examples`, () => {
    expect(blocks.length).toBeGreaterThan(0);
  });
  blocks.forEach((m, k) => {
    const line = text.slice(0, m.index).split('\n').length;
    test(`${doc}:${line} runs and its values hold`, async () => {
      const path = join(tmp, `${doc.replace(/[/.]/g, '_')}-${k}.ts`);
      writeFileSync(path, instrument(m[1]!));
      await import(/* @vite-ignore */ path);
    });
  });
}

test('docs/tensor.md names every runtime export of @dl/tensor (the ops-by-area lists stay complete)', async () => {
  const api = await import('@dl/tensor');
  const guide = readFileSync(join(root, 'docs/tensor.md'), 'utf8');
  const missing = Object.keys(api).filter((name) => !guide.includes(`\`${name}\``));
  expect(missing, 'exports not mentioned in docs/tensor.md').toEqual([]);
});

test('docs/nn.md and the @dl/nn README name every runtime export of @dl/nn', async () => {
  const api = await import('../src/index');
  for (const doc of ['docs/nn.md', 'packages/nn/README.md']) {
    const text = readFileSync(join(root, doc), 'utf8');
    const missing = Object.keys(api).filter((name) => !text.includes(name));
    expect(missing, `exports not mentioned in ${doc}`).toEqual([]);
  }
});
