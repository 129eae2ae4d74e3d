import { mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared';

// `@dl/tensor/gpu` imports the core as `@dl/tensor` (external in its build): in tests that is this package's source.
// headless-gl is a native addon that loads in one thread per process only: its tests run in child processes.
export default mergeConfig(sharedConfig, {
  resolve: {
    alias: [{ find: /^@dl\/tensor$/, replacement: new URL('./src/index.ts', import.meta.url).pathname }],
  },
  test: {
    setupFiles: ['./test/setup.poison.ts'],
    poolMatchGlobs: [
      ['**/src/gpu/**', 'forks'],
      ['**/test/conformance/headlessgl.test.ts', 'forks'],
    ],
  },
});
