import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared';

export default mergeConfig(
  sharedConfig,
  defineConfig({ test: { include: ['test/**/*.test.mjs'], testTimeout: 300_000, hookTimeout: 120_000 } }),
);
