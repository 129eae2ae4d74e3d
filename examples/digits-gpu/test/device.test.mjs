// The digits job's training step on gpu.js's headless-gl device (Node, Mesa's software GL under xvfb-run: real
// GLSL) against the same step on the CPU: the model of src/model.js (Linear + BatchNorm1d + ReLU, label-smoothed
// cross-entropy, AdamW under warmup + cosine) gives the CPU's parameters and running statistics after 10 steps,
// with the device in strict mode (any op without a device kernel would throw: no per-step CPU fallback), and
// device memory stays flat over 100 more steps with dropout (the 1000-step checks are the conformance suite's).
// Skipped, saying why, without gl or a display.
import { indexSelect, noGrad, tensor, toDevice } from '@dl/tensor';
import { createDevice } from '@dl/tensor/gpu';
import { describe, expect, test } from 'vitest';
import { loadDigits } from '../../digits/src/loadDigits.mjs';
import { buildModel, moduleToDevice, trainer } from '../src/model.js';

// minSize 0: every op on the device (on a software renderer the default would keep the small ops on the CPU)
const attempt = await createDevice({ backend: 'headlessgl', strict: true, minSize: 0 }).catch((e) => e);
const available = !(attempt instanceof Error);
if (!available) console.warn(`digits-gpu headless-gl test skipped: ${attempt.message}`);

// standardized digits, one-hot targets, fixed batches of 64
const { x, labels } = loadDigits();
const n = labels.length;
const mean = new Float32Array(64);
const sd = new Float32Array(64);
for (let j = 0; j < 64; j++) {
  let s = 0;
  let ss = 0;
  for (let i = 0; i < n; i++) s += x.data[i * 64 + j];
  for (let i = 0; i < n; i++) ss += (x.data[i * 64 + j] - s / n) ** 2;
  mean[j] = s / n;
  sd[j] = Math.sqrt(ss / n) || 1;
}
const xs = tensor(
  Float32Array.from(x.data, (v, k) => (v - mean[k % 64]) / sd[k % 64]),
  { shape: [n, 64] },
);
const oneHot = new Float32Array(n * 10);
labels.forEach((l, i) => {
  oneHot[i * 10 + l] = 1;
});
const ys = tensor(oneHot, { shape: [n, 10] });
const batch = (b) => {
  const idx = tensor(
    Int32Array.from({ length: 64 }, (_, i) => (b * 64 + i * 7) % n),
    { dtype: 'int32' },
  );
  return [indexSelect(xs, 0, idx), indexSelect(ys, 0, idx)];
};

function run(device, steps, p = 0) {
  const model = moduleToDevice(buildModel(0, p), device);
  const { step } = trainer(model, 100);
  const losses = [];
  for (let s = 0; s < steps; s++) {
    const [xb, yb] = batch(s);
    const loss = step(toDevice(xb, device), toDevice(yb, device));
    losses.push(loss.item());
    loss.dispose();
  }
  return { model, losses };
}

/** ||got - want|| / ||want||. */
function error(got, want) {
  let d = 0;
  let w2 = 0;
  for (let i = 0; i < want.length; i++) {
    d += (got[i] - want[i]) ** 2;
    w2 += want[i] ** 2;
  }
  return Math.sqrt(d / Math.max(w2, 1e-30));
}

// The biases of the Linear layers that feed a BatchNorm (0.bias, 4.bias) do not change the model's output (the
// normalization subtracts them again), so their gradient is zero up to rounding and Adam, which divides by the
// gradient's own scale, turns that rounding noise into steps of size lr on the CPU and on the device alike; the
// running means follow them. They are compared through what they affect: the model's output in eval mode.
const INVARIANT = /^(0|4)\.bias$|running_mean$/;

describe.skipIf(!available)('the digits model trains on headless-gl like on the CPU', () => {
  const device = attempt;

  test("10 steps (BatchNorm1d, AdamW, label smoothing, warmup + cosine) give the CPU's parameters and running statistics", () => {
    const cpu = run('cpu', 10);
    const dev = run(device, 10);
    const want = cpu.model.stateDict();
    const errors = {};
    for (const [name, t] of Object.entries(dev.model.stateDict())) {
      if (name.endsWith('num_batches_tracked') || INVARIANT.test(name)) continue;
      errors[name] = error(t.data, want[name].data);
    }
    console.log('relative error (rms) after 10 steps, device vs CPU:', errors);
    // Adam divides each step by the gradient's own scale, so the elements with the smallest gradients (pixels
    // that are almost always 0) carry float32 rounding into steps: 1.7e-4 on 0.weight here, 1e-7-1e-5 elsewhere
    for (const [name, e] of Object.entries(errors)) expect(e, name).toBeLessThan(1e-3);
    // the function the parameters define, invariant directions included: the logits on 256 rows, normalized
    // with the batch's statistics (in eval mode the running means, which lag behind the noisy biases, add their
    // own share of that noise)
    const rows = tensor(
      Int32Array.from({ length: 256 }, (_, i) => (i * 5) % n),
      { dtype: 'int32' },
    );
    const input = indexSelect(xs, 0, rows);
    const forward = (model, t) => noGrad(() => model.forward(t).data);
    const logits = error(forward(dev.model, toDevice(input, device)), forward(cpu.model, input));
    console.log('relative error (rms) of the logits:', logits);
    expect(logits).toBeLessThan(1e-3);
    for (const [name, t] of dev.model.namedParameters()) expect(t.device, name).toBe(device);
    expect(dev.losses.at(-1)).toBeLessThan(dev.losses[0]);
    for (let i = 0; i < 10; i++) expect(Math.abs(dev.losses[i] - cpu.losses[i])).toBeLessThan(1e-4);
  });

  test("with dropout 0.1 (the job's setting) the model trains on the device, reproducibly: the mask is drawn there", () => {
    const a = run(device, 10, 0.1);
    const b = run(device, 10, 0.1);
    expect(a.losses).toEqual(b.losses);
    const plain = run(device, 10, 0);
    // dropout changes the steps (and the loss measured in training mode)
    expect(a.losses).not.toEqual(plain.losses);
    expect(a.losses.at(-1)).toBeLessThan(a.losses[0]);
  });

  test('device memory stays flat over 100 steps with dropout (each in tidy), with the loss summed on the device', () => {
    const model = moduleToDevice(buildModel(1, 0.1), device);
    const { step } = trainer(model, 100);
    const [xb0, yb0] = batch(0);
    const xb = toDevice(xb0, device);
    const yb = toDevice(yb0, device);
    let sum = step(xb, yb);
    const live = device.liveTextures;
    for (let s = 0; s < 100; s++) sum = step(xb, yb, sum);
    expect(device.liveTextures).toBe(live);
    expect(Number.isFinite(sum.item())).toBe(true);
  });
});
