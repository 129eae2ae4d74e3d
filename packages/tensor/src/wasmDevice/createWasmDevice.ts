import { defineOptions, describe } from '@dl/internal';
import { noGrad } from '../autograd/gradMode';
import { onCpu } from '../autograd/toDeviceInternal';
import {
  DEVICE_PROTOCOL_VERSION,
  type Device,
  type DeviceAttributes,
  type DeviceStorage,
  HOST_MEMORY,
  type HostMemory,
} from '../device';
import { type Arithmetic, FLIPPED, mergeBroadcastDims, OPCODE, ROWS, rowColLayout } from '../kernels/binary';
import { POW2_FRAC } from '../kernels/expF32';
import { broadcastShapes, formatShape, shapesEqual, sizeOf } from '../shape';
import { Tensor } from '../tensor';
import { KERNELS_WASM } from '../wasm/kernelsWasm';
import { TAB } from '../wasm/layout';
import { instantiateKernels, type KernelExports } from '../wasm/runtime';
import { Arena } from './_arena';
import { FUSED, type FusedKernels, fusedKernels } from './_fused';
import { type Block, unref, type WasmMemory, WasmStorage } from './_storage';

/** Options of {@link createWasmDevice}. */
export interface WasmDeviceOptions {
  /**
   * The most bytes the device's WebAssembly memory may grow to (it grows as tensors are made and never shrinks:
   * a WebAssembly memory cannot). An op or {@link toDevice} that needs more throws a RangeError saying how much
   * is in use. A positive number, at most 4 GiB (WebAssembly's 32-bit address space).
   * @defaultValue 1073741824 (1 GiB)
   */
  maxBytes?: number;
  /**
   * Throw when an op would run as a CPU kernel whose result is copied onto the device (see
   * {@link createWasmDevice}; by default it runs, counted in {@link WasmDevice.cpuOps}). Use it to find the ops
   * of a loop that leave the device's memory.
   * @defaultValue false
   */
  strict?: boolean;
}

/** @internal The checker of {@link WasmDeviceOptions}. */
const wasmDeviceOptions = /* @__PURE__ */ defineOptions<WasmDeviceOptions>()('createWasmDevice', {
  maxBytes: 1 << 30,
  strict: false,
});

/** A device made by {@link createWasmDevice}: the device protocol plus counters of its memory. */
export interface WasmDevice extends Device {
  /** Bytes in the blocks of live tensors (each block rounded up to 64 bytes, or to 4 KB from 2 KB on). */
  readonly bytesInUse: number;
  /** Bytes in freed blocks kept for reuse by tensors of the same rounded size. */
  readonly bytesCached: number;
  /** Bytes of WebAssembly memory the device holds (its kernel area of 1 MB included); never returned. */
  readonly bytesReserved: number;
  /** The limit {@link WasmDeviceOptions.maxBytes}. */
  readonly maxBytes: number;
  /** Blocks of memory in use: tensors alive on the device (views such as `reshape` share their tensor's block). */
  readonly liveTensors: number;
  /** The ops the device runs with kernels of its own, on its memory in place (see {@link createWasmDevice}). */
  readonly kernels: readonly string[];
  /**
   * How many times each op ran as a CPU kernel whose result was copied onto the device (see
   * {@link createWasmDevice}). Empty when every op ran in the device's memory in place.
   */
  readonly cpuOps: ReadonlyMap<string, number>;
}

const KERNELS = [
  'add',
  'sub',
  'mul',
  'div',
  'relu',
  'positiveMask',
  'sigmoid',
  'exp',
  'fill',
  'broadcastTo',
] as const;
const UNARY = new Set(['relu', 'positiveMask', 'sigmoid', 'exp']);
const MAX_BYTES = 2 ** 32;

/**
 * Creates a `wasm` device: float32 tensors that live in WebAssembly memory, where the package's SIMD kernels run
 * on them in place.
 *
 * On the CPU (the default), a tensor's `data` is an ordinary `Float32Array` and every WebAssembly kernel call
 * copies its operands into kernel memory block by block and its result out again; on the memory-bound ops (add,
 * broadcasts, relu) those copies are most of the time. On this device the elements stay in one WebAssembly
 * memory and those ops are one kernel call with no copy: 2.4-3x faster than on the CPU on 1M elements, level
 * with TensorFlow.js's wasm backend (docs/benchmarks.md). It is opt-in because device tensors follow the device
 * protocol (docs/gpu.md; the design: docs/design/wasm-storage.md):
 *
 * - They are immutable: `x.data` reads the elements back once into a cached copy (writing to it does not reach
 *   the device); `toDevice(x, 'cpu')` makes a CPU tensor.
 * - Their memory is freed by `dispose()` or {@link tidy} at once (the block goes to a free list of its rounded
 *   size and is reused by the next tensor of that size, hot in cache). Tensors dropped without `dispose` are
 *   freed by the garbage collector's finalizers, which never run inside a synchronous loop: run training steps
 *   in `tidy`, or the memory grows to `maxBytes` and the next op throws a RangeError.
 *
 * What runs where (every result is bit for bit the CPU's):
 *
 * - Kernels of the device's own, on the memory in place ({@link WasmDevice.kernels}): `add`, `sub`, `mul`, `div`
 *   on equal shapes, with a one-element operand (a rank-0 CPU tensor or a device tensor), a broadcast row
 *   (`[R, C] + [C]`) or a broadcast column (`[R, C] + [R, 1]`); `relu` and its gradient mask, `sigmoid`, `exp`;
 *   the fills of `fullLike` (gradient seeds); `broadcastTo` of one element, a row or a column (the gradients of
 *   sums and broadcasts); the fused kernels of the device protocol, one pass over memory each (@dl/optim's
 *   moment and Adam updates, dropout's mask).
 * - The CPU's kernels writing straight into the result's device memory: every other unary op (activations,
 *   `log`, `sqrt`, `abs`, …), `softmax` / `logSoftmax`, the product of two matrices, `sum` and `mean`.
 * - Every other op (and other broadcast layouts): the CPU kernel reads the inputs in place and its result is
 *   copied onto the device (one copy, the CPU array recycled); {@link WasmDevice.cpuOps} counts these, and
 *   `strict` makes them errors.
 *
 * Autograd works on the device as on the CPU; gradients of device tensors are device tensors.
 *
 * Mixing devices in one op is an error (move tensors with {@link toDevice}); a rank-0 CPU tensor goes with any.
 *
 * @param options - see {@link WasmDeviceOptions}.
 * @returns the device; pass it to {@link toDevice}.
 * @throws TypeError for unknown options or a bad `maxBytes`; Error where this engine has no WebAssembly SIMD (or
 *   refuses to compile WebAssembly synchronously).
 * @example
 * ```ts
 * import { add, createWasmDevice, relu, tensor, tidy, toDevice } from '@dl/tensor';
 * const wasm = createWasmDevice();
 * const x = toDevice(tensor([-1, 2, 3]), wasm);
 * const y = tidy(() => relu(add(x, x)));
 * y.device === wasm; // true
 * y.toArray(); // [0, 4, 6]
 * x.dispose();
 * y.dispose();
 * wasm.liveTensors; // 0
 * ```
 */
export function createWasmDevice(options?: WasmDeviceOptions): WasmDevice {
  const fn = 'createWasmDevice';
  const { maxBytes, strict } = wasmDeviceOptions(options);
  if (typeof maxBytes !== 'number' || !Number.isInteger(maxBytes) || maxBytes <= 0 || maxBytes > MAX_BYTES) {
    throw new TypeError(
      `${fn}: maxBytes must be a positive integer of at most 4294967296 (4 GiB: WebAssembly's 32-bit memory), got ${describe(maxBytes)}`,
    );
  }
  if (typeof strict !== 'boolean')
    throw new TypeError(`${fn}: strict must be a boolean, got ${describe(strict)}`);
  const exports = instantiateKernels(KERNELS_WASM, () => {});
  if (exports === null) {
    throw new Error(
      `${fn}: this engine cannot run the WebAssembly SIMD kernels synchronously (no WebAssembly SIMD, a Content Security Policy that forbids WebAssembly, or synchronous compilation refused); use the CPU`,
    );
  }
  const k = exports as KernelExports;
  new Float64Array(k.memory.buffer).set(POW2_FRAC, TAB >> 3);
  const arena = new Arena(k.memory, k.memory.buffer.byteLength, maxBytes);
  const cpuOps = new Map<string, number>();
  /** The fused-kernel module on this memory, instantiated at the first fused op (null: it cannot run here). */
  let fusedModule: FusedKernels | null | undefined;
  // what this device's storage handles share (its `device` is set once the device object exists, below)
  const memory: { -readonly [K in keyof WasmMemory]: WasmMemory[K] } = {
    device: null as unknown as Device,
    arena,
    release: (b) => arena.release(b.at, b.n),
    registry: null,
  };
  if (typeof FinalizationRegistry === 'function')
    memory.registry = new FinalizationRegistry<Block>((b) => unref(memory, b));
  const handle = (block: Block): DeviceStorage => new WasmStorage(memory, block);

  /** A new block of `n` elements; when the memory is full, a RangeError naming `op` (and the output's `shape`). */
  const alloc = (n: number, op: string, shape?: readonly number[]): Block => {
    const at = arena.alloc(n);
    if (at < 0) {
      const what = shape === undefined ? op : `${op} (wasm device, output ${formatShape(shape)})`;
      throw new RangeError(
        `${what}: the wasm device is out of memory: ${-at} more bytes needed beyond maxBytes ${arena.maxBytes} (${arena.inUse} bytes in ${arena.blocks} live tensors, ${arena.cached} bytes in freed blocks of other sizes); dispose tensors (or run each step in tidy()), or create the device with a larger maxBytes`,
      );
    }
    return { at, n, refs: 0, cache: null };
  };

  const upload = (given: Float32Array, cache = false): DeviceStorage => {
    if (!(given instanceof Float32Array))
      throw new TypeError(`upload: data must be a Float32Array, got ${describe(given)}`);
    if (typeof cache !== 'boolean')
      throw new TypeError(`upload: cache must be a boolean, got ${describe(cache)}`);
    // a CPU kernel's result may be a view of its input, i.e. of this memory (which may grow here): copied first,
    // never kept as the cache
    const own = given.buffer === k.memory.buffer;
    const data = own ? given.slice() : given;
    const b = alloc(data.length, 'toDevice');
    arena.f32.set(data, b.at >> 2);
    if (cache && !own) b.cache = data;
    return handle(b);
  };

  /** The block of a device tensor of this device, or null (a CPU tensor, or another device's). */
  const blockOf = (t: Tensor): Block | null => {
    const s = t.storage;
    return s instanceof WasmStorage && s.memory === memory ? s.block : null;
  };

  /** A new device tensor of `shape` (computed by `write` into its block at byte offset `o`). */
  const output = (op: string, shape: readonly number[], write: (o: number) => void): Tensor => {
    const b = alloc(sizeOf(shape), op, shape);
    write(b.at);
    return new Tensor(handle(b), shape.slice(), 'float32');
  };

  /** `add`, `sub`, `mul`, `div` in the layouts the kernels take, or undefined (the CPU kernel runs). */
  const binary = (op: Arithmetic, a: Tensor, b: Tensor): Tensor | undefined => {
    if (a.dtype !== 'float32' || b.dtype !== 'float32') return undefined;
    const ba = blockOf(a);
    const bb = blockOf(b);
    let shape: readonly number[];
    if (shapesEqual(a.shape, b.shape)) shape = a.shape;
    else {
      try {
        shape = broadcastShapes(op, a.shape, b.shape);
      } catch {
        return undefined; // the CPU kernel throws the error
      }
    }
    const n = sizeOf(shape);
    if (n === 0) return undefined;
    const code = OPCODE[op];
    const scalar = (t: Tensor, bl: Block | null) => (bl === null ? t.data[0]! : arena.f32[bl.at >> 2]!);
    if (ba !== null && bb !== null && a.size === n && b.size === n) {
      return output(op, shape, (o) => k.vv(code, ba.at, bb.at, o, n));
    }
    if (ba !== null && a.size === n && b.size === 1) {
      const s = scalar(b, bb);
      return output(op, shape, (o) => k.vs(code, ba.at, s, o, n, 0));
    }
    if (bb !== null && b.size === n && a.size === 1) {
      const s = scalar(a, ba);
      return output(op, shape, (o) => k.vs(code, bb.at, s, o, n, 1));
    }
    if (ba === null || bb === null) return undefined;
    const { dims, sa, sb } = mergeBroadcastDims(shape, a.shape, b.shape);
    if (dims.length !== 2) return undefined;
    const [R, C] = dims as [number, number];
    const layout = rowColLayout(sa, sb, C);
    if (layout === 0) return undefined;
    const flip = layout & FLIPPED ? 1 : 0;
    const x = flip ? bb : ba;
    const other = flip ? ba : bb;
    const kernel = layout & ROWS ? k.rows : k.cols;
    return output(op, shape, (o) => kernel(code, x.at, other.at, o, R, C, flip));
  };

  /**
   * `broadcastTo` of one element (a fill), of a repeated row or of a repeated column, copied within the memory;
   * undefined for other layouts.
   */
  const broadcast = (x: Tensor, bx: Block, shape: readonly number[]): Tensor | undefined => {
    const n = sizeOf(shape);
    if (n === 0) return undefined;
    const f32 = () => arena.f32;
    const i = bx.at >> 2;
    if (x.size === 1) {
      const v = f32()[i]!;
      return output('broadcastTo', shape, (o) => f32().fill(v, o >> 2, (o >> 2) + n));
    }
    const { dims, sa } = mergeBroadcastDims(shape, x.shape, shape);
    if (dims.length !== 2) return undefined;
    const [R, C] = dims as [number, number];
    if (sa[0] === 0 && sa[1] === 1) {
      return output('broadcastTo', shape, (o) => {
        const m = f32();
        for (let r = 0; r < R; r++) m.copyWithin((o >> 2) + r * C, i, i + C);
      });
    }
    if (sa[0] === 1 && sa[1] === 0) {
      return output('broadcastTo', shape, (o) => {
        const m = f32();
        for (let r = 0; r < R; r++) m.fill(m[i + r]!, (o >> 2) + r * C, (o >> 2) + (r + 1) * C);
      });
    }
    return undefined;
  };

  /** The ops with kernels of the device's own, or undefined. */
  const native = (op: string, inputs: readonly Tensor[], at: DeviceAttributes): Tensor | undefined => {
    if (op === 'add' || op === 'sub' || op === 'mul' || op === 'div')
      return binary(op, inputs[0]!, inputs[1]!);
    const x = inputs[0]!;
    const bx = blockOf(x);
    if (bx === null || x.size === 0) return undefined;
    const n = x.size;
    if (op === 'fill') {
      const v = at.value as number;
      return output(op, x.shape, (o) => arena.f32.fill(v, o >> 2, (o >> 2) + n));
    }
    if (op === 'broadcastTo') return broadcast(x, bx, at.shape as readonly number[]);
    const fused = FUSED[op];
    if (fused !== undefined) {
      if (fusedModule === undefined) fusedModule = fusedKernels(k.memory);
      const d = fusedModule;
      const ins = inputs.map(blockOf);
      if (d === null || ins.some((b, j) => b === null || inputs[j]!.size !== n)) return undefined;
      return output(op, x.shape, (out) => fused({ d, ins: ins.map((b) => b!.at), out, n, a: at }));
    }
    if (!UNARY.has(op)) return undefined;
    return output(op, x.shape, (o) => {
      if (op === 'relu') k.relu(bx.at, o, n);
      else if (op === 'positiveMask') k.positive(bx.at, o, n);
      else if (op === 'sigmoid') k.sigmoid(bx.at, o, n);
      else k.exp(bx.at, o, n, 0, TAB);
    });
  };

  const device: WasmDevice = {
    protocol: DEVICE_PROTOCOL_VERSION,
    name: 'wasm',
    get bytesInUse() {
      return arena.inUse;
    },
    get bytesCached() {
      return arena.cached;
    },
    get bytesReserved() {
      return arena.reserved;
    },
    maxBytes,
    get liveTensors() {
      return arena.blocks;
    },
    kernels: KERNELS,
    cpuOps,
    upload,
    run(op, inputs, attributes) {
      if (typeof op !== 'string') throw new TypeError(`run: op must be a string, got ${describe(op)}`);
      if (!Array.isArray(inputs) || !inputs.every((t) => t instanceof Tensor))
        throw new TypeError(`run: inputs must be an array of tensors, got ${describe(inputs)}`);
      if (typeof attributes !== 'object' || attributes === null)
        throw new TypeError(`run: attributes must be an object, got ${describe(attributes)}`);
      for (const t of inputs)
        if (t.storage !== null && blockOf(t) === null) return 'a tensor of another device';
      return native(op, inputs, attributes) ?? `no wasm kernel for ${op} in this layout`;
    },
    fallback(op, reason) {
      cpuOps.set(op, (cpuOps.get(op) ?? 0) + 1);
      if (strict) {
        throw new Error(
          `@dl/tensor: ${op} would run as a CPU kernel instead of on the wasm device (${reason}); the device was created with { strict: true }`,
        );
      }
    },
  };
  // the core runs CPU kernels on this memory in place (src/dispatch.ts)
  const host: HostMemory = {
    output(fn, shape, kernel) {
      const b = alloc(sizeOf(shape), fn, shape);
      const i = b.at >> 2;
      try {
        onCpu(() => noGrad(() => kernel(arena.f32.subarray(i, i + b.n))));
      } catch (e) {
        arena.release(b.at, b.n);
        throw e;
      }
      return new Tensor(handle(b), shape.slice(), 'float32');
    },
  };
  Object.defineProperty(device, HOST_MEMORY, { value: host });
  memory.device = device;
  return device;
}
