import { lars } from '../src/index';
import { allocationTest } from './allocation';

allocationTest('lars', () => lars({ lr: 1e-3 }));
