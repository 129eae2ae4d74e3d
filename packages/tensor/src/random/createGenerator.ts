/**
 * The plain, JSON-serializable state of a {@link Generator}: the four 32-bit words of xoshiro128**.
 *
 * Save it with {@link Generator.getState}, restore it with {@link Generator.setState} or
 * {@link createGenerator}`(state)`; the stream continues exactly where it was, on every platform.
 */
export interface GeneratorState {
  /** The algorithm; always `'xoshiro128**'` for this version. */
  readonly algorithm: 'xoshiro128**';
  /** The state layout version; always `1`. */
  readonly version: 1;
  /** The four state words $s_0..s_3$, each an unsigned 32-bit integer, not all zero. */
  readonly s: readonly [number, number, number, number];
}

/**
 * A seeded, counter-free pseudo-random generator (xoshiro128** 1.1 by Blackman and Vigna) whose streams are
 * bit-identical on every platform. Create one with {@link createGenerator}.
 *
 * Everything in `@dl/tensor` that draws random numbers ({@link rand}, {@link randn}, {@link randint},
 * {@link permutation}, {@link bernoulli}, {@link dropout}, the initializers) takes a generator (or a seed) in its
 * options and advances it; there is no hidden global generator.
 */
export interface Generator {
  /**
   * The next output of the stream, an unsigned 32-bit integer in $[0, 2^{32})$.
   * @returns the output.
   */
  nextUint32(): number;
  /**
   * A snapshot of the state as plain data (a new object each call).
   * @returns the state.
   */
  getState(): GeneratorState;
  /**
   * Restores a state saved by {@link Generator.getState}.
   * @param state - the state to restore.
   */
  setState(state: GeneratorState): void;
}

const MASK64 = (1n << 64n) - 1n;

/** @internal One SplitMix64 step (Vigna's splitmix64.c): returns [new x, output]. Exact, via BigInt. */
export function splitMix64(x: bigint): [bigint, bigint] {
  const nx = (x + 0x9e3779b97f4a7c15n) & MASK64;
  let z = nx;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return [nx, z ^ (z >> 31n)];
}

/** @internal The xoshiro128** generator; the state lives in four number fields for speed. */
class Xoshiro128StarStar implements Generator {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;

  constructor(state: GeneratorState) {
    this.setState(state);
  }

  nextUint32(): number {
    const s1 = this.s1;
    const r = Math.imul(s1, 5);
    const result = Math.imul((r << 7) | (r >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 = s1 ^ this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  getState(): GeneratorState {
    return {
      algorithm: 'xoshiro128**',
      version: 1,
      s: [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0],
    };
  }

  setState(state: GeneratorState): void {
    const s = checkState('setState', state);
    this.s0 = s[0] | 0;
    this.s1 = s[1] | 0;
    this.s2 = s[2] | 0;
    this.s3 = s[3] | 0;
  }
}

/**
 * @internal Whether `g` is this package's own xoshiro128** generator (from {@link createGenerator}), whose stream
 * kernels may then run with the state in local variables: read it with `getState`, advance it exactly as
 * `nextUint32` does, write it back with `setState` (same outputs, same final state).
 */
export function isBuiltinGenerator(g: Generator): boolean {
  return g instanceof Xoshiro128StarStar;
}

function checkState(fn: string, state: unknown): readonly number[] {
  const st = state as Partial<GeneratorState> | null;
  const s = st?.s;
  const ok =
    st !== null &&
    typeof st === 'object' &&
    st.algorithm === 'xoshiro128**' &&
    st.version === 1 &&
    Array.isArray(s) &&
    s.length === 4 &&
    s.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffffffff) &&
    s.some((w) => w !== 0);
  if (!ok) {
    throw new TypeError(
      `${fn}: state must be { algorithm: 'xoshiro128**', version: 1, s: [four uint32 words, not all 0] }, got ${JSON.stringify(state)}`,
    );
  }
  return s as readonly number[];
}

/** @internal The xoshiro128** state words that {@link createGenerator} derives from an integer seed. */
export function seedWords(seed: number): [number, number, number, number] {
  const [x1, a] = splitMix64(BigInt.asUintN(64, BigInt(seed)));
  const [, b] = splitMix64(x1);
  const w: [number, number, number, number] = [
    Number(a & 0xffffffffn),
    Number(a >> 32n),
    Number(b & 0xffffffffn),
    Number(b >> 32n),
  ];
  // An all-zero state is a fixed point of xoshiro; SplitMix64 never yields two zero outputs in a row for
  // reachable seeds, but guard anyway.
  if ((w[0] | w[1] | w[2] | w[3]) === 0) w[0] = 1;
  return w;
}

/**
 * Creates a seeded pseudo-random {@link Generator} (xoshiro128**), from an integer seed or a saved state.
 *
 * **Algorithm (normative; every stream is bit-identical on every JavaScript engine and platform):**
 *
 * - *State*: four unsigned 32-bit words $s_0..s_3$ (not all zero), see {@link GeneratorState}.
 * - *Seeding*: the seed, taken modulo $2^{64}$ (negative seeds wrap as two's complement), initializes SplitMix64
 *   (Vigna's `splitmix64.c`: $x \mathrel{+}= \texttt{0x9E3779B97F4A7C15}$, then
 *   $z = (x \oplus (x \gg 30)) \cdot \texttt{0xBF58476D1CE4E5B9}$,
 *   $z = (z \oplus (z \gg 27)) \cdot \texttt{0x94D049BB133111EB}$, output $z \oplus (z \gg 31)$, all mod $2^{64}$).
 *   Its first two outputs $a, b$ give $s = [\mathrm{lo}(a), \mathrm{hi}(a), \mathrm{lo}(b), \mathrm{hi}(b)]$
 *   (the same words as Rust `rand_xoshiro`'s `Xoshiro128StarStar::seed_from_u64`).
 * - *Output* (xoshiro128** 1.1): $r = \operatorname{rotl}(s_1 \cdot 5, 7) \cdot 9$; $t = s_1 \ll 9$;
 *   $s_2 \mathrel{\oplus}= s_0$; $s_3 \mathrel{\oplus}= s_1$; $s_1 \mathrel{\oplus}= s_2$; $s_0 \mathrel{\oplus}= s_3$;
 *   $s_2 \mathrel{\oplus}= t$; $s_3 = \operatorname{rotl}(s_3, 11)$; all mod $2^{32}$ using only `Math.imul`,
 *   shifts and xor.
 * - *float32 uniforms* in $[0, 1)$: $u = \lfloor r / 2^8 \rfloor \cdot 2^{-24}$ (one output, exact in float32).
 * - *float64 uniforms* in $[0, 1)$: $u = (\lfloor r_1 / 2^5 \rfloor \cdot 2^{26} + \lfloor r_2 / 2^6 \rfloor)
 *   \cdot 2^{-53}$ (two outputs).
 * - *Normals* (Box–Muller, float64 uniforms $u_1, u_2$ drawn in that order):
 *   $\rho = \sqrt{-2 \ln(1 - u_1)}$, $z_0 = \rho \cos(2\pi u_2)$, $z_1 = \rho \sin(2\pi u_2)$; elements are
 *   filled in pairs $(z_0, z_1)$ in row-major order, and for an odd count the last $z_1$ is discarded.
 *   $\ln$, $\cos$ and $\sin$ are NOT `Math.log`/`Math.cos`/`Math.sin` (whose last bits differ between
 *   engines) but portable versions built from IEEE-754 $+, -, \times, \div$ and `Math.sqrt` only, in a fixed
 *   order, so normals too are bit-identical everywhere: $\ln x = k \ln 2 + 2\,\mathrm{atanh}(s)$ with
 *   $x = m 2^k$, $m \in [\sqrt{1/2}, \sqrt 2)$, $s = (m-1)/(m+1)$ (odd series to $s^{23}$, $\ln 2$ split in two);
 *   $\cos/\sin(2\pi u)$ by exact octant reduction of $u$ and Taylor series on $[0, \pi/4]$ (to $a^{18}$).
 *   Both are within 1.5 ulp (log) and $10^{-15}$ (cos, sin) of `Math`'s.
 * - *Bounded integers* in $[0, n)$ without modulo bias, $1 \le n \le 2^{32}$: bitmask rejection — with
 *   $m = 2^{\lceil \log_2 n \rceil} - 1$, draw $r \mathbin{\&} m$ until it is $< n$ (fewer than 2 draws on average).
 * - *Permutations*: Fisher–Yates from the end: for $i = n-1, \dots, 1$, draw $j \in [0, i]$ and swap
 *   elements $i$ and $j$ of $[0, 1, \dots, n-1]$.
 *
 * @param seed - an integer seed (any safe integer), or a {@link GeneratorState} to resume from (copied).
 * @returns a new generator.
 * @example
 * ```ts
 * import { createGenerator, rand } from '@dl/tensor';
 * const g = createGenerator(42);
 * const saved = g.getState();
 * const a = rand([3], { generator: g });
 * const b = rand([3], { generator: createGenerator(saved) });
 * a.toArray().join() === b.toArray().join(); // true
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.Generator.html (PyTorch's Philox/MT streams differ)
 * @see https://prng.di.unimi.it/xoshiro128starstar.c
 */
export function createGenerator(seed: number | GeneratorState): Generator {
  if (typeof seed === 'number') {
    if (!Number.isSafeInteger(seed)) {
      throw new TypeError(`createGenerator: seed must be a safe integer, got ${seed}`);
    }
    return new Xoshiro128StarStar({ algorithm: 'xoshiro128**', version: 1, s: seedWords(seed) });
  }
  checkState('createGenerator', seed);
  return new Xoshiro128StarStar(seed);
}
