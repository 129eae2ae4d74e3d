import { defineConfig } from 'tsup';
import { sharedBuild } from '../../tsup.shared';

// Two entry points: `@dl/tensor` (the core) and `@dl/tensor/gpu` (gpu.js devices). The gpu entry imports the core
// as the package itself (`@dl/tensor`, external), so one Tensor class, one grad mode and one tidy stack serve both;
// gpu.js is an optional peer dependency, loaded by createDevice only.
export default defineConfig({
  ...(sharedBuild as object),
  entry: { index: 'src/index.ts', gpu: 'src/gpu.ts' },
  external: ['@dl/tensor', 'gpu.js'],
});
