import { testCases } from './oracle';

testCases('ranking');
