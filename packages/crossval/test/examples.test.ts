import { fileURLToPath } from 'node:url';
import { runDocExamples } from '../../../tests/doc-examples/runDocExamples';

runDocExamples(fileURLToPath(new URL('../src', import.meta.url)));
