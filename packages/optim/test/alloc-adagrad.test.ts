import { adagrad } from '../src/index';
import { allocationTest } from './allocation';

allocationTest('adagrad', () => adagrad({ lr: 1e-2 }));
