import { testCases } from './oracle';

testCases('classification');
