import { defineConfig } from 'vitest/config';

/**
 * Shared vitest settings for every package: resolve workspace packages to their TypeScript sources through the
 * `@dl/source` export condition, so tests never need a build of their dependencies.
 */
export const sharedConfig = defineConfig({
  resolve: { conditions: ['@dl/source'] },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'threads',
    testTimeout: 30_000,
  },
});
