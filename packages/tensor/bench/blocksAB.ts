/**
 * Same-process A/B of the streaming kernels on data already in kernel memory (issue 15, session 6): the kernel
 * module of a base commit (unpacked into .tmp/base) against the working tree's, one 1M-element pass of 32K-element
 * blocks per call, process CPU time; then the public ops (disposed) of both trees.
 *
 *   cd packages/tensor && rm -rf .tmp/base && mkdir -p .tmp/base && git archive <base> src | tar -x -C .tmp/base
 *   node ../../scripts/bench-build.mjs bench/blocksAB.ts .tmp/blocksAB.mjs && uptime && node .tmp/blocksAB.mjs
 */
import * as A from '../.tmp/base/src/index';
import { actRuntime as baseAct } from '../.tmp/base/src/wasm/activations';
import { wasmRuntime as baseRuntime } from '../.tmp/base/src/wasm/runtime';
import { softmaxRuntime as baseSoftmax } from '../.tmp/base/src/wasm/softmax';
import { pointwiseRuntime as basePointwise } from '../.tmp/base/src/wasm/unary';
import * as B from '../src/index';
import { actRuntime } from '../src/wasm/activations';
import type { MapKernel } from '../src/wasm/blocks';
import { BLOCK, O, X, Y } from '../src/wasm/layout';
import { wasmRuntime } from '../src/wasm/runtime';
import { softmaxRuntime } from '../src/wasm/softmax';
import { pointwiseRuntime } from '../src/wasm/unary';
import { normalData, printAB, randomData } from './harness';
import { A1 as a1, B1 as b1, memoryBoundOps } from './memoryBoundOps';

type K = NonNullable<ReturnType<typeof wasmRuntime>>['k'];
const N = 1_000_000;
const before = baseRuntime()!.k as unknown as K;
const after = wasmRuntime()!.k;
const blocks = (f: (m: number) => void) => () => {
  for (let i = 0; i < N; i += BLOCK) f(Math.min(BLOCK, N - i));
};
type Lib = typeof B;
const kernelCases: [string, (k: K) => () => void][] = [
  ['kernel vv add', (k) => blocks((m) => k.vv(0, X, Y, O, m))],
  ['kernel vs mul', (k) => blocks((m) => k.vs(2, X, 0.5, O, m, 0))],
  ['kernel rows add (C 1000)', (k) => blocks((m) => k.rows(0, X, Y, O, Math.floor(m / 1000), 1000, 0))],
  ['kernel cols add (C 1000)', (k) => blocks((m) => k.cols(0, X, Y, O, Math.floor(m / 1000), 1000, 0))],
  ['kernel relu', (k) => blocks((m) => k.relu(X, O, m))],
  ['kernel reluBwd', (k) => blocks((m) => k.reluBwd(X, Y, O, m))],
];
const opCases = memoryBoundOps();
type P = Record<string, MapKernel>;
const pointwiseCases: [string, (k: P) => () => void][] = ['abs', 'square', 'clip', 'sqrt'].map((name) => [
  `kernel ${name}`,
  (k: P) => blocks((m) => k[name]!(X, O, m, -0.5, 0.5, 0, 0)),
]);
opCases.push([
  'silu 1M',
  (L) => {
    const a = L.tensor(a1, { shape: [1000, 1000] });
    return () => L.silu(a).dispose();
  },
]);
opCases.push([
  'abs 1M',
  (L) => {
    const a = L.tensor(a1, { shape: [1000, 1000] });
    return () => L.abs(a).dispose();
  },
]);
// softmax rows of 1000, 32 rows a block (the module's layout: X at 0, O at 8 blocks, M after 12 blocks + 64 bytes)
type S = NonNullable<ReturnType<typeof softmaxRuntime>>['k'];
const softmaxCases: [string, (k: S) => () => void][] = [
  [
    'kernel softmaxF32 [1024,1000]',
    (k) => () => {
      for (let r = 0; r < 1024; r += 32) k.softmaxF32(0, BLOCK * 8, BLOCK * 12 + 64, 32, 1000);
    },
  ],
];
opCases.push(
  [
    'softmax [1024,1000]',
    (L) => {
      const x = L.tensor(randomData(1024 * 1000, 6), { shape: [1024, 1000] });
      return () => L.softmax(x).dispose();
    },
  ],
  [
    'logSoftmax [1024,1000]',
    (L) => {
      const x = L.tensor(randomData(1024 * 1000, 6), { shape: [1024, 1000] });
      return () => L.logSoftmax(x).dispose();
    },
  ],
);
// gelu (exact form) on uniform [-1, 1) data (the bench rows' data: every lane takes the short branch) and on
// standard normal data (Box-Muller: about a third of the groups of four take only the short branch)
const normal = normalData(N, 3);
const actCases: [string, (k: P) => () => void][] = [
  ['kernel gelu, uniform [-1, 1)', (k) => blocks((m) => k.gelu!(X, O, m, 0, 0, 0, 0))],
  ['kernel geluBwd, uniform [-1, 1)', (k) => blocks((m) => k.geluBwd!(X, Y, O, m, 0, 0, 0))],
  ['kernel silu', (k) => blocks((m) => k.silu!(X, O, m, 0, 0, 0, 0))],
  ['kernel siluBwd', (k) => blocks((m) => k.siluBwd!(X, Y, O, m, 0, 0, 0))],
  ["kernel gelu 'tanh'", (k) => blocks((m) => k.geluTanh!(X, O, m, 0, 0, 0, 0))],
  ["kernel gelu 'tanh' backward", (k) => blocks((m) => k.geluTanhBwd!(X, Y, O, m, 0, 0, 0))],
];
for (const [name, data] of [
  ['uniform [-1, 1)', a1],
  ['standard normal', normal],
] as const) {
  opCases.push(
    [
      `gelu 1M, ${name}`,
      (L) => {
        const a = L.tensor(data, { shape: [1000, 1000] });
        return () => L.gelu(a).dispose();
      },
    ],
    [
      `gelu 1M fwd+bwd, ${name}`,
      (L) => {
        const a = L.tensor(data, { shape: [1000, 1000], requiresGrad: true });
        const g = L.grad((x: ReturnType<typeof L.tensor>) => L.sum(L.gelu(x)));
        return () => g(a).dispose();
      },
    ],
  );
}
const options = { samples: 15, minSamples: 7, budgetMs: 600, sampleMs: 10 };
await printAB(kernelCases, before, after, options);
await printAB(
  pointwiseCases,
  basePointwise(N)!.k as unknown as P,
  pointwiseRuntime(N)!.k as unknown as P,
  options,
);
{
  const before = baseAct(N)!;
  const after = actRuntime(N)!;
  before.f32.set(a1.subarray(0, BLOCK), X >> 2);
  after.f32.set(a1.subarray(0, BLOCK), X >> 2);
  before.f32.set(b1.subarray(0, BLOCK), Y >> 2);
  after.f32.set(b1.subarray(0, BLOCK), Y >> 2);
  await printAB(actCases, before.k as unknown as P, after.k as unknown as P, options);
  // the same gelu kernels on standard normal data (X; the gradient at Y stays uniform)
  before.f32.set(normal.subarray(0, BLOCK), X >> 2);
  after.f32.set(normal.subarray(0, BLOCK), X >> 2);
  const normalCases: [string, (k: P) => () => void][] = [
    ['kernel gelu, standard normal', (k) => blocks((m) => k.gelu!(X, O, m, 0, 0, 0, 0))],
    ['kernel geluBwd, standard normal', (k) => blocks((m) => k.geluBwd!(Y, X, O, m, 0, 0, 0))],
  ];
  await printAB(normalCases, before.k as unknown as P, after.k as unknown as P, options);
}
await printAB(softmaxCases, baseSoftmax(N)!.k as unknown as S, softmaxRuntime(N)!.k, options);
await printAB(opCases, A as unknown as Lib, B, options);
