import { defineConfig } from 'vitest/config';

/** Resolve workspace packages to their TypeScript sources (the `@dl/source` export condition). */
const conditions = ['@dl/source', 'module', 'node', 'import', 'default'];

/**
 * Shared vitest settings for every package: workspace dependencies resolve to their sources, so tests never
 * need a build of them. Vite runs tests in its SSR environment, whose resolver reads `ssr.resolve.conditions`;
 * both are set.
 */
export const sharedConfig = defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'threads',
    testTimeout: 30_000,
  },
});
