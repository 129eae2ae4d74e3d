import { adam } from '../src/index';
import { allocationTest } from './allocation';

allocationTest('adam', () => adam({ lr: 1e-3 }));
