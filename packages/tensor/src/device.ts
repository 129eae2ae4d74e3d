import { inCpuScope } from './autograd/toDeviceInternal';
import type { Tensor } from './tensor';

/**
 * The version of the protocol between the core ops and a {@link Device} (the `run`/`upload`/storage methods
 * below). A device states the version it implements; the core refuses a device of another version, so the core
 * and `@dl/tensor/gpu` of different releases never mix silently.
 */
export const DEVICE_PROTOCOL_VERSION = 1;

/** @internal Brand of device storage objects, shared by every copy of @dl/tensor in the process. */
export const STORAGE_BRAND: unique symbol = Symbol.for('@dl/tensor.DeviceStorage') as never;

/**
 * Attributes of a device kernel call: the scalar parameters of an op (`axes`, `transA`, `p`, …). Plain data.
 */
export type DeviceAttributes = Readonly<Record<string, number | boolean | string | readonly number[]>>;

/**
 * A place where tensors live and ops run other than the CPU: a GPU context made by `createDevice` of
 * `@dl/tensor/gpu`. The core never creates one and keeps no registry of them: ops reach a device only through
 * the {@link Tensor.storage | storage} of their inputs.
 *
 * Implementing a device (the protocol, version {@link DEVICE_PROTOCOL_VERSION}) is what `@dl/tensor/gpu` does;
 * applications only pass devices to {@link toDevice}.
 */
export interface Device {
  /** The protocol version the device implements, {@link DEVICE_PROTOCOL_VERSION}. */
  readonly protocol: number;
  /** The device's name in messages and in {@link Tensor.device}: `webgl2`, `headlessgl`, `webgpu`, … */
  readonly name: string;
  /**
   * Runs the kernel `op` on `inputs` (device tensors of this device, or rank-0 CPU tensors) and returns a
   * device tensor, or a string saying why it cannot (no kernel for this case, a kernel that failed to compile):
   * the core then calls {@link Device.fallback} and runs the CPU kernel on read-back copies. `null` asks for
   * the CPU kernel without a warning (the device's policy, such as small tensors staying on the CPU).
   */
  run(op: string, inputs: readonly Tensor[], attributes: DeviceAttributes): Tensor | string | null;
  /**
   * Copies float32 elements onto the device and returns their storage. With `cache`, `data` itself becomes the
   * storage's cached readback (the caller gives up writing to it).
   */
  upload(data: Float32Array, cache?: boolean): DeviceStorage;
  /**
   * Called when `op` ran on the CPU because the device could not run it (no kernel, or a kernel that failed to
   * compile, explained by `reason`): warns once per op, or throws in strict mode.
   */
  fallback(op: string, reason: string): void;
}

/**
 * One tensor's handle on device memory. Handles made by {@link DeviceStorage.share} point at the same memory,
 * which is freed when the last handle is disposed.
 */
export interface DeviceStorage {
  /** @internal Marks storage objects. */
  readonly [STORAGE_BRAND]: true;
  /** The device holding the memory. */
  readonly device: Device;
  /** Whether {@link DeviceStorage.dispose} was called on this handle. */
  readonly disposed: boolean;
  /** A new handle on the same memory (views: reshape, detach). */
  share(): DeviceStorage;
  /** The elements, read back synchronously once and cached. Throws where the backend cannot (WebGPU). */
  readSync(): Float32Array;
  /** The elements, read back without blocking. */
  read(): Promise<Float32Array>;
  /** Releases this handle; the memory is freed when no handle is left. */
  dispose(): void;
}

/**
 * @internal Marks devices whose memory the CPU reads in place (the wasm device): on them an op without a kernel
 * runs the CPU kernel on the inputs as they are (their `data`, inside the CPU scope, is a view of device memory)
 * and its result is copied in, the CPU array going back to the buffer pool instead of becoming a cached readback.
 */
export const HOST_MEMORY: unique symbol = Symbol.for('@dl/tensor.HostMemory') as never;

/** @internal What a host-memory device offers the core (its {@link HOST_MEMORY} property). */
export interface HostMemory {
  /**
   * A new device tensor of `shape` whose elements `kernel` writes into a view of its memory, run in the CPU scope
   * (inputs read in place; nothing is allocated on the device while it runs). `fn` names the op in errors.
   */
  output(fn: string, shape: readonly number[], kernel: (out: Float32Array) => void): Tensor;
}

/** @internal The host-memory side of `d` (see {@link HOST_MEMORY}), or null. */
export function hostMemory(d: Device): HostMemory | null {
  return (d as { [HOST_MEMORY]?: HostMemory })[HOST_MEMORY] ?? null;
}

/** @internal Whether `x` is a device storage handle. */
export function isStorage(x: unknown): x is DeviceStorage {
  return typeof x === 'object' && x !== null && (x as { [STORAGE_BRAND]?: unknown })[STORAGE_BRAND] === true;
}

/** @internal How a tensor is named in device errors: `Tensor(float32, [2, 3]) on webgl2`. */
function where(t: Tensor): string {
  return t.storage === null ? 'cpu' : t.storage.device.name;
}

/**
 * @internal The device that the op `fn` must run on, given its inputs (`names` are the argument names used in
 * messages), or `null` when every input is on the CPU. Throws when inputs sit on different devices (a rank-0 CPU
 * tensor goes with any device, as in PyTorch) or an input was disposed.
 */
export function deviceOf(fn: string, inputs: readonly Tensor[], names?: readonly string[]): Device | null {
  if (inCpuScope()) return null;
  let device: Device | null = null;
  let first = -1;
  for (let i = 0; i < inputs.length; i++) {
    const s = inputs[i]!.storage;
    if (s === null) continue;
    if (s.disposed) {
      throw new TypeError(
        `${fn}: ${names?.[i] ?? `input ${i}`} was disposed (${inputs[i]!.toString()} on ${s.device.name}); it cannot be used after dispose()`,
      );
    }
    if (device === null) {
      device = s.device;
      first = i;
    } else if (s.device !== device) {
      throw mixedError(fn, inputs, names, first, i);
    }
  }
  if (device === null) return null;
  for (let i = 0; i < inputs.length; i++) {
    const t = inputs[i]!;
    if (t.storage === null && t.rank !== 0) throw mixedError(fn, inputs, names, first, i);
  }
  return device;
}

function mixedError(
  fn: string,
  inputs: readonly Tensor[],
  names: readonly string[] | undefined,
  i: number,
  j: number,
): TypeError {
  const n = (k: number) => names?.[k] ?? `input ${k}`;
  const a = inputs[i]!;
  const b = inputs[j]!;
  const fix =
    b.storage === null
      ? `toDevice(${n(j)}, ${n(i)}.device) (or toDevice(${n(i)}, 'cpu'))`
      : `toDevice(${n(j)}, 'cpu') and toDevice(${n(i)}, 'cpu'), or create both on one device`;
  return new TypeError(
    `${fn}: ${n(i)} is on ${where(a)} and ${n(j)} is on ${where(b)}; tensors of one op must be on one device (a rank-0 CPU tensor goes with any): move one with ${fix}`,
  );
}
