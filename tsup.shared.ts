import { defineConfig } from 'tsup';
import { strictArityEsbuild } from './scripts/strict-arity.mjs';

/**
 * The build every package uses: ESM (`.js` + `.d.ts`) and CJS (`.cjs` + `.d.cts`) from `src/index.ts`. The private
 * workspace module `@dl/internal` (option checking, error wording) is bundled into each package, never a runtime
 * dependency. Every exported function and constructor rejects extra positional arguments
 * (`scripts/strict-arity.mjs`).
 */
export const sharedBuild = defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  treeshake: true,
  noExternal: ['@dl/internal'],
  // ES2022: class fields stay native (es2020 lowered each one to a __defNormalProp call on every construction).
  target: 'es2022',
  esbuildPlugins: [strictArityEsbuild()],
});
