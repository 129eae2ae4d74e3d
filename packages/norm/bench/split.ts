// Where the time of one batchNorm2d (32, 64, 16, 16) forward + backward goes:
//   node ../../scripts/bench-build.mjs bench/split.ts .tmp/split.mjs && node .tmp/split.mjs
import { batchNorm, fromData, mul, ones, sum, zeros } from '@dl/tensor';
import { randomData } from '../../tensor/bench/harness';
import { BatchNorm2d } from '../src/BatchNorm2d';

const shape = [32, 64, 16, 16];
const n = shape.reduce((a, d) => a * d, 1);
const x = randomData(n, 1);
const up = fromData({ shape, data: randomData(n, 2) });
const layer = new BatchNorm2d(64);
const time = (label: string, f: () => void) => {
  for (let i = 0; i < 2; i++) f();
  const t0 = performance.now();
  for (let i = 0; i < 5; i++) f();
  console.log(label, ((performance.now() - t0) / 5).toFixed(1), 'ms');
};
time('layer forward (training)', () => void layer.forward(fromData({ shape, data: x })));
time(
  'fused batchNorm forward',
  () =>
    void batchNorm(fromData({ shape, data: x }), { training: true, weight: ones([64]), bias: zeros([64]) }),
);
time('mul + sum forward', () => void sum(mul(fromData({ shape, data: x }), up)));
time('layer forward + backward', () => {
  const input = fromData({ shape, data: x }).setRequiresGrad();
  layer.zeroGrad();
  sum(mul(layer.forward(input), up)).backward();
});
time('mul + sum forward + backward', () => {
  const input = fromData({ shape, data: x }).setRequiresGrad();
  sum(mul(input, up)).backward();
});
