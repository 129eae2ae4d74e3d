import { describe } from '@dl/internal';

const N = 624;
const M = 397;

/** The serializable state of a {@link RandomState}: the 624-word Mersenne Twister key and the position in it. */
export interface RandomStateState {
  /** The MT19937 key, 624 unsigned 32-bit words. */
  key: number[];
  /** The index of the next word to temper (624 means "regenerate first"). */
  pos: number;
}

/** A seed accepted by every `randomState` option: an integer, an array of integers, or a shared stream. */
export type RandomStateLike = number | readonly number[] | RandomState;

function initGenrand(key: Uint32Array, seed: number): void {
  let s = seed >>> 0;
  for (let pos = 0; pos < N; pos++) {
    key[pos] = s;
    s = (Math.imul(1812433253, (s ^ (s >>> 30)) >>> 0) + pos + 1) >>> 0;
  }
}

function initByArray(key: Uint32Array, initKey: readonly number[]): void {
  initGenrand(key, 19650218);
  let i = 1;
  let j = 0;
  const len = initKey.length;
  for (let k = Math.max(N, len); k > 0; k--) {
    const prev = key[i - 1]!;
    key[i] = ((key[i]! ^ Math.imul((prev ^ (prev >>> 30)) >>> 0, 1664525)) + initKey[j]! + j) >>> 0;
    i++;
    j++;
    if (i >= N) {
      key[0] = key[N - 1]!;
      i = 1;
    }
    if (j >= len) j = 0;
  }
  for (let k = N - 1; k > 0; k--) {
    const prev = key[i - 1]!;
    key[i] = ((key[i]! ^ Math.imul((prev ^ (prev >>> 30)) >>> 0, 1566083941)) - i) >>> 0;
    i++;
    if (i >= N) {
      key[0] = key[N - 1]!;
      i = 1;
    }
  }
  key[0] = 0x80000000;
}

function checkSeedWord(fn: string, arg: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffffffff) {
    throw new TypeError(`${fn}: ${arg} must be an integer in [0, 2^32 - 1], got ${describe(v)}`);
  }
  return v;
}

/**
 * numpy's legacy `RandomState`: the MT19937 stream, seeded and consumed exactly as numpy 1.17+ does, so that
 * shuffles, permutations and integers drawn with the same seed equal Python's.
 *
 * An integer seed goes through `init_genrand`, an array seed through `init_by_array` (as
 * `numpy.random.RandomState(seed)` does). {@link RandomState.randomSample} is numpy's 53-bit double
 * $\bigl(\lfloor a / 2^5 \rfloor \cdot 2^{26} + \lfloor b / 2^6 \rfloor\bigr) / 2^{53}$ from two 32-bit words;
 * bounded integers use masked rejection sampling (`random_interval`): draw 32-bit words, keep the bits under the
 * smallest all-ones mask $\ge$ `max`, reject values above `max`. {@link RandomState.shuffle} is numpy's
 * Fisher–Yates: for $i = n-1, \dots, 1$ swap $x_i$ with $x_j$, $j = \text{interval}(i)$.
 *
 * A `RandomState` is a stream: passing the same instance to several splitters makes them draw one after the
 * other, like passing a `numpy.random.RandomState` to scikit-learn; passing an integer makes each call start afresh.
 * {@link RandomState.getState} returns the state as plain data.
 *
 * @example
 * ```ts
 * import { RandomState } from '@dl/crossval';
 * const rng = new RandomState(0);
 * Array.from(rng.permutation(5)); // [2, 0, 1, 3, 4]
 * rng.randint(0, 10); // 3
 * ```
 * @see {@link https://numpy.org/doc/stable/reference/random/legacy.html | numpy.random.RandomState}
 */
export class RandomState {
  private readonly key = new Uint32Array(N);
  private pos = N;

  /**
   * Seeds the stream.
   * @param seed - an integer in $[0, 2^{32})$ or a non-empty array of such integers.
   */
  constructor(seed: number | readonly number[]) {
    if (Array.isArray(seed)) {
      if (seed.length === 0) throw new RangeError('RandomState: seed must be a non-empty array, got []');
      for (let i = 0; i < seed.length; i++) checkSeedWord('RandomState', `seed[${i}]`, seed[i]);
      initByArray(this.key, seed);
    } else {
      initGenrand(this.key, checkSeedWord('RandomState', 'seed', seed));
    }
  }

  private generate(): void {
    const mt = this.key;
    let kk = 0;
    let y: number;
    for (; kk < N - M; kk++) {
      y = (mt[kk]! & 0x80000000) | (mt[kk + 1]! & 0x7fffffff);
      mt[kk] = mt[kk + M]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    for (; kk < N - 1; kk++) {
      y = (mt[kk]! & 0x80000000) | (mt[kk + 1]! & 0x7fffffff);
      mt[kk] = mt[kk + (M - N)]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    y = (mt[N - 1]! & 0x80000000) | (mt[0]! & 0x7fffffff);
    mt[N - 1] = mt[M - 1]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    this.pos = 0;
  }

  /**
   * The next raw 32-bit word of the stream (numpy's `next_uint32`).
   * @returns an integer in $[0, 2^{32})$.
   */
  nextUint32(): number {
    if (this.pos === N) this.generate();
    let y = this.key[this.pos++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /**
   * A uniform double in $[0, 1)$ with 53 random bits (numpy's `random_sample`).
   * @returns the next double of the stream.
   */
  randomSample(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /**
   * A uniform integer in $[0, \text{max}]$ by masked rejection sampling (numpy's `random_interval`), the draw
   * behind legacy `shuffle` and `permutation`.
   * @param max - the inclusive upper bound, an integer in $[0, 2^{32})$.
   * @returns the integer drawn.
   */
  interval(max: number): number {
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 0 || max > 0xffffffff) {
      throw new RangeError(
        `RandomState.interval: max must be an integer in [0, 2^32 - 1], got ${describe(max)}`,
      );
    }
    if (max === 0) return 0;
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    let v: number;
    while ((v = (this.nextUint32() & mask) >>> 0) > max);
    return v;
  }

  /**
   * A uniform integer in $[\text{low}, \text{high})$, as legacy `randint(low, high)` draws it (masked rejection
   * on $\text{high} - \text{low} - 1$).
   * @param low - the inclusive lower bound.
   * @param high - the exclusive upper bound; `high - low` must be in $[1, 2^{32}]$.
   * @returns the integer drawn.
   */
  randint(low: number, high: number): number {
    if (!Number.isInteger(low) || !Number.isInteger(high) || high <= low || high - low > 2 ** 32) {
      throw new RangeError(
        `RandomState.randint: expected integers with 1 <= high - low <= 2^32, got low ${describe(low)}, high ${describe(high)}`,
      );
    }
    const rng = high - low - 1;
    if (rng === 0xffffffff) return low + this.nextUint32();
    return low + this.interval(rng);
  }

  /**
   * Shuffles `x` in place with numpy's legacy Fisher–Yates order of draws.
   * @param x - the array to shuffle (any indexable, mutable array).
   * @returns `x`, shuffled.
   */
  shuffle<T extends ArrayLike<unknown>>(x: T): T {
    if (x === null || typeof x !== 'object' || typeof (x as ArrayLike<unknown>).length !== 'number') {
      throw new TypeError(`RandomState.shuffle: x must be an array, got ${describe(x)}`);
    }
    const a = x as unknown as unknown[];
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.interval(i);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return x;
  }

  /**
   * A shuffled copy of `0..n-1` (numpy's `permutation(n)`), or of an array of integers (`permutation(x)`).
   * @param x - the length `n`, or the integers to permute (not modified).
   * @returns a new `Int32Array`.
   */
  permutation(x: number | ArrayLike<number>): Int32Array {
    let out: Int32Array;
    if (typeof x === 'number') {
      if (!Number.isInteger(x) || x < 0 || x > 0x7fffffff) {
        throw new RangeError(`RandomState.permutation: n must be a non-negative integer, got ${x}`);
      }
      out = new Int32Array(x);
      for (let i = 0; i < x; i++) out[i] = i;
    } else {
      if (x === null || typeof x !== 'object' || typeof x.length !== 'number') {
        throw new TypeError(
          `RandomState.permutation: x must be a length or an array of integers, got ${describe(x)}`,
        );
      }
      out = Int32Array.from(x);
    }
    return this.shuffle(out);
  }

  /**
   * The state as plain, serializable data.
   * @returns a copy of the key and the position.
   */
  getState(): RandomStateState {
    return { key: Array.from(this.key), pos: this.pos };
  }

  /**
   * Restores a state returned by {@link RandomState.getState}.
   * @param state - the state to restore.
   */
  setState(state: RandomStateState): void {
    if (!state || !Array.isArray(state.key) || state.key.length !== N) {
      throw new TypeError(`RandomState.setState: state.key must be an array of ${N} words`);
    }
    if (!Number.isInteger(state.pos) || state.pos < 0 || state.pos > N) {
      throw new RangeError(
        `RandomState.setState: state.pos must be an integer in [0, ${N}], got ${state.pos}`,
      );
    }
    this.key.set(state.key);
    this.pos = state.pos;
  }
}
