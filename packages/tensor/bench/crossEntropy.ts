/**
 * softmaxCrossEntropy forward + backward (label smoothing 0.1, mean) at the digits job's size ([64, 10]) and on
 * wide rows ([1024, 1000]), per call: wall clock and process CPU time, interleaved with the composed form
 * (logSoftmax + gather + mean) for scale.
 *
 *   cd packages/tensor && node ../../scripts/bench-build.mjs bench/crossEntropy.ts .tmp/ce.mjs && node .tmp/ce.mjs
 */
import { grad, setKernelBackend, softmaxCrossEntropy, tensor } from '../src/index';
import { fmtMs, measureInterleaved, randomData } from './harness';

const backend = process.argv.includes('--js') ? 'js' : 'wasm';
setKernelBackend(backend);
const rows: string[] = [];
for (const [N, C] of [
  [64, 10],
  [256, 10],
  [64, 100],
  [1024, 1000],
] as const) {
  const x = tensor(
    randomData(N * C, 7).map((v) => v * 4),
    { shape: [N, C] },
  );
  const t = tensor(
    Int32Array.from({ length: N }, (_, i) => (i * 7) % C),
    { dtype: 'int32' },
  );
  const g = grad((z) => softmaxCrossEntropy(z, t, { labelSmoothing: 0.1 }));
  const [fwd, both] = await measureInterleaved(
    [
      { run: () => softmaxCrossEntropy(x, t, { labelSmoothing: 0.1 }).dispose() },
      { run: () => g(x).dispose() },
    ],
    { samples: 11, budgetMs: 300, sampleMs: 10 },
  );
  rows.push(
    `| [${N}, ${C}] | ${fmtMs(fwd!.wallMs * 1000)} | ${fmtMs(fwd!.cpuMs * 1000)} | ${fmtMs(both!.wallMs * 1000)} | ${fmtMs(both!.cpuMs * 1000)} |`,
  );
}
console.log(`softmaxCrossEntropy, kernels '${backend}' (microseconds per call)`);
console.log('| logits | forward wall | forward CPU | fwd+bwd wall | fwd+bwd CPU |');
console.log('|---|--:|--:|--:|--:|');
for (const r of rows) console.log(r);
