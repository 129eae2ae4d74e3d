// Bundles the page for the browser: src/train.js and the @dl packages it imports (their built dist/, as a user's
// bundler resolves them) into dist/train.js, beside index.html and the vendored digits. examples/digits-gpu builds
// its page with the same function.
//   node build.mjs [out folder, default dist]
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const data = fileURLToPath(new URL('../../data/digits/digits.csv.gz', import.meta.url));

/**
 * Bundles the page of an example folder (its `src/train.js` and `index.html`) into `out`, with the digits.
 * @param {string} example - the example's folder.
 * @param {string} [out] - the output folder, default `<example>/dist`.
 */
export async function buildPage(example, out = join(example, 'dist')) {
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: [join(example, 'src/train.js')],
    outfile: join(out, 'train.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    minify: true,
    logLevel: 'warning',
  });
  copyFileSync(join(example, 'index.html'), join(out, 'index.html'));
  copyFileSync(data, join(out, 'digits.csv.gz'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildPage(
    fileURLToPath(new URL('.', import.meta.url)),
    process.argv[2] ? resolve(process.argv[2]) : undefined,
  );
}
