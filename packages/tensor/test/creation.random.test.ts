import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { tensor } from '../src/creation/tensor';
import { boundedUint32 } from '../src/random/_draw';
import { portableCosSin2Pi, portableLog } from '../src/random/_portableMath';
import { bernoulli } from '../src/random/bernoulli';
import { createGenerator, type GeneratorState, seedWords, splitMix64 } from '../src/random/createGenerator';
import { permutation } from '../src/random/permutation';
import { rand } from '../src/random/rand';
import { randint } from '../src/random/randint';
import { randn } from '../src/random/randn';

const torchErrors = (
  JSON.parse(readFileSync(new URL('../fixtures/creation.json', import.meta.url), 'utf8')) as {
    errors: Record<string, string>;
  }
).errors;

const state = (s: [number, number, number, number]): GeneratorState => ({
  algorithm: 'xoshiro128**',
  version: 1,
  s,
});

/** Mean and (biased) variance, accumulated in float64. */
function moments(data: ArrayLike<number>): { mean: number; variance: number } {
  let s = 0;
  for (let i = 0; i < data.length; i++) s += data[i]!;
  const mean = s / data.length;
  let v = 0;
  for (let i = 0; i < data.length; i++) v += (data[i]! - mean) ** 2;
  return { mean, variance: v / data.length };
}

/** Pearson chi-square statistic of observed counts against equal expected counts. */
function chiSquare(counts: number[], total: number): number {
  const e = total / counts.length;
  return counts.reduce((acc, c) => acc + (c - e) ** 2 / e, 0);
}

describe('reference test vectors', () => {
  test('xoshiro128** 1.1 from state {1, 2, 3, 4}', () => {
    // Reference outputs of Blackman & Vigna's xoshiro128starstar.c (v1.1) from s = {1, 2, 3, 4}, as published in
    // the test of Rust's rand_xoshiro crate (src/xoshiro128starstar.rs, `fn reference`, "These values were
    // produced with the reference implementation (v1.1): http://xoshiro.di.unimi.it/xoshiro128starstar.c").
    const expected = [
      11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804,
    ];
    const g = createGenerator(state([1, 2, 3, 4]));
    expect(expected.map(() => g.nextUint32())).toEqual(expected);
  });

  test('SplitMix64 (seeding) from seed 1477776061723855037', () => {
    // Reference outputs of Vigna's splitmix64.c, as published in the test of Rust's rand_xoshiro crate
    // (src/splitmix64.rs, `fn reference`, "These values were produced with the reference implementation:
    // http://xoshiro.di.unimi.it/splitmix64.c").
    const expected = [
      1985237415132408290n,
      2979275885539914483n,
      13511426838097143398n,
      8488337342461049707n,
    ];
    let x = 1477776061723855037n;
    const got: bigint[] = [];
    for (let i = 0; i < expected.length; i++) {
      const [nx, z] = splitMix64(x);
      x = nx;
      got.push(z);
    }
    expect(got).toEqual(expected);
  });

  test('seed words are lo/hi halves of the first two SplitMix64 outputs', () => {
    const [x1, a] = splitMix64(1477776061723855037n);
    const [, b] = splitMix64(x1);
    const w = seedWords(12345);
    const [y1, c] = splitMix64(12345n);
    const [, d] = splitMix64(y1);
    expect(w).toEqual([Number(c & 0xffffffffn), Number(c >> 32n), Number(d & 0xffffffffn), Number(d >> 32n)]);
    expect(a).not.toBe(b);
    // negative seeds wrap modulo 2^64
    expect(seedWords(-1)).toEqual(
      (() => {
        const [z1, e] = splitMix64(2n ** 64n - 1n);
        const [, f] = splitMix64(z1);
        return [Number(e & 0xffffffffn), Number(e >> 32n), Number(f & 0xffffffffn), Number(f >> 32n)];
      })(),
    );
  });
});

describe('Generator state', () => {
  test('getState is plain JSON data; setState and createGenerator(state) resume the stream exactly', () => {
    const g = createGenerator(7);
    for (let i = 0; i < 5; i++) g.nextUint32();
    const saved = JSON.parse(JSON.stringify(g.getState())) as GeneratorState;
    const next = [g.nextUint32(), g.nextUint32(), g.nextUint32()];
    expect(
      [...Array(3)].map(
        (
          (h) => () =>
            h.nextUint32()
        )(createGenerator(saved)),
      ),
    ).toEqual(next);
    g.setState(saved);
    expect([g.nextUint32(), g.nextUint32(), g.nextUint32()]).toEqual(next);
  });

  test('same seed, same stream; different seeds differ; outputs are uint32', () => {
    const a = createGenerator(1);
    const b = createGenerator(1);
    const c = createGenerator(2);
    const xa = [...Array(100)].map(() => a.nextUint32());
    expect([...Array(100)].map(() => b.nextUint32())).toEqual(xa);
    expect([...Array(100)].map(() => c.nextUint32())).not.toEqual(xa);
    for (const v of xa) expect(Number.isInteger(v) && v >= 0 && v < 2 ** 32).toBe(true);
  });

  test('errors: bad seeds and states', () => {
    expect(() => createGenerator(1.5)).toThrow('createGenerator: seed must be a safe integer, got 1.5');
    expect(() => createGenerator(2 ** 60)).toThrow(TypeError);
    expect(() => createGenerator(state([0, 0, 0, 0]))).toThrow('createGenerator: state must be');
    expect(() => createGenerator({ s: [1, 2, 3] } as never)).toThrow(TypeError);
    expect(() => createGenerator(1).setState(state([1, 2, 3, 2 ** 32]))).toThrow('setState: state must be');
  });
});

describe('rand / randn', () => {
  test('rand: float32 values are k * 2^-24 in [0, 1); mean 1/2 and variance 1/12 within 5 sigma', () => {
    const n = 200_000;
    const x = rand([n], { seed: 1 });
    expect(x.dtype).toBe('float32');
    let bad = 0;
    for (let i = 0; i < n; i++) {
      const v = x.data[i]!;
      if (!(v >= 0 && v < 1 && Number.isInteger(v * 2 ** 24))) bad++;
    }
    expect(bad).toBe(0);
    const { mean, variance } = moments(x.data);
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    // var of the sample variance of U(0,1) is (1/80 - 1/144) / n
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(5 * Math.sqrt((1 / 80 - 1 / 144) / n));
  });

  test('rand float64 uses 53 bits; the first value is built from the first two outputs as documented', () => {
    const x = rand([4], { seed: 3, dtype: 'float64' });
    const g = createGenerator(3);
    const a = g.nextUint32() >>> 5;
    const b = g.nextUint32() >>> 6;
    expect(x.data[0]).toBe((a * 2 ** 26 + b) / 2 ** 53);
    const y = rand([1], { seed: 3 });
    expect(y.data[0]).toBe((createGenerator(3).nextUint32() >>> 8) / 2 ** 24);
  });

  test('randn: mean 0, variance 1, kurtosis 3, and P(|z| < 1) ≈ 0.6827 within 5 sigma', () => {
    const n = 200_000;
    const z = randn([n], { seed: 11, dtype: 'float64' });
    const { mean, variance } = moments(z.data);
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(variance - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    let m4 = 0;
    let inside = 0;
    for (const v of z.data) {
      m4 += v ** 4;
      if (Math.abs(v) < 1) inside++;
    }
    expect(Math.abs(m4 / n - 3)).toBeLessThan(5 * Math.sqrt(96 / n));
    const p = 0.6826894921370859;
    expect(Math.abs(inside / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
  });

  test('randn follows the documented Box–Muller pairing, odd sizes drop the last sine', () => {
    const z = randn([3], { seed: 5, dtype: 'float64' });
    const g = createGenerator(5);
    const u = () => {
      const a = g.nextUint32() >>> 5;
      const b = g.nextUint32() >>> 6;
      return (a * 2 ** 26 + b) / 2 ** 53;
    };
    const pair = () => {
      const u1 = u();
      const u2 = u();
      const r = Math.sqrt(-2 * portableLog(1 - u1));
      const [cos, sin] = portableCosSin2Pi(u2);
      // the portable functions agree with Math's to rounding
      expect(Math.abs(r - Math.sqrt(-2 * Math.log(1 - u1)))).toBeLessThanOrEqual(4 * Number.EPSILON * r);
      expect(Math.abs(cos - Math.cos(2 * Math.PI * u2))).toBeLessThanOrEqual(1e-15);
      expect(Math.abs(sin - Math.sin(2 * Math.PI * u2))).toBeLessThanOrEqual(1e-15);
      return [r * cos, r * sin];
    };
    const [a, b] = pair();
    const [c] = pair();
    expect(Array.from(z.data)).toEqual([a, b, c]);
    // the generator passed in advances: two draws of 4 differ, and continuing equals a fresh generator skipping 4
    const gen = createGenerator(9);
    const first = randn([4], { generator: gen });
    const second = randn([4], { generator: gen });
    expect(Array.from(first.data)).not.toEqual(Array.from(second.data));
    expect(Array.from(randn([8], { seed: 9 }).data)).toEqual([...first.data, ...second.data]);
  });

  test('requiresGrad and dtype options; errors', () => {
    expect(rand([2], { seed: 0, requiresGrad: true }).requiresGrad).toBe(true);
    expect(() => rand([2])).toThrow(
      'rand: pass options.generator (createGenerator(seed)) or options.seed; there is no global generator',
    );
    expect(() => randn([2], { generator: {} as never })).toThrow(
      'randn: options.generator must be a Generator',
    );
    expect(() => rand([2], { seed: 0, dtype: 'int32' as never })).toThrow(
      "rand: dtype must be 'float32' or 'float64', got \"int32\"",
    );
    expect(() => randn([-2], { seed: 0 })).toThrow('randn: shape must be an array of non-negative integers');
  });
});

describe('randint', () => {
  test('values in [low, high), int32, chi-square uniform over 10 bins (df 9: p = 0.001 at 27.88)', () => {
    const n = 100_000;
    const x = randint(-3, 7, [n], { seed: 2 });
    expect(x.dtype).toBe('int32');
    const counts = new Array(10).fill(0);
    let bad = 0;
    for (const v of x.data) {
      if (!(v >= -3 && v < 7)) bad++;
      else counts[v + 3]++;
    }
    expect(bad).toBe(0);
    expect(chiSquare(counts, n)).toBeLessThan(27.88);
  });

  test('no modulo bias: range 3 * 2^30 would give P(k < 2^30) = 1/2 with modulo; here 1/3', () => {
    // With x mod n on 32-bit outputs, n = 3 * 2^30 maps [0, 2^30) twice: a 50% share instead of 33%.
    const g = createGenerator(4);
    const n = 60_000;
    let low = 0;
    for (let i = 0; i < n; i++) if (boundedUint32(g, 3 * 2 ** 30) < 2 ** 30) low++;
    expect(Math.abs(low / n - 1 / 3)).toBeLessThan(5 * Math.sqrt(2 / 9 / n));
    // a range of 2^32 uses the raw output; a range of 1 always gives 0
    expect(boundedUint32(createGenerator(1), 2 ** 32)).toBe(createGenerator(1).nextUint32());
    expect(boundedUint32(g, 1)).toBe(0);
  });

  test('float dtypes and the full int32 range', () => {
    expect(randint(0, 2, [4], { seed: 0, dtype: 'float32' }).dtype).toBe('float32');
    const x = randint(-(2 ** 31), 2 ** 31, [1000], { seed: 0 });
    expect(x.data.some((v) => v < 0) && x.data.some((v) => v > 0)).toBe(true);
  });

  test('errors: empty range, non-integers, out of range', () => {
    expect(torchErrors['randintEmpty']).toContain("expects 'from' to be less than 'to'");
    expect(() => randint(5, 5, [3], { seed: 0 })).toThrow(RangeError);
    expect(() => randint(5, 5, [3], { seed: 0 })).toThrow(
      'randint: high must be greater than low, got low=5, high=5',
    );
    expect(() => randint(0.5, 5, [3], { seed: 0 })).toThrow('randint: low must be an integer, got 0.5');
    expect(() => randint(0, 2 ** 33, [3], { seed: 0, dtype: 'float64' })).toThrow(
      'randint: high - low must be at most 2^32',
    );
    expect(() => randint(0, 2 ** 31 + 1, [3], { seed: 0 })).toThrow('within the int32 range');
    expect(() => randint(0, 5, [3])).toThrow('randint: pass options.generator');
  });
});

describe('permutation', () => {
  test('is a permutation of 0..n-1 for many n', () => {
    const g = createGenerator(8);
    for (const n of [0, 1, 2, 3, 10, 1000]) {
      const p = permutation(n, { generator: g });
      expect(p.shape).toEqual([n]);
      expect(p.dtype).toBe('int32');
      expect([...p.data].sort((a, b) => a - b)).toEqual([...Array(n).keys()]);
    }
  });

  test('all 24 orders of 4 elements are equally likely (chi-square, df 23: p = 0.001 at 49.73)', () => {
    const g = createGenerator(10);
    const counts = new Map<string, number>();
    const n = 48_000;
    for (let i = 0; i < n; i++) {
      const k = permutation(4, { generator: g }).data.join('');
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    expect(counts.size).toBe(24);
    expect(chiSquare([...counts.values()], n)).toBeLessThan(49.73);
  });

  test('follows the documented Fisher–Yates order', () => {
    const g = createGenerator(12);
    const a = [0, 1, 2, 3, 4];
    for (let i = 4; i > 0; i--) {
      const j = boundedUint32(g, i + 1);
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    expect(Array.from(permutation(5, { seed: 12 }).data)).toEqual(a);
  });

  test('errors', () => {
    expect(() => permutation(-1, { seed: 0 })).toThrow(
      'permutation: n must be a non-negative integer, got -1',
    );
    expect(() => permutation(2.5, { seed: 0 })).toThrow(TypeError);
  });
});

describe('bernoulli', () => {
  test('frequency of ones matches p within 5 sigma; p = 0 and p = 1 are exact', () => {
    const n = 100_000;
    for (const p of [0.1, 0.5, 0.77]) {
      const x = bernoulli(p, { shape: [n], seed: 3 });
      let ones = 0;
      let bad = 0;
      for (const v of x.data) {
        if (v !== 0 && v !== 1) bad++;
        ones += v;
      }
      expect(bad).toBe(0);
      expect(Math.abs(ones / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
    }
    expect(Array.from(bernoulli(tensor([0, 1, 1, 0, 0]), { seed: 1 }).data)).toEqual([0, 1, 1, 0, 0]);
  });

  test('tensor p keeps shape and dtype; elementwise probabilities', () => {
    const p = tensor([[0.2, 0.9]], { dtype: 'float64' });
    const x = bernoulli(p, { seed: 4 });
    expect(x.shape).toEqual([1, 2]);
    expect(x.dtype).toBe('float64');
    const n = 20_000;
    const many = bernoulli(tensor(Array.from({ length: n }, (_, i) => (i % 2 ? 0.9 : 0.2))), { seed: 6 });
    let odd = 0;
    let even = 0;
    many.data.forEach((v, i) => {
      if (i % 2) odd += v;
      else even += v;
    });
    expect(Math.abs(odd / (n / 2) - 0.9)).toBeLessThan(0.02);
    expect(Math.abs(even / (n / 2) - 0.2)).toBeLessThan(0.03);
  });

  test('errors: p outside [0, 1] (torch errors too), int32, shape with a tensor', () => {
    expect(() => bernoulli(tensor([0.5, 1.5]), { seed: 0 })).toThrow(
      'bernoulli: p must hold probabilities in [0, 1], got 1.5 at flat index 1',
    );
    expect(() => bernoulli(-0.1, { seed: 0 })).toThrow(RangeError);
    expect(() => bernoulli(Number.NaN, { seed: 0 })).toThrow(RangeError);
    expect(() => bernoulli(tensor([1], { dtype: 'int32' }), { seed: 0 })).toThrow(TypeError);
    expect(() => bernoulli(tensor([0.5]), { seed: 0, shape: [2] })).toThrow(
      'options.shape is only for a number p',
    );
    expect(() => bernoulli('a' as never, { seed: 0 })).toThrow(
      'bernoulli: p must be a Tensor or a number, got "a"',
    );
  });
});
