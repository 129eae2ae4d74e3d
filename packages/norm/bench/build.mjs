// Bundles bench/run.ts (with @dl/norm and @dl/tensor from src and TensorFlow.js from its ES module builds, so that the
// gradient registrations of tfjs-core share one registry with the backends) into .tmp/bench.mjs.
import { build } from 'esbuild';

await build({
  entryPoints: [new URL('./run.ts', import.meta.url).pathname],
  outfile: new URL('../.tmp/bench.mjs', import.meta.url).pathname,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  mainFields: ['module', 'main'],
  conditions: ['@dl/source'],
  // CommonJS parts of TensorFlow.js (and the wasm loader) expect require and __dirname.
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
