/**
 * The benchmark cases: the same computation on the same float32 data in @dl/tensor and in TensorFlow.js.
 * Every runner finishes all its work before returning. TensorFlow.js's cpu and wasm backends compute synchronously, so
 * a timed TensorFlow.js call is `tidy` + `dispose` like @dl's `dispose()`; only the "(result kept)" rows read the
 * result back with `dataSync` (both sides then end with a fresh JavaScript array). jax-js computes lazily: its
 * results are always read back with `dataSync`, which is when the work happens.
 */
import type * as JAX from '@jax-js/jax';
import type * as TF from '@tensorflow/tfjs-core';
import {
  abs,
  add,
  cos,
  createWasmDevice,
  dropout,
  elu,
  erf,
  exp,
  gelu,
  grad,
  greater,
  leakyRelu,
  log1p,
  logSigmoid,
  logSoftmax,
  matmul,
  max,
  maximum,
  mean,
  mish,
  mul,
  neg,
  oneHot,
  relu,
  selu,
  silu,
  sin,
  softmax,
  softplus,
  sum,
  type Tensor,
  tanh,
  tensor,
  tidy,
  toDevice,
  type WasmDevice,
  where,
} from '../src/index';
import { batchedMatmul } from '../src/ops/matmul';
import { normalData, randomData } from './harness';

/** A runner plus a way to read its last result (for the agreement check). */
export interface Runner {
  run: () => void;
  /** The result of one more call, as float32 values (for comparing implementations). */
  result: () => Float32Array;
  dispose?: () => void;
}

/** One row of the table. */
export interface Case {
  name: string;
  /** Floating-point operations of one call (for GFLOP/s), if that is the figure to report. */
  flops?: number;
  /** Bytes read plus written by one call at minimum (for GB/s), if that is the figure to report. */
  bytes?: number;
  /** Relative tolerance of the agreement check (float32 summation orders differ). */
  tolerance: number;
  dl: () => Runner;
  tf: (tf: typeof TF) => Runner;
  /** The same work in @jax-js/jax on its wasm device (jitted), when the case has a jax-js version. */
  jax?: (jax: typeof JAX) => Runner;
}

type JaxArray = JAX.numpy.Array;

function dlTensor(data: Float32Array, shape: number[], requiresGrad = false): Tensor {
  return tensor(data, { shape, requiresGrad });
}

function asF32(x: Tensor): Float32Array {
  return x.data instanceof Float32Array ? x.data : Float32Array.from(x.data);
}

let wasm: WasmDevice | undefined;
/** The wasm device of the "(wasm device)" rows: operands and results in its memory, results disposed. */
function wasmDevice(): WasmDevice {
  wasm ??= createWasmDevice();
  return wasm;
}

/**
 * A case whose @dl and tfjs sides are single expressions of tensors built from the same data. Each side frees its
 * result every call, as a training loop does: TensorFlow.js with `tidy` + `dispose`, @dl with `y.dispose()` (its
 * buffer goes back to the pool and the next call reuses it). With `figure.keep` the @dl result is left to the
 * garbage collector instead (a fresh output array every call): the "(result kept)" rows.
 */
function simple(
  name: string,
  inputs: { shape: number[]; seed: number; normal?: boolean }[],
  dlOp: (...xs: Tensor[]) => Tensor,
  tfOp: (tf: typeof TF, ...xs: TF.Tensor[]) => TF.Tensor,
  figure: { flops?: number; bytes?: number; keep?: boolean; device?: boolean },
  tolerance = 1e-5,
  jaxOp?: (jax: typeof JAX, ...xs: JaxArray[]) => JaxArray,
): Case {
  const data = inputs.map(({ shape, seed, normal = false }) =>
    (normal ? normalData : randomData)(
      shape.reduce((a, b) => a * b, 1),
      seed,
    ),
  );
  const { keep = false, device = false, ...figures } = figure;
  return {
    name,
    ...figures,
    tolerance,
    dl: () => {
      const xs = inputs.map(({ shape }, i) =>
        device ? toDevice(dlTensor(data[i]!, shape), wasmDevice()) : dlTensor(data[i]!, shape),
      );
      return {
        run: keep
          ? () => {
              dlOp(...xs);
            }
          : () => dlOp(...xs).dispose(),
        result: () => asF32(dlOp(...xs)),
      };
    },
    tf: (tf) => {
      const xs = inputs.map(({ shape }, i) => tf.tensor(data[i]!, shape, 'float32'));
      const once = (): Float32Array => {
        const y = tf.tidy(() => tfOp(tf, ...xs));
        const v = y.dataSync() as Float32Array;
        y.dispose();
        return v;
      };
      return {
        run: keep
          ? () => {
              once();
            }
          : () => tf.tidy(() => tfOp(tf, ...xs)).dispose(),
        result: once,
        dispose: () => {
          for (const x of xs) x.dispose();
        },
      };
    },
    jax:
      jaxOp === undefined
        ? undefined
        : (jax) => {
            // jax-js arrays are reference counted: each call passes x.ref (the jitted function consumes it)
            const xs = inputs.map(({ shape }, i) => jax.numpy.array(data[i]!).reshape(shape));
            const f = jax.jit((...a: JaxArray[]) => jaxOp(jax, ...a));
            const once = (): Float32Array => {
              const y = f(...xs.map((x) => x.ref)) as JaxArray;
              return y.dataSync() as Float32Array;
            };
            return {
              run: () => {
                once();
              },
              result: once,
              dispose: () => {
                for (const x of xs) x.dispose();
                f.dispose?.();
              },
            };
          },
  };
}

const F = 4; // bytes per float32

function matmulCase(n: number): Case {
  return simple(
    `matmul ${n}x${n} · ${n}x${n}`,
    [
      { shape: [n, n], seed: 1 },
      { shape: [n, n], seed: 2 },
    ],
    (a, b) => matmul(a, b),
    (tf, a, b) => tf.matMul(a as TF.Tensor2D, b as TF.Tensor2D),
    { flops: 2 * n * n * n },
    1e-4,
    (jax, a, b) => jax.numpy.matmul(a, b),
  );
}

/**
 * A forward-and-backward case: the gradient of sum(op(x) * w) with respect to x (the op's backward with the
 * gradient w), in each library's own autograd.
 */
function gradCase(
  name: string,
  shape: number[],
  dlOp: (x: Tensor) => Tensor,
  tfOp: (tf: typeof TF, x: TF.Tensor) => TF.Tensor,
  bytes: number,
  jaxOp?: (jax: typeof JAX, x: JaxArray) => JaxArray,
): Case {
  const n = shape.reduce((a, b) => a * b, 1);
  const xd = randomData(n, 11);
  const wd = randomData(n, 12);
  return {
    name,
    bytes,
    tolerance: 1e-4,
    dl: () => {
      const x = dlTensor(xd, shape);
      const w = dlTensor(wd, shape);
      const g = grad((t) => sum(mul(dlOp(t), w)));
      // the gradient is freed each call, as TensorFlow.js frees its own (tidy + dispose)
      return { run: () => g(x).dispose(), result: () => asF32(g(x)) };
    },
    tf: (tf) => {
      const x = tf.tensor(xd, shape, 'float32');
      const w = tf.tensor(wd, shape, 'float32');
      const g = tf.grad((t: TF.Tensor) => tf.sum(tf.mul(tfOp(tf, t), w)));
      const once = (): Float32Array => {
        const y = tf.tidy(() => g(x));
        const v = y.dataSync() as Float32Array;
        y.dispose();
        return v;
      };
      return {
        run: () => tf.tidy(() => g(x)).dispose(),
        result: once,
        dispose: () => {
          x.dispose();
          w.dispose();
        },
      };
    },
    jax:
      jaxOp === undefined
        ? undefined
        : (jax) => {
            const np = jax.numpy;
            const x = np.array(xd).reshape(shape);
            const w = np.array(wd).reshape(shape);
            const g = jax.jit(jax.grad((t: JaxArray, v: JaxArray) => np.sum(np.multiply(jaxOp(jax, t), v))));
            const once = (): Float32Array => (g(x.ref, w.ref) as JaxArray).dataSync() as Float32Array;
            return {
              run: () => void once(),
              result: once,
              dispose: () => {
                x.dispose();
                w.dispose();
              },
            };
          },
  };
}

/** GELU's tanh form as tfjs has no gelu op: x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))) / 2. */
function tfGeluTanh(tf: typeof TF, a: TF.Tensor): TF.Tensor {
  const u = tf.mul(tf.add(a, tf.mul(tf.pow(a, 3), 0.044715)), Math.sqrt(2 / Math.PI));
  return tf.mul(tf.mul(a, 0.5), tf.add(tf.tanh(u), 1));
}

/**
 * A product of the digits MLP (64-128-64-10, batch 64) as its layer runs it: op(A) `[M, K]` times op(B) `[K, N]`,
 * operands stored transposed where the flag says (`x @ W^T` forward, `G^T X` for a weight gradient), through the
 * kernel entry that linear and the backward use (no transpose copy), vs tf.matMul with the same flags.
 */
function productCase(label: string, M: number, K: number, N: number, ta: boolean, tb: boolean): Case {
  const sa = ta ? [K, M] : [M, K];
  const sb = tb ? [N, K] : [K, N];
  const show = (s: number[], t: boolean) => `${s[0]}x${s[1]}${t ? 'ᵀ' : ''}`;
  return simple(
    `${label} ${show(sa, ta)} · ${show(sb, tb)}`,
    [
      { shape: sa, seed: 5 },
      { shape: sb, seed: 6 },
    ],
    (a, b) => batchedMatmul(a, b, ta, tb),
    (tf, a, b) => tf.matMul(a as TF.Tensor2D, b as TF.Tensor2D, ta, tb),
    { flops: 2 * M * N * K },
    1e-4,
    (jax, a, b) => jax.numpy.matmul(ta ? a.transpose() : a, tb ? b.transpose() : b),
  );
}

/**
 * The MLP 64-128-64-10 at batch 64: forward, softmax cross-entropy, backward to every parameter. With `device`
 * its tensors are on the wasm device and each step runs in `tidy` (which device memory needs).
 */
function mlpCase(device = false): Case {
  const batch = 64;
  const sizes = [64, 128, 64, 10];
  const x = randomData(batch * sizes[0]!, 11);
  const labels = new Int32Array(batch);
  for (let i = 0; i < batch; i++) labels[i] = (i * 7 + 3) % sizes[3]!;
  const ws: { w: Float32Array; b: Float32Array; shape: [number, number] }[] = [];
  for (let l = 0; l < 3; l++) {
    const fanIn = sizes[l]!;
    const fanOut = sizes[l + 1]!;
    const scale = 1 / Math.sqrt(fanIn);
    const w = randomData(fanIn * fanOut, 20 + l).map((v) => v * scale);
    const b = randomData(fanOut, 30 + l).map((v) => v * scale);
    ws.push({ w, b, shape: [fanIn, fanOut] });
  }
  // forward + backward flops: 3 matmuls forward, 2 per layer backward (the input needs no gradient: 5)
  let flops = 0;
  for (let l = 0; l < 3; l++) flops += 2 * batch * sizes[l]! * sizes[l + 1]! * (l === 0 ? 2 : 3);
  return {
    name: `MLP step 64-128-64-10, batch 64 (fwd+bwd${device ? ', wasm device' : ''})`,
    flops,
    tolerance: 1e-4,
    dl: () => {
      const on = (t: Tensor) => (device ? toDevice(t, wasmDevice()) : t);
      const input = on(dlTensor(x, [batch, sizes[0]!]));
      const target = on(oneHot(tensor(labels, { shape: [batch] }), sizes[3]!));
      const params = ws.flatMap(({ w, b, shape }) => [
        on(dlTensor(w, shape)).setRequiresGrad(),
        on(dlTensor(b, [shape[1]])).setRequiresGrad(),
      ]);
      const step = (): Float32Array => (device ? tidy(stepOnce) : stepOnce());
      const stepOnce = (): Float32Array => {
        for (const p of params) p.zeroGrad();
        let h = input;
        for (let l = 0; l < 3; l++) {
          h = add(matmul(h, params[2 * l]!), params[2 * l + 1]!);
          if (l < 2) h = relu(h);
        }
        const loss = neg(mean(sum(mul(logSoftmax(h), target), { axis: -1 })));
        loss.backward();
        const out = [loss.item()];
        for (const p of params) out.push(...p.grad!.data.subarray(0, 4));
        return Float32Array.from(out);
      };
      return { run: () => void step(), result: step };
    },
    tf: (tf) => {
      const input = tf.tensor2d(x, [batch, sizes[0]!]);
      const target = tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), sizes[3]!), 'float32');
      const params = ws.flatMap(({ w, b, shape }, l) => [
        tf.variable(tf.tensor2d(w, shape), true, `w${l}_${Math.random()}`),
        tf.variable(tf.tensor1d(b), true, `b${l}_${Math.random()}`),
      ]);
      const lossFn = (): TF.Scalar => {
        let h: TF.Tensor2D = input;
        for (let l = 0; l < 3; l++) {
          h = tf.add(tf.matMul(h, params[2 * l] as TF.Tensor2D), params[2 * l + 1]!);
          if (l < 2) h = tf.relu(h);
        }
        return tf.neg(tf.mean(tf.sum(tf.mul(tf.logSoftmax(h), target), -1))) as TF.Scalar;
      };
      const step = (): Float32Array => {
        const { value, grads } = tf.variableGrads(lossFn, params);
        const out = [value.dataSync()[0]!];
        value.dispose();
        for (const p of params) {
          const g = grads[p.name]!;
          out.push(...(g.dataSync() as Float32Array).subarray(0, 4));
          g.dispose();
        }
        return Float32Array.from(out);
      };
      return {
        run: () => void step(),
        result: step,
        dispose: () => {
          input.dispose();
          target.dispose();
          for (const p of params) p.dispose();
        },
      };
    },
    jax: (jax) => {
      const np = jax.numpy;
      const input = np.array(x).reshape([batch, sizes[0]!]);
      const oh = new Float32Array(batch * sizes[3]!);
      for (let i = 0; i < batch; i++) oh[i * sizes[3]! + labels[i]!] = 1;
      const target = np.array(oh).reshape([batch, sizes[3]!]);
      const params = ws.flatMap(({ w, b, shape }) => [np.array(w).reshape(shape), np.array(b)]);
      const lossFn = (ps: JaxArray[], h0: JaxArray, t: JaxArray): JaxArray => {
        let h = h0;
        for (let l = 0; l < 3; l++) {
          h = np.add(np.matmul(h, ps[2 * l]!), ps[2 * l + 1]!);
          if (l < 2) h = jax.nn.relu(h);
        }
        return np.negative(np.mean(np.sum(np.multiply(jax.nn.logSoftmax(h, -1), t), -1)));
      };
      const vg = jax.jit(jax.valueAndGrad(lossFn));
      const step = (): Float32Array => {
        const [value, grads] = vg(
          params.map((p) => p.ref),
          input.ref,
          target.ref,
        ) as unknown as [JaxArray, JaxArray[]];
        const out = [(value.dataSync() as Float32Array)[0]!];
        for (const g of grads) out.push(...(g.dataSync() as Float32Array).subarray(0, 4));
        return Float32Array.from(out);
      };
      return {
        run: () => void step(),
        result: step,
        dispose: () => {
          input.dispose();
          target.dispose();
          for (const p of params) p.dispose();
        },
      };
    },
  };
}

/** One input's elementwise op on 1M float32 values: name, @dl op, tfjs op, jax-js op (where it has one). */
type UnaryRow = [
  string,
  (a: Tensor) => Tensor,
  (tf: typeof TF, a: TF.Tensor) => TF.Tensor,
  ((jax: typeof JAX, a: JaxArray) => JaxArray)?,
];
/** Two inputs' elementwise op on 1M float32 values each. */
type BinaryRow = [
  string,
  (a: Tensor, b: Tensor) => Tensor,
  (tf: typeof TF, a: TF.Tensor, b: TF.Tensor) => TF.Tensor,
  ((jax: typeof JAX, a: JaxArray, b: JaxArray) => JaxArray)?,
];
const M1 = 1_000_000;
/** The {@link simple} cases of a table of one-input rows (bytes: the input read and the result written). */
function unaryRows(rows: UnaryRow[]): Case[] {
  const big = [{ shape: [1000, 1000], seed: 3 }];
  return rows.map(([name, dl, tf, jax]) => simple(name, big, dl, tf, { bytes: 2 * M1 * F }, 1e-5, jax));
}
/** The {@link simple} cases of a table of two-input rows. */
function binaryRows(rows: BinaryRow[]): Case[] {
  const two = [
    { shape: [1000, 1000], seed: 3 },
    { shape: [1000, 1000], seed: 4 },
  ];
  return rows.map(([name, dl, tf, jax]) => simple(name, two, dl, tf, { bytes: 3 * M1 * F }, 1e-5, jax));
}

/** All cases, in table order. */
export function allCases(): Case[] {
  const M = 1_000_000;
  const big = [{ shape: [1000, 1000], seed: 3 }];
  const two = [
    { shape: [1000, 1000], seed: 3 },
    { shape: [1000, 1000], seed: 4 },
  ];
  return [
    matmulCase(64),
    matmulCase(256),
    matmulCase(512),
    matmulCase(1024),
    productCase('digits fwd 1', 64, 64, 128, false, true),
    productCase('digits fwd 2', 64, 128, 64, false, true),
    productCase('digits fwd 3', 64, 64, 10, false, true),
    productCase('digits dW1', 128, 64, 64, true, false),
    productCase('digits dX2', 64, 64, 128, false, false),
    productCase('digits dW3', 10, 64, 64, true, false),
    simple(
      'add 1M',
      two,
      (a, b) => add(a, b),
      (tf, a, b) => tf.add(a, b),
      { bytes: 3 * M * F },
      1e-5,
      (jax, a, b) => jax.numpy.add(a, b),
    ),
    simple(
      'add 1M (wasm device)',
      two,
      (a, b) => add(a, b),
      (tf, a, b) => tf.add(a, b),
      { bytes: 3 * M * F, device: true },
      1e-5,
      (jax, a, b) => jax.numpy.add(a, b),
    ),
    simple(
      'add 1M (result kept)',
      two,
      (a, b) => add(a, b),
      (tf, a, b) => tf.add(a, b),
      { bytes: 3 * M * F, keep: true },
      1e-5,
      (jax, a, b) => jax.numpy.add(a, b),
    ),
    simple(
      'mul 1M',
      two,
      (a, b) => mul(a, b),
      (tf, a, b) => tf.mul(a, b),
      { bytes: 3 * M * F },
      1e-5,
      (jax, a, b) => jax.numpy.multiply(a, b),
    ),
    simple(
      'exp 1M',
      big,
      (a) => exp(a),
      (tf, a) => tf.exp(a),
      { bytes: 2 * M * F },
      1e-5,
      (jax, a) => jax.numpy.exp(a),
    ),
    simple(
      'relu 1M',
      big,
      (a) => relu(a),
      (tf, a) => tf.relu(a),
      { bytes: 2 * M * F },
      1e-5,
      (jax, a) => jax.nn.relu(a),
    ),
    simple(
      'relu 1M (wasm device)',
      big,
      (a) => relu(a),
      (tf, a) => tf.relu(a),
      { bytes: 2 * M * F, device: true },
      1e-5,
      (jax, a) => jax.nn.relu(a),
    ),
    simple(
      'relu 1M (result kept)',
      big,
      (a) => relu(a),
      (tf, a) => tf.relu(a),
      { bytes: 2 * M * F, keep: true },
      1e-5,
      (jax, a) => jax.nn.relu(a),
    ),
    simple(
      'tanh 1M',
      big,
      (a) => tanh(a),
      (tf, a) => tf.tanh(a),
      { bytes: 2 * M * F },
      1e-5,
      (jax, a) => jax.numpy.tanh(a),
    ),
    simple(
      'silu 1M',
      big,
      (a) => silu(a),
      (tf, a) => tf.mul(a, tf.sigmoid(a)),
      { bytes: 2 * M * F },
      1e-5,
      (jax, a) => jax.nn.silu(a),
    ),
    simple(
      'silu 1M (wasm device)',
      big,
      (a) => silu(a),
      (tf, a) => tf.mul(a, tf.sigmoid(a)),
      { bytes: 2 * M * F, device: true },
      1e-5,
      (jax, a) => jax.nn.silu(a),
    ),
    simple(
      "gelu 'tanh' 1M",
      big,
      (a) => gelu(a, { approximate: 'tanh' }),
      tfGeluTanh,
      { bytes: 2 * M * F },
      1e-5,
      (jax, a) => jax.nn.gelu(a, { approximate: true }),
    ),
    simple(
      'gelu 1M',
      big,
      (a) => gelu(a),
      (tf, a) => tf.mul(tf.mul(a, 0.5), tf.add(tf.erf(tf.mul(a, Math.SQRT1_2)), 1)),
      { bytes: 2 * M * F },
      1e-5,
      (jax, a) => jax.nn.gelu(a, { approximate: false }),
    ),
    // the same on standard normal data: uniform [-1, 1) lets gelu's kernel skip its erfc branch in every group of
    // four (|x| < 1.19), normal data in about a third of them
    simple(
      'gelu 1M (standard normal data)',
      [{ shape: [1000, 1000], seed: 3, normal: true }],
      (a) => gelu(a),
      (tf, a) => tf.mul(tf.mul(a, 0.5), tf.add(tf.erf(tf.mul(a, Math.SQRT1_2)), 1)),
      { bytes: 2 * M * F },
      1e-5,
      (jax, a) => jax.nn.gelu(a, { approximate: false }),
    ),
    // --- unary (issue 15, sessions 4 and 5): the long-tail float32 kernels (scripts/wasm-unary.mjs, wasm-special.mjs,
    // wasm-compare.mjs), forward and fused backward: one row per entry of a table
    ...unaryRows([
      ['log1p 1M', (a) => log1p(a), (tf, a) => tf.log1p(a), (jax, a) => jax.numpy.log1p(a)],
      ['elu 1M', (a) => elu(a), (tf, a) => tf.elu(a), (jax, a) => jax.nn.elu(a)],
      ['selu 1M', (a) => selu(a), (tf, a) => tf.selu(a)],
      ['softplus 1M', (a) => softplus(a), (tf, a) => tf.softplus(a), (jax, a) => jax.nn.softplus(a)],
      ['logSigmoid 1M', (a) => logSigmoid(a), (tf, a) => tf.logSigmoid(a), (jax, a) => jax.nn.logSigmoid(a)],
      ['leakyRelu 1M', (a) => leakyRelu(a, 0.01), (tf, a) => tf.leakyRelu(a, 0.01)],
      ['abs 1M', (a) => abs(a), (tf, a) => tf.abs(a), (jax, a) => jax.numpy.abs(a)],
      ['erf 1M', (a) => erf(a), (tf, a) => tf.erf(a)],
      // TensorFlow.js has no mish: x tanh(softplus(x)) in three ops
      ['mish 1M', (a) => mish(a), (tf, a) => tf.mul(a, tf.tanh(tf.softplus(a)))],
      ['sin 1M', (a) => sin(a), (tf, a) => tf.sin(a), (jax, a) => jax.numpy.sin(a)],
      ['cos 1M', (a) => cos(a), (tf, a) => tf.cos(a), (jax, a) => jax.numpy.cos(a)],
    ]),
    ...binaryRows([
      [
        'maximum 1M',
        (a, b) => maximum(a, b),
        (tf, a, b) => tf.maximum(a, b),
        (jax, a, b) => jax.numpy.maximum(a, b),
      ],
      // the comparisons return 0/1 float32 here, booleans in TensorFlow.js (cast for the agreement check)
      ['greater 1M', (a, b) => greater(a, b), (tf, a, b) => tf.cast(tf.greater(a, b), 'float32')],
      // where(a > 0, a, b), the mask computed in the timed call on both sides
      ['where 1M', (a, b) => where(greater(a, 0), a, b), (tf, a, b) => tf.where(tf.greater(a, 0), a, b)],
    ]),
    gradCase(
      'elu 1M fwd+bwd',
      [1000, 1000],
      elu,
      (tf, a) => tf.elu(a),
      4 * M * F,
      (jax, a) => jax.nn.elu(a),
    ),
    gradCase(
      'softplus 1M fwd+bwd',
      [1000, 1000],
      softplus,
      (tf, a) => tf.softplus(a),
      4 * M * F,
      (jax, a) => jax.nn.softplus(a),
    ),
    gradCase(
      'logSigmoid 1M fwd+bwd',
      [1000, 1000],
      logSigmoid,
      (tf, a) => tf.logSigmoid(a),
      4 * M * F,
      (jax, a) => jax.nn.logSigmoid(a),
    ),
    gradCase('erf 1M fwd+bwd', [1000, 1000], erf, (tf, a) => tf.erf(a), 4 * M * F),
    gradCase('mish 1M fwd+bwd', [1000, 1000], mish, (tf, a) => tf.mul(a, tf.tanh(tf.softplus(a))), 4 * M * F),
    // --- end of the unary block
    simple(
      'dropout 1M (p 0.5)',
      big,
      (a) => dropout(a, { p: 0.5, seed: 1 }),
      (tf, a) => tf.dropout(a, 0.5, undefined, 1),
      { bytes: 2 * M * F },
      Number.POSITIVE_INFINITY,
    ),
    gradCase(
      'relu 1M fwd+bwd',
      [1000, 1000],
      relu,
      (tf, a) => tf.relu(a),
      4 * M * F,
      (jax, a) => jax.nn.relu(a),
    ),
    gradCase(
      'tanh 1M fwd+bwd',
      [1000, 1000],
      tanh,
      (tf, a) => tf.tanh(a),
      4 * M * F,
      (jax, a) => jax.numpy.tanh(a),
    ),
    gradCase(
      'softmax [1024,1000] fwd+bwd',
      [1024, 1000],
      (a) => softmax(a),
      (tf, a) => tf.softmax(a),
      4 * 1024 * 1000 * F,
      (jax, a) => jax.nn.softmax(a, -1),
    ),
    simple(
      'add [1000,1000] + [1000] (row broadcast)',
      [
        { shape: [1000, 1000], seed: 3 },
        { shape: [1000], seed: 5 },
      ],
      (a, b) => add(a, b),
      (tf, a, b) => tf.add(a, b),
      { bytes: (2 * M + 1000) * F },
      1e-5,
      (jax, a, b) => jax.numpy.add(a, b),
    ),
    simple(
      'add [1000,1000] + [1000] (row broadcast, wasm device)',
      [
        { shape: [1000, 1000], seed: 3 },
        { shape: [1000], seed: 5 },
      ],
      (a, b) => add(a, b),
      (tf, a, b) => tf.add(a, b),
      { bytes: (2 * M + 1000) * F, device: true },
      1e-5,
      (jax, a, b) => jax.numpy.add(a, b),
    ),
    simple(
      'add [1000,1000] + [1000,1] (column broadcast)',
      [
        { shape: [1000, 1000], seed: 3 },
        { shape: [1000, 1], seed: 5 },
      ],
      (a, b) => add(a, b),
      (tf, a, b) => tf.add(a, b),
      { bytes: (2 * M + 1000) * F },
      1e-5,
      (jax, a, b) => jax.numpy.add(a, b),
    ),
    simple(
      'add [1000,1000] + [1000,1] (column broadcast, wasm device)',
      [
        { shape: [1000, 1000], seed: 3 },
        { shape: [1000, 1], seed: 5 },
      ],
      (a, b) => add(a, b),
      (tf, a, b) => tf.add(a, b),
      { bytes: (2 * M + 1000) * F, device: true },
      1e-5,
      (jax, a, b) => jax.numpy.add(a, b),
    ),
    simple(
      'add [1000,1000] + [1000] (row broadcast, result kept)',
      [
        { shape: [1000, 1000], seed: 3 },
        { shape: [1000], seed: 5 },
      ],
      (a, b) => add(a, b),
      (tf, a, b) => tf.add(a, b),
      { bytes: (2 * M + 1000) * F, keep: true },
      1e-5,
      (jax, a, b) => jax.numpy.add(a, b),
    ),
    simple(
      'softmax [1024,1000] (last axis)',
      [{ shape: [1024, 1000], seed: 6 }],
      (a) => softmax(a),
      (tf, a) => tf.softmax(a),
      { bytes: 2 * 1024 * 1000 * F },
      1e-5,
      (jax, a) => jax.nn.softmax(a, -1),
    ),
    simple(
      'softmax [1024,1000] (last axis, wasm device)',
      [{ shape: [1024, 1000], seed: 6 }],
      (a) => softmax(a),
      (tf, a) => tf.softmax(a),
      { bytes: 2 * 1024 * 1000 * F, device: true },
      1e-5,
      (jax, a) => jax.nn.softmax(a, -1),
    ),
    simple(
      'softmax [1024,1000] (last axis, result kept)',
      [{ shape: [1024, 1000], seed: 6 }],
      (a) => softmax(a),
      (tf, a) => tf.softmax(a),
      { bytes: 2 * 1024 * 1000 * F, keep: true },
      1e-5,
      (jax, a) => jax.nn.softmax(a, -1),
    ),
    simple(
      'sum [1000,1000] (all)',
      big,
      (a) => sum(a),
      (tf, a) => tf.sum(a),
      { bytes: M * F },
      1e-4,
      (jax, a) => jax.numpy.sum(a),
    ),
    simple(
      'mean [1000,1000] (all)',
      big,
      (a) => mean(a),
      (tf, a) => tf.mean(a),
      { bytes: M * F },
      1e-4,
    ),
    simple(
      'sum [1000,1000] (last axis)',
      big,
      (a) => sum(a, { axis: -1 }),
      (tf, a) => tf.sum(a, -1),
      { bytes: (M + 1000) * F },
      1e-4,
      (jax, a) => jax.numpy.sum(a, -1),
    ),
    simple(
      'mean [1000,1000] (last axis)',
      big,
      (a) => mean(a, { axis: -1 }),
      (tf, a) => tf.mean(a, -1),
      { bytes: (M + 1000) * F },
      1e-4,
    ),
    simple(
      'sum [1000,1000] (first axis)',
      big,
      (a) => sum(a, { axis: 0 }),
      (tf, a) => tf.sum(a, 0),
      { bytes: (M + 1000) * F },
      1e-4,
      (jax, a) => jax.numpy.sum(a, 0),
    ),
    simple(
      'max [1000,1000] (last axis)',
      big,
      (a) => max(a, { axis: -1 }),
      (tf, a) => tf.max(a, -1),
      { bytes: (M + 1000) * F },
      1e-4,
      (jax, a) => jax.numpy.max(a, -1),
    ),
    mlpCase(),
    mlpCase(true),
  ];
}
