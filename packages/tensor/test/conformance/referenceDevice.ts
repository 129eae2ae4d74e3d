// A device that keeps its memory in JavaScript arrays and runs each kernel with the CPU op on copies: it
// exercises the device protocol (dispatch, views, disposal, fallback, autograd on a device) without a GPU.
import {
  add,
  broadcastTo,
  DEVICE_PROTOCOL_VERSION,
  type Device,
  type DeviceAttributes,
  type DeviceStorage,
  div,
  fullLike,
  matmul,
  maximum,
  mean,
  mul,
  relu,
  rsqrt,
  softmax,
  square,
  sub,
  sum,
  Tensor,
} from '../../src/index';
import { dropoutHash } from '../../src/ops/_deviceDropout';
import { stridedScatter, stridedSlice } from '../../src/ops/_strided';
import { concat } from '../../src/ops/concat';
import { logSoftmax } from '../../src/ops/logSoftmax';
import { transpose } from '../../src/ops/transpose';
import { where } from '../../src/ops/where';

const STORAGE = Symbol.for('@dl/tensor.DeviceStorage');

interface Buffer {
  values: Float32Array;
  refs: number;
}

/** Options of {@link createReferenceDevice}. */
export interface ReferenceDeviceOptions {
  /** Kernels it pretends to have (all of {@link KERNELS} by default). */
  kernels?: readonly string[];
  /** Kernels that "fail to compile" (run returns the reason). */
  broken?: readonly string[];
  /** Throw instead of warning on a CPU fallback. */
  strict?: boolean;
  /** Called with each fallback warning (instead of console.warn). */
  warn?: (message: string) => void;
}

const cpu = (t: Tensor): Tensor =>
  t.storage === null ? t : new Tensor(t.storage.readSync().slice(), t.shape, 'float32');

/** The kernels of the reference device, each the CPU op on read-back copies. */
export const KERNELS: Record<string, (x: Tensor[], a: DeviceAttributes) => Tensor> = {
  add: ([a, b]) => add(a!, b!),
  sub: ([a, b]) => sub(a!, b!),
  mul: ([a, b]) => mul(a!, b!),
  div: ([a, b]) => div(a!, b!),
  relu: ([x]) => relu(x!),
  maximum: ([a, b]) => maximum(a!, b!),
  broadcastTo: ([x], { shape }) => broadcastTo(x!, shape as number[]),
  square: ([x]) => square(x!),
  rsqrt: ([x]) => rsqrt(x!),
  positiveMask: ([x]) =>
    new Tensor(
      Float32Array.from(x!.data, (v) => +(v > 0)),
      x!.shape,
      'float32',
    ),
  matmul: ([a, b], { transA, transB }) => {
    const t = (x: Tensor) =>
      transpose(
        x,
        [...x.shape.keys()].map((i, _, k) => (i < k.length - 2 ? i : 2 * k.length - 3 - i)),
      );
    return matmul(transA ? t(a!) : a!, transB ? t(b!) : b!);
  },
  sum: ([x], { axes, keepDims }) => sum(x!, { axis: axes as number[], keepDims: keepDims as boolean }),
  mean: ([x], { axes, keepDims }) => mean(x!, { axis: axes as number[], keepDims: keepDims as boolean }),
  softmax: ([x], { axis }) => softmax(x!, axis as number),
  logSoftmax: ([x], { axis }) => logSoftmax(x!, axis as number),
  fill: ([x], { value }) => fullLike(x!, value as number),
  where: ([c, a, b]) => where(c!, a!, b!),
  concat: (xs, { axis }) => concat(xs, axis as number),
  scatterWindow: ([g], { full, starts, steps, fill }) =>
    stridedScatter(g!, full as number[], starts as number[], steps as number[], fill as number),
  // the fused optimizer updates of @dl/tensor/gpu, in float32 (what the GLSL kernels compute)
  ema: ([s, g], { decay, scale, square }) => {
    const R = Math.fround;
    const out = new Float32Array(s!.size);
    for (let i = 0; i < out.length; i++) {
      const x = g!.data[i]!;
      out[i] = R(R(s!.data[i]! * (decay as number)) + R((scale as number) * (square ? R(x * x) : x)));
    }
    return new Tensor(out, s!.shape, 'float32');
  },
  adamParam: ([p, m, v], { decay, stepSize, bc2, eps }) => {
    const R = Math.fround;
    const out = new Float32Array(p!.size);
    for (let i = 0; i < out.length; i++) {
      const denom = R(R(R(Math.sqrt(v!.data[i]!)) / (bc2 as number)) + (eps as number));
      out[i] = R(R(p!.data[i]! * (decay as number)) + R(R((stepSize as number) * m!.data[i]!) / denom));
    }
    return new Tensor(out, p!.shape, 'float32');
  },
  dropout: ([x], { seedLo, seedHi, bound, scale }) =>
    new Tensor(
      Float32Array.from({ length: x!.size }, (_, i) =>
        dropoutHash(i, seedLo as number, seedHi as number) < (bound as number) ? (scale as number) : 0,
      ),
      x!.shape,
      'float32',
    ),
  slice: ([x], { starts, steps, shape }) =>
    stridedSlice(x!, starts as number[], steps as number[], shape as number[]),
};

/** A reference device plus counters of its memory. */
export interface ReferenceDevice extends Device {
  /** Buffers currently allocated. */
  readonly live: number;
  /** Kernel calls so far, by name. */
  readonly calls: Map<string, number>;
}

export function createReferenceDevice(options: ReferenceDeviceOptions = {}): ReferenceDevice {
  const kernels = new Set(options.kernels ?? Object.keys(KERNELS));
  const broken = new Set(options.broken ?? []);
  const warned = new Set<string>();
  let live = 0;
  const calls = new Map<string, number>();
  const handle = (buffer: Buffer): DeviceStorage => {
    let disposed = false;
    buffer.refs++;
    return {
      [STORAGE]: true,
      device,
      get disposed() {
        return disposed;
      },
      share: () => handle(buffer),
      readSync: () => buffer.values,
      read: () => Promise.resolve(buffer.values),
      dispose() {
        if (disposed) return;
        disposed = true;
        if (--buffer.refs === 0) live--;
      },
    } as unknown as DeviceStorage;
  };
  const upload = (data: Float32Array, cache = false): DeviceStorage => {
    live++;
    return handle({ values: cache ? data : data.slice(), refs: 0 });
  };
  const device: ReferenceDevice = {
    protocol: DEVICE_PROTOCOL_VERSION,
    name: 'reference',
    get live() {
      return live;
    },
    calls,
    upload,
    run(op, inputs, attributes) {
      if (broken.has(op)) return `the ${op} kernel failed to compile: test`;
      const k = KERNELS[op];
      if (k === undefined || !kernels.has(op)) return `no reference kernel for ${op}`;
      calls.set(op, (calls.get(op) ?? 0) + 1);
      const out = k(inputs.map(cpu), attributes);
      // a copy: the CPU result's buffer goes back to @dl/tensor's pool when tidy disposes it
      return new Tensor(upload((out.data as Float32Array).slice(), true), out.shape, 'float32');
    },
    fallback(op, reason) {
      const message = `@dl/tensor: ${op} ran on the CPU instead of ${device.name} (${reason})`;
      if (options.strict) throw new Error(`${message}; strict mode forbids CPU fallbacks`);
      if (warned.has(op)) return;
      warned.add(op);
      (options.warn ?? console.warn)(message);
    },
  };
  return device;
}
