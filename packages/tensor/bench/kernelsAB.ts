/**
 * Before / after of the session-5 elementwise kernels, interleaved in one process (process CPU time per call,
 * results disposed): the package at a base commit, unpacked into .tmp/base, against the working tree, on 1M float32
 * elements. `--only=<text>` keeps the cases whose name contains it.
 *
 *   cd packages/tensor && rm -rf .tmp/base && mkdir -p .tmp/base && git archive 007317f src | tar -x -C .tmp/base
 *   node ../../scripts/bench-build.mjs bench/kernelsAB.ts .tmp/kernelsAB.mjs && uptime && node .tmp/kernelsAB.mjs
 */
import * as A from '../.tmp/base/src/index';
import * as B from '../src/index';
import { printAB, randomData } from './harness';

type Lib = typeof B;
type T = ReturnType<Lib['tensor']>;
const shape = [1000, 1000];
const a1 = randomData(1_000_000, 3);
const b1 = randomData(1_000_000, 4);
/** A case: name, then the op on (x, y) tensors of `shape` (y: a second operand, or the gradient weights). */
const UNARY: [string, (L: Lib, x: T) => T][] = [
  ['elu', (L, x) => L.elu(x)],
  ['selu', (L, x) => L.selu(x)],
  ['erf', (L, x) => L.erf(x)],
  ['erfc', (L, x) => L.erfc(x)],
  ['mish', (L, x) => L.mish(x)],
  ['sin', (L, x) => L.sin(x)],
  ['cos', (L, x) => L.cos(x)],
];
const BINARY: [string, (L: Lib, x: T, y: T) => T][] = [
  ['maximum', (L, x, y) => L.maximum(x, y)],
  ['minimum', (L, x, y) => L.minimum(x, y)],
  ['greater', (L, x, y) => L.greater(x, y)],
  ['equal', (L, x, y) => L.equal(x, y)],
  ['where', (L, x, y) => L.where(L.greater(x, 0), x, y)],
];
const cases: [string, (L: Lib) => () => void][] = [];
for (const [name, op] of UNARY) {
  cases.push([
    `${name} 1M`,
    (L) => {
      const x = L.tensor(a1, { shape });
      return () => op(L, x).dispose();
    },
  ]);
  cases.push([
    `${name} 1M fwd+bwd`,
    (L) => {
      const x = L.tensor(a1, { shape });
      const w = L.tensor(b1, { shape });
      const g = L.grad((t) => L.sum(L.mul(op(L, t), w)));
      return () => g(x).dispose();
    },
  ]);
}
for (const [name, op] of BINARY) {
  cases.push([
    `${name} 1M`,
    (L) => {
      const x = L.tensor(a1, { shape });
      const y = L.tensor(b1, { shape });
      return () => op(L, x, y).dispose();
    },
  ]);
}
cases.push([
  'maximum 1M fwd+bwd',
  (L) => {
    const x = L.tensor(a1, { shape });
    const y = L.tensor(b1, { shape });
    const g = L.grad((t) => L.sum(L.maximum(t, y)));
    return () => g(x).dispose();
  },
]);
await printAB(cases, A as unknown as Lib, B, { samples: 11, budgetMs: 700, sampleMs: 10 });
