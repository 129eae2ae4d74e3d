/**
 * @internal Zeroed per-call temporaries, reused by the next call: the small per-row or per-channel arrays that an
 * op fills and reads before it returns (never kept by a result, a backward closure or a caller). A typed array of
 * more than 64 bytes lives outside V8's heap, where making one costs about 0.4 µs and its sweep more; a training
 * step of the digits job made about 30 of them. One array per role (`slot`) and length: two roles in use at once
 * never share an array, and an op may not call another op between filling an array and reading it back.
 */
const f64: Map<number, Float64Array>[] = [];
const f32: Map<number, Float32Array>[] = [];

/** @internal The roles of {@link scratchF64} / {@link scratchF32} (one list: no two roles share a number). */
export const SCRATCH = {
  normVariance: 0,
  normStatsMean: 1,
  normStatsVariance: 2,
  normSumGrad: 3,
  normSumGradXhat: 4,
  normWeightGrad: 5,
  normBiasGrad: 6,
  ceRowLoss: 7,
  ceMax: 8,
  ceLogSum: 9,
  ceScale: 10,
  ceShift: 11,
} as const;

function take<A extends Float64Array | Float32Array>(
  lists: Map<number, A>[],
  slot: number,
  n: number,
  make: (n: number) => A,
): A {
  let bySize = lists[slot];
  if (bySize === undefined) lists[slot] = bySize = new Map();
  let a = bySize.get(n);
  if (a === undefined) {
    if (bySize.size >= 8) bySize.clear(); // a few sizes per model: keep it small
    a = make(n);
    bySize.set(n, a);
  } else a.fill(0);
  return a;
}

/** @internal A zeroed float64 array of `n` values for the role `slot` (see the module comment). */
export function scratchF64(slot: number, n: number): Float64Array {
  return take(f64, slot, n, (k) => new Float64Array(k));
}

/** @internal A zeroed float32 array of `n` values for the role `slot` (see the module comment). */
export function scratchF32(slot: number, n: number): Float32Array {
  return take(f32, slot, n, (k) => new Float32Array(k));
}
