import { adagrad, adam, lion, nadam, rmsprop, sgd } from '../src/index';
import { allocationTest } from './allocation';

// Six rules in one worker, one after the other each step: their shared call sites (stepLeaves, streamWasm, the
// moments helper) see every rule. Session 5 measured 16-100 B per step in such a worker (polymorphic sites, the
// float32 scalars rounded through roundFor's function); 0-3 B after session 6.
allocationTest('adam, adagrad, rmsprop, sgd momentum, lion and nadam in one process', () => [
  adam({ lr: 1e-3 }),
  adagrad({ lr: 1e-2 }),
  rmsprop({ lr: 1e-3 }),
  sgd({ lr: 1e-3, momentum: 0.9 }),
  lion({ lr: 1e-4 }),
  nadam({ lr: 1e-3 }),
]);
