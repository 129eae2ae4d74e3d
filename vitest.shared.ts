import { defineConfig } from 'vitest/config';
import { strictArityVite } from './scripts/strict-arity.mjs';

/** Resolve workspace packages to their TypeScript sources (the `@dl/source` export condition). */
const conditions = ['@dl/source', 'module', 'node', 'import', 'default'];

/**
 * Shared vitest settings for every package: workspace dependencies resolve to their sources, so tests never
 * need a build of them. Vite runs tests in its SSR environment, whose resolver reads `ssr.resolve.conditions`;
 * both are set. The sources get the same extra-argument checks as the build (`scripts/strict-arity.mjs`).
 */
export const sharedConfig = defineConfig({
  plugins: [strictArityVite()],
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'threads',
    testTimeout: 30_000,
    // a turn of the event loop after each test, so the worker reads its parent's replies (see the file)
    setupFiles: [new URL('./scripts/vitest-yield.ts', import.meta.url).pathname],
  },
});
