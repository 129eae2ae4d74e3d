import { badArgument } from '@dl/internal';
import { backwardFrom } from './autograd/engine';
import type { GradNode } from './autograd/node';
import { type Device, type DeviceStorage, isStorage } from './device';
import type { DType, TensorArray } from './dtype';
import { markShared, pool, releaseOwned } from './memory/_pool';
import { formatShape, type Shape, sizeOf } from './shape';
import { trackDeviceTensor } from './tidy';

/**
 * Brand shared by every copy of this package loaded in one process (ESM and CJS builds, or two versions in
 * node_modules): `instanceof Tensor` checks it, so tensors made by one copy are accepted by the ops of another.
 */
const BRAND: unique symbol = Symbol.for('@dl/tensor.Tensor') as never;

/**
 * @internal The version counter of a buffer, shared by a tensor and its views: `n` in-place modifications so far;
 * `views` counts the views made on it (an in-place op on a differentiable tensor with views is refused).
 */
export interface VersionCounter {
  n: number;
  views: number;
}

/** A nested JavaScript array of numbers, as produced by {@link Tensor.toArray}. */
export type NestedArray = number | NestedArray[];

/** Options of {@link Tensor.backward}. */
export interface BackwardOptions {
  /**
   * Record the backward pass itself so that the gradients can be differentiated again (double backward).
   * @defaultValue false
   */
  createGraph?: boolean;
  /**
   * Keep the graph after the pass so that backward can run through it again.
   * @defaultValue the value of `createGraph`
   */
  retainGraph?: boolean;
}

/** @internal The error for `new Tensor(data, shape, dtype)` with arguments that do not fit together. */
function tensorArgumentError(data: unknown, shape: unknown, dtype: unknown): TypeError {
  if (dtype !== 'float32' && dtype !== 'float64' && dtype !== 'int32') {
    return badArgument('Tensor', 'dtype', "'float32', 'float64' or 'int32'", dtype) as TypeError;
  }
  if (!Array.isArray(shape)) return badArgument('Tensor', 'shape', 'an array of sizes', shape) as TypeError;
  const kind = { float32: 'a Float32Array', float64: 'a Float64Array', int32: 'an Int32Array' }[dtype];
  return badArgument('Tensor', 'data', `${kind} (for dtype ${dtype})`, data) as TypeError;
}

/**
 * A dense, row-major, n-dimensional array with optional reverse-mode autograd.
 *
 * A tensor is a small record: a {@link Tensor.shape | shape}, a {@link Tensor.dtype | dtype} and a contiguous
 * typed array {@link Tensor.data | data} holding `size` elements in row-major order. Ops are free functions
 * (`add(a, b)`, `matmul(a, b)`) so that bundlers keep only what an application uses.
 *
 * Create tensors with {@link tensor}, {@link fromData} or the creation functions; do not mutate `data` of a
 * tensor that takes part in a recorded graph (the graph keeps references to it).
 *
 * @example
 * ```ts
 * import { tensor, mul, sum } from '@dl/tensor';
 * const x = tensor([1, 2, 3], { requiresGrad: true });
 * const y = sum(mul(x, x));
 * y.backward();
 * x.grad?.toArray(); // [2, 4, 6]
 * ```
 */
export class Tensor {
  /** The size of each dimension, outermost first. A scalar has shape `[]`. */
  readonly shape!: Shape;
  /** The element type. */
  readonly dtype!: DType;
  /**
   * @internal The elements of a CPU tensor, or `null` once it is disposed ({@link Tensor.data} reads it). A plain
   * field cleared on dispose: the guard costs one comparison per read, where an accessor defined on each disposed
   * instance (the previous design) cost about 0.7 µs per dispose and left the object in dictionary mode.
   */
  _data: TensorArray | null = null;
  /**
   * The elements in row-major order (`size` of them). Shared, never copied, by views such as {@link Tensor.detach}.
   * Reading it after {@link Tensor.dispose} throws a TypeError (`data: the tensor was disposed …`).
   */
  get data(): TensorArray {
    const d = this._data;
    if (d === null) throw disposedCpuError(this);
    return d;
  }
  /** Number of elements: the product of the shape. */
  readonly size!: number;
  /** Whether autograd records operations on this tensor. Set it with {@link Tensor.setRequiresGrad}. */
  requiresGrad = false;
  /** The accumulated gradient of a leaf tensor after {@link Tensor.backward}; `null` before. */
  grad: Tensor | null = null;
  /** @internal The graph node that produced this tensor, or null for a leaf. */
  gradFn: GradNode | null = null;
  /**
   * Where the elements live when not on the CPU: a handle on device memory (see `@dl/tensor/gpu`), or `null`
   * for a CPU tensor. Reading {@link Tensor.data} of a device tensor reads the elements back once and caches them.
   */
  storage: DeviceStorage | null = null;
  /**
   * @internal The version counter shared by this tensor and its views (null until an in-place op or a view needs
   * one: version 0). Every in-place op adds one; a recorded node notes the versions of the tensors its backward
   * reads and the pass checks them, as PyTorch does.
   */
  versionCounter: VersionCounter | null = null;
  /** @internal How many recorded graph nodes not yet freed take this tensor as an input. */
  graphUses = 0;

  /** @internal Marks instances as tensors for `instanceof` across package copies. */
  readonly [BRAND] = true;

  /**
   * `x instanceof Tensor` holds for tensors made by any copy of @dl/tensor in the process (the dual-package
   * hazard of ESM + CJS builds), not only by this one.
   * @param x - the value to test.
   * @returns whether `x` is a tensor.
   */
  static [Symbol.hasInstance](x: unknown): x is Tensor {
    return typeof x === 'object' && x !== null && (x as { [BRAND]?: unknown })[BRAND] === true;
  }

  /**
   * @internal Use {@link tensor} or {@link fromData}; this constructor does not validate its arguments. A device
   * makes its tensors by passing a {@link DeviceStorage} (float32 only) as `data`.
   */
  constructor(data: TensorArray | DeviceStorage, shape: Shape, dtype: DType) {
    // cheap kind checks (every op constructs tensors); the full message is built only on failure
    if (
      !Array.isArray(shape) ||
      !(
        (dtype === 'float32' && data instanceof Float32Array) ||
        (dtype === 'float64' && data instanceof Float64Array) ||
        (dtype === 'int32' && data instanceof Int32Array)
      )
    ) {
      // a device tensor (out of line, so that the constructor of CPU tensors stays small), or an error
      // biome-ignore lint/correctness/noConstructorReturn: the same instance, initialized by the helper
      return initDeviceTensor(this, data, shape, dtype);
    }
    this._data = data as TensorArray;
    this.shape = shape;
    this.dtype = dtype;
    this.size = data.length;
    // inside tidy(): noted for disposal (not during a backward pass: the engine recycles what it makes there)
    if (pool.capture === null) trackDeviceTensor(this);
  }

  /**
   * How many times the elements were modified in place (PyTorch's `x._version`): 0 for a new tensor; views share
   * the count with the tensor they view. (Not `version`: that name is the interchange contract's version field.)
   */
  get inPlaceVersion(): number {
    return this.versionCounter === null ? 0 : this.versionCounter.n;
  }

  /** The device holding the elements (`'cpu'` for a CPU tensor); pass it to {@link toDevice} to move another. */
  get device(): Device | 'cpu' {
    return this.storage === null ? 'cpu' : this.storage.device;
  }

  /**
   * The elements without blocking: for a device tensor, read back asynchronously (the only way on WebGPU) and
   * cached; for a CPU tensor, {@link Tensor.data} at once.
   * @returns a promise of the elements in row-major order.
   */
  dataAsync(): Promise<TensorArray> {
    const s = this.storage;
    if (s === null) return Promise.resolve(this.data);
    if (s.disposed) return Promise.reject(disposedError('dataAsync', this));
    return s.read();
  }

  /**
   * Frees this tensor's memory now; using it afterwards is an error (`… the tensor was disposed …`).
   *
   * - On a device, the memory is freed (it is shared by views such as {@link reshape} and freed when the last of
   *   them is disposed); an op given a disposed device tensor throws, naming the op.
   * - On the CPU, the typed array goes back to the buffer pool (see {@link configureBufferPool}) so that a later
   *   op reuses it instead of allocating — when nothing else can read it: not when a view or `tensor(x.data)`
   *   shares it, when it is the user's own array (`tensor(float32Array)`, `fromData`), or while a recorded graph
   *   that a backward pass has not freed still needs it. Reading {@link Tensor.data} (or any op on the tensor)
   *   then throws. Do not keep `x.data` past `x.dispose()`: the array may hold another tensor's elements.
   *
   * A device gradient in {@link Tensor.grad} is disposed with the tensor (a CPU one is left alone: code may hold
   * it). {@link tidy} disposes the tensors a function creates, except those it returns.
   */
  dispose(): void {
    const s = this.storage;
    if (s !== null) {
      if (!s.disposed) {
        s.dispose();
        this.grad?.dispose();
      }
      return;
    }
    const data = this._data;
    if (data === null) return;
    const node = this.gradFn;
    if (this.graphUses === 0 && (node === null || node.backward === null)) releaseOwned(data);
    this._data = null;
  }

  /** Whether {@link Tensor.dispose} was called on this tensor (or, on a device, on the memory it shares). */
  get isDisposed(): boolean {
    const s = this.storage;
    if (s !== null) return s.disposed;
    return this._data === null;
  }

  /** Number of dimensions. */
  get rank(): number {
    return this.shape.length;
  }

  /** Whether this tensor was created by the user (not by a recorded op). */
  get isLeaf(): boolean {
    return this.gradFn === null;
  }

  /**
   * Marks a floating-point tensor as requiring gradients (or not) and returns it.
   * @param flag - whether to record operations on this tensor.
   * @returns this tensor.
   */
  setRequiresGrad(flag = true): this {
    if (flag && this.dtype === 'int32') {
      throw new TypeError(
        'setRequiresGrad: only float32 and float64 tensors can require gradients, got int32',
      );
    }
    if (!flag && this.gradFn !== null) {
      throw new TypeError('setRequiresGrad: cannot turn off gradients of a non-leaf tensor; use detach()');
    }
    this.requiresGrad = flag;
    return this;
  }

  /**
   * The single value of a one-element tensor.
   * @returns the element as a number.
   */
  item(): number {
    if (this.size !== 1) {
      throw new RangeError(
        `item: the tensor must hold exactly one element, got shape ${formatShape(this.shape)}`,
      );
    }
    return this.data[0]!;
  }

  /**
   * The elements as nested JavaScript arrays (a number for a scalar).
   * @returns a nested array mirroring the shape.
   */
  toArray(): NestedArray {
    const { shape, data } = this;
    if (shape.length === 0) return data[0]!;
    const build = (dim: number, offset: number, stride: number): NestedArray[] => {
      const n = shape[dim]!;
      const inner = stride / Math.max(n, 1);
      const out: NestedArray[] = new Array(n);
      for (let i = 0; i < n; i++) {
        out[i] = dim === shape.length - 1 ? data[offset + i]! : build(dim + 1, offset + i * inner, inner);
      }
      return out;
    };
    return build(0, 0, sizeOf(shape));
  }

  /**
   * A tensor sharing this one's data but cut from the graph: it does not require gradients.
   * @returns the detached view.
   */
  detach(): Tensor {
    if (this.storage !== null) return new Tensor(this.storage.share(), this.shape, this.dtype);
    markShared(this.data);
    const view = new Tensor(this.data, this.shape, this.dtype);
    const c = (this.versionCounter ??= { n: 0, views: 0 });
    c.views++;
    view.versionCounter = c;
    return view;
  }

  /**
   * Computes the gradient of this tensor with respect to every leaf that requires gradients, and adds it to the
   * leaf's {@link Tensor.grad} (gradients accumulate across calls until zeroed).
   *
   * @param seed - the gradient of some scalar with respect to this tensor; required unless this tensor has one
   *   element (then it defaults to 1).
   * @param options - see {@link BackwardOptions}.
   */
  backward(seed?: Tensor, options: BackwardOptions = {}): void {
    backwardFrom(this, seed, options);
  }

  /**
   * Sets {@link Tensor.grad} to null (disposing a device gradient: its memory is freed at once; a CPU gradient is
   * left to the garbage collector, since code may still hold it).
   */
  zeroGrad(): void {
    if (this.grad?.storage !== null) this.grad?.dispose();
    this.grad = null;
  }

  /** A short description: `Tensor(float32, [2, 3])`. */
  toString(): string {
    return `Tensor(${this.dtype}, ${formatShape(this.shape)})`;
  }
}

/**
 * @internal Initializes `t` as a device tensor on `storage` (float32 only) or throws the constructor's error: the
 * elements are read back on first use, `data` being an accessor of this instance only (CPU tensors keep a plain
 * field).
 */
function initDeviceTensor(t: Tensor, storage: unknown, shape: Shape, dtype: DType): Tensor {
  if (dtype !== 'float32' || !Array.isArray(shape) || !isStorage(storage)) {
    throw tensorArgumentError(storage, shape, dtype);
  }
  const w = t as { -readonly [K in keyof Tensor]: Tensor[K] };
  w.storage = storage;
  w.shape = shape;
  w.dtype = dtype;
  w.size = sizeOf(shape);
  Object.defineProperty(t, 'data', { get: readDeviceData, enumerable: true, configurable: true });
  trackDeviceTensor(t);
  return t;
}

/** @internal The error for a disposed device tensor used by `fn`. */
function disposedError(fn: string, t: Tensor): TypeError {
  return new TypeError(
    `${fn}: the tensor was disposed (${t.toString()} on ${(t.storage as DeviceStorage).device.name}); it cannot be used after dispose()`,
  );
}

/** @internal Marks the CPU tensor `t` disposed (its buffer is handled by the caller). */
export function markDisposed(t: Tensor): void {
  t._data = null;
}

/** @internal The error for reading the elements of a disposed CPU tensor. */
function disposedCpuError(t: Tensor): TypeError {
  return new TypeError(
    `data: the tensor was disposed (${t.toString()} on the CPU); it cannot be used after dispose()`,
  );
}

/** @internal The `data` accessor of device tensors: reads back once (the storage caches it). */
function readDeviceData(this: Tensor): TensorArray {
  const s = this.storage as DeviceStorage;
  if (s.disposed) throw disposedError('data', this);
  return s.readSync();
}
