// Runs the TensorFlow.js block of docs/crossval.md verbatim (only its imports are redirected: '@tensorflow/tfjs'
// to test/tfjs.ts, '@dl/crossval' to the sources) on a small dataset, and checks that it leaves no tensor behind.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { expect, test } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const guide = readFileSync(join(root, 'docs/crossval.md'), 'utf8');
const section = guide.slice(guide.indexOf('## Cross-validating a TensorFlow.js model'));
const block = /^```ts\n([\s\S]*?)^```/m.exec(section)![1]!;

test('the guide block is the TensorFlow.js example and disposes what it creates', () => {
  expect(block).toContain("import * as tf from '@tensorflow/tfjs';");
  expect(block).toContain('tf.dispose([xs, ys]);');
});

test('docs/crossval.md TensorFlow.js example: 5 folds leave tf.memory().numTensors where it started', async () => {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const code = block
    .replace("from '@tensorflow/tfjs'", `from '${join(here, 'tfjs.ts')}'`)
    .replace("from '@dl/crossval'", `from '${join(here, '../src/index.ts')}'`)
    .replace(/^console\.log\(/m, 'void (');
  // A small, separable dataset: 3 classes of 12 points in 4 dimensions (the guide leaves features and labels to you).
  const prelude = [
    'const nClasses = 3;',
    'const labels = Array.from({ length: 36 }, (_, i) => i % 3);',
    'const features = labels.map((c, i) => [c + 0.1 * Math.sin(i), -c + 0.1 * Math.cos(i), 0.5 * c, Math.sin(i)]);',
  ].join('\n');
  // imports first, then the data, then the rest of the block
  const lines = code.split('\n');
  const lastImport = lines.reduce((last, l, i) => (l.startsWith('import ') ? i : last), -1);
  const module = [
    ...lines.slice(0, lastImport + 1),
    prelude,
    ...lines.slice(lastImport + 1),
    'export { result };',
  ].join('\n');
  const dir = fileURLToPath(new URL('../node_modules/.doc-tfjs/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'crossval-tfjs.ts');
  writeFileSync(path, module);

  await import('./tfjs');
  await tf.setBackend('cpu');
  await tf.ready();
  const before = tf.memory().numTensors;
  const log = console.log;
  console.log = () => {};
  let result: { folds: unknown[]; mean: { accuracy: number; loss: number } };
  try {
    ({ result } = await import(/* @vite-ignore */ path));
  } finally {
    console.log = log;
  }
  expect(result.folds).toHaveLength(5);
  expect(result.mean.accuracy).toBeGreaterThanOrEqual(0);
  expect(result.mean.accuracy).toBeLessThanOrEqual(1);
  expect(Number.isFinite(result.mean.loss)).toBe(true);
  expect(tf.memory().numTensors - before, 'tensors left by the example').toBe(0);
}, 120_000);
