import { readmeTests } from '../../../tests/doc-examples/readmeTests';
import * as api from '../src/index';

// the README's skeleton sentences list exactly the exports and the types; the guide names every export
readmeTests(new URL('..', import.meta.url), api);
