import { type Layer, Linear, Module, Sequential, type StateDict } from '@dl/nn';
import { relu, type Tensor, tensor } from '@dl/tensor';

class Mlp extends Module {
  fc1 = new Linear(2, 4, { seed: 0 });
  fc2 = new Linear(4, 1, { seed: 1 });
  forward(x: Tensor): Tensor {
    return this.fc2.forward(relu(this.fc1.forward(x)));
  }
}

const layers: Layer[] = [new Mlp()];
const model = new Sequential(...layers);
const y: Tensor = model.forward(tensor([[1, 2]]));
const sd: StateDict = model.stateDict({ encoding: 'base64' });
const missing: string[] = model.loadStateDict(sd).missingKeys;

export { missing, y };
