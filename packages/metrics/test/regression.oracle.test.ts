import { testCases } from './oracle';

testCases('regression');
