// The wasm device (createWasmDevice): its kernels bit for bit against the CPU's, the device protocol end to end
// (the conformance suite), its memory (free lists, views, growth, limits, finalizers) and its errors.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { webAssembly } from '@dl/internal';
import { describe, expect, test } from 'vitest';
import {
  add,
  broadcastTo,
  createWasmDevice,
  div,
  exp,
  fullLike,
  grad,
  indexSelect,
  logSoftmax,
  matmul,
  max,
  mean,
  mul,
  relu,
  reshape,
  sigmoid,
  softmax,
  sub,
  sum,
  type Tensor,
  tanh,
  tensor,
  tidy,
  toDevice,
  transpose,
} from '../src/index';
import { setWasmThreshold } from '../src/wasm/runtime';
import { Arena, blockBytes } from '../src/wasmDevice/_arena';
import { fusedKernels } from '../src/wasmDevice/_fused';
import {
  CASES,
  compare,
  KERNEL_CASES,
  MLP,
  runCase,
  runKernelCase,
  trainMlp,
  values,
} from './conformance/suite';

/** Values with the edge cases every kernel must agree on: ±0, subnormals, ±Infinity, NaN, float32 max. */
function edgy(n: number, seed: number): Float32Array {
  const v = values(n, seed, -30, 30);
  const edges = [
    0,
    -0,
    1e-40,
    -1e-40,
    Infinity,
    -Infinity,
    NaN,
    3.4028234663852886e38,
    -3.4028234663852886e38,
    1,
  ];
  for (let i = 0; i < n; i += 7) v[i] = edges[(i / 7) % edges.length]!;
  return v;
}

/** Element i of `got` and `want` are the same float32 (NaN equals NaN, +0 differs from -0). */
function sameBits(got: ArrayLike<number>, want: ArrayLike<number>): string {
  if (got.length !== want.length) return `length ${got.length} vs ${want.length}`;
  for (let i = 0; i < got.length; i++) {
    if (!Object.is(got[i], want[i])) return `element ${i}: ${got[i]} vs ${want[i]}`;
  }
  return '';
}

const ARITH = { add, sub, mul, div } as const;
/** [name, a's shape, b's shape]: every layout of the device's binary kernels. */
const LAYOUTS: [string, number[], number[]][] = [
  ['equal shapes', [37, 129], [37, 129]],
  ['a one-element device operand on the right', [5000], [1]],
  ['a one-element device operand on the left', [1, 1], [70, 80]],
  ['a broadcast row', [300, 17], [17]],
  ['a broadcast row on the left', [1, 33], [90, 33]],
  ['a broadcast column', [64, 100], [64, 1]],
  ['a broadcast column on the left', [3, 40, 1], [3, 40, 50]],
];

describe('createWasmDevice: its kernels give the CPU float32 results bit for bit', () => {
  const device = createWasmDevice();
  for (const [op, f] of Object.entries(ARITH)) {
    test.each(LAYOUTS)(`${op}: %s`, (_n, as, bs) => {
      for (const threshold of [2048, 0]) {
        const old = setWasmThreshold(threshold); // the CPU side: its JavaScript loops, then its streamed kernels
        try {
          const a = tensor(
            edgy(
              as.reduce((x, y) => x * y, 1),
              1,
            ),
            { shape: as },
          );
          const b = tensor(
            edgy(
              bs.reduce((x, y) => x * y, 1),
              2,
            ),
            { shape: bs },
          );
          const want = f(a, b);
          const da = toDevice(a, device);
          const db = toDevice(b, device);
          const got = f(da, db);
          expect(got.device).toBe(device);
          expect(got.shape).toEqual(want.shape);
          expect(sameBits(got.data, want.data)).toBe('');
          for (const t of [da, db, got]) t.dispose();
        } finally {
          setWasmThreshold(old);
        }
      }
      expect(device.cpuOps.size).toBe(0);
    });
  }

  test('with a rank-0 CPU tensor on either side', () => {
    const a = tensor(edgy(3000, 3), { shape: [30, 100] });
    const s = tensor(-2.5);
    const da = toDevice(a, device);
    for (const [op, f] of Object.entries(ARITH)) {
      expect(sameBits(f(da, s).data, f(a, s).data), `${op}(x, s)`).toBe('');
      expect(sameBits(f(s, da).data, f(s, a).data), `${op}(s, x)`).toBe('');
    }
    expect(device.cpuOps.size).toBe(0);
  });

  test.each([
    ['relu', relu],
    ['sigmoid', sigmoid],
    ['exp', exp],
  ] as const)('%s, on sizes below and above the CPU threshold', (_n, f) => {
    for (const n of [1, 13, 300, 4099, 70000]) {
      const x = tensor(edgy(n, n));
      const dx = toDevice(x, device);
      expect(sameBits(f(dx).data, f(x).data), `n = ${n}`).toBe('');
    }
    expect(device.cpuOps.size).toBe(0);
  });

  test("relu's gradient (the positive mask) and fullLike's fill run on the device too", () => {
    const x = tensor(edgy(5000, 9), { shape: [50, 100] });
    const w = tensor(values(5000, 10), { shape: [50, 100] });
    const loss = (w: Tensor) => (t: Tensor) => sum(mul(relu(t), w));
    const g = grad(loss(toDevice(w, device)))(toDevice(x, device));
    expect(g.device).toBe(device);
    expect(sameBits(g.data, grad(loss(w))(x).data)).toBe('');
    expect(sameBits(fullLike(toDevice(x, device), 0.1).data, fullLike(x, 0.1).data)).toBe('');
    // sum writes into device memory, and its gradient (broadcastTo) ran on the device: nothing was copied in
    expect(device.cpuOps.size).toBe(0);
  });

  test.each([
    [[1], [3, 4]],
    [[], [2, 3]],
    [[40], [25, 40]],
    [
      [25, 1],
      [25, 40],
    ],
    [
      [2, 1, 3],
      [2, 4, 3],
    ],
  ])('broadcastTo %j -> %j', (from, to) => {
    const x = tensor(
      edgy(
        from.reduce((a, b) => a * b, 1),
        4,
      ),
      { shape: from },
    );
    const got = broadcastTo(toDevice(x, device), to);
    expect(got.device).toBe(device);
    expect(sameBits(got.data, broadcastTo(x, to).data)).toBe('');
  });

  test('grad, valueAndGrad and hvp of a device tensor compute on the device', () => {
    const x = toDevice(tensor(values(300, 11), { shape: [30, 10] }), device);
    const g = grad((t: Tensor) => sum(mul(t, t)))(x);
    expect(g.device).toBe(device);
    expect(sameBits(g.data, mul(tensor(values(300, 11), { shape: [30, 10] }), 2).data)).toBe('');
    x.dispose();
    expect(() => grad((t: Tensor) => sum(t))(x)).toThrow(
      /grad: x was disposed \(Tensor\(float32, \[30, 10\]\) on wasm\)/,
    );
  });
});

describe('createWasmDevice: the device protocol end to end', () => {
  const device = createWasmDevice();
  test.each(CASES.map((c) => [c.name, c] as const))('%s matches the CPU at 1e-5', (_n, c) => {
    const r = runCase(device, c);
    expect(r.message).toBe('');
    expect(r.ok).toBe(true);
  });

  test('no device memory is left after the cases', () => {
    expect(device.liveTensors).toBe(0);
    expect(device.bytesInUse).toBe(0);
  });

  test(`the MLP training step gives the CPU's parameters after ${MLP.steps} steps`, () => {
    const cpu = trainMlp('cpu');
    const dev = trainMlp(createWasmDevice());
    for (const [i, p] of cpu.params.entries()) expect(compare(dev.params[i]!, p)).toBeLessThanOrEqual(1);
  });

  test('memory does not grow over 300 training steps (each step in tidy)', () => {
    const d = createWasmDevice();
    trainMlp(d, 20, tidy);
    const reserved = d.bytesReserved;
    trainMlp(d, 300, tidy);
    expect(d.liveTensors).toBe(0);
    expect(d.bytesReserved).toBe(reserved);
  }, 60_000);

  test('other ops run the CPU kernels on the memory in place; strict makes the copying ones errors', () => {
    const d = createWasmDevice();
    const cpuX = tensor(values(3000, 7), { shape: [30, 100] });
    const x = toDevice(cpuX, d);
    const cpuW = tensor(values(2000, 8), { shape: [100, 20] });
    const w = toDevice(cpuW, d);
    // unary ops, softmax, the product of two matrices, sum and mean: the CPU kernel writes into the device
    // tensor's memory (no copy, not counted)
    for (const [name, f, g] of [
      ['tanh', tanh, tanh],
      ['softmax', (t: Tensor) => softmax(t), (t: Tensor) => softmax(t)],
      ['logSoftmax', (t: Tensor) => logSoftmax(t, 0), (t: Tensor) => logSoftmax(t, 0)],
      ['matmul', (t: Tensor) => matmul(t, w), (t: Tensor) => matmul(t, cpuW)],
      ['sum', (t: Tensor) => sum(t, 1), (t: Tensor) => sum(t, 1)],
      [
        'mean',
        (t: Tensor) => mean(t, { axis: 0, keepDims: true }),
        (t: Tensor) => mean(t, { axis: 0, keepDims: true }),
      ],
    ] as const) {
      const y = f(x);
      expect(y.device, name).toBe(d);
      expect(y.shape, name).toEqual(g(cpuX).shape);
      expect(sameBits(y.data, g(cpuX).data), name).toBe('');
    }
    expect(d.cpuOps.size).toBe(0);
    // the others: the CPU kernel reads the inputs in place, its result is copied in (counted)
    const m = transpose(x);
    expect(m.device).toBe(d);
    expect(sameBits(m.data, transpose(cpuX).data)).toBe('');
    expect(sameBits(max(x, { axis: 1 }).data, max(cpuX, { axis: 1 }).data)).toBe('');
    expect(d.cpuOps.get('transpose')).toBe(1);
    expect(d.cpuOps.get('max')).toBe(1);
    const s = createWasmDevice({ strict: true });
    const z = toDevice(tensor([0.5, -1, 2]), s);
    expect(tanh(z).device).toBe(s);
    expect(sum(z).device).toBe(s);
    expect(() => max(z)).toThrow(
      /max would run as a CPU kernel instead of on the wasm device \(no wasm kernel\); the device was created with \{ strict: true \}/,
    );
    expect(add(z, z).device).toBe(s); // its own kernels still run
    // a broadcast layout without a kernel of its own
    expect(() =>
      add(toDevice(tensor(values(6, 1), { shape: [2, 3, 1] }), s), toDevice(tensor([1, 2]), s)),
    ).toThrow(/add would run as a CPU kernel/);
  });

  test('mixing devices is an error naming the op and toDevice', () => {
    const a = toDevice(tensor([1, 2]), createWasmDevice());
    const b = toDevice(tensor([1, 2]), createWasmDevice());
    expect(() => add(a, b)).toThrow(
      /add: a is on wasm and b is on wasm; tensors of one op must be on one device/,
    );
    expect(() => add(a, tensor([1, 2]))).toThrow(
      /add: a is on wasm and b is on cpu.*toDevice\(b, a.device\)/,
    );
  });
});

describe('createWasmDevice: memory', () => {
  test('dispose frees at once; the next tensor of the same size takes the freed block', () => {
    const d = createWasmDevice();
    const x = toDevice(tensor(values(100000, 1)), d);
    expect(d.liveTensors).toBe(1);
    expect(d.bytesInUse).toBe(blockBytes(100000));
    add(x, x).dispose();
    const reserved = d.bytesReserved;
    for (let i = 0; i < 50; i++) add(x, x).dispose();
    expect(d.liveTensors).toBe(1);
    expect(d.bytesCached).toBe(blockBytes(100000));
    expect(d.bytesReserved).toBe(reserved); // every output took the freed block
    x.dispose();
    x.dispose(); // twice is harmless
    expect(d.liveTensors).toBe(0);
    expect(() => add(x, x)).toThrow(/add: a was disposed \(Tensor\(float32, \[100000\]\) on wasm\)/);
  });

  test('views share their block: it is freed with the last of them', () => {
    const d = createWasmDevice();
    const x = toDevice(tensor(values(12, 2), { shape: [3, 4] }), d);
    const v = reshape(x, [4, 3]);
    x.dispose();
    expect(d.liveTensors).toBe(1);
    expect(Array.from(v.data)).toEqual(Array.from(values(12, 2)));
    v.dispose();
    expect(d.liveTensors).toBe(0);
  });

  test('tensors keep their values when the memory grows; data is a cached copy, not the memory', () => {
    const d = createWasmDevice();
    const first = toDevice(tensor(values(1000, 3)), d);
    const before = d.bytesReserved;
    const big = Array.from({ length: 8 }, (_, i) => toDevice(tensor(values(1 << 20, i)), d));
    expect(d.bytesReserved).toBeGreaterThan(before + 8 * 4 * (1 << 20) - 1);
    expect(sameBits(first.data, values(1000, 3))).toBe('');
    const snapshot = first.data as Float32Array;
    snapshot[0] = 12345; // writes to the snapshot do not reach the device
    expect(add(first, tensor(0)).data[0]).toBe(values(1000, 3)[0]);
    expect(toDevice(big[7]!, 'cpu').data[5]).toBe(values(1 << 20, 7)[5]);
    for (const t of [first, ...big]) t.dispose();
  });

  test('ops that run as CPU kernels read the memory in place and keep no copy of it', () => {
    const d = createWasmDevice();
    const x = toDevice(tensor(values(5000, 6)), d);
    const y = tanh(x); // read in place: no readback copy is cached for x
    const big = toDevice(tensor(values(1 << 21, 8)), d); // the memory grows
    expect(sameBits(y.data, tanh(tensor(values(5000, 6))).data)).toBe('');
    expect(sameBits(x.data, values(5000, 6))).toBe('');
    for (const t of [x, y, big]) t.dispose();
    expect(d.liveTensors).toBe(0);
  });

  test('a CPU kernel that records its own backward keeps working when the memory grows before the backward', () => {
    const d = createWasmDevice();
    const cpuX = tensor(values(6000, 12), { shape: [600, 10] }).setRequiresGrad();
    const idx = tensor(Int32Array.from([5, 0, 599, 5, 17]), { shape: [5], dtype: 'int32' });
    const x = toDevice(tensor(values(6000, 12), { shape: [600, 10] }), d).setRequiresGrad();
    const w = tensor(values(50, 13), { shape: [5, 10] });
    const y = sum(mul(indexSelect(x, 0, idx), toDevice(w, d)));
    const big = toDevice(tensor(values(1 << 21, 14)), d); // the memory grows between forward and backward
    y.backward();
    sum(mul(indexSelect(cpuX, 0, idx), w)).backward();
    expect(x.grad!.device).toBe(d);
    expect(sameBits(x.grad!.data, cpuX.grad!.data)).toBe('');
    big.dispose();
  });

  test('blocks of 2 KB and more start 2 KB past a page (glibc rep movsb), smaller ones on 64 bytes', () => {
    let pages = 16;
    const memory = {
      get buffer() {
        return new ArrayBuffer(pages * 65536);
      },
      grow(n: number) {
        pages += n;
        return pages - n;
      },
    };
    const arena = new Arena(memory, 16 * 65536, 1 << 30);
    const offsets = [1, 511, 512, 100000, 3, 70000].map((n) => [n, arena.alloc(n)] as const);
    for (const [n, at] of offsets) {
      if (n * 4 >= 2048) expect(at % 4096, `n = ${n}`).toBe(2048);
      else expect(at % 64, `n = ${n}`).toBe(0);
    }
    for (let i = 1; i < offsets.length; i++)
      expect(offsets[i]![1]).toBeGreaterThanOrEqual(offsets[i - 1]![1] + blockBytes(offsets[i - 1]![0]));
    arena.release(offsets[3]![1], 100000);
    expect(arena.alloc(100000)).toBe(offsets[3]![1]);
    arena.release(offsets[3]![1], 100000);
    expect(arena.alloc(99999)).toBe(offsets[3]![1]); // the same rounded size: the same free list
    expect(arena.blocks).toBe(6);
  });

  test('past maxBytes an op throws a RangeError saying what is in use', () => {
    const d = createWasmDevice({ maxBytes: (1 << 20) + 7 * 65536 });
    const x = toDevice(tensor(values(50000, 1)), d);
    const y = add(x, x);
    expect(() => add(x, y)).toThrow(RangeError);
    expect(() => add(x, y)).toThrow(
      /add \(wasm device, output \[50000\]\): the wasm device is out of memory: \d+ more bytes needed beyond maxBytes 1507328 \(401408 bytes in 2 live tensors, 0 bytes in freed blocks of other sizes\); dispose tensors \(or run each step in tidy\(\)\), or create the device with a larger maxBytes/,
    );
    expect(() => toDevice(tensor(values(50000, 2)), d)).toThrow(/toDevice: the wasm device is out of memory/);
    y.dispose();
    expect(add(x, x).device).toBe(d); // room again
  });

  test('a tensor dropped without dispose is freed by the garbage collector', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const d = createWasmDevice();
    (() => {
      toDevice(tensor(values(4096, 5)), d);
    })();
    for (let i = 0; i < 50 && d.liveTensors > 0; i++) {
      gc();
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(d.liveTensors).toBe(0);
  });
});

describe('createWasmDevice: bad input', () => {
  test('unknown options get a "did you mean"', () => {
    expect(() => createWasmDevice({ maxByte: 1 } as never)).toThrow(
      /createWasmDevice: unknown option 'maxByte'.*did you mean 'maxBytes'/,
    );
  });
  test.each([[0], [-1], [1.5], [2 ** 32 + 1], ['1GB'], [Number.NaN]])('maxBytes %p', (v) => {
    expect(() => createWasmDevice({ maxBytes: v as number })).toThrow(
      new RegExp(
        `createWasmDevice: maxBytes must be a positive integer of at most 4294967296 \\(4 GiB: WebAssembly's 32-bit memory\\), got ${typeof v === 'string' ? `"${v}"` : String(v).replace('.', '\\.')}`,
      ),
    );
  });
  test('strict must be a boolean', () => {
    expect(() => createWasmDevice({ strict: 'yes' as never })).toThrow(
      /createWasmDevice: strict must be a boolean, got "yes"/,
    );
  });
  test('the protocol methods check what they are given', () => {
    const d = createWasmDevice();
    expect(() => d.upload([1, 2] as never)).toThrow(/upload: data must be a Float32Array, got \[1, 2\]/);
    expect(() => d.upload(new Float32Array(2), 'yes' as never)).toThrow(
      /upload: cache must be a boolean, got "yes"/,
    );
    expect(() => d.run(1 as never, [], {})).toThrow(/run: op must be a string, got 1/);
    expect(() => d.run('add', 'x' as never, {})).toThrow(/run: inputs must be an array of tensors, got "x"/);
    expect(() => d.run('add', [], null as never)).toThrow(/run: attributes must be an object, got null/);
  });
  test('options must be an object', () => {
    expect(() => createWasmDevice(5 as never)).toThrow(/createWasmDevice/);
  });
});

describe('createWasmDevice: the fused kernels of @dl/optim and dropout', () => {
  const device = createWasmDevice();
  test.each(KERNEL_CASES.map((c) => [c.name, c] as const))('%s matches the float32 formula', (_n, c) => {
    expect(runKernelCase(device, c).message).toBe('');
    expect(device.cpuOps.size).toBe(0);
  });

  test.each(KERNEL_CASES.map((c) => [c.name, c] as const))(
    '%s: bit for bit the formula, on sizes below and above the CPU threshold, with edge values',
    (_n, c) => {
      for (const n of [7, 3001, 70001]) {
        const xs = c.inputs().map((_t, j) => {
          const v = j === 2 ? values(n, 40 + j, 0, 1) : edgy(n, 40 + j); // adam's v is a second moment: >= 0
          if (j === 2) v[3] = 0;
          return v;
        });
        const ins = xs.map((v) => toDevice(tensor(v), device));
        const got = device.run(c.op, ins, c.attributes) as Tensor;
        const want = Float32Array.from({ length: n }, (_, i) => c.expected(xs, i));
        expect(sameBits(got.data, want), `n = ${n}`).toBe('');
        for (const t of [...ins, got]) t.dispose();
      }
      expect(device.liveTensors).toBe(0);
    },
  );

  test('the fused module runs on the memory it is given, and is null where it cannot be instantiated', () => {
    const memory = new (webAssembly()!.Memory)({ initial: 1 });
    const d = fusedKernels(memory)!;
    const f32 = new Float32Array(memory.buffer);
    f32.set([1, 2, 3, 4], 0);
    f32.set([10, 20, 30, 40], 4);
    d.ema(0, 16, 32, 4, 0.5, 2, 1);
    const R = Math.fround;
    const want = [0, 1, 2, 3].map((i) => R(R(f32[i]! * 0.5) + R(2 * R(f32[4 + i]! * f32[4 + i]!))));
    expect(Array.from(f32.subarray(8, 12))).toEqual(want);
    expect(fusedKernels({})).toBe(null);
  });
});
