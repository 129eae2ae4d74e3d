/**
 * Benchmark of crossEntropyLoss (forward + backward) against TensorFlow.js 4.22 (cpu and wasm backends:
 * `tf.losses.softmaxCrossEntropy` + gradient) and @jax-js/jax (wasm: jit(valueAndGrad) of logSoftmax + one-hot
 * cross-entropy), side by side in one process, interleaved sample by sample.
 *
 * Run from packages/loss: `pnpm bench` (bundles this file with esbuild into .tmp/ and runs it with node).
 * `--quick` takes fewer samples.
 *
 * Every contender computes the mean loss and its gradient with respect to [1024, 1000] float32 logits and reads
 * both back. tfjs and jax-js get their one-hot targets prepared outside the timed call (they need them; ours
 * takes class indices), which favours them.
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { jit, nn, numpy as np, valueAndGrad } from '@jax-js/jax';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import { getKernelBackend, tensor } from '@dl/tensor';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import {
  fmtMs,
  fmtRatio,
  type MeasureOptions,
  measureInterleaved,
  randomData,
  type Timing,
} from '../../tensor/bench/harness';
import { crossEntropyLossComposed } from '../src/crossEntropyLoss';
import { crossEntropyLoss } from '../src/index';

const quick = process.argv.includes('--quick');
/** `--isolated`: time each contender alone, one after the other, instead of interleaved. */
const isolated = process.argv.includes('--isolated');
// `--skip=jax,tfjs-cpu`: leave out the contenders whose names contain these.
const timing: MeasureOptions = quick
  ? { warmup: 2, samples: 5, minSamples: 3, budgetMs: 1000, sampleMs: 20 }
  : { warmup: 3, samples: 11, minSamples: 5, budgetMs: 3000, sampleMs: 100 };

const require = createRequire(import.meta.url);
setWasmPaths(`${path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'))}/dist/`);

const N = 1024;
const C = 1000;
const logitsData = randomData(N * C, 1).map((v) => v * 4);
const labels = Int32Array.from({ length: N }, (_, i) => (i * 7919) % C);

function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return diff / scale;
}

interface Result {
  value: number;
  grad: ArrayLike<number>;
}

async function main(): Promise<void> {
  await import('@tensorflow/tfjs-backend-wasm');
  const backends = ['cpu', 'wasm'] as const;
  for (const b of backends) {
    if (!(await tf.setBackend(b))) throw new Error(`could not start the TensorFlow.js ${b} backend`);
    await tf.ready();
  }
  console.log(
    `# crossEntropyLoss [${N}, ${C}] forward + backward: @dl/loss vs TensorFlow.js ${tf.version_core} and @jax-js/jax\n`,
  );
  console.log(
    `Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} x ${os.cpus().length}, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}, @dl kernels: ${getKernelBackend()}, ${new Date().toISOString()}\n`,
  );
  for (const smoothing of [0, 0.1]) {
    // @dl/loss: the fused kernel (what crossEntropyLoss runs) and the composed ops (its oracle)
    const dl = (f: typeof crossEntropyLoss) => (): Result => {
      const x = tensor(logitsData, { shape: [N, C], requiresGrad: true });
      const loss = f(x, labels, { labelSmoothing: smoothing });
      loss.backward();
      return { value: loss.item(), grad: x.grad!.data };
    };
    // tfjs with the one-hot built outside the timed call (kept per backend)
    const tfPrepared = new Map<string, tf.Tensor>();
    const tfPreparedRun = (b: string) => (): Result => {
      let out: Result | undefined;
      const onehot = tfPrepared.get(b)!;
      tf.tidy(() => {
        const x = tf.tensor2d(logitsData, [N, C]);
        const f = (z: tf.Tensor) =>
          tf.losses.softmaxCrossEntropy(onehot, z, undefined, smoothing, tf.Reduction.MEAN);
        const { value, grads } = tf.valueAndGrads(f)([x]);
        out = { value: value.dataSync()[0]!, grad: grads[0]!.dataSync() };
      });
      return out!;
    };
    for (const b of backends) {
      await tf.setBackend(b);
      tfPrepared.set(b, tf.keep(tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), C), 'float32')));
    }
    const onehotData = new Float32Array(N * C);
    for (let i = 0; i < N; i++) onehotData[i * C + labels[i]!] = 1;
    const jaxTarget = np
      .array(onehotData)
      .reshape([N, C])
      .mul(1 - smoothing)
      .add(smoothing / C);
    const jaxLoss = jit(
      valueAndGrad((x: np.Array, q: np.Array) =>
        nn
          .logSoftmax(x, -1)
          .mul(q)
          .sum()
          .mul(-1 / N),
      ),
    );
    const jaxRun = (): Result => {
      const x = np.array(logitsData).reshape([N, C]);
      const [v, g] = jaxLoss(x, jaxTarget.ref) as unknown as [np.Array, np.Array];
      return { value: (v.dataSync() as Float32Array)[0]!, grad: g.dataSync() as Float32Array };
    };
    const contenders: { name: string; run: () => Result; enter?: () => Promise<void> }[] = [
      { name: '@dl/loss (fused)', run: dl(crossEntropyLoss) },
      { name: '@dl/loss (composed ops)', run: dl(crossEntropyLossComposed as typeof crossEntropyLoss) },
      { name: 'tfjs-cpu', run: tfPreparedRun('cpu'), enter: async () => void (await tf.setBackend('cpu')) },
      {
        name: 'tfjs-wasm',
        run: tfPreparedRun('wasm'),
        enter: async () => void (await tf.setBackend('wasm')),
      },
      { name: 'jax-js wasm (jit)', run: jaxRun },
    ];
    const skip = (process.argv.find((a) => a.startsWith('--skip='))?.slice(7) ?? '')
      .split(',')
      .filter(Boolean);
    for (let j = contenders.length - 1; j > 0; j--)
      if (skip.some((k) => contenders[j]!.name.includes(k))) contenders.splice(j, 1);
    // agreement with the fused result (normwise relative)
    const ref = contenders[0]!.run();
    const agree: string[] = [];
    for (const c of contenders.slice(1)) {
      await c.enter?.();
      const r = c.run();
      agree.push(
        `${c.name}: value ${Math.abs(r.value - ref.value) / Math.abs(ref.value)}, grad ${maxRelDiff(r.grad, ref.grad)}`,
      );
    }
    // Pairs: @dl/loss (fused) interleaved with one contender at a time (A, B, A, B, ...): a heavy contender such as
    // tfjs-cpu otherwise disturbs everything measured after it in the same round on this shared machine.
    const pairs: Timing[][] = [];
    for (const c of contenders.slice(1)) {
      const pair = isolated
        ? [
            ...(await measureInterleaved(
              [{ run: () => void contenders[0]!.run(), enter: contenders[0]!.enter }],
              timing,
            )),
            ...(await measureInterleaved([{ run: () => void c.run(), enter: c.enter }], timing)),
          ]
        : await measureInterleaved(
            [contenders[0]!, c].map((k) => ({ run: () => void k.run(), enter: k.enter })),
            timing,
          );
      pairs.push(pair);
    }
    const label = smoothing === 0 ? 'class targets' : `class targets, labelSmoothing ${smoothing}`;
    console.log(`## ${label}\n\nagreement with @dl/loss (fused), relative: ${agree.join('; ')}\n`);
    console.log(
      '| contender | its median ms (cpu ms) | @dl/loss fused in the same pair: median ms (cpu ms) | speed-up, wall | speed-up, cpu |\n|---|--:|--:|--:|--:|',
    );
    contenders.slice(1).forEach((c, j) => {
      const [ours, theirs] = pairs[j]!;
      console.log(
        `| ${c.name} | ${fmtMs(theirs!.wallMs)} (${fmtMs(theirs!.cpuMs)}) | ${fmtMs(ours!.wallMs)} (${fmtMs(ours!.cpuMs)}) | ${fmtRatio(ours!.wallMs, theirs!.wallMs)} | ${fmtRatio(ours!.cpuMs, theirs!.cpuMs)} |`,
      );
    });
    console.log('');
    for (const t of tfPrepared.values()) t.dispose();
    jaxTarget.dispose();
  }
  console.log(
    `load after: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}

await main();
