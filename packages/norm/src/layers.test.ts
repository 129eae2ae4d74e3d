import type { Module } from '@dl/nn';
import { mul, sum, type Tensor, tensor } from '@dl/tensor';
import { describe, expect, test } from 'vitest';
import { expectClose, reshapeTo, torchFixture } from '../test/helpers';
import { BatchNorm1d } from './BatchNorm1d';
import { BatchNorm2d } from './BatchNorm2d';
import { GroupNorm } from './GroupNorm';
import { InstanceNorm1d } from './InstanceNorm1d';
import { InstanceNorm2d } from './InstanceNorm2d';
import { LayerNorm } from './LayerNorm';
import { LocalResponseNorm } from './LocalResponseNorm';
import { RMSNorm } from './RMSNorm';

type Entry = { shape: number[]; data: number[] };
interface Step {
  x: number[];
  upstream: number[];
  output: number[];
  gradInput: number[];
  gradWeight: number[] | null;
  gradBias: number[] | null;
  state?: Record<string, Entry>;
}
interface Case {
  layer: string;
  args: unknown[];
  options: Record<string, unknown>;
  dtype: 'float32' | 'float64';
  shape: number[];
  initial: Record<string, Entry>;
  steps: Step[];
  eval: Step;
}
const cases = torchFixture.cases as Case[];

// biome-ignore lint/suspicious/noExplicitAny: each layer takes its own arguments
const layers: Record<string, new (...a: any[]) => Module> = {
  BatchNorm1d,
  BatchNorm2d,
  LayerNorm,
  GroupNorm,
  InstanceNorm1d,
  InstanceNorm2d,
  RMSNorm,
  LocalResponseNorm,
};

describe('layers match PyTorch 1.13 over three training steps and an evaluation (fixtures/torch_layers.json)', () => {
  test.each(
    cases.map(
      (c) => [`${c.layer}(${JSON.stringify(c.args)}, ${JSON.stringify(c.options)}) ${c.dtype}`, c] as const,
    ),
  )('%s', (_, c) => {
    const layer = new layers[c.layer]!(...c.args, {
      ...c.options,
      ...(c.layer === 'LocalResponseNorm' ? {} : { dtype: c.dtype }),
    });
    layer.loadStateDict(c.initial);
    const p = layer as unknown as { weight?: Tensor | null; bias?: Tensor | null };
    const check = (s: Step, where: string) => {
      const x = reshapeTo(tensor(s.x, { dtype: c.dtype }), c.shape).setRequiresGrad();
      layer.zeroGrad();
      const y = layer.forward(x) as Tensor;
      expect(y.dtype).toBe(c.dtype);
      sum(mul(y, reshapeTo(tensor(s.upstream, { dtype: c.dtype }), y.shape))).backward();
      expectClose(y.data, s.output, c.dtype, `${where} output`);
      expectClose(x.grad!.data, s.gradInput, c.dtype, `${where} grad input`);
      if (s.gradWeight) expectClose(p.weight!.grad!.data, s.gradWeight, c.dtype, `${where} grad weight`);
      else expect(p.weight ?? null, where).toBeNull();
      if (s.gradBias) expectClose(p.bias!.grad!.data, s.gradBias, c.dtype, `${where} grad bias`);
      else expect(p.bias ?? null, where).toBeNull();
      if (s.state) {
        const sd = layer.stateDict();
        expect(Object.keys(sd), where).toEqual(Object.keys(s.state));
        for (const [k, v] of Object.entries(s.state)) {
          if (k === 'num_batches_tracked') expect(sd[k]!.data, `${where} ${k}`).toEqual(v.data);
          else expectClose(sd[k]!.data as number[], v.data, c.dtype, `${where} ${k}`);
        }
      }
    };
    layer.train();
    for (const [i, s] of c.steps.entries()) check(s, `step ${i}`);
    layer.eval();
    check(c.eval, 'eval');
  });
});
