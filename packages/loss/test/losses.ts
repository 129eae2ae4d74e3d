// The losses by name, as the fixtures name them: the tensor form and the plain-array form on argument lists.
import type { Tensor } from '@dl/tensor';
import * as api from '../src/index';
import type { LossValueAndGrad } from '../src/index';

export interface Encoded {
  shape: number[];
  data: number[];
}

export interface LossCase {
  name: string;
  loss: string;
  dtype: 'float32' | 'float64';
  args: (Encoded & { kind: 'float' | 'int' | 'sign' })[];
  options: Record<string, number | boolean | string | Encoded>;
  value: Encoded;
  grads: (Encoded | null)[];
  exact: { value: Encoded; grads: (Encoded | null)[] } | null;
}

type AnyFn = (...args: unknown[]) => unknown;

function entry(name: string): {
  tensorForm: (args: unknown[], options: unknown) => Tensor;
  plainForm: (args: unknown[], options: unknown) => LossValueAndGrad;
} {
  const t = (api as unknown as Record<string, AnyFn>)[name]!;
  const p = (api as unknown as Record<string, AnyFn>)[`${name}ValueAndGrad`]!;
  return {
    tensorForm: (args, options) => t(...args, options) as Tensor,
    plainForm: (args, options) => p(...args, options) as LossValueAndGrad,
  };
}

/** Every loss with a PyTorch (or torchvision / formula) oracle in fixtures/losses.json. */
export const LOSS_NAMES = [
  'mseLoss',
  'l1Loss',
  'huberLoss',
  'smoothL1Loss',
  'bceLoss',
  'bceWithLogitsLoss',
  'crossEntropyLoss',
  'nllLoss',
  'klDivLoss',
  'poissonNllLoss',
  'gaussianNllLoss',
  'hingeEmbeddingLoss',
  'multiMarginLoss',
  'multilabelSoftMarginLoss',
  'marginRankingLoss',
  'tripletMarginLoss',
  'cosineEmbeddingLoss',
  'sigmoidFocalLoss',
  'softmaxFocalLoss',
];

export const LOSSES: Record<string, ReturnType<typeof entry>> = Object.fromEntries(
  LOSS_NAMES.map((n) => [n, entry(n)]),
);
