/** Size budget: importing one schedule must stay small (factories are independent; no shared tables). */
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { expect, test } from 'vitest';
import * as api from '../src/index';

const src = new URL('../src/index.ts', import.meta.url).pathname;

async function gzippedSize(name: string): Promise<number> {
  const result = await build({
    stdin: { contents: `export { ${name} } from ${JSON.stringify(src)};`, loader: 'ts', resolveDir: '.' },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
  });
  return gzipSync(result.outputFiles[0]!.contents).length;
}

const warmups = [
  'linearWarmup',
  'exponentialWarmup',
  'untunedLinearWarmup',
  'untunedExponentialWarmup',
  'radamWarmup',
];

test.each(warmups)('importing only %s costs <= 1 kB min+gzip', async (name) => {
  expect(await gzippedSize(name)).toBeLessThanOrEqual(1024);
});

// An export with an options object also bundles @dl/internal's option checker (unknown keys, "did you mean",
// foreign spellings; about 1.3 kB min+gzip, once per bundle), hence 3 kB for one export.
test('importing any single export costs <= 3 kB min+gzip, and the whole package <= 9 kB', async () => {
  const sizes: Record<string, number> = {};
  for (const name of Object.keys(api)) sizes[name] = await gzippedSize(name);
  for (const [name, size] of Object.entries(sizes)) expect(size, name).toBeLessThanOrEqual(3072);
  expect(await gzippedSize(Object.keys(api).join(', '))).toBeLessThanOrEqual(9216);
  console.log(JSON.stringify(sizes));
});
