/** Size budget: a loss costs little on top of @dl/tensor (measured with @dl/tensor external). */
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { expect, test } from 'vitest';
import * as api from '../src/index';

const src = new URL('../src/index.ts', import.meta.url).pathname;

async function gzippedSize(names: string): Promise<number> {
  const result = await build({
    stdin: { contents: `export { ${names} } from ${JSON.stringify(src)};`, loader: 'ts', resolveDir: '.' },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    external: ['@dl/tensor'],
    conditions: ['@dl/source'],
  });
  return gzipSync(result.outputFiles[0]!.contents).length;
}

test('mseLoss alone costs <= 3 kB min+gzip, crossEntropyLoss <= 5 kB, the whole package <= 14 kB (without @dl/tensor)', async () => {
  const sizes = {
    mseLoss: await gzippedSize('mseLoss'),
    crossEntropyLoss: await gzippedSize('crossEntropyLoss'),
    all: await gzippedSize(Object.keys(api).join(', ')),
  };
  console.log(JSON.stringify(sizes));
  expect(sizes.mseLoss).toBeLessThanOrEqual(3072);
  expect(sizes.crossEntropyLoss).toBeLessThanOrEqual(5120);
  expect(sizes.all).toBeLessThanOrEqual(14336);
});
