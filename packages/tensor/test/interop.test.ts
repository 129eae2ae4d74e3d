import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { tensor } from '../src/creation/tensor';
import { fromData } from '../src/interop/fromData';
import { fromNested } from '../src/interop/fromNested';
import { fromTf } from '../src/interop/fromTf';
import { isTensorData } from '../src/interop/isTensorData';
import { INTERFACE_VERSION, type TensorData } from '../src/interop/TensorData';
import { toData } from '../src/interop/toData';
import { toNested } from '../src/interop/toNested';
import { toTf } from '../src/interop/toTf';
import { mul } from '../src/ops/mul';
import { sum } from '../src/ops/sum';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('the interchange contract', () => {
  test('INTERFACE_VERSION is 1', () => {
    expect(INTERFACE_VERSION).toBe(1);
  });

  test('fromData wraps without copying: writes to the source are visible through the tensor and back', () => {
    const data = new Float32Array([1, 2, 3, 4, 5, 6]);
    const shape = [2, 3];
    const t = fromData({ shape, data });
    expect(t.data).toBe(data);
    expect(t.data.buffer).toBe(data.buffer);
    data[4] = 42;
    expect(t.toArray()).toEqual([
      [1, 2, 3],
      [4, 42, 6],
    ]);
    (t.data as Float32Array)[0] = -1;
    expect(data[0]).toBe(-1);
    shape[0] = 99; // the shape is copied
    expect(t.shape).toEqual([2, 3]);
    expect(t.dtype).toBe('float32');
  });

  test('a subarray view keeps its offset; int32, float64, scalar and empty data', () => {
    const buf = new Float32Array([9, 1, 2, 3, 9]);
    const view = buf.subarray(1, 4);
    const t = fromData({ shape: [3], data: view });
    buf[2] = 7;
    expect(t.toArray()).toEqual([1, 7, 3]);
    const labels = fromData({ shape: [2, 2], data: new Int32Array([0, 1, 2, 3]) });
    expect(labels.dtype).toBe('int32');
    expect(fromData({ shape: [2], data: new Float64Array([1, 2]) }).dtype).toBe('float64');
    expect(fromData({ shape: [], data: new Float32Array([5]) }).item()).toBe(5);
    expect(fromData({ shape: [0, 3], data: new Float32Array(0) }).shape).toEqual([0, 3]);
    expect(fromData({ shape: [1], data: new Float32Array([1]), version: 1 }).size).toBe(1);
  });

  test('property: random shapes round-trip fromData -> toData -> fromNested -> toNested, sharing the buffer', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 4 }),
        fc.boolean(),
        (shape, int) => {
          const n = shape.reduce((a, b) => a * b, 1);
          const data = int
            ? Int32Array.from({ length: n }, (_, i) => i * 7 - 3)
            : Float32Array.from({ length: n }, (_, i) => Math.fround(Math.sin(i) * 100));
          const d = { shape, data } as TensorData;
          expect(isTensorData(d)).toBe(true);
          const t = fromData(d);
          expect(t.shape).toEqual(shape);
          expect(t.dtype).toBe(int ? 'int32' : 'float32');
          expect(toData(t).data).toBe(data);
          const nested = toNested(d);
          const again = fromNested(nested, { dtype: t.dtype });
          if (n > 0) expect(again.shape).toEqual(shape);
          expect(Array.from(again.data)).toEqual(Array.from(data));
        },
      ),
      { numRuns: 200 },
    );
  });

  test('fromData results take part in autograd', () => {
    const x = fromData({ shape: [3], data: new Float32Array([1, 2, 3]) }, { requiresGrad: true });
    sum(mul(x, x)).backward();
    expect(x.grad?.toArray()).toEqual([2, 4, 6]);
    expect(() => fromData({ shape: [1], data: new Int32Array(1) }, { requiresGrad: true })).toThrow(
      'fromData: an int32 tensor cannot require gradients',
    );
  });

  test('fromData validates with clear errors', () => {
    expect(() => fromData({ shape: [2, 3], data: new Float32Array(5) })).toThrow(RangeError);
    expect(() => fromData({ shape: [2, 3], data: new Float32Array(5) })).toThrow(
      'fromData: d.shape [2, 3] holds 6 elements, but d.data has 5',
    );
    expect(() => fromData({ shape: [2], data: [1, 2] } as never)).toThrow(
      'fromData: d.data must be a Float32Array or an Int32Array (or a Float64Array), got Array',
    );
    expect(() => fromData({ shape: [2], data: new Uint8Array(2) } as never)).toThrow('got Uint8Array');
    expect(() => fromData({ shape: [1.5], data: new Float32Array(1) })).toThrow(TypeError);
    expect(() => fromData({ shape: [-1], data: new Float32Array(1) })).toThrow(
      'fromData: d.shape must be an array of non-negative integers, got [-1]',
    );
    expect(() => fromData(null as never)).toThrow(
      'fromData: d must be a TensorData object { shape, data }, got null',
    );
    expect(() => fromData({ shape: [1], data: new Float32Array(1), version: 2 })).toThrow(
      'fromData: d.version must be 1 (INTERFACE_VERSION), got 2',
    );
  });

  test('isTensorData accepts any object with the contract data (tensors of float32/int32 included)', () => {
    expect(isTensorData({ shape: [2], data: new Float32Array(2) })).toBe(true);
    expect(isTensorData({ shape: [2], data: new Int32Array(2), extra: 'ok' })).toBe(true);
    expect(isTensorData(tensor([1, 2]))).toBe(true);
    expect(isTensorData({ shape: [2], data: new Float64Array(2) })).toBe(false);
    expect(isTensorData({ shape: [3], data: new Float32Array(2) })).toBe(false);
    expect(isTensorData({ shape: [2] })).toBe(false);
    expect(isTensorData(null)).toBe(false);
    expect(isTensorData('x')).toBe(false);
  });

  test('toData shares float32/int32 buffers, rounds float64 to float32, and round-trips through fromData', () => {
    const t = tensor([[1, 2, 3]]);
    const d = toData(t);
    expect(d.data).toBe(t.data);
    expect(d.shape).toEqual([1, 3]);
    expect(isTensorData(d)).toBe(true);
    expect(fromData(d).toArray()).toEqual(t.toArray());
    const d64 = toData(tensor([0.1], { dtype: 'float64' }));
    expect(d64.data).toBeInstanceOf(Float32Array);
    expect(d64.data[0]).toBe(Math.fround(0.1));
    expect(() => toData({} as never)).toThrow('toData: t must be a Tensor, got an object');
  });
});

describe('nested arrays', () => {
  test('fromNested / toNested round trip, shapes and dtypes', () => {
    const v = [
      [
        [1, 2],
        [3, 4],
      ],
      [
        [5, 6],
        [7, 8],
      ],
    ];
    const t = fromNested(v);
    expect(t.shape).toEqual([2, 2, 2]);
    expect(toNested(t)).toEqual(v);
    expect(fromNested(3).shape).toEqual([]);
    expect(toNested(fromNested(3))).toBe(3);
    expect(fromNested([]).shape).toEqual([0]);
    expect(fromNested([[1, 2]], { dtype: 'int32' }).data).toBeInstanceOf(Int32Array);
    expect(toNested({ shape: [3], data: new Int32Array([1, 2, 3]) })).toEqual([1, 2, 3]);
    expect(fromNested([1.5], { requiresGrad: true }).requiresGrad).toBe(true);
  });

  test('errors name the offending index', () => {
    expect(() => fromNested([[1, 2], [3]])).toThrow(
      'fromNested: values are ragged: values[1] has length 1, expected 2 to match shape [2, 2]',
    );
    expect(() => fromNested([[1, 'a' as never]])).toThrow(
      'fromNested: values[0][1] must be a number, got "a"',
    );
    expect(() => fromNested('x' as never)).toThrow('fromNested: values must be a number or nested arrays');
    expect(() => toNested({ shape: [3], data: new Int32Array(2) })).toThrow(
      'toNested: x.shape [3] holds 3 elements, but x.data has 2',
    );
  });
});

describe('TensorFlow.js adapters (real @tensorflow/tfjs-core with the cpu backend)', () => {
  test('float32 round trip @dl -> tf -> @dl keeps shape and values', () => {
    const x = fromNested([
      [1.5, -2, 3],
      [4, 5e-8, -6e7],
    ]);
    const t = toTf(x, tf);
    expect(t).toBeInstanceOf(tf.Tensor);
    expect(t.shape).toEqual([2, 3]);
    expect(t.dtype).toBe('float32');
    expect(t.arraySync()).toEqual(x.toArray());
    const back = fromTf(t);
    expect(back.shape).toEqual([2, 3]);
    expect(back.dtype).toBe('float32');
    expect(Array.from(back.data)).toEqual(Array.from(x.data));
    t.dispose();
  });

  test('tf -> @dl -> tf for int32 labels, scalars, rank 4, empty tensors and bool', () => {
    const cases: tf.Tensor[] = [
      tf.tensor([[0, 2, 1]], [1, 3], 'int32'),
      tf.scalar(3.25),
      tf.randomNormal([2, 3, 4, 5], 0, 1, 'float32', 7),
      tf.zeros([0, 4]),
    ];
    for (const t of cases) {
      const x = fromTf(t);
      expect(x.shape).toEqual(t.shape);
      expect(x.dtype).toBe(t.dtype);
      expect(x.toArray()).toEqual(t.arraySync());
      const u = toTf(x, tf);
      expect(u.dtype).toBe(t.dtype);
      expect(u.shape).toEqual(t.shape);
      expect(Array.from(u.dataSync())).toEqual(Array.from(t.dataSync()));
      u.dispose();
      t.dispose();
    }
    const b = tf.tensor([true, false, true], [3], 'bool');
    const xb = fromTf(b);
    expect(xb.dtype).toBe('int32');
    expect(xb.toArray()).toEqual([1, 0, 1]);
    b.dispose();
  });

  test('toTf accepts TensorData and float64 tensors (rounded to float32)', () => {
    const d: TensorData = { shape: [2], data: new Int32Array([7, 8]) };
    const t = toTf(d, tf);
    expect(t.dtype).toBe('int32');
    expect(Array.from(t.dataSync())).toEqual([7, 8]);
    const t64 = toTf(tensor([0.1, 0.2], { dtype: 'float64' }), tf);
    expect(t64.dtype).toBe('float32');
    expect(Array.from(t64.dataSync())).toEqual([Math.fround(0.1), Math.fround(0.2)]);
    tf.dispose([t, t64]);
  });

  test('adapter errors', () => {
    const c = tf.complex([1], [2]);
    expect(() => fromTf(c)).toThrow("fromTf: t.dtype must be 'float32', 'int32' or 'bool', got 'complex64'");
    c.dispose();
    expect(() => fromTf({} as never)).toThrow('fromTf: t must be a TensorFlow.js tensor, got an object');
    expect(() => toTf(tensor([1]), {} as never)).toThrow('toTf: tf must be the TensorFlow.js namespace');
    expect(() => toTf({ shape: [2], data: new Float32Array(1) }, tf)).toThrow(
      'toTf: x.shape [2] holds 2 elements, but x.data has 1',
    );
  });
});

describe('importing @dl/tensor loads neither tfjs nor gpu.js', () => {
  test('every import in the package sources (non-test) is relative', () => {
    const src = fileURLToPath(new URL('../src', import.meta.url));
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => {
        const p = join(dir, n);
        return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
      });
    const offenders: string[] = [];
    const gpuEntry = join(src, 'gpu');
    for (const file of walk(src)) {
      // the gpu entry point (`@dl/tensor/gpu`, its own bundle) imports the core as the package itself and loads
      // gpu.js, its optional peer dependency, with import() inside createDevice; nothing in the core may
      const allowed = file.startsWith(gpuEntry) ? ['@dl/tensor', 'gpu.js'] : [];
      // code only: doc comments hold examples that import '@dl/tensor' itself
      const text = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '');
      for (const m of text.matchAll(/^(?:import|export)\b[^'";]*?from\s+['"]([^'"]+)['"]/gm)) {
        // @dl/internal is bundled into dist by tsup (never a runtime dependency)
        if (!m[1]!.startsWith('.') && m[1] !== '@dl/internal' && !allowed.includes(m[1]!))
          offenders.push(`${file}: ${m[1]}`);
      }
      for (const m of text.matchAll(/\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]/g))
        if (!allowed.includes(m[1]!)) offenders.push(`${file}: ${m[1]}`);
    }
    expect(offenders).toEqual([]);
    // the check itself sees imports
    expect(
      [
        ..."import { a } from '../a';\nexport { b } from './b';".matchAll(
          /^(?:import|export)\b[^'";]*?from\s+['"]([^'"]+)['"]/gm,
        ),
      ].length,
    ).toBe(2);
  });
});
