import { Linear } from '@dl/nn';
import { mul, reshape, sum, tensor } from '@dl/tensor';
import { describe, expect, test } from 'vitest';
import { expectClose, torchFixture } from '../test/helpers';
import { spectralNorm } from './spectralNorm';
import { weightNorm } from './weightNorm';

const f = torchFixture;

describe('weightNorm matches torch.nn.utils.weight_norm', () => {
  test('initial g = ||w|| per row, v = w; output and gradients of g and v', () => {
    const wn = f.weightNorm;
    const layer = new Linear(4, 3, { seed: 0 });
    layer.loadStateDict({
      weight: { shape: [3, 4], data: wn.initialWeight },
      bias: { shape: [3], data: wn.bias },
    });
    weightNorm(layer);
    const sd = layer.stateDict();
    expect(Object.keys(sd)).toEqual(wn.keys);
    for (const k of wn.keys) expectClose(sd[k]!.data as number[], wn.stateDict[k].data, 'float32', k);
    const x = reshape(tensor(wn.x), [5, 4]);
    const y = layer.forward(x);
    expectClose(y.data, wn.output, 'float32', 'output');
    sum(mul(y, reshape(tensor(wn.upstream), [5, 3]))).backward();
    const l = layer as unknown as {
      weight_g: { grad: { data: number[] } };
      weight_v: { grad: { data: number[] } };
    };
    expectClose(l.weight_g.grad.data, wn.gradG, 'float32', 'grad g');
    expectClose(l.weight_v.grad.data, wn.gradV, 'float32', 'grad v');
    expect(layer.parameters()).toHaveLength(3);
  });

  test('dim 1 keeps one magnitude per input column', () => {
    const d = f.weightNormDim1;
    const layer = new Linear(3, 4, { seed: 0 });
    layer.loadStateDict({
      weight: { shape: [4, 3], data: d.initialWeight },
      bias: { shape: [4], data: [0, 0, 0, 0] },
    });
    weightNorm(layer, { dim: 1 });
    expect(layer.stateDict().weight_g!.shape).toEqual(d.gShape);
    expectClose(layer.stateDict().weight_g!.data as number[], d.g, 'float32', 'g');
  });
});

describe('spectralNorm matches torch.nn.utils.parametrizations.spectral_norm', () => {
  test('with PyTorch u, v loaded: u, v, weight and gradient after three training forwards, then eval', () => {
    const sn = f.spectralNorm;
    const layer = spectralNorm(new Linear(5, 4, { seed: 0 }), { nPowerIterations: 2, seed: 0 });
    expect(Object.keys(layer.stateDict())).toEqual(sn.keys);
    layer.loadStateDict(sn.initialState);
    sn.steps.forEach((s: Record<string, number[] | Record<string, { data: number[] }>>, i: number) => {
      const x = reshape(tensor(s.x as number[]), [6, 5]);
      layer.zeroGrad();
      const y = layer.forward(x);
      sum(mul(y, reshape(tensor(s.upstream as number[]), [6, 4]))).backward();
      expectClose(y.data, s.output as number[], 'float32', `step ${i} output`);
      const state = s.state as Record<string, { data: number[] }>;
      const sd = layer.stateDict();
      for (const k of sn.keys)
        expectClose(sd[k]!.data as number[], state[k]!.data, 'float32', `step ${i} ${k}`);
      const original = layer.parameters().find((p) => p.shape.length === 2)!;
      expectClose(original.grad!.data, s.gradOriginal as number[], 'float32', `step ${i} grad`);
      // The oracle then read sn.weight in training mode: one more power iteration, as every access does.
      expectClose(layer.weight.data, s.weight as number[], 'float32', `step ${i} weight`);
    });
    layer.eval();
    const before = layer.stateDict()['parametrizations.weight.0._u']!.data;
    const y = layer.forward(reshape(tensor(sn.eval.x), [6, 5]));
    expectClose(y.data, sn.eval.output, 'float32', 'eval output');
    // Evaluation does not run the power method: u is unchanged.
    expect(layer.stateDict()['parametrizations.weight.0._u']!.data).toEqual(before);
  });

  test('after training forwards, the largest singular value of the normalized weight is 1', () => {
    const layer = spectralNorm(new Linear(6, 4, { seed: 3 }), { seed: 4, nPowerIterations: 3 });
    for (let i = 0; i < 5; i++) void layer.weight;
    layer.eval();
    const w = Array.from(layer.weight.data);
    // The top singular value of W_SN by many power iterations on W^T W.
    let v = [1, 2, 3, 4, 5, 6];
    let s = 0;
    for (let it = 0; it < 500; it++) {
      const u = [0, 1, 2, 3].map((i) => v.reduce((a, vj, j) => a + w[i * 6 + j]! * vj, 0));
      const next = v.map((_, j) => u.reduce((a, ui, i) => a + w[i * 6 + j]! * ui, 0));
      s = Math.sqrt(Math.hypot(...next) / Math.hypot(...v));
      const n = Math.hypot(...next);
      v = next.map((e) => e / n);
    }
    expect(Math.abs(s - 1)).toBeLessThan(1e-5);
  });
});
