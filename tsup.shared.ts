import { defineConfig } from 'tsup';

/** The build every package uses: ESM (`.js` + `.d.ts`) and CJS (`.cjs` + `.d.cts`) from `src/index.ts`. */
export const sharedBuild = defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  treeshake: true,
  target: 'es2020',
});
