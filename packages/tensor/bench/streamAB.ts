/**
 * Before / after of the issue-15 data-path work, interleaved in one process (process CPU time per call): the
 * package at a base commit, unpacked into .tmp/base, against the working tree, on the memory-bound rows and the
 * softmax / cross-entropy rows. Results are disposed each call (`(kept)`: left to the garbage collector).
 *
 *   cd packages/tensor && rm -rf .tmp/base && mkdir -p .tmp/base && git archive 8d61735 src | tar -x -C .tmp/base
 *   node ../../scripts/bench-build.mjs bench/streamAB.ts .tmp/ab.mjs && uptime && node .tmp/ab.mjs
 */
import * as A from '../.tmp/base/src/index';
import * as B from '../src/index';
import { printAB, randomData } from './harness';
import { A1 as a1, B1 as b1, memoryBoundOps, type OpCase } from './memoryBoundOps';

type Lib = typeof B;
const sm = randomData(1024 * 1000, 6);
const [add, rowAdd, columnAdd, relu] = memoryBoundOps();
const cases: OpCase[] = [
  add,
  [
    'add 1M (kept)',
    (L) => {
      const a = L.tensor(a1, { shape: [1000, 1000] });
      const b = L.tensor(b1, { shape: [1000, 1000] });
      return () => void L.add(a, b);
    },
  ],
  relu,
  rowAdd,
  columnAdd,
  [
    'softmax [1024,1000]',
    (L) => {
      const x = L.tensor(sm, { shape: [1024, 1000] });
      return () => L.softmax(x).dispose();
    },
  ],
  [
    'logSoftmax [1024,1000]',
    (L) => {
      const x = L.tensor(sm, { shape: [1024, 1000] });
      return () => L.logSoftmax(x).dispose();
    },
  ],
  [
    'softmax [1024,1000] fwd+bwd',
    (L) => {
      const x = L.tensor(sm, { shape: [1024, 1000] });
      const w = L.tensor(
        sm.map((v) => v * 0.5),
        { shape: [1024, 1000] },
      );
      const g = L.grad((t) => L.sum(L.mul(L.softmax(t), w)));
      return () => g(x).dispose();
    },
  ],
  [
    'relu 1M fwd+bwd',
    (L) => {
      const x = L.tensor(a1, { shape: [1000, 1000] });
      const w = L.tensor(b1, { shape: [1000, 1000] });
      const g = L.grad((t) => L.sum(L.mul(L.relu(t), w)));
      return () => g(x).dispose();
    },
  ],
];
for (const [N, C] of [
  [64, 10],
  [1024, 1000],
] as const) {
  const d = randomData(N * C, 7).map((v) => v * 4);
  const lab = Int32Array.from({ length: N }, (_, i) => (i * 7) % C);
  cases.push([
    `softmaxCrossEntropy [${N},${C}] (smoothing 0.1) fwd`,
    (L) => {
      const x = L.tensor(d, { shape: [N, C] });
      const t = L.tensor(lab, { dtype: 'int32' });
      return () => L.softmaxCrossEntropy(x, t, { labelSmoothing: 0.1 }).dispose();
    },
  ]);
  cases.push([
    `softmaxCrossEntropy [${N},${C}] (smoothing 0.1) fwd+bwd`,
    (L) => {
      const x = L.tensor(d, { shape: [N, C] });
      const t = L.tensor(lab, { dtype: 'int32' });
      const g = L.grad((z) => L.softmaxCrossEntropy(z, t, { labelSmoothing: 0.1 }));
      return () => g(x).dispose();
    },
  ]);
}
await printAB(cases, A as unknown as Lib, B, { samples: 15, budgetMs: 600, sampleMs: 10 });
