import assert from 'node:assert/strict';
import { Linear, ReLU, Sequential } from '@dl/nn';
import { tensor } from '@dl/tensor';

const model = new Sequential(new Linear(2, 3, { seed: 0 }), new ReLU(), new Linear(3, 1, { seed: 1 }));
assert.deepEqual(model.forward(tensor([[1, 2]])).shape, [1, 1]);
const copy = new Sequential(new Linear(2, 3), new ReLU(), new Linear(3, 1));
copy.loadStateDict(JSON.parse(JSON.stringify(model.stateDict())));
assert.deepEqual(copy.stateDict(), model.stateDict());
console.log('ok');
