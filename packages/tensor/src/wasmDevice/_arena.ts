import { SKEW } from '../wasm/layout';

/** @internal The part of a WebAssembly memory that the arena uses. */
export interface GrowableMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

const PAGE = 65536;

/**
 * @internal The bytes a block of `n` float32 elements takes: a multiple of 64 below 2 KB, of 4 KB from there on
 * (such blocks start {@link SKEW} past a 4 KB page, see {@link Arena.alloc}).
 */
export function blockBytes(n: number): number {
  const b = Math.max(64, n * 4);
  return b < 2048 ? (b + 63) & ~63 : Math.ceil(b / 4096) * 4096;
}

/**
 * @internal The wasm device's allocator over one WebAssembly memory: blocks from `base` on, taken from free lists
 * of exact (rounded) sizes or cut from the top, the memory grown as needed up to `maxBytes`. Freed blocks go back
 * to their list at once (never to the system: a WebAssembly memory cannot shrink).
 *
 * Blocks of 2 KB and more start 2 KB past a page boundary: large JavaScript typed arrays start 16 bytes past one,
 * and glibc's `memcpy` (`rep movsb`) runs about 25x slower on AMD Zen 3 when the destination is 4-28 bytes past
 * the source modulo 4 KB (see `SKEW` in src/wasm/layout.ts), which reading a page-aligned block back would hit.
 */
export class Arena {
  /** A float32 view of the whole memory, renewed when the memory grows. */
  f32: Float32Array;
  /** Bytes in blocks now in use. */
  inUse = 0;
  /** Blocks now in use. */
  blocks = 0;
  private top: number;
  private readonly free = new Map<number, number[]>();

  constructor(
    private readonly memory: GrowableMemory,
    private readonly base: number,
    readonly maxBytes: number,
  ) {
    this.top = base;
    this.f32 = new Float32Array(memory.buffer);
  }

  /** Bytes of the memory (reserved from the engine; never returned). */
  get reserved(): number {
    return this.memory.buffer.byteLength;
  }

  /** Bytes in freed blocks waiting for reuse. */
  get cached(): number {
    let s = 0;
    for (const [bytes, list] of this.free) s += bytes * list.length;
    return s;
  }

  /**
   * The byte offset of a new block for `n` float32 elements, or the number of bytes that were missing (a negative
   * number) when the memory cannot grow that far.
   */
  alloc(n: number): number {
    const bytes = blockBytes(n);
    const list = this.free.get(bytes);
    let at: number;
    if (list !== undefined && list.length > 0) at = list.pop()!;
    else {
      at = this.top;
      if (bytes >= 2048) at = Math.ceil((at - SKEW) / 4096) * 4096 + SKEW;
      const end = at + bytes;
      const have = this.memory.buffer.byteLength;
      if (end > have) {
        if (end > this.maxBytes) {
          // every block is free but of other sizes: start again from the base
          if (this.blocks === 0 && this.top > this.base) {
            this.free.clear();
            this.top = this.base;
            return this.alloc(n);
          }
          return -(end - this.maxBytes);
        }
        try {
          this.memory.grow(Math.ceil((end - have) / PAGE));
        } catch {
          return -(end - have);
        }
        this.f32 = new Float32Array(this.memory.buffer);
      }
      this.top = end;
    }
    this.inUse += bytes;
    this.blocks++;
    return at;
  }

  /** Gives the block at `at` (made for `n` elements) back to its free list. */
  release(at: number, n: number): void {
    const bytes = blockBytes(n);
    let list = this.free.get(bytes);
    if (list === undefined) {
      list = [];
      this.free.set(bytes, list);
    }
    list.push(at);
    this.inUse -= bytes;
    this.blocks--;
  }
}
