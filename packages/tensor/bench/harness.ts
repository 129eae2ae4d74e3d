/**
 * Timing helpers for the @dl/tensor benchmark: warm-up, calibration of repetitions per sample, median of
 * samples. Not part of the published package.
 *
 * Time is measured as wall-clock time (`performance.now`) and as process CPU time (`process.cpuUsage`, user +
 * system over all threads). Every implementation benchmarked here runs synchronously on the main thread
 * (TensorFlow.js's wasm backend has no threads in Node), so on an idle machine the two agree; on a shared machine
 * CPU time does not count the time the process waits for a core, but it does count V8's garbage-collector
 * threads, whoever left the garbage behind. The contenders are interleaved sample by sample so that both kinds
 * of disturbance fall on all of them alike.
 */

/** Timing of one case on one implementation. */
export interface Timing {
  /** Median wall-clock milliseconds per call. */
  wallMs: number;
  /** Fastest sample (wall clock), milliseconds per call. */
  minWallMs: number;
  /** Median process CPU milliseconds (user + system, all threads) per call. */
  cpuMs: number;
  /** Number of timed samples. */
  samples: number;
  /** Calls per sample. */
  reps: number;
}

/** Options of {@link measure}. */
export interface MeasureOptions {
  /** Untimed calls first (JIT, allocator and backend warm-up). @defaultValue 3 */
  warmup?: number;
  /** Most timed samples. @defaultValue 15 */
  samples?: number;
  /** Fewest timed samples, even past the budget. @defaultValue 5 */
  minSamples?: number;
  /** Stop taking samples after this many milliseconds (once `minSamples` are in). @defaultValue 3000 */
  budgetMs?: number;
  /** Each sample repeats the call until it lasts at least this long. @defaultValue 20 */
  sampleMs?: number;
}

/** Process CPU time (user + system, all threads) in milliseconds. */
export function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function median(xs: number[]): number {
  const sorted = xs.slice().sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** One contender of {@link measureInterleaved}. */
export interface Contender {
  /** One call; it must finish all its work (including any read-back of results) before returning. */
  run: () => void;
  /** Called (and awaited) before each of this contender's samples, e.g. to select a TensorFlow.js backend. */
  enter?: () => Promise<void> | void;
}

/**
 * Times several implementations of the same work, interleaved sample by sample (A, B, C, A, B, C, ...) so that
 * they all see the same background load: warm-up calls, then samples of `reps` calls each (`reps` chosen per
 * contender so a sample lasts about `sampleMs`). Returns, per contender, the median and minimum per-call
 * wall-clock time and the median per-call process CPU time.
 */
export async function measureInterleaved(
  contenders: Contender[],
  options: MeasureOptions = {},
): Promise<Timing[]> {
  const warmup = options.warmup ?? 3;
  const maxSamples = options.samples ?? 15;
  const minSamples = options.minSamples ?? 5;
  const budget = options.budgetMs ?? 3000;
  const sampleMs = options.sampleMs ?? 20;
  const reps: number[] = [];
  for (const c of contenders) {
    await c.enter?.();
    let once = Number.POSITIVE_INFINITY;
    for (let i = 0; i < warmup; i++) {
      const t0 = performance.now();
      c.run();
      once = Math.min(once, performance.now() - t0);
    }
    reps.push(Math.max(1, Math.ceil(sampleMs / Math.max(once, 1e-3))));
  }
  const times: number[][] = contenders.map(() => []);
  const walls: number[][] = contenders.map(() => []);
  const start = performance.now();
  for (let k = 0; k < maxSamples; k++) {
    for (let j = 0; j < contenders.length; j++) {
      const c = contenders[j]!;
      const n = reps[j]!;
      await c.enter?.();
      const w0 = performance.now();
      const c0 = cpuNow();
      for (let r = 0; r < n; r++) c.run();
      times[j]!.push((cpuNow() - c0) / n);
      walls[j]!.push((performance.now() - w0) / n);
    }
    if (k + 1 >= minSamples && performance.now() - start > budget * contenders.length) break;
  }
  return contenders.map((_, j) => ({
    wallMs: median(walls[j]!),
    minWallMs: Math.min(...walls[j]!),
    cpuMs: median(times[j]!),
    samples: times[j]!.length,
    reps: reps[j]!,
  }));
}

/** Times a single implementation; see {@link measureInterleaved}. */
export async function measure(run: () => void, options: MeasureOptions = {}): Promise<Timing> {
  const [t] = await measureInterleaved([{ run }], options);
  return t!;
}

/** A deterministic float32 array of uniform values in [-1, 1) (mulberry32). */
export function randomData(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  }
  return out;
}

/**
 * Deterministic float32 standard normal values (Box-Muller on two {@link randomData} streams): for the rows whose
 * speed depends on the data's range (gelu's kernel skips its erfc branch on groups of four small values).
 */
export function normalData(n: number, seed: number): Float32Array {
  const u = randomData(n + 1, seed);
  const v = randomData(n + 1, seed + 7919);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - (u[i]! + 1) / 2));
    const t = Math.PI * (v[i]! + 1);
    out[i] = r * Math.cos(t);
    if (i + 1 < n) out[i + 1] = r * Math.sin(t);
  }
  return out;
}

/** Formats milliseconds with three significant digits (at least one decimal under 100). */
export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  if (ms >= 100) return ms.toFixed(0);
  if (ms >= 10) return ms.toFixed(1);
  if (ms >= 1) return ms.toFixed(2);
  return ms.toFixed(3);
}

/** Formats a ratio `other / ours` as `2.31x` (above 1: @dl is faster). */
export function fmtRatio(ours: number, other: number): string {
  if (!Number.isFinite(ours) || !Number.isFinite(other)) return '-';
  const r = other / ours;
  return `${r >= 10 ? r.toFixed(1) : r.toFixed(2)}x`;
}

/**
 * Prints the table of a same-process A/B of two checkouts (bench/kernelsAB.ts, bench/streamAB.ts): each case made
 * once per library, timed interleaved, process CPU time; `--only=<text>` keeps the cases whose name contains it.
 */
export async function printAB<L>(
  cases: readonly (readonly [string, (lib: L) => () => void])[],
  before: L,
  after: L,
  options: MeasureOptions,
): Promise<void> {
  const only = process.argv.find((s) => s.startsWith('--only='))?.slice(7);
  console.log('| case | before ms | after ms | after vs before |');
  console.log('|---|--:|--:|--:|');
  for (const [name, make] of cases) {
    if (only !== undefined && !name.includes(only)) continue;
    const [b, a] = await measureInterleaved([{ run: make(before) }, { run: make(after) }], options);
    console.log(
      `| ${name} | ${fmtMs(b!.cpuMs)} | ${fmtMs(a!.cpuMs)} | ${(b!.cpuMs / a!.cpuMs).toFixed(2)}x |`,
    );
  }
}
