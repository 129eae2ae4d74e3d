import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/site/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // the browser test starts one Chromium; the static checks are quick: one file after the other
    fileParallelism: false,
  },
});
