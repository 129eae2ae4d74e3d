/**
 * An optimizer step on parameters that live on @dl/tensor's wasm device, beside the same step on CPU tensors:
 * `createOptimizer(params, adamw() | adam() | sgd({ momentum }))`, each step in `tidy` (device memory needs it),
 * wall ms per step, medians of interleaved rounds. The device runs the protocol's fused updates (`ema`,
 * `adamParam`); the CPU tensors run @dl/optim's one-pass kernel over their arrays.
 *
 *   cd packages/optim && node ../../scripts/bench-build.mjs bench/deviceStep.ts .tmp/deviceStep.mjs && node .tmp/deviceStep.mjs [1e6/1,1e6/10]
 */
import { cpus, loadavg } from 'node:os';
import { createWasmDevice, type Tensor, tensor, tidy, toDevice } from '@dl/tensor';
import { adam, adamw, createOptimizer, type NamedOptimizer, sgd } from '../src/index';
import { median, rand } from './harness';

const device = createWasmDevice({ maxBytes: 2 ** 31 });
const ROUNDS = Number(process.env['ROUNDS'] ?? 21);
const rules: Record<string, () => NamedOptimizer> = {
  adamw: () => adamw({ lr: 1e-3 }),
  adam: () => adam({ lr: 1e-3 }),
  'sgd-momentum': () => sgd({ lr: 1e-3, momentum: 0.9 }),
};

function setup(total: number, parts: number, onDevice: boolean, rule: () => NamedOptimizer) {
  const params: Tensor[] = [];
  for (let i = 0; i < parts; i++) {
    const n = total / parts;
    const on = (t: Tensor) => (onDevice ? toDevice(t, device) : t);
    const p = on(tensor(rand(n, i + 1))).setRequiresGrad();
    p.grad = on(tensor(rand(n, i + 101)));
    params.push(p);
  }
  const opt = createOptimizer(params, rule());
  const step = () => tidy(() => opt.step());
  step();
  return step;
}

console.log(`# optimizer step on wasm-device parameters, ${new Date().toISOString()}`);
console.log(
  `- CPU: ${cpus()[0]?.model} x${cpus().length}; Node ${process.version}; load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log('| step | params | tensors | CPU tensors ms | wasm device ms | device ÷ CPU |');
console.log('|---|--:|--:|--:|--:|--:|');
for (const c of (process.argv[2] ?? '1e6/1,1e6/10').split(',')) {
  const [tot, par] = c.split('/').map(Number) as [number, number];
  for (const [name, rule] of Object.entries(rules)) {
    const cpu = setup(tot, par, false, rule);
    const dev = setup(tot, par, true, rule);
    const tc: number[] = [];
    const td: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      let t = performance.now();
      cpu();
      tc.push(performance.now() - t);
      t = performance.now();
      dev();
      td.push(performance.now() - t);
    }
    const a = median(tc);
    const b = median(td);
    console.log(
      `| ${name} | ${tot / 1e6}M | ${par} | ${a.toFixed(3)} | ${b.toFixed(3)} | ${(b / a).toFixed(2)} |`,
    );
  }
}
