import { isGradEnabled } from '../autograd/gradMode';
import { inCpuScope } from '../autograd/toDeviceInternal';
import { type Device, type DeviceStorage, STORAGE_BRAND } from '../device';
import type { Arena } from './_arena';

/** @internal One block of device memory, shared by the storage handles of a tensor and its views. */
export interface Block {
  /** Byte offset in the device's memory. */
  at: number;
  /** Elements. */
  n: number;
  /** Live handles on it: the block is freed when the last one goes. */
  refs: number;
  /** The read-back copy made outside the CPU scope, or null. */
  cache: Float32Array | null;
}

/** @internal What the storage handles of one wasm device share. */
export interface WasmMemory {
  readonly device: Device;
  readonly arena: Arena;
  /** Frees a block whose last handle went. */
  release(b: Block): void;
  /** Frees the blocks of handles that were dropped without `dispose` (null where the engine has none). */
  readonly registry: FinalizationRegistry<Block> | null;
}

/** @internal Drops one handle of `b`, freeing the block with the last. */
export function unref(memory: WasmMemory, b: Block): void {
  if (--b.refs === 0) {
    memory.release(b);
    b.cache = null;
  }
}

/**
 * @internal A storage handle of the wasm device on one block (a class, so that a handle is one small object: no
 * closures per tensor, no side table from handles to blocks).
 */
export class WasmStorage implements DeviceStorage {
  declare readonly [STORAGE_BRAND]: true;
  disposed = false;

  constructor(
    readonly memory: WasmMemory,
    readonly block: Block,
  ) {
    // the brand set here, not as a computed class member: a class without one stays out of bundles that do not use it
    (this as { [STORAGE_BRAND]: true })[STORAGE_BRAND] = true;
    block.refs++;
    memory.registry?.register(this, block, this);
  }

  get device(): Device {
    return this.memory.device;
  }

  share(): DeviceStorage {
    return new WasmStorage(this.memory, this.block);
  }

  readSync(): Float32Array {
    const b = this.block;
    if (b.cache !== null) return b.cache;
    const f32 = this.memory.arena.f32;
    const i = b.at >> 2;
    // inside an op's CPU kernel that records no graph (the core's CPU scope: nothing is allocated on the device
    // until it returns, and no closure keeps the array) a view of the memory itself, read in place; anywhere
    // else a copy, cached (a view would go stale when the memory grows or the block is reused)
    if (inCpuScope() && !isGradEnabled()) return f32.subarray(i, i + b.n);
    b.cache = f32.slice(i, i + b.n);
    return b.cache;
  }

  read(): Promise<Float32Array> {
    return Promise.resolve(this.readSync());
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.memory.registry?.unregister(this);
    unref(this.memory, this.block);
  }
}
