import { mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared';

// The oracle, gradient-check, doc-example and experiment tests are CPU-bound (about 7 s of test time in all). Under
// turbo on a heavily loaded 2-core machine the package's test task failed twice and passed on rerun, with no log
// kept; a longer timeout rules out slowness as the cause (not confirmed to be it).
export default mergeConfig(sharedConfig, { test: { testTimeout: 120_000, hookTimeout: 60_000 } });
