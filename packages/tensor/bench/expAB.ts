/**
 * Before / after of the four-lane float32 exponential (issue 15: softmax, silu, elu rows, and tanh), interleaved in one
 * process (process CPU time per call, results disposed unless `(kept)`): the package at a base commit, unpacked
 * into .tmp/base, against the working tree. `--only=<text>` keeps the cases whose name contains it. For the kernels
 * alone on resident blocks, see the `kernel` phases of bench/phases.ts.
 *
 *   cd packages/tensor && rm -rf .tmp/base && mkdir -p .tmp/base && git archive <base> src fixtures | tar -x -C .tmp/base
 *   node ../../scripts/bench-build.mjs bench/expAB.ts .tmp/expAB.mjs && uptime && node .tmp/expAB.mjs
 */
import * as A from '../.tmp/base/src/index';
import * as B from '../src/index';
import { printAB, randomData } from './harness';

type Lib = typeof B;
type T = ReturnType<Lib['tensor']>;
const a1 = randomData(1_000_000, 3);
const w1 = randomData(1_000_000, 4);
const sm = randomData(1024 * 1000, 6);
const w2 = randomData(1024 * 1000, 7);
const shape = [1000, 1000];
const cases: [string, (L: Lib) => () => void][] = [
  [
    'softmax [1024,1000]',
    (L) => {
      const x = L.tensor(sm, { shape: [1024, 1000] });
      return () => L.softmax(x).dispose();
    },
  ],
  [
    'softmax [1024,1000] (kept)',
    (L) => {
      const x = L.tensor(sm, { shape: [1024, 1000] });
      return () => void L.softmax(x);
    },
  ],
  [
    'softmax [1024,1000] fwd+bwd',
    (L) => {
      const x = L.tensor(sm, { shape: [1024, 1000] });
      const w = L.tensor(w2, { shape: [1024, 1000] });
      const g = L.grad((t: T) => L.sum(L.mul(L.softmax(t), w)));
      return () => g(x).dispose();
    },
  ],
];
for (const [name, op] of [
  ['silu', (L: Lib, x: T) => L.silu(x)],
  ['elu', (L: Lib, x: T) => L.elu(x)],
  ['tanh', (L: Lib, x: T) => L.tanh(x)],
  // session 12: the interleaved kernels
  ['softplus', (L: Lib, x: T) => L.softplus(x)],
  ['logSigmoid', (L: Lib, x: T) => L.logSigmoid(x)],
  ["gelu 'tanh'", (L: Lib, x: T) => L.gelu(x, { approximate: 'tanh' })],
] as const) {
  cases.push(
    [
      `${name} 1M`,
      (L) => {
        const x = L.tensor(a1, { shape });
        return () => op(L, x).dispose();
      },
    ],
    [
      `${name} 1M fwd+bwd`,
      (L) => {
        const x = L.tensor(a1, { shape });
        const w = L.tensor(w1, { shape });
        const g = L.grad((t: T) => L.sum(L.mul(op(L, t), w)));
        return () => g(x).dispose();
      },
    ],
  );
}
await printAB(cases, A as unknown as Lib, B, { samples: 11, budgetMs: 700, sampleMs: 10 });
