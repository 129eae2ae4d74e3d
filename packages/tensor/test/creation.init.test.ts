import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { initSetup, kaimingStd, xavierStd } from '../src/init/_fill';
import { householderQ } from '../src/init/_householderQ';
import { calculateFanInAndFanOut } from '../src/init/calculateFanInAndFanOut';
import { calculateGain, type Nonlinearity } from '../src/init/calculateGain';
import { kaimingNormal } from '../src/init/kaimingNormal';
import { type KaimingOptions, kaimingScale, kaimingUniform } from '../src/init/kaimingUniform';
import { lecunNormal } from '../src/init/lecunNormal';
import { lecunUniform } from '../src/init/lecunUniform';
import { linearBounds, linearDefaultInit } from '../src/init/linearDefaultInit';
import { orthogonal } from '../src/init/orthogonal';
import { xavierNormal } from '../src/init/xavierNormal';
import { xavierUniform } from '../src/init/xavierUniform';
import { createGenerator } from '../src/random/createGenerator';
import type { Tensor } from '../src/tensor';

interface Stats {
  mean: number;
  std: number;
  min: number;
  max: number;
  n: number;
}
interface Fixture {
  gains: { nonlinearity: Nonlinearity; param: number | null; gain: number }[];
  fans: { shape: number[]; fanIn: number; fanOut: number }[];
  inits: {
    init: string;
    shape: number[];
    options: Record<string, unknown>;
    bound?: number;
    std?: number;
    torch: Stats;
  }[];
  linear: {
    inFeatures: number;
    outFeatures: number;
    weightBound: number;
    biasBound: number;
    weight: Stats;
    bias: Stats;
  }[];
  orthogonalQ: { m: number; n: number; a: number[]; q: number[] }[];
  orthogonalGram: { shape: number[]; gain: number; gramDiag: number; gramOffMax: number }[];
  errors: Record<string, string>;
}
const fx = JSON.parse(readFileSync(new URL('../fixtures/creation.json', import.meta.url), 'utf8')) as Fixture;

function stats(t: Tensor): Stats {
  const d = t.data;
  let s = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of d) {
    s += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = s / d.length;
  let v2 = 0;
  for (const v of d) v2 += (v - mean) ** 2;
  return { mean, std: Math.sqrt(v2 / (d.length - 1)), min, max, n: d.length };
}

/** Our statistics and torch's agree within sampling error (5 sigma of the difference of two samples). */
function expectSameDistribution(ours: Stats, theirs: Stats, sigma: number, kind: 'uniform' | 'normal'): void {
  const n = ours.n;
  expect(Math.abs(ours.mean - theirs.mean)).toBeLessThan(5 * Math.sqrt(2 / n) * sigma);
  // sd of a sample std: sigma * sqrt((kurtosis - 1) / (4n)); kurtosis 1.8 (uniform) or 3 (normal)
  const k = kind === 'uniform' ? 1.8 : 3;
  expect(Math.abs(ours.std - theirs.std)).toBeLessThan(5 * Math.sqrt(2 * ((k - 1) / (4 * n))) * sigma);
}

describe('calculateGain (oracle: torch.nn.init.calculate_gain)', () => {
  test.each(fx.gains)('$nonlinearity, param $param', (c) => {
    expect(calculateGain(c.nonlinearity, c.param ?? undefined)).toBe(c.gain);
  });

  test('errors: unknown nonlinearity, bad slope (torch raises ValueError for both)', () => {
    expect(fx.errors['gainUnknown']).toBe('ValueError: Unsupported nonlinearity foo');
    expect(() => calculateGain('foo' as Nonlinearity)).toThrow(RangeError);
    expect(() => calculateGain('foo' as Nonlinearity)).toThrow(
      'calculateGain: unsupported nonlinearity "foo", expected one of linear, conv1d, conv2d, conv3d, conv_transpose1d, conv_transpose2d, conv_transpose3d, sigmoid, tanh, relu, leaky_relu, selu',
    );
    expect(fx.errors['gainBadSlope']).toContain('not a valid number');
    expect(() => calculateGain('leaky_relu', 'x' as never)).toThrow(
      'calculateGain: negative slope x is not a valid number',
    );
  });
});

describe('calculateFanInAndFanOut (oracle: torch _calculate_fan_in_and_fan_out)', () => {
  test.each(fx.fans)('shape $shape', (c) => {
    expect(calculateFanInAndFanOut(c.shape)).toEqual({ fanIn: c.fanIn, fanOut: c.fanOut });
  });

  test('a 1-D shape is an error, as in torch', () => {
    expect(fx.errors['fan1d']).toContain('fewer than 2 dimensions');
    expect(() => calculateFanInAndFanOut([3])).toThrow(RangeError);
    expect(() => calculateFanInAndFanOut([3])).toThrow(
      'calculateFanInAndFanOut: fan in and fan out can not be computed for a shape with fewer than 2 dimensions, got [3]',
    );
    for (const f of [xavierUniform, xavierNormal, kaimingUniform, kaimingNormal, lecunUniform, lecunNormal]) {
      expect(() => f([5], { seed: 0 })).toThrow(`${f.name}: fan in and fan out can not be computed`);
    }
  });
});

const initializers: Record<string, (shape: number[], options: Record<string, unknown>) => Tensor> = {
  xavierUniform,
  xavierNormal,
  kaimingUniform,
  kaimingNormal,
  lecunUniform,
  lecunNormal,
};

describe('initializers vs torch: exact scale, matching empirical statistics', () => {
  const g = createGenerator(2024);
  test.each(fx.inits.map((c, i) => ({ ...c, i })))('$init $shape $options', (c) => {
    const s = initSetup(c.init, c.shape, {});
    // our scale, computed by the same formula in the same order as torch's source
    let std: number;
    if (c.init.startsWith('xavier')) std = xavierStd(s.fanIn, s.fanOut, (c.options['gain'] as number) ?? 1);
    else if (c.init.startsWith('kaiming'))
      std = kaimingScale(c.init, c.shape, c.options as KaimingOptions).std;
    else std = kaimingStd(s.fanIn, 1);
    const w = initializers[c.init]!(c.shape, { ...c.options, generator: g });
    expect(w.shape).toEqual(c.shape);
    const ours = stats(w);
    if (c.bound !== undefined) {
      expect(Math.sqrt(3.0) * std).toBe(c.bound);
      // torch's own values respect the bound; ours too, and reach near it
      expect(Math.max(-c.torch.min, c.torch.max)).toBeLessThanOrEqual(Math.fround(c.bound));
      expect(Math.max(-ours.min, ours.max)).toBeLessThanOrEqual(Math.fround(c.bound));
      expect(Math.max(-ours.min, ours.max)).toBeGreaterThan(0.99 * c.bound);
      expectSameDistribution(ours, c.torch, c.bound / Math.sqrt(3), 'uniform');
    } else {
      expect(std).toBe(c.std);
      expectSameDistribution(ours, c.torch, c.std!, 'normal');
    }
  });

  test('options: dtype, requiresGrad, generator required, bad mode and gain', () => {
    expect(xavierUniform([3, 4], { seed: 0, dtype: 'float64' }).dtype).toBe('float64');
    expect(kaimingNormal([3, 4], { seed: 0, requiresGrad: true }).requiresGrad).toBe(true);
    expect(() => xavierNormal([3, 4])).toThrow('xavierNormal: pass options.generator');
    expect(fx.errors['kaimingMode']).toContain('Mode fan_avg not supported');
    expect(() => kaimingUniform([3, 4], { seed: 0, mode: 'fan_avg' as never })).toThrow(
      "kaimingUniform: mode must be 'fan_in' or 'fan_out', got \"fan_avg\"",
    );
    expect(() => xavierUniform([3, 4], { seed: 0, gain: Number.NaN })).toThrow(
      'xavierUniform: gain must be a finite number, got NaN',
    );
    expect(() => kaimingNormal([3, 4], { seed: 0, nonlinearity: 'swish' as never })).toThrow(
      'calculateGain: unsupported nonlinearity "swish", expected one of linear, conv1d, conv2d, conv3d, conv_transpose1d, conv_transpose2d, conv_transpose3d, sigmoid, tanh, relu, leaky_relu, selu',
    );
    // fanIn / fanOut aliases
    expect(kaimingScale('k', [3, 4], { mode: 'fanOut' }).std).toBe(
      kaimingScale('k', [3, 4], { mode: 'fan_out' }).std,
    );
    // empty shapes give empty tensors, as torch leaves empty tensors alone
    expect(kaimingUniform([0, 4], { seed: 0 }).size).toBe(0);
    expect(xavierUniform([0, 4], { seed: 0 }).size).toBe(0);
  });
});

describe('linearDefaultInit (oracle: torch.nn.Linear.reset_parameters)', () => {
  test.each(fx.linear)('Linear($inFeatures, $outFeatures)', (c) => {
    const b = linearBounds(c.inFeatures);
    expect(b.weightBound).toBe(c.weightBound);
    expect(b.biasBound).toBe(c.biasBound);
    const { weight, bias } = linearDefaultInit(c.inFeatures, c.outFeatures, { seed: c.inFeatures });
    expect(weight.shape).toEqual([c.outFeatures, c.inFeatures]);
    expect(bias!.shape).toEqual([c.outFeatures]);
    const w = stats(weight);
    const bs = stats(bias!);
    expect(Math.max(-w.min, w.max)).toBeLessThanOrEqual(Math.fround(c.weightBound));
    expect(Math.max(-bs.min, bs.max)).toBeLessThanOrEqual(Math.fround(c.biasBound));
    expectSameDistribution(w, c.weight, c.weightBound / Math.sqrt(3), 'uniform');
    expectSameDistribution(bs, c.bias, c.biasBound / Math.sqrt(3), 'uniform');
  });

  test('bias: false, requiresGrad, in = 0, errors', () => {
    expect(linearDefaultInit(3, 2, { seed: 0, bias: false }).bias).toBeNull();
    const p = linearDefaultInit(3, 2, { seed: 0, requiresGrad: true });
    expect(p.weight.requiresGrad && p.bias!.requiresGrad).toBe(true);
    expect(linearDefaultInit(0, 2, { seed: 0 }).bias!.toArray()).toEqual([0, 0]);
    expect(() => linearDefaultInit(-1, 2, { seed: 0 })).toThrow(
      'linearDefaultInit: inFeatures must be a non-negative integer, got -1',
    );
    expect(() => linearDefaultInit(2, 2)).toThrow('linearDefaultInit: pass options.generator');
  });
});

describe('orthogonal', () => {
  test.each(fx.orthogonalQ)(
    'sign-fixed Householder Q of a $m x $n matrix equals torch.linalg.qr + sign fix',
    (c) => {
      const q = householderQ(Float64Array.from(c.a), c.m, c.n);
      c.q.forEach((v, i) => {
        expect(Math.abs(q[i]! - v)).toBeLessThan(1e-12);
      });
    },
  );

  test.each(fx.orthogonalGram)(
    'shape $shape gain $gain: W^T W (or W W^T) = gain^2 I to 1e-5, like torch',
    (c) => {
      const w = orthogonal(c.shape, { gain: c.gain, seed: 17 });
      expect(w.shape).toEqual(c.shape);
      const rows = c.shape[0]!;
      const cols = w.size / rows;
      const tall = rows >= cols;
      const k = tall ? cols : rows;
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < k; j++) {
          let dot = 0;
          for (let r = 0; r < (tall ? rows : cols); r++) {
            dot += tall
              ? w.data[r * cols + i]! * w.data[r * cols + j]!
              : w.data[i * cols + r]! * w.data[j * cols + r]!;
          }
          const expected = i === j ? c.gain * c.gain : 0;
          expect(Math.abs(dot - expected)).toBeLessThan(1e-5 * c.gain * c.gain);
        }
      }
      // torch's own float32 result is orthogonal to the same tolerance
      expect(Math.abs(c.gramDiag - c.gain * c.gain)).toBeLessThan(1e-5 * c.gain * c.gain);
      expect(c.gramOffMax).toBeLessThan(1e-5 * c.gain * c.gain);
    },
  );

  test('columns carry the sign fix: R has a positive diagonal, so Q^T A has one too', () => {
    const a = Float64Array.from([2, -1, 0.5, 3, -4, 1]);
    const q = householderQ(a, 3, 2);
    for (let j = 0; j < 2; j++) {
      let r = 0;
      for (let i = 0; i < 3; i++) r += q[i * 2 + j]! * a[i * 2 + j]!;
      expect(r).toBeGreaterThan(0);
    }
  });

  test('errors and edge cases', () => {
    expect(fx.errors['orthogonal1d']).toContain('Only tensors with 2 or more dimensions are supported');
    expect(() => orthogonal([4], { seed: 0 })).toThrow(
      'orthogonal: only shapes with 2 or more dimensions are supported, got [4]',
    );
    expect(orthogonal([0, 3], { seed: 0 }).size).toBe(0);
    expect(() => orthogonal([2, 2])).toThrow('orthogonal: pass options.generator');
  });
});
