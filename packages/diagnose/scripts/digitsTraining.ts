/**
 * The small full-batch training runs on the UCI digits (data/digits) that the guide's examples
 * (scripts/examples.ts) and the proof tests (test/proof.training.test.ts) both use: splits of the data, an MLP of
 * given sizes, and full-batch training that records the losses of every step.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { Linear, type Module, ReLU, Sequential } from '@dl/nn';
import { adam, createOptimizer, sgd } from '@dl/optim';
import { noGrad, softmaxCrossEntropy, type Tensor, tensor } from '@dl/tensor';
import type { Curves } from '../src/diagnoseCurves';

/** Inputs [n, 64] and int32 labels [n]. */
export interface Split {
  x: Tensor;
  y: Tensor;
}

let rows: number[][] | undefined;

/** Rows `from` to `to` of the digits, pixels mapped by `transform` (default: scaled to [0, 1]). */
export function digitsSplit(
  from: number,
  to: number,
  transform: (v: number, j: number) => number = (v) => v / 16,
): Split {
  rows ??= gunzipSync(readFileSync(new URL('../../../data/digits/digits.csv.gz', import.meta.url)))
    .toString()
    .trim()
    .split('\n')
    .map((l) => l.split(',').map(Number));
  const part = rows.slice(from, to);
  return {
    x: tensor(part.map((r) => r.slice(0, 64).map(transform))),
    y: tensor(
      part.map((r) => r[64]!),
      { dtype: 'int32' },
    ),
  };
}

/** Full-batch training for `steps` steps; the training, validation (and test) loss of every step. */
export function train(
  model: Module,
  data: { train: Split; validation: Split; test?: Split },
  steps: number,
  lr: number,
  optimizer: 'adam' | 'sgd' = 'adam',
): Curves {
  const opt = createOptimizer(
    [...model.parameters()],
    optimizer === 'adam' ? adam({ lr }) : sgd({ lr, momentum: 0.9 }),
  );
  const lossOn = (s: Split) => softmaxCrossEntropy(model.forward(s.x) as Tensor, s.y);
  const c = { train: [] as number[], validation: [] as number[], test: [] as number[] };
  for (let step = 0; step < steps; step++) {
    opt.zeroGrad();
    const loss = lossOn(data.train);
    loss.backward();
    opt.step();
    noGrad(() => {
      c.train.push(loss.item());
      c.validation.push(lossOn(data.validation).item());
      if (data.test) c.test.push(lossOn(data.test).item());
    });
  }
  return data.test ? c : { train: c.train, validation: c.validation };
}

/** An MLP with the given layer sizes, `Act` between the layers, seeded per layer. */
export function mlp(sizes: number[], seed: number, Act: new () => Module = ReLU): Module {
  const layers: Module[] = [];
  for (let i = 0; i + 1 < sizes.length; i++) {
    layers.push(new Linear(sizes[i]!, sizes[i + 1]!, { seed: seed * 100 + i }));
    if (i + 2 < sizes.length) layers.push(new Act());
  }
  return new Sequential(...layers);
}
