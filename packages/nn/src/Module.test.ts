import { add, mul, noGrad, sub, sum, type Tensor, tensor } from '@dl/tensor';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { deserializeTensor } from './deserializeTensor';
import { isModuleLike } from './isModuleLike';
import { Linear } from './Linear';
import { Module } from './Module';
import { Sequential } from './Sequential';
import { serializeTensor } from './serializeTensor';
import type { Layer, LoadableStateDict, LoadStateDictOptions, StateDict, StateDictOptions } from './types';

/** y = x * scale + shift, elementwise over the last axis. */
class Affine extends Module {
  scale: Tensor;
  shift: Tensor | null;
  constructor(n: number, { bias = true } = {}) {
    super();
    this.scale = tensor(
      Array.from({ length: n }, (_, i) => 1 + i / 10),
      { requiresGrad: true },
    );
    this.shift = bias ? tensor(new Array(n).fill(0.5), { requiresGrad: true }) : null;
  }
  forward(x: Tensor): Tensor {
    const y = mul(x, this.scale);
    return this.shift === null ? y : add(y, this.shift);
  }
}

/** A module with a buffer, a non-persistent buffer, a private tensor and non-state fields. */
class WithBuffers extends Module {
  weight = tensor([1, 2], { requiresGrad: true });
  count = this.registerBuffer('count', tensor([0], { dtype: 'int32' }));
  cache = this.registerBuffer('cache', tensor([9, 9]), { persistent: false });
  absent = this.registerBuffer('absent', null);
  #scratch = tensor([7]);
  momentum = 0.1;
  name = 'withBuffers';
  forward(x: Tensor): Tensor {
    return add(mul(x, this.weight), this.#scratch);
  }
}

class Net extends Module {
  encoder = new Sequential(new Affine(3), new Affine(3, { bias: false }));
  head = new Affine(3);
  blocks = [new Affine(3), new Affine(3)];
  forward(x: Tensor): Tensor {
    let y = this.encoder.forward(x);
    for (const b of this.blocks) y = b.forward(y);
    return this.head.forward(y);
  }
}

/** A layer from "another framework": implements the protocol structurally, extends nothing. */
function foreignLayer(): Layer & { w: Tensor } {
  const w = tensor([2, 3], { requiresGrad: true });
  const layer = {
    training: true,
    w,
    train(mode = true) {
      layer.training = mode;
      return layer;
    },
    eval() {
      return layer.train(false);
    },
    parameters: () => [w],
    namedParameters: (): [string, Tensor][] => [['w', w]],
    stateDict: (options?: StateDictOptions): StateDict => ({ w: serializeTensor(w, options) }),
    loadStateDict(sd: LoadableStateDict, _options?: LoadStateDictOptions) {
      if (sd['w']) w.data.set(deserializeTensor(sd['w']).data);
      return { missingKeys: [], unexpectedKeys: [] };
    },
    forward: (x: Tensor) => mul(x, w),
  };
  return layer;
}

describe('Module: discovery of parameters, buffers and submodules', () => {
  test('names follow PyTorch: declaration order, dotted prefixes, Sequential indices, arrays like ModuleList', () => {
    const net = new Net();
    expect(net.namedParameters().map(([n]) => n)).toEqual([
      'encoder.0.scale',
      'encoder.0.shift',
      'encoder.1.scale',
      'head.scale',
      'head.shift',
      'blocks.0.scale',
      'blocks.0.shift',
      'blocks.1.scale',
      'blocks.1.shift',
    ]);
    expect(net.parameters()).toHaveLength(9);
    expect(net.namedChildren().map(([n]) => n)).toEqual(['encoder', 'head', 'blocks.0', 'blocks.1']);
    expect(net.children()).toHaveLength(4);
    expect(net.namedModules().map(([n]) => n)).toEqual([
      '',
      'encoder',
      'encoder.0',
      'encoder.1',
      'head',
      'blocks.0',
      'blocks.1',
    ]);
    expect(net.modules()[0]).toBe(net);
  });

  test('a null parameter (bias: false) is absent, like PyTorch registering None', () => {
    const a = new Affine(2, { bias: false });
    expect(a.namedParameters().map(([n]) => n)).toEqual(['scale']);
    expect(Object.keys(a.stateDict())).toEqual(['scale']);
  });

  test('buffers are saved but not parameters; non-persistent buffers, private fields and plain values are not state', () => {
    const m = new WithBuffers();
    expect(m.namedParameters().map(([n]) => n)).toEqual(['weight']);
    expect(m.namedBuffers().map(([n]) => n)).toEqual(['count', 'cache']);
    expect(m.buffers()).toEqual([m.count, m.cache]);
    expect(Object.keys(m.stateDict())).toEqual(['weight', 'count']);
    expect(m.stateDict()['count']).toEqual({ shape: [1], dtype: 'int32', data: [0] });
    const outer = new Sequential(m);
    expect(outer.namedBuffers().map(([n]) => n)).toEqual(['0.count', '0.cache']);
  });

  test('a tensor shared by two modules (tied weights) is one parameter but two state-dict keys', () => {
    const a = new Affine(2);
    const b = new Affine(2);
    b.scale = a.scale;
    const s = new Sequential(a, b);
    expect(s.namedParameters().map(([n]) => n)).toEqual(['0.scale', '0.shift', '1.shift']);
    expect(Object.keys(s.stateDict())).toEqual(['0.scale', '0.shift', '1.scale', '1.shift']);
    // a module reachable twice is listed once by namedModules
    const twice = new Sequential(a, a);
    expect(twice.namedModules().map(([n]) => n)).toEqual(['', '0']);
  });

  test('registerBuffer rejects bad names and values', () => {
    const m = new WithBuffers();
    expect(() => m.registerBuffer('a.b', tensor([1]))).toThrow(
      `registerBuffer: name must be a non-empty string without '.', got "a.b"`,
    );
    expect(() => m.registerBuffer('', tensor([1]))).toThrow(TypeError);
    expect(() => m.registerBuffer('x', [1, 2] as unknown as Tensor)).toThrow(
      "registerBuffer: value must be a Tensor or null, got [1, 2] for buffer 'x'",
    );
  });

  test('isModuleLike recognises the protocol structurally', () => {
    expect(isModuleLike(new Affine(1))).toBe(true);
    expect(isModuleLike(foreignLayer())).toBe(true);
    expect(isModuleLike({ train() {}, eval() {} })).toBe(false);
    expect(isModuleLike(null)).toBe(false);
    expect(isModuleLike(3)).toBe(false);
  });
});

describe('Module: training mode, gradients', () => {
  test('train/eval propagate to every submodule, including foreign ones, and return the module', () => {
    const foreign = foreignLayer();
    const net = new Net();
    const s = new Sequential(net, foreign);
    expect(s.eval()).toBe(s);
    for (const m of [s, ...net.modules(), foreign]) expect(m.training).toBe(false);
    s.train();
    for (const m of [s, ...net.modules(), foreign]) expect(m.training).toBe(true);
    s.train(false);
    expect(net.head.training).toBe(false);
    expect(() => s.train('yes' as unknown as boolean)).toThrow('train: mode must be a boolean, got "yes"');
  });

  test('zeroGrad clears every gradient; setRequiresGrad freezes and unfreezes', () => {
    const foreign = foreignLayer();
    const s = new Sequential(new Affine(2), foreign);
    sum(s.forward(tensor([1, 2]))).backward();
    expect(s.parameters().every((p) => p.grad !== null)).toBe(true);
    s.zeroGrad();
    expect(s.parameters().every((p) => p.grad === null)).toBe(true);
    s.setRequiresGrad(false);
    expect(s.parameters().every((p) => !p.requiresGrad)).toBe(true);
    expect(s.forward(tensor([1, 2])).requiresGrad).toBe(false);
    s.setRequiresGrad();
    expect(s.forward(tensor([1, 2])).requiresGrad).toBe(true);
  });

  test('a model of core ops trains by manual gradient descent inside noGrad', () => {
    const model = new Sequential(new Affine(3), new Affine(3));
    const x = tensor([
      [1, 2, 3],
      [-1, 0.5, 2],
    ]);
    const target = add(mul(x, tensor([2, -1, 0.5])), tensor([1, 0, -1]));
    const loss = () => {
      const d = sub(model.forward(x), target);
      return sum(mul(d, d));
    };
    const first = loss().item();
    for (let step = 0; step < 200; step++) {
      model.zeroGrad();
      loss().backward();
      noGrad(() => {
        for (const p of model.parameters()) p.data.set(sub(p, mul(p.grad!, 0.01)).data);
      });
    }
    expect(loss().item()).toBeLessThan(first / 100);
  });
});

test('a module with two inputs (a loss) types its forward with the type parameters', () => {
  class SquaredError extends Module<[Tensor, Tensor], Tensor> {
    forward(input: Tensor, target: Tensor): Tensor {
      const d = sub(input, target);
      return sum(mul(d, d));
    }
  }
  const loss = new SquaredError();
  expect(loss.forward(tensor([1, 2]), tensor([0, 0])).item()).toBe(5);
  expect(loss.parameters()).toEqual([]);
  expect(new Sequential(new Affine(2)).namedChildren()).toHaveLength(1);
});

describe('Module: stateDict / loadStateDict', () => {
  test("entries without a dtype are read as the target tensor's dtype (float64 keeps every digit)", () => {
    const values = [0.1, 1 / 3, -Math.E, 1e-300, 123456789.12345679, -0];
    const bias = [0.7, -1 / 7];
    const m64 = new Linear(3, 2, { dtype: 'float64', seed: 0 });
    m64.loadStateDict({ weight: { shape: [2, 3], data: values }, bias: { shape: [2], data: bias } });
    expect(Array.from(m64.weight.data)).toEqual(values);
    expect(Object.is(m64.weight.data[5], -0)).toBe(true);
    expect(Array.from(m64.bias!.data)).toEqual(bias);
    // a typed array from elsewhere (no dtype) too
    m64.loadStateDict({
      weight: { shape: [2, 3], data: Float64Array.from(values) },
      bias: { shape: [2], data: bias },
    });
    expect(Array.from(m64.weight.data)).toEqual(values);
    // inside a container, at any depth
    const seq = new Sequential(new Linear(3, 2, { dtype: 'float64', seed: 0 }));
    seq.loadStateDict({ '0.weight': { shape: [2, 3], data: values }, '0.bias': { shape: [2], data: bias } });
    expect(Array.from((seq.at(0) as Linear).weight.data)).toEqual(values);
    // a float32 module rounds them once, to float32
    const m32 = new Linear(3, 2, { seed: 0 });
    m32.loadStateDict({ weight: { shape: [2, 3], data: values }, bias: { shape: [2], data: bias } });
    expect(Array.from(m32.weight.data)).toEqual(values.map(Math.fround));
    // an explicit dtype is honoured: float32 values, widened exactly
    m64.loadStateDict({
      weight: { shape: [2, 3], dtype: 'float32', data: values },
      bias: { shape: [2], data: bias },
    });
    expect(Array.from(m64.weight.data)).toEqual(values.map(Math.fround));
  });
  test('the state dict is plain JSON that round-trips bit-exactly (both encodings, special values)', () => {
    const m = new Affine(6);
    m.scale.data.set([0.1, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e-45]);
    for (const encoding of ['array', 'base64'] as const) {
      const json = JSON.stringify(m.stateDict({ encoding }));
      const copy = new Affine(6);
      copy.loadStateDict(JSON.parse(json));
      expect(Array.from(new Uint32Array(copy.scale.data.buffer))).toEqual(
        Array.from(new Uint32Array(m.scale.data.buffer)),
      );
    }
    expect(m.stateDict()['scale']!.data).toEqual([
      0.10000000149011612,
      '-0',
      'NaN',
      'Infinity',
      '-Infinity',
      1.401298464324817e-45,
    ]);
  });

  test('property: random float32/float64/int32 values round-trip exactly through JSON in both encodings', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('float32', 'float64', 'int32'),
        fc.array(fc.double(), { minLength: 0, maxLength: 40 }),
        fc.constantFrom('array', 'base64'),
        (dtype, values, encoding) => {
          const t = tensor(
            dtype === 'float32'
              ? Float32Array.from(values)
              : dtype === 'float64'
                ? Float64Array.from(values)
                : Int32Array.from(values, (v) => (Number.isFinite(v) ? v % 1e9 : 0)),
          );
          const back = deserializeTensor(JSON.parse(JSON.stringify(serializeTensor(t, { encoding }))));
          expect(back.dtype).toBe(dtype);
          expect(back.shape).toEqual(t.shape);
          expect(new Uint8Array(back.data.buffer)).toEqual(new Uint8Array(t.data.buffer));
        },
      ),
      { numRuns: 200 },
    );
  });

  test('loading copies in place: parameter identity (what an optimizer holds) is kept', () => {
    const a = new Net();
    const b = new Net();
    noGrad(() => {
      for (const p of a.parameters()) p.data.set(mul(p, 3).data);
    });
    const before = b.parameters();
    const result = b.loadStateDict(a.stateDict());
    expect(result).toEqual({ missingKeys: [], unexpectedKeys: [] });
    expect(b.parameters()).toEqual(before);
    b.parameters().forEach((p, i) => {
      expect(p).toBe(before[i]);
      expect(p.toArray()).toEqual(a.parameters()[i]!.toArray());
    });
  });

  test('tensors and { shape, data } records load too; values convert to the parameter dtype', () => {
    const m = new WithBuffers();
    m.loadStateDict({
      weight: tensor([5, 6], { dtype: 'float64' }),
      count: { shape: [1], data: [3] },
    });
    expect(m.weight.toArray()).toEqual([5, 6]);
    expect(m.weight.dtype).toBe('float32');
    expect(m.count.toArray()).toEqual([3]);
  });

  test('strict: missing and unexpected keys are all listed in one RangeError; nothing is loaded', () => {
    const s = new Sequential(new Affine(2), new Affine(2));
    const sd = s.stateDict();
    const { ['1.shift']: _drop, ...partial } = sd;
    const extra = {
      ...partial,
      '2.scale': sd['0.scale']!,
      '0.scale': { shape: [2], dtype: 'float32' as const, data: [9, 9] },
    };
    const call = () => s.loadStateDict(extra);
    expect(call).toThrow(RangeError);
    expect(call).toThrow(
      'loadStateDict: the state dict does not match the module (missing keys: 1.shift; unexpected keys: 2.scale); pass { strict: false } to load the keys that match',
    );
    expect(s.at(0).namedParameters()[0]![1].toArray()).not.toEqual([9, 9]);
  });

  test('strict: false loads the matching keys and reports the others', () => {
    const s = new Sequential(new Affine(2), new Affine(2));
    const result = s.loadStateDict(
      { '0.scale': { shape: [2], data: [9, 8] }, extra: { shape: [1], data: [1] } },
      { strict: false },
    );
    expect(result).toEqual({ missingKeys: ['0.shift', '1.scale', '1.shift'], unexpectedKeys: ['extra'] });
    expect(s.stateDict()['0.scale']!.data).toEqual([9, 8]);
  });

  test('a shape mismatch throws even when not strict, naming the key and both shapes, before loading anything', () => {
    const s = new Sequential(new Affine(2), new Affine(3));
    const sd = s.stateDict();
    sd['0.scale'] = { shape: [2], dtype: 'float32', data: [4, 4] };
    sd['1.scale'] = { shape: [3, 1], dtype: 'float32', data: [1, 2, 3] };
    for (const strict of [true, false]) {
      expect(() => s.loadStateDict(sd, { strict })).toThrow(
        'loadStateDict: 1.scale has shape [3, 1], expected [3]',
      );
    }
    expect(s.stateDict()['0.scale']!.data).not.toEqual([4, 4]);
  });

  test('malformed entries are TypeErrors/RangeErrors naming the key', () => {
    const m = new Affine(2);
    const load = (entry: unknown) => () =>
      m.loadStateDict({ scale: entry, shift: { shape: [2], data: [0, 0] } } as unknown as LoadableStateDict);
    expect(load(null)).toThrow('loadStateDict: scale must be an object with shape and data, got null');
    expect(load({ shape: 2, data: [1, 2] })).toThrow(
      'loadStateDict: scale.shape must be an array of non-negative integers, got 2',
    );
    expect(load({ shape: [2], data: [1, 2, 3] })).toThrow(
      'loadStateDict: scale holds 3 values, its shape [2] needs 2',
    );
    expect(load({ shape: [2], data: [1, 'x'] })).toThrow(
      `loadStateDict: scale.data[1] must be a number (or 'NaN', 'Infinity', '-Infinity', '-0'), got "x"`,
    );
    expect(load({ shape: [2], data: 'AAAAAAAAAAA=' })).toThrow(
      'loadStateDict: scale has base64 data but no dtype; base64 data needs a dtype to decode',
    );
    expect(load({ shape: [2], dtype: 'float32', data: 'not base64!' })).toThrow(
      'loadStateDict: scale.data is a string but not valid base64',
    );
    expect(load({ shape: [2], dtype: 'float32', data: 'AAAAAA==' })).toThrow(
      'loadStateDict: scale holds 1 float32 values, its shape [2] needs 2',
    );
    expect(load({ shape: [2], dtype: 'bfloat16', data: [1, 2] })).toThrow(
      `loadStateDict: scale.dtype must be 'float32', 'float64' or 'int32', got "bfloat16"`,
    );
    expect(load({ shape: [2], data: 5 })).toThrow(
      'loadStateDict: scale.data must be an array of numbers, a typed array or a base64 string, got 5',
    );
    expect(() => m.loadStateDict(null as unknown as LoadableStateDict)).toThrow(
      'loadStateDict: stateDict must be an object of { shape, data } entries, got null',
    );
    expect(() => m.stateDict({ encoding: 'hex' as 'array' })).toThrow(
      "stateDict: encoding must be 'array' or 'base64', got \"hex\"",
    );
  });

  test('a foreign module inside a Module saves and loads through its own protocol methods', () => {
    const foreign = foreignLayer();
    const s = new Sequential(new Affine(2), foreign);
    expect(Object.keys(s.stateDict())).toEqual(['0.scale', '0.shift', '1.w']);
    expect(s.namedParameters().map(([n]) => n)).toEqual(['0.scale', '0.shift', '1.w']);
    const sd = s.stateDict();
    sd['1.w'] = { shape: [2], dtype: 'float32', data: [7, 8] };
    s.loadStateDict(sd);
    expect(foreign.w.toArray()).toEqual([7, 8]);
    sd['1.w'] = { shape: [3], dtype: 'float32', data: [7, 8, 9] };
    expect(() => s.loadStateDict(sd)).toThrow('loadStateDict: 1.w has shape [3], expected [2]');
    expect(s.forward(tensor([1, 1])).toArray()).toEqual(
      [(1 * 1 + 0.5) * 7, (1.1 + 0.5) * 8].map(Math.fround),
    );
  });
});

describe('serializeTensor / deserializeTensor', () => {
  test('errors', () => {
    expect(() => serializeTensor([1] as unknown as Tensor)).toThrow(
      'serializeTensor: t must be a Tensor, got [1]',
    );
    expect(() => serializeTensor(tensor([1]), { encoding: 'hex' as 'array' })).toThrow(
      "serializeTensor: encoding must be 'array' or 'base64', got \"hex\"",
    );
    expect(() => deserializeTensor({ shape: [1], data: ['1'] })).toThrow(
      `deserializeTensor: entry.data[0] must be a number (or 'NaN', 'Infinity', '-Infinity', '-0'), got "1"`,
    );
  });

  test('base64 encodes little-endian bytes, padding included', () => {
    for (const n of [0, 1, 2, 3, 7]) {
      const t = tensor(Float64Array.from({ length: n }, (_, i) => i * 1.5 - 2));
      const e = serializeTensor(t, { encoding: 'base64' });
      expect(typeof e.data).toBe('string');
      expect((e.data as string).length % 4).toBe(0);
      expect(deserializeTensor(e).toArray()).toEqual(t.toArray());
    }
    // Bytes of float32 1 are 00 00 80 3f (little-endian).
    expect(serializeTensor(tensor([1]), { encoding: 'base64' }).data).toBe('AACAPw==');
  });
});

describe('Sequential', () => {
  test('forward chains layers; an empty Sequential is the identity', () => {
    const a = new Affine(2);
    const b = new Affine(2);
    const x = tensor([1, 2]);
    expect(new Sequential(a, b).forward(x).toArray()).toEqual(b.forward(a.forward(x)).toArray());
    expect(new Sequential().forward(x)).toBe(x);
  });

  test('at, append, length and iteration', () => {
    const a = new Affine(2);
    const b = new Affine(2);
    const s = new Sequential(a);
    expect(s.append(b)).toBe(s);
    expect(s.length).toBe(2);
    expect(s.at(0)).toBe(a);
    expect(s.at(-1)).toBe(b);
    expect([...s]).toEqual([a, b]);
    expect(() => s.at(2)).toThrow('Sequential.at: index must be an integer in [-2, 1], got 2');
  });

  test('rejects things that are not layers', () => {
    expect(() => new Sequential(((x: Tensor) => x) as unknown as Layer)).toThrow(
      'Sequential: layer 0 must be a module with forward(x) (a Module or any ModuleLike), got a function',
    );
    expect(() => new Sequential().append({} as Layer)).toThrow(
      'Sequential.append: layer 0 must be a module with forward(x) (a Module or any ModuleLike), got an object',
    );
  });
});
