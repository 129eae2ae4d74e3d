import { mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared';

// Vite 7 runs tests in its SSR environment, whose resolver reads `ssr.resolve.conditions`, not
// `resolve.conditions`: without this, `@dl/tensor` would resolve to its (unbuilt) dist instead of its sources.
export default mergeConfig(sharedConfig, {
  ssr: { resolve: { conditions: ['@dl/source', 'module', 'node', 'import', 'default'] } },
});
