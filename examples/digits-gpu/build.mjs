// Bundles the page: src/train.js with @dl/tensor, @dl/tensor/gpu and gpu.js's browser build (the packages' built
// dist/, as a user's bundler resolves them) into dist/train.js, beside index.html and the vendored digits — the
// build of examples/digits-browser, on this folder.
//   node build.mjs [out folder, default dist]
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPage } from '../digits-browser/build.mjs';

await buildPage(
  fileURLToPath(new URL('.', import.meta.url)),
  process.argv[2] ? resolve(process.argv[2]) : undefined,
);
