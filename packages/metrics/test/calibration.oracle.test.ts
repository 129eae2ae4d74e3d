import { testCases } from './oracle';

testCases('calibration');
