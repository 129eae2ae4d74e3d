import { sgd } from '../src/index';
import { allocationTest } from './allocation';

allocationTest('sgd', () => sgd({ lr: 1e-3, momentum: 0.9 }));
