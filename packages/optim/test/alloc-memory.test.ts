import { adamw, sgd } from '../src/index';
import { allocationTest } from './allocation';

// parameters, gradients and state in one kernel memory (createKernelMemory): the in-place path of the kernels
allocationTest(
  'adamw and sgd with momentum',
  () => [adamw({ lr: 1e-3 }), sgd({ lr: 1e-3, momentum: 0.9 })],
  false,
  true,
);
