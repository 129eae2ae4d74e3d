import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/compose/**/*.test.ts'],
    globalSetup: ['tests/compose/setup.ts'],
    testTimeout: 120_000,
  },
});
