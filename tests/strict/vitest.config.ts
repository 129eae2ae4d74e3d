import { mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared';

/** The generated strict-input tests: every export of every package (`DL_PACKAGES=tensor,nn` narrows them). */
export default mergeConfig(sharedConfig, {
  test: { include: ['tests/strict/**/*.test.ts'], testTimeout: 120_000 },
});
