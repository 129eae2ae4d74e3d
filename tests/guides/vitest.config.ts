import { mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared';

/** The cross-package guides (docs/pytorch.md, …): their code runs, their name tables name real things. */
export default mergeConfig(sharedConfig, {
  test: { include: ['tests/guides/**/*.test.ts'], testTimeout: 60_000 },
});
