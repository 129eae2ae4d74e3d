import { lamb } from '../src/index';
import { allocationTest } from './allocation';

allocationTest('lamb', () => lamb({ lr: 1e-3, weightDecay: 0.01 }));
