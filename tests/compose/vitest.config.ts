import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/compose/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    // One project, packed and installed once, shared by the programs: run the files one after another.
    fileParallelism: false,
  },
});
