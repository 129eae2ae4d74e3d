import {
  adam,
  createOptimizer,
  type GradientTransformation,
  type NamedOptimizer,
  type Optimizer,
  type OptimizerStateDict,
} from '@dl/optim';

const named: NamedOptimizer = adam({ lr: (step: number) => 0.1 / (step + 1) });
const tx: GradientTransformation = named;
const opt: Optimizer = createOptimizer([{ data: new Float32Array(2), grad: null }], named);
const saved: OptimizerStateDict = opt.stateDict();

export { saved, tx };
