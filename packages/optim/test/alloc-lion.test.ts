import { lion } from '../src/index';
import { allocationTest } from './allocation';

allocationTest('lion', () => lion({ lr: 1e-4 }));
