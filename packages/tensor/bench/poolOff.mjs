// Preload (`node --import ./packages/tensor/bench/poolOff.mjs job.mjs`) that turns the buffer pool off in a job run
// on the built package, for before/after profiles: every result array is then a new zero-filled typed array.
import { configureBufferPool } from '../dist/index.js';

configureBufferPool({ maxBytes: 0 });
