// Bundles bench/run.ts (with @dl/optim from src, TensorFlow.js from its ES builds) into .tmp/bench.mjs.
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
