import { crossValidate, type Splitter, stratifiedKFold } from '@dl/crossval';

const splitter: Splitter = stratifiedKFold({ nSplits: 5, shuffle: true, randomState: 0 });
export const run = crossValidate({
  splitter,
  data: { y: [0, 1, 0, 1, 0, 1, 0, 1, 0, 1] },
  fit: async () => 0,
  evaluate: async () => ({ accuracy: 1 }),
});
