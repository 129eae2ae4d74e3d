import { BLOCK, E, M, MAX_ROWS, O, S, SUM_CHUNK, TAB, X, Y } from './layout';
import type { WasmRuntime } from './runtime';

/** Kernels that {@link stream} runs on each block (a number, not a closure: no allocation per call). */
const VV = 0;
const VS = 1;
const RELU = 2;
const POSITIVE = 3;
const SIGMOID = 4;
const RELU_BWD = 5;
const SIGMOID_BWD = 6;
const EXP = 7;

/**
 * Streams `n` elements of `x` (from `xo`), and of `y` (from `yo`) when given, through kernel memory block by block:
 * each block is copied to X (and Y), the kernel `kind` runs on its `m` elements and writes O (`op`, `s` and `flag`
 * are its arguments where it takes them), and O is copied to `out` (from `oo`).
 */
function stream(
  rt: WasmRuntime,
  x: Float32Array,
  xo: number,
  y: Float32Array | null,
  yo: number,
  out: Float32Array,
  oo: number,
  n: number,
  kind: number,
  op: number,
  s: number,
  flag: number,
): void {
  const { f32, k } = rt;
  for (let i = 0; i < n; i += BLOCK) {
    const m = Math.min(BLOCK, n - i);
    f32.set(x.subarray(xo + i, xo + i + m), X >> 2);
    if (y !== null) f32.set(y.subarray(yo + i, yo + i + m), Y >> 2);
    switch (kind) {
      case VV:
        k.vv(op, X, Y, O, m);
        break;
      case VS:
        k.vs(op, X, s, O, m, flag);
        break;
      case RELU:
        k.relu(X, O, m);
        break;
      case POSITIVE:
        k.positive(X, O, m);
        break;
      case SIGMOID:
        k.sigmoid(X, O, m);
        break;
      case RELU_BWD:
        k.reluBwd(X, Y, O, m);
        break;
      case SIGMOID_BWD:
        k.sigmoidBwd(X, Y, O, m);
        break;
      default:
        k.exp(X, O, m, s, TAB);
    }
    out.set(f32.subarray(O >> 2, (O >> 2) + m), oo + i);
  }
}

/** @internal `out[oo + i] = x[xo + i] (op) y[yo + i]` for i < n, float32, streamed block by block. */
export function wasmVV(
  rt: WasmRuntime,
  op: number,
  x: Float32Array,
  xo: number,
  y: Float32Array,
  yo: number,
  out: Float32Array,
  oo: number,
  n: number,
): void {
  stream(rt, x, xo, y, yo, out, oo, n, VV, op, 0, 0);
}

/** @internal `out[oo + i] = x[xo + i] (op) s`, or `s (op) x[xo + i]` when `flip`, for i < n, float32. */
export function wasmVS(
  rt: WasmRuntime,
  op: number,
  x: Float32Array,
  xo: number,
  s: number,
  out: Float32Array,
  oo: number,
  n: number,
  flip: boolean,
): void {
  stream(rt, x, xo, null, 0, out, oo, n, VS, op, s, flip ? 1 : 0);
}

/**
 * Streams `R` rows of `C` <= BLOCK contiguous elements of `x` through kernel memory, as many whole rows per block
 * as fit: each block (rows r .. r + rows - 1) is copied to X, the row kernel (`cols` null: `rows`, the broadcast row
 * already at Y) or the column kernel (that block's `cols` values copied to Y) writes O, and O is copied to `out`.
 */
function streamRows(
  rt: WasmRuntime,
  x: Float32Array,
  out: Float32Array,
  R: number,
  C: number,
  op: number,
  cols: Float32Array | null,
  flip: number,
): void {
  const { f32, k } = rt;
  const per = Math.floor(BLOCK / C);
  for (let r = 0; r < R; r += per) {
    const rows = Math.min(per, R - r);
    const m = rows * C;
    f32.set(x.subarray(r * C, r * C + m), X >> 2);
    if (cols === null) k.rows(op, X, Y, O, rows, C, flip);
    else {
      f32.set(cols.subarray(r, r + rows), Y >> 2);
      k.cols(op, X, Y, O, rows, C, flip);
    }
    out.set(f32.subarray(O >> 2, (O >> 2) + m), r * C);
  }
}

/**
 * @internal Row broadcast over `R` rows of `C` contiguous elements: `out[r, c] = x[r, c] (op) row[c]`, or
 * `row[c] (op) x[r, c]` when `flip`.
 */
export function wasmRows(
  rt: WasmRuntime,
  op: number,
  x: Float32Array,
  row: Float32Array,
  out: Float32Array,
  R: number,
  C: number,
  flip: boolean,
): void {
  if (C > BLOCK) {
    for (let r = 0; r < R; r++) {
      if (flip) wasmVV(rt, op, row, 0, x, r * C, out, r * C, C);
      else wasmVV(rt, op, x, r * C, row, 0, out, r * C, C);
    }
    return;
  }
  rt.f32.set(row.subarray(0, C), Y >> 2);
  streamRows(rt, x, out, R, C, op, null, flip ? 1 : 0);
}

/**
 * @internal Column broadcast over `R` rows of `C` contiguous elements: `out[r, c] = x[r, c] (op) s[r]`, or
 * `s[r] (op) x[r, c]` when `flip`.
 */
export function wasmCols(
  rt: WasmRuntime,
  op: number,
  x: Float32Array,
  s: Float32Array,
  out: Float32Array,
  R: number,
  C: number,
  flip: boolean,
): void {
  if (C > BLOCK) {
    for (let r = 0; r < R; r++) wasmVS(rt, op, x, r * C, s[r]!, out, r * C, C, flip);
    return;
  }
  streamRows(rt, x, out, R, C, op, s, flip ? 1 : 0);
}

/** @internal A one-input map of the kernel module (`relu`, `positive`, `sigmoid`) from `x` into `out` (same length). */
export function wasmUnary(
  rt: WasmRuntime,
  name: 'relu' | 'positive' | 'sigmoid',
  x: Float32Array,
  out: Float32Array,
): void {
  const kind = name === 'relu' ? RELU : name === 'positive' ? POSITIVE : SIGMOID;
  stream(rt, x, 0, null, 0, out, 0, out.length, kind, 0, 0, 0);
}

/**
 * @internal A fused backward map of the kernel module (`reluBwd`: `g * (x > 0 ? 1 : 0)`, `sigmoidBwd`:
 * `g * (y * (1 - y))`) from the gradient `g` and the saved tensor `s` into `out` (all of one length).
 */
export function wasmBackward(
  rt: WasmRuntime,
  name: 'reluBwd' | 'sigmoidBwd',
  g: Float32Array,
  s: Float32Array,
  out: Float32Array,
): void {
  stream(rt, g, 0, s, 0, out, 0, out.length, name === 'reluBwd' ? RELU_BWD : SIGMOID_BWD, 0, 0, 0);
}

/**
 * @internal Float64 sums of `outer` contiguous rows of `R` float32 values of `d` into `acc` (row o at `acc[o]`),
 * the same values as the JavaScript `sumLayout` (same partial sums, same chunks of 16384 for longer rows).
 */
export function wasmSumRows(
  rt: WasmRuntime,
  d: Float32Array,
  outer: number,
  R: number,
  acc: Float64Array,
): void {
  const { k, f32, f64 } = rt;
  const O64 = O >> 3;
  if (R === 0) return;
  if (R > SUM_CHUNK) {
    for (let o = 0; o < outer; o++) {
      let s = 0;
      for (let r = 0; r < R; r += SUM_CHUNK) {
        const m = Math.min(SUM_CHUNK, R - r);
        f32.set(d.subarray(o * R + r, o * R + r + m), X >> 2);
        k.sumRows(X, O, 1, m);
        s += f64[O64]!;
      }
      acc[o] = s;
    }
    return;
  }
  // Whole rows per call: at most SUM_CHUNK inputs (below O) and 4096 float64 results (32 KB from O).
  const per = Math.min(Math.floor(SUM_CHUNK / R), 4096);
  for (let o = 0; o < outer; o += per) {
    const rows = Math.min(per, outer - o);
    f32.set(d.subarray(o * R, (o + rows) * R), X >> 2);
    k.sumRows(X, O, rows, R);
    acc.set(f64.subarray(O64, O64 + rows), o);
  }
}

/** @internal `out[i] = e^(x[i] - shift)` (float32 results of the table-driven float64 exponential, as expF32). */
export function wasmExp(rt: WasmRuntime, x: Float32Array, out: Float32Array, shift: number): void {
  stream(rt, x, 0, null, 0, out, 0, out.length, EXP, 0, shift, 0);
}

/**
 * @internal Float64 column sums of `outer` stacked `[R, C]` float32 matrices of `d` (contiguous) into `acc`
 * (matrix o's column c at `acc[o * C + c]`), each column summed in row order, as the JavaScript `sumLayout` does
 * for a reduction over a leading axis. Columns are taken in chunks of up to a block, rows in blocks.
 */
export function wasmSumCols(
  rt: WasmRuntime,
  d: Float32Array,
  outer: number,
  R: number,
  C: number,
  acc: Float64Array,
): void {
  const { k, f32, f64 } = rt;
  const e0 = E >> 3;
  const x0 = X >> 2;
  for (let o = 0; o < outer; o++) {
    const base = o * R * C;
    for (let c0 = 0; c0 < C; c0 += BLOCK) {
      const cw = Math.min(BLOCK, C - c0);
      const per = Math.max(1, Math.floor(BLOCK / cw));
      f64.fill(0, e0, e0 + cw);
      for (let r0 = 0; r0 < R; r0 += per) {
        const rows = Math.min(per, R - r0);
        if (cw === C) f32.set(d.subarray(base + r0 * C, base + (r0 + rows) * C), x0);
        else {
          for (let r = 0; r < rows; r++) {
            const s = base + (r0 + r) * C + c0;
            f32.set(d.subarray(s, s + cw), x0 + r * cw);
          }
        }
        k.sumCols(X, E, rows, cw);
      }
      acc.set(f64.subarray(e0, e0 + cw), o * C + c0);
    }
  }
}

/**
 * @internal Maximum (`sign` 1) or minimum (`sign` -1) of `outer` contiguous float32 rows of `R` > 0 elements of `d`
 * and the index of its first occurrence, NaN winning (the first NaN) — the JavaScript `extremeLayout`'s results.
 * Rows longer than a block are scanned block by block, the block results merged in order by the same rule.
 */
export function wasmExtremeRows(
  rt: WasmRuntime,
  d: Float32Array,
  outer: number,
  R: number,
  sign: 1 | -1,
  values: Float64Array,
  index: Int32Array,
): void {
  const { k, f32 } = rt;
  const i32 = new Int32Array(f32.buffer);
  const min = sign > 0 ? 0 : 1;
  const m0 = M >> 2;
  const s0 = S >> 2;
  if (R > BLOCK) {
    for (let o = 0; o < outer; o++) {
      let best = Number.NaN;
      let at = -1;
      for (let r = 0; r < R; r += BLOCK) {
        const m = Math.min(BLOCK, R - r);
        f32.set(d.subarray(o * R + r, o * R + r + m), X >> 2);
        k.extremeRows(X, M, S, 1, m, min);
        const v = f32[m0]!;
        if (at < 0 || Number.isNaN(v) || (sign > 0 ? v > best : v < best)) {
          best = v;
          at = r + i32[s0]!;
        }
        if (Number.isNaN(best)) break;
      }
      values[o] = best;
      index[o] = at;
    }
    return;
  }
  const per = Math.min(Math.floor(BLOCK / R), MAX_ROWS);
  for (let o = 0; o < outer; o += per) {
    const rows = Math.min(per, outer - o);
    f32.set(d.subarray(o * R, (o + rows) * R), X >> 2);
    k.extremeRows(X, M, S, rows, R, min);
    for (let r = 0; r < rows; r++) {
      values[o + r] = f32[m0 + r]!;
      index[o + r] = i32[s0 + r]!;
    }
  }
}
