// The named optimizers with WebAssembly kernels, in each of their kernel variants: the cases of the kernels'
// bit-identity tests (test/wasm.test.ts) and of the kernel memory's (test/kernelMemory.test.ts).
import {
  adadelta,
  adagrad,
  adam,
  adamax,
  adamw,
  lamb,
  lars,
  lion,
  type NamedOptimizer,
  nadam,
  radam,
  rmsprop,
  scheduleFreeAdamw,
  scheduleFreeSgd,
  sgd,
} from '../src/index';

/** `[name, make]` for every kernel variant. */
export const WASM_CASES: [string, () => NamedOptimizer][] = [
  ['adam', () => adam({ lr: 1e-2 })],
  ['adam amsgrad', () => adam({ lr: 1e-2, amsgrad: true })],
  ['adam weightDecay', () => adam({ lr: 1e-2, weightDecay: 0.1, betas: [0.8, 0.99] })],
  ['adam maximize', () => adam({ lr: 1e-2, maximize: true, eps: 1e-6 })],
  ['adamw', () => adamw({ lr: 1e-2 })],
  ['adamw amsgrad', () => adamw({ lr: 3e-2, amsgrad: true, weightDecay: 0.5 })],
  ['sgd', () => sgd({ lr: 1e-2 })],
  ['sgd momentum', () => sgd({ lr: 1e-2, momentum: 0.9 })],
  ['sgd momentum dampening', () => sgd({ lr: 1e-2, momentum: 0.9, dampening: 0.3 })],
  [
    'sgd nesterov weightDecay maximize',
    () => sgd({ lr: 1e-2, momentum: 0.9, nesterov: true, weightDecay: 0.1, maximize: true }),
  ],
  ['sgd weightDecay', () => sgd({ lr: 1e-2, weightDecay: 0.1 })],
  ['adam weightDecay maximize', () => adam({ lr: 1e-2, weightDecay: 0.1, maximize: true })],
  ['adamw maximize', () => adamw({ lr: 1e-2, maximize: true })],
  [
    'sgd momentum dampening weightDecay',
    () => sgd({ lr: 1e-2, momentum: 0.9, dampening: 0.1, weightDecay: 0.1 }),
  ],
  ['sgd nesterov maximize', () => sgd({ lr: 1e-2, momentum: 0.5, nesterov: true, maximize: true })],
  ['adagrad', () => adagrad({ lr: 1e-2 })],
  [
    'adagrad lrDecay weightDecay initialAccumulatorValue maximize',
    () =>
      adagrad({ lr: 1e-2, lrDecay: 0.01, weightDecay: 0.1, initialAccumulatorValue: 0.5, maximize: true }),
  ],
  ['rmsprop', () => rmsprop({ lr: 1e-2 })],
  ['rmsprop centered', () => rmsprop({ lr: 1e-2, centered: true, eps: 1e-3 })],
  ['rmsprop momentum weightDecay', () => rmsprop({ lr: 1e-2, momentum: 0.9, weightDecay: 0.1 })],
  [
    'rmsprop centered momentum maximize',
    () => rmsprop({ lr: 1e-2, centered: true, momentum: 0.5, maximize: true, eps: 1e-3 }),
  ],
  ['adadelta', () => adadelta({ lr: 1 })],
  ['adadelta weightDecay maximize', () => adadelta({ lr: 0.5, rho: 0.8, weightDecay: 0.1, maximize: true })],
  ['adamax', () => adamax({ lr: 1e-2 })],
  ['adamax weightDecay maximize', () => adamax({ lr: 1e-2, weightDecay: 0.1, maximize: true })],
  ['nadam', () => nadam({ lr: 1e-2 })],
  ['nadam weightDecay', () => nadam({ lr: 1e-2, weightDecay: 0.1 })],
  ['nadam decoupled', () => nadam({ lr: 1e-2, weightDecay: 0.1, decoupledWeightDecay: true })],
  ['radam', () => radam({ lr: 1e-2 })],
  ['radam weightDecay', () => radam({ lr: 1e-2, weightDecay: 0.1 })],
  ['radam decoupled', () => radam({ lr: 1e-2, weightDecay: 0.1, decoupledWeightDecay: true })],
  // the rules beyond PyTorch 1.13: float64 arithmetic in both (src/wasm/beyond.ts)
  ['lion', () => lion({ lr: 1e-2 })],
  ['lion weightDecay betas', () => lion({ lr: 3e-2, weightDecay: 0.5, betas: [0.8, 0.95] })],
  ['lamb', () => lamb({ lr: 1e-2 })],
  ['lamb weightDecay', () => lamb({ lr: 1e-2, weightDecay: 0.1, betas: [0.8, 0.99], eps: 1e-4 })],
  ['lars', () => lars({ lr: 1e-2 })],
  ['lars nesterov weightDecay', () => lars({ lr: 1e-2, nesterov: true, weightDecay: 0.1, momentum: 0.5 })],
  ['scheduleFreeAdamw', () => scheduleFreeAdamw({ lr: 1e-2 })],
  [
    'scheduleFreeAdamw warmupSteps weightDecay',
    () => scheduleFreeAdamw({ lr: 1e-2, warmupSteps: 4, weightDecay: 0.1 }),
  ],
  ['scheduleFreeSgd', () => scheduleFreeSgd({ lr: 1e-2 })],
  [
    'scheduleFreeSgd warmupSteps momentum',
    () => scheduleFreeSgd({ lr: 1e-2, warmupSteps: 3, momentum: 0.5 }),
  ],
];
