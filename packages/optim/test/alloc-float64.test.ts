import { adam } from '../src/index';
import { allocationTest } from './allocation';

// The JavaScript loop over float64 parameters allocates nothing either. (In the benchmark's bundle adam's float64
// loop allocated 180-206 B per step before session 6, its bias corrections returned by a call left out of line; in
// this worker the engine inlines that call, so bench/alloc.ts, not this test, is the proof for that case.)
allocationTest('adam', () => adam({ lr: 1e-3 }), true);
