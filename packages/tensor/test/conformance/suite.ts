// The device conformance suite, written once: each case computes an op (and, for `grad` cases, the gradient of
// a weighted sum of its output) on the CPU and on a device, and compares at 1e-5 relative. It uses no test
// framework, so the same code runs in vitest (reference device, headless-gl) and in a browser page.
import {
  add,
  clip,
  concat,
  createGenerator,
  type Device,
  div,
  dropout,
  elu,
  erf,
  erfc,
  exp,
  expm1,
  gelu,
  greater,
  hardtanh,
  indexSelect,
  leakyRelu,
  log,
  log1p,
  logSigmoid,
  logSoftmax,
  matmul,
  maximum,
  mean,
  mish,
  mul,
  neg,
  relu,
  reshape,
  selu,
  sigmoid,
  silu,
  slice,
  softmax,
  softplus,
  sqrt,
  square,
  sub,
  sum,
  type Tensor,
  tanh,
  tensor,
  tidy,
  toDevice,
  transpose,
  where,
} from '../../src/index';
import { dropoutHash } from '../../src/ops/_deviceDropout';

/** Relative tolerance of the suite. */
export const RTOL = 1e-5;

/** One conformance case: CPU inputs (float32) and an op on tensors. */
export interface Case {
  name: string;
  inputs: () => Tensor[];
  op: (...xs: Tensor[]) => Tensor;
  /** Also compare the gradients of `sum(op(...) * w)` for a fixed pseudo-random `w`. */
  grad?: boolean;
}

/** The outcome of one case on one device. */
export interface CaseResult {
  name: string;
  ok: boolean;
  /** Largest error in units of the tolerance (≤ 1 passes). */
  worst: number;
  message: string;
}

/** Deterministic values in [lo, hi). */
export function values(n: number, seed: number, lo = -2, hi = 2): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = lo + ((s >>> 8) / 16777216) * (hi - lo);
  }
  return out;
}

const t = (shape: number[], seed: number, lo = -2, hi = 2): Tensor => {
  const n = shape.reduce((a, b) => a * b, 1);
  return tensor(values(n, seed, lo, hi), { shape });
};

/**
 * Compares `got` with `want` elementwise: |g − w| ≤ RTOL · (|w| + rms(want)) — relative per element, with a floor
 * at the tensor's scale so that results that cancel to near zero are compared at the precision of their terms.
 * Returns the worst ratio error / bound.
 */
export function compare(got: ArrayLike<number>, want: ArrayLike<number>): number {
  if (got.length !== want.length) return Number.POSITIVE_INFINITY;
  let ss = 0;
  for (let i = 0; i < want.length; i++) ss += want[i]! * want[i]!;
  const rms = Math.sqrt(ss / Math.max(want.length, 1));
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = got[i]!;
    if (Number.isNaN(w) || Number.isNaN(g)) {
      if (Number.isNaN(w) !== Number.isNaN(g)) return Number.POSITIVE_INFINITY;
      continue;
    }
    if (w === g) continue;
    const bound = RTOL * (Math.abs(w) + rms) + 1e-30;
    worst = Math.max(worst, Math.abs(g - w) / bound);
  }
  return worst;
}

const b = (
  name: string,
  op: (x: Tensor, y: Tensor) => Tensor,
  sa: number[],
  sb: number[],
  grad = true,
): Case => ({
  name: `${name} ${JSON.stringify(sa)} ${JSON.stringify(sb)}`,
  inputs: () => [t(sa, 1), name === 'div' ? t(sb, 2, 0.5, 2) : t(sb, 2)],
  op,
  grad,
});
const u = (name: string, op: (x: Tensor) => Tensor, shape: number[], lo = -2, hi = 2, grad = true): Case => ({
  name: `${name} ${JSON.stringify(shape)}`,
  inputs: () => [t(shape, 3, lo, hi)],
  op,
  grad,
});

/**
 * The mask a device's dropout draws with `p` and `seed`: the counter-based {@link dropoutHash} seeded by the
 * generator's next two draws (on a device, dropout does not follow the CPU's per-element stream).
 */
export function deviceDropoutMask(size: number, p: number, seed: number): Float32Array {
  const g = createGenerator(seed);
  const s0 = g.nextUint32() >>> 8;
  const s1 = g.nextUint32() >>> 8;
  const keep = 1 - p;
  const bound = Math.ceil(keep * 16777216);
  const scale = Math.fround(1 / Math.fround(keep));
  return Float32Array.from({ length: size }, (_, i) => (dropoutHash(i, s0, s1) < bound ? scale : 0));
}

/** Every case, by priority: elementwise and broadcasting, matmul, reductions, softmax, layout ops. */
export const CASES: Case[] = [
  b('add', add, [3, 4], [3, 4]),
  b('add', add, [2, 3, 4], [4]),
  b('add', add, [3, 1], [1, 5]),
  b('sub', sub, [4, 5], [5]),
  b('mul', mul, [2, 1, 3], [4, 1]),
  b('div', div, [6, 7], [7]),
  b('maximum', maximum, [5, 6], [6], false),
  b('greater', greater, [5, 6], [5, 6], false),
  { name: 'mul by a number', inputs: () => [t([10], 4)], op: (x) => mul(x, 3.5), grad: true },
  { name: 'sub from a number', inputs: () => [t([10], 4)], op: (x) => sub(2, x), grad: true },
  {
    name: 'add a rank-0 CPU tensor',
    inputs: () => [t([3, 2], 4)],
    op: (x) => add(x, tensor(0.25)),
    grad: true,
  },
  u('exp', exp, [50]),
  u('log', log, [50], 0.1, 4),
  u('sqrt', sqrt, [50], 0.1, 4),
  u('square', square, [50]),
  u('neg', neg, [50]),
  u('relu', relu, [100]),
  u('leakyRelu', (x) => leakyRelu(x, 0.1), [100]),
  u('sigmoid', sigmoid, [100], -6, 6),
  u('tanh', tanh, [100], -3, 3),
  u('clip', (x) => clip(x, { min: -0.5, max: 1 }), [100]),
  u('hardtanh', (x) => hardtanh(x), [100]),
  u('elu', (x) => elu(x, 0.7), [100]),
  u('selu', selu, [100]),
  u('softplus', (x) => softplus(x, 2), [100], -8, 8),
  u('gelu', (x) => gelu(x), [100], -5, 5),
  u('gelu tanh', (x) => gelu(x, { approximate: 'tanh' }), [100], -5, 5),
  u('silu', (x) => silu(x), [100], -8, 8),
  u('swish beta 1.5', (x) => silu(x, { beta: 1.5 }), [100], -8, 8),
  u('mish', mish, [100], -6, 6),
  u('erf', erf, [100], -3, 3),
  u('erfc', erfc, [100], -3, 3),
  u('logSigmoid', logSigmoid, [100], -8, 8),
  u('log1p', log1p, [100], -0.9, 3),
  u('expm1', expm1, [100], -3, 3),
  { name: 'matmul [7, 5] x [5, 3]', inputs: () => [t([7, 5], 5), t([5, 3], 6)], op: matmul, grad: true },
  {
    name: 'matmul [64, 128] x [128, 32]',
    inputs: () => [t([64, 128], 5), t([128, 32], 6)],
    op: matmul,
    grad: true,
  },
  {
    // M, N and K not multiples of the tiled WebGPU kernel's 64 x 64 blocks and 16-deep tiles
    name: 'matmul [70, 100] x [100, 50] (tiled on WebGPU)',
    inputs: () => [t([70, 100], 16), t([100, 50], 17)],
    op: matmul,
    grad: true,
  },
  {
    name: 'matmul batched [2, 3, 4, 5] x [3, 5, 2]',
    inputs: () => [t([2, 3, 4, 5], 7), t([3, 5, 2], 8)],
    op: matmul,
    grad: true,
  },
  { name: 'matmul vector [5] x [5, 4]', inputs: () => [t([5], 9), t([5, 4], 10)], op: matmul, grad: true },
  u('sum all', (x) => sum(x), [6, 7]),
  u('sum axis 0', (x) => sum(x, 0), [6, 7]),
  u('sum axes [0, 2] keepDims', (x) => sum(x, { axis: [0, 2], keepDims: true }), [3, 4, 5]),
  u('sum of 4096', (x) => sum(x), [4096]),
  u('mean axis -1', (x) => mean(x, -1), [5, 9]),
  u('softmax -1', (x) => softmax(x, -1), [8, 10], -4, 4),
  u('softmax axis 0', (x) => softmax(x, 0), [6, 3], -4, 4),
  u('logSoftmax -1', (x) => logSoftmax(x, -1), [8, 10], -4, 4),
  u('transpose', (x) => transpose(x), [3, 4, 5]),
  {
    name: 'where [4, 5] with a [5] condition',
    inputs: () => [t([4, 5], 11), t([4, 5], 12)],
    op: (a, b) => where(greater(b, 0), a, b),
    grad: true,
  },
  u('slice [1:4:2, :, 2:]', (x) => slice(x, [[1, 4, 2], null, [2]]), [5, 3, 6]),
  {
    name: 'concat axis 1',
    inputs: () => [t([3, 2], 13), t([3, 4], 14), t([3, 1], 15)],
    op: (a, b, c) => concat([a, b, c], 1),
    grad: true,
  },
  u('reshape', (x) => mul(reshape(x, [4, 6]), 2), [2, 3, 4]),
  u(
    'indexSelect axis 0 (repeated rows)',
    (x) => indexSelect(x, 0, tensor([3, 0, 3, 5], { dtype: 'int32' })),
    [6, 4],
  ),
  {
    // the reference is x times the device's mask (drawn from the hash, not the CPU's stream), gradient g * mask
    name: 'dropout p 0.3 (the device mask: counter-based hash)',
    inputs: () => [t([40, 25], 18)],
    op: (x) =>
      x.storage === null
        ? mul(x, tensor(deviceDropoutMask(x.size, 0.3, 7), { shape: x.shape.slice() }))
        : dropout(x, { p: 0.3, seed: 7 }),
    grad: true,
  },
  u('indexSelect axis 1', (x) => indexSelect(x, 1, tensor([2, 0], { dtype: 'int32' })), [3, 4, 5]),
];

/** Runs one case on `device`; the CPU result is the reference. */
export function runCase(device: Device, c: Case): CaseResult {
  return tidy(() => {
    const r = computeCase(device, c);
    return checkCase(
      device,
      c,
      r,
      r.got.map((t) => t?.data ?? null),
    );
  });
}

/**
 * Runs one case on `device`, reading the device's results with `await dataAsync()` (WebGPU reads back only
 * asynchronously); otherwise as {@link runCase}.
 */
export async function runCaseAsync(device: Device, c: Case): Promise<CaseResult> {
  let r: Computed | undefined;
  const kept = tidy(() => {
    r = computeCase(device, c);
    // the device results outlive tidy (they are read after it); the CPU references are copies
    return r.got.filter((t): t is Tensor => t !== null);
  });
  try {
    const values = await Promise.all(r!.got.map((t) => (t === null ? null : t.dataAsync())));
    return checkCase(device, c, r!, values);
  } finally {
    for (const t of kept) t.dispose();
  }
}

interface Computed {
  /** The CPU results (copies): output, then each input's gradient (for `grad` cases). */
  want: Float32Array[];
  /** The shape of the CPU output. */
  shape: number[];
  /** The device results in the same order (null: no gradient). */
  got: (Tensor | null)[];
}

function computeCase(device: Device, c: Case): Computed {
  const cpuInputs = c.inputs();
  const weights = (o: Tensor) => tensor(values(o.size, 99, -1, 1), { shape: o.shape.slice() });
  const cpuIn = cpuInputs.map((x) => (c.grad ? x.detach().setRequiresGrad() : x));
  const want = c.op(...cpuIn);
  const devIn = cpuInputs.map((x) => {
    const d = toDevice(x, device);
    return c.grad ? d.setRequiresGrad() : d;
  });
  const got = c.op(...devIn);
  const copy = (t: Tensor) => Float32Array.from(t.data);
  if (!c.grad) return { want: [copy(want)], shape: want.shape.slice(), got: [got] };
  const w = weights(want);
  sum(mul(want, w)).backward();
  sum(mul(got, toDevice(w, device))).backward();
  // the gradients as views of their own (an input disposed by tidy disposes its .grad with it)
  return {
    want: [copy(want), ...cpuIn.map((x) => copy(x.grad!))],
    shape: want.shape.slice(),
    got: [got, ...devIn.map((x) => x.grad?.detach() ?? null)],
  };
}

function checkCase(
  device: Device,
  c: Case,
  r: Computed,
  values: readonly (ArrayLike<number> | null)[],
): CaseResult {
  const messages: string[] = [];
  let worst = 0;
  const [got, ...grads] = r.got;
  if (got!.device !== device) messages.push(`the result is on ${String(got!.device)}, not ${device.name}`);
  if (JSON.stringify(got!.shape) !== JSON.stringify(r.shape)) {
    messages.push(`shape ${JSON.stringify(got!.shape)}, expected ${JSON.stringify(r.shape)}`);
  }
  const e = compare(values[0]!, r.want[0]!);
  worst = Math.max(worst, e);
  if (e > 1) messages.push(`values differ: ${e.toFixed(2)} x the tolerance`);
  grads.forEach((g, i) => {
    if (g === null) {
      messages.push(`no gradient for input ${i}`);
      return;
    }
    if (g.device !== device) messages.push(`gradient ${i} is on ${String(g.device)}`);
    const eg = compare(values[i + 1]!, r.want[i + 1]!);
    worst = Math.max(worst, eg);
    if (eg > 1) messages.push(`gradient ${i} differs: ${eg.toFixed(2)} x the tolerance`);
  });
  return { name: c.name, ok: messages.length === 0, worst, message: messages.join('; ') };
}

/** The MLP of the training-step check: sizes and the deterministic data. */
export const MLP = { batch: 16, sizes: [12, 16, 5] as const, steps: 10, lr: 0.01 };

/** Parameters and Adam moments of the MLP, as CPU tensors. */
function initialParameters(): Tensor[] {
  const [i, h, o] = MLP.sizes;
  return [t([i, h], 21, -0.4, 0.4), t([h], 22, -0.1, 0.1), t([h, o], 23, -0.4, 0.4), t([o], 24, -0.1, 0.1)];
}

/**
 * One training step of the MLP (forward, cross-entropy through logSoftmax, backward, Adam) written with core
 * ops, so it runs on any device. Returns the new parameters and moments (the old ones are disposed by the
 * caller).
 */
export function mlpStep(
  params: Tensor[],
  m: Tensor[],
  v: Tensor[],
  step: number,
  x: Tensor,
  oneHot: Tensor,
): { params: Tensor[]; m: Tensor[]; v: Tensor[]; loss: Tensor } {
  const [w1, b1, w2, b2] = params.map((p) => p.detach().setRequiresGrad()) as [
    Tensor,
    Tensor,
    Tensor,
    Tensor,
  ];
  const hidden = relu(add(matmul(x, w1), b1));
  const logits = add(matmul(hidden, w2), b2);
  const loss = neg(mean(sum(mul(logSoftmax(logits, -1), oneHot), -1)));
  loss.backward();
  const beta1 = 0.9;
  const beta2 = 0.999;
  const c1 = 1 - beta1 ** step;
  const c2 = 1 - beta2 ** step;
  const out = { params: [] as Tensor[], m: [] as Tensor[], v: [] as Tensor[], loss: loss.detach() };
  [w1, b1, w2, b2].forEach((p, k) => {
    const g = p.grad!;
    const mk = add(mul(m[k]!, beta1), mul(g, 1 - beta1));
    const vk = add(mul(v[k]!, beta2), mul(square(g), 1 - beta2));
    const update = div(mul(mk, MLP.lr / c1), add(sqrt(div(vk, c2)), 1e-8));
    out.params.push(sub(p.detach(), update));
    out.m.push(mk);
    out.v.push(vk);
  });
  return out;
}

/** The MLP's input batch and one-hot labels. */
export function mlpData(): { x: Tensor; oneHot: Tensor } {
  const [i, , o] = MLP.sizes;
  const labels = Array.from({ length: MLP.batch }, (_, r) => (r * 7 + 3) % o);
  const oneHot = new Float32Array(MLP.batch * o);
  labels.forEach((l, r) => {
    oneHot[r * o + l] = 1;
  });
  return { x: t([MLP.batch, i], 25), oneHot: tensor(oneHot, { shape: [MLP.batch, o] }) };
}

/** Trains `steps` steps on `device` (or the CPU) and returns the parameters as CPU arrays and the losses. */
export function trainMlp(
  device: Device | 'cpu',
  steps: number = MLP.steps,
  tidyStep?: <T>(f: () => T) => T,
): { params: Float32Array[]; losses: number[] } {
  const t = startMlp(device);
  const losses: number[] = [];
  for (let s = 1; s <= steps; s++) {
    const loss = t.step(s, tidyStep);
    if (s === 1 || s === steps) losses.push(loss.item());
    loss.dispose();
  }
  const out = t.params().map((p) => Float32Array.from(p.data));
  t.dispose();
  return { params: out, losses };
}

/** {@link trainMlp} reading back with `await dataAsync()` (WebGPU), each step in `tidy`. */
export async function trainMlpAsync(
  device: Device,
  steps: number = MLP.steps,
): Promise<{ params: Float32Array[]; losses: number[] }> {
  const t = startMlp(device);
  const losses: number[] = [];
  for (let s = 1; s <= steps; s++) {
    const loss = t.step(s, tidy);
    if (s === 1 || s === steps) losses.push((await loss.dataAsync())[0]!);
    loss.dispose();
  }
  const out = await Promise.all(t.params().map(async (p) => Float32Array.from(await p.dataAsync())));
  t.dispose();
  return { params: out, losses };
}

function startMlp(device: Device | 'cpu') {
  const data = mlpData();
  const x = toDevice(data.x, device);
  const oneHot = toDevice(data.oneHot, device);
  let params = initialParameters().map((p) => toDevice(p, device));
  let m = params.map((p) => toDevice(tensor(new Float32Array(p.size), { shape: p.shape.slice() }), device));
  let v = m.map((z) => toDevice(tensor(new Float32Array(z.size), { shape: z.shape.slice() }), device));
  return {
    step(s: number, tidyStep?: <T>(f: () => T) => T): Tensor {
      const run = () => mlpStep(params, m, v, s, x, oneHot);
      const next = tidyStep ? tidyStep(run) : run();
      for (const old of [...params, ...m, ...v]) old.dispose();
      params = next.params;
      m = next.m;
      v = next.v;
      return next.loss;
    },
    params: () => params,
    dispose() {
      for (const old of [...params, ...m, ...v, x, oneHot]) old.dispose();
    },
  };
}

/**
 * A case of a device kernel that no core op calls: the fused updates that @dl/optim's device path runs through
 * `device.run` (`ema`, `adamParam`). The reference is the float32 formula on the CPU.
 */
export interface KernelCase {
  name: string;
  op: string;
  inputs: () => Tensor[];
  attributes: Record<string, number | boolean>;
  /** Element `i` of the expected result from the inputs' elements. */
  expected: (x: readonly Float32Array[], i: number) => number;
}

const R = Math.fround;
const emaCase = (name: string, decay: number, scale: number, square: boolean): KernelCase => ({
  name: `ema ${name}`,
  op: 'ema',
  inputs: () => [t([33, 7], 31), t([33, 7], 32)],
  attributes: { decay: R(decay), scale: R(scale), square },
  expected: ([s, g], i) => {
    const x = g![i]!;
    return R(R(s![i]! * R(decay)) + R(R(scale) * (square ? R(x * x) : x)));
  },
});

const dropoutCase = (size: number, s0: number, s1: number, p: number): KernelCase => {
  const bound = Math.ceil((1 - p) * 16777216);
  const scale = R(1 / R(1 - p));
  return {
    name: `dropout mask of ${size}, seeds ${s0} ${s1}, p ${p}`,
    op: 'dropout',
    inputs: () => [t([size], 36)],
    attributes: { seedLo: s0, seedHi: s1, bound, scale },
    expected: (_, i) => (dropoutHash(i, s0, s1) < bound ? scale : 0),
  };
};

/** The fused update kernels, with the attributes @dl/optim passes, and dropout's mask. */
export const KERNEL_CASES: KernelCase[] = [
  emaCase("(Adam's first moment)", 0.9, 0.1, false),
  emaCase("(Adam's second moment: the gradient squared)", 0.999, 0.001, true),
  emaCase('(SGD first step: a copy)', 0, 1, false),
  emaCase('(coupled weight decay: g + wd p)', 1, 0.01, false),
  emaCase('(the parameter step: p - lr d)', 1, -0.1, false),
  {
    name: 'adamParam (step 3, decoupled decay)',
    op: 'adamParam',
    inputs: () => [t([100], 33), t([100], 34, -0.1, 0.1), t([100], 35, 0, 0.01)],
    attributes: {
      decay: R(1 - 1e-3 * 1e-2),
      stepSize: R(-1e-3 / (1 - 0.9 ** 3)),
      bc2: R(Math.sqrt(1 - 0.999 ** 3)),
      eps: R(1e-8),
    },
    expected: ([p, m, v], i) => {
      const k = KERNEL_CASES[5]!.attributes as Record<string, number>;
      const denom = R(R(R(Math.sqrt(v![i]!)) / k['bc2']!) + k['eps']!);
      return R(R(p![i]! * k['decay']!) + R(R(k['stepSize']! * m![i]!) / denom));
    },
  },
  // every step of the hash exact on each backend: seeds at the ends of [0, 2^24), a size past 2^16
  dropoutCase(1000, 0, 0, 0.5),
  dropoutCase(70000, 16777215, 12345678, 0.1),
  dropoutCase(4097, 9876543, 16777215, 0.9),
];

/** Runs one kernel case on `device` through the protocol and compares with the float32 formula. */
export function runKernelCase(device: Device, c: KernelCase): CaseResult {
  return tidy(() => {
    const { want, got } = computeKernelCase(device, c);
    return typeof got === 'string' ? notRun(c, got) : checkKernelCase(c, got.data, want);
  });
}

/** {@link runKernelCase} reading back with `await dataAsync()` (WebGPU). */
export async function runKernelCaseAsync(device: Device, c: KernelCase): Promise<CaseResult> {
  let r: ReturnType<typeof computeKernelCase> | undefined;
  const kept = tidy(() => {
    r = computeKernelCase(device, c);
    return typeof r.got === 'string' ? [] : [r.got];
  });
  try {
    const { want, got } = r!;
    return typeof got === 'string' ? notRun(c, got) : checkKernelCase(c, await got.dataAsync(), want);
  } finally {
    for (const t of kept) t.dispose();
  }
}

function computeKernelCase(device: Device, c: KernelCase): { want: Float32Array; got: Tensor | string } {
  const cpu = c.inputs();
  const want = new Float32Array(cpu[0]!.size);
  const xs = cpu.map((x) => x.data as Float32Array);
  for (let i = 0; i < want.length; i++) want[i] = c.expected(xs, i);
  const got = device.run(
    c.op,
    cpu.map((x) => toDevice(x, device)),
    c.attributes,
  );
  return { want, got: got === null ? 'the device left it to the CPU (minSize)' : got };
}

const notRun = (c: KernelCase, why: string): CaseResult => ({
  name: c.name,
  ok: false,
  worst: Number.POSITIVE_INFINITY,
  message: `not run on the device: ${why}`,
});

function checkKernelCase(c: KernelCase, got: ArrayLike<number>, want: Float32Array): CaseResult {
  const worst = compare(got, want);
  return {
    name: c.name,
    ok: worst <= 1,
    worst,
    message: worst <= 1 ? '' : `values differ: ${worst.toFixed(2)} x the tolerance`,
  };
}
