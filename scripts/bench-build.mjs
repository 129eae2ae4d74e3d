#!/usr/bin/env node
// Bundles a package's benchmark (default bench/run.ts of the current directory) into .tmp/bench.mjs with esbuild:
// the @dl packages from their sources (the `@dl/source` export condition) and TensorFlow.js from its ES module
// builds (`module` first), so that the gradient registrations of tfjs-core share one registry with the backends.
// The CommonJS parts of TensorFlow.js (and its wasm loader) expect require and __dirname: a banner defines them.
//
//   cd packages/<pkg> && node ../../scripts/bench-build.mjs [entry = bench/run.ts] [outfile = .tmp/bench.mjs]
import { resolve } from 'node:path';
import { build } from 'esbuild';

const [entry = 'bench/run.ts', outfile = '.tmp/bench.mjs'] = process.argv.slice(2);
await build({
  entryPoints: [resolve(entry)],
  outfile: resolve(outfile),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  mainFields: ['module', 'main'],
  conditions: ['@dl/source'],
  banner: {
    js: [
      "import { createRequire as __cr } from 'node:module';",
      "import { dirname as __dn } from 'node:path';",
      "import { fileURLToPath as __fu } from 'node:url';",
      'const require = __cr(import.meta.url);',
      'const __filename = __fu(import.meta.url);',
      'const __dirname = __dn(__filename);',
    ].join(' '),
  },
  logLevel: 'warning',
});
