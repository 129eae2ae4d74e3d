// Bundles the page: src/train.js with @dl/tensor, @dl/tensor/gpu and gpu.js's browser build (the packages' built
// dist/, as a user's bundler resolves them) into dist/train.js, beside index.html and the vendored digits.
//   node build.mjs [out folder, default dist]
import { copyFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const dir = (p) => fileURLToPath(new URL(p, import.meta.url));
const out = resolve(process.argv[2] ?? dir('dist'));
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [dir('src/train.js')],
  outfile: `${out}/train.js`,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  minify: true,
  logLevel: 'warning',
});
copyFileSync(dir('index.html'), `${out}/index.html`);
copyFileSync(dir('../../data/digits/digits.csv.gz'), `${out}/digits.csv.gz`);
