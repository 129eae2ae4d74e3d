import { scheduleFreeAdamw } from '../src/index';
import { allocationTest } from './allocation';

allocationTest('scheduleFreeAdamw', () => scheduleFreeAdamw({ lr: 1e-3 }));
