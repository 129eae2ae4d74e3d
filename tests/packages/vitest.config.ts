import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/packages/**/*.test.ts'],
    globalSetup: ['tests/packages/setup.ts'],
    testTimeout: 300_000,
    hookTimeout: 600_000,
    // Packing and installing share one temporary folder: run the files one after another.
    fileParallelism: false,
  },
});
