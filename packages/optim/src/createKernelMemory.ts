import { checkInteger } from '@dl/internal';
import { type Arena, allocate, arenaSize, createArena } from './wasm/runtime';

/**
 * A block of memory that the optimizers' WebAssembly kernels read and write in place, made by
 * {@link createKernelMemory}: parameters and gradients allocated in it, and the state of an optimizer created with
 * `createOptimizer(params, optimizer, { memory })`, are never copied by a step.
 */
export interface KernelMemory {
  /** How many float32 values it holds in all. */
  readonly capacity: number;
  /** How many float32 values are still free (each array takes its length rounded up to a multiple of four). */
  readonly free: number;
  /** Whether the kernels run in it (false where WebAssembly is unavailable: the arrays are then ordinary ones). */
  readonly resident: boolean;
  /**
   * A zero-filled `Float32Array` of `n` elements in the memory, which stays valid for the memory's life (the
   * memory never grows, so its arrays are never detached). Only the arrays `alloc` returns are read in place: a
   * `subarray` of one works, but is copied as any other array.
   * @param n - the number of elements, an integer ≥ 0 that fits in {@link KernelMemory.free}.
   */
  alloc(n: number): Float32Array;
}

/** The largest capacity: WebAssembly's 4 GiB of memory, less the kernels' scratch blocks. */
const MAX_FLOATS = 2 ** 30 - 2 ** 20;

const arenas = new WeakMap<KernelMemory, Arena | null>();

/** @internal The kernel memory behind `memory` (null: WebAssembly is unavailable), or undefined when it is none of ours. */
export const arenaOf = (memory: unknown): Arena | null | undefined =>
  typeof memory === 'object' && memory !== null ? arenas.get(memory as KernelMemory) : undefined;

/**
 * Creates a {@link KernelMemory}: one WebAssembly memory of `floats` float32 values, sized once, in which
 * parameters, gradients and an optimizer's state live side by side, so that a step of a fused optimizer reads and
 * writes every array where it is. With parameters in ordinary JavaScript arrays, each step copies the parameters
 * and gradients into the kernels' memory and the parameters back (three of the seven arrays an Adam step moves
 * per parameter); in a kernel memory it moves only the seven arrays themselves: the layout of TensorFlow.js's
 * wasm backend and of PyTorch.
 *
 * Size it for everything that goes in: the parameters and gradients you allocate, plus the optimizer's state,
 * per parameter: adam / adamw 2 values (3 with `amsgrad`), sgd with momentum 1, adagrad 1, rmsprop 1 to 3,
 * adadelta 2, adamax 2, nadam 2, radam 2, lion 1, lamb 2, lars 1, schedule-free 2 or 3 (createOptimizer says how
 * many it needs when they do not fit). Float64 parameters and optimizers without WebAssembly kernels (adafactor)
 * work as elsewhere: their arrays are ordinary ones.
 *
 * Where WebAssembly is unavailable, `alloc` returns ordinary arrays and the optimizers run their JavaScript loops:
 * code written for a kernel memory runs everywhere.
 *
 * @param floats - the capacity in float32 values, an integer in [1, 2^30 − 2^20].
 * @returns the memory.
 * @example
 * ```ts
 * import { adamw, createKernelMemory, createOptimizer } from '@dl/optim';
 * const n = 1000;
 * const memory = createKernelMemory(4 * n); // the parameter, its gradient and adamw's two moments
 * const w = { data: memory.alloc(n), grad: memory.alloc(n) };
 * w.data.fill(1);
 * const opt = createOptimizer([w], adamw({ lr: 0.1 }), { memory });
 * w.grad.fill(0.5); // your gradient, written in place
 * opt.step(); // decay: 1 − 0.1 · 0.01 · 1, then − 0.1 · 0.5 / (0.5 + 1e-8)
 * w.data[0]; // 0.899
 * memory.free; // 0
 * ```
 */
export function createKernelMemory(floats: number): KernelMemory {
  checkInteger('createKernelMemory', 'floats', floats, 1, MAX_FLOATS);
  const arena = createArena(floats);
  let free = floats;
  const memory: KernelMemory = {
    capacity: floats,
    get free() {
      return arena ? (arena.end - arena.top) / 4 : free;
    },
    resident: arena !== null,
    alloc(n: number): Float32Array {
      checkInteger('alloc', 'n', n, 0);
      const room = memory.free;
      if (arenaSize(n) > room) {
        throw new RangeError(
          `alloc: n is ${n} (${arenaSize(n)} values with its padding to a multiple of four), but the memory has room for ${room} more of its ${floats}; create it with createKernelMemory(${floats - room + arenaSize(n)}) or more`,
        );
      }
      if (!arena) {
        free -= arenaSize(n);
        return new Float32Array(n);
      }
      return allocate(arena, n)!;
    },
  };
  arenas.set(memory, arena);
  return memory;
}
