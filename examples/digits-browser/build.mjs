// Bundles the page for the browser: src/train.js and the @dl packages it imports (their built dist/, as a user's
// bundler resolves them) into dist/train.js, beside index.html and the vendored digits.
import { copyFileSync, mkdirSync } from 'node:fs';
import { build } from 'esbuild';

const dir = (p) => new URL(p, import.meta.url);
mkdirSync(dir('dist'), { recursive: true });
await build({
  entryPoints: [dir('src/train.js').pathname],
  outfile: dir('dist/train.js').pathname,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  minify: true,
  logLevel: 'warning',
});
copyFileSync(dir('index.html'), dir('dist/index.html'));
copyFileSync(dir('../../data/digits/digits.csv.gz'), dir('dist/digits.csv.gz'));
