import { BLOCK, MAX_ROWS, SKEW } from './layout';
import { NORM_KERNELS_WASM } from './normKernelsWasm';
import { kernelModule, type ModuleRuntime, wasmFor, wasmForCompute } from './runtime';

/** A forward kernel: `(x, y, R, L, m, s, w, b)` — input, output, rows, row length, statistics, weight, bias. */
type NormFwd = (
  x: number,
  y: number,
  R: number,
  L: number,
  m: number,
  s: number,
  w: number,
  b: number,
) => void;
/** A backward kernel: `(x, g, R, L, m, s, w, a, c, dw, db)` — with the gradient, per-row factors and sums. */
type NormBwd = (
  x: number,
  g: number,
  R: number,
  L: number,
  m: number,
  s: number,
  w: number,
  a: number,
  c: number,
  dw: number,
  db: number,
) => void;
/** A gradient kernel: `(x, g, o, R, L, m, s, w, ma, mc)`. */
type NormGrad = (
  x: number,
  g: number,
  o: number,
  R: number,
  L: number,
  m: number,
  s: number,
  w: number,
  ma: number,
  mc: number,
) => void;

/** @internal The exports of the normalization kernel module (scripts/build-wasm.mjs). Pointers are byte offsets. */
interface NormExports {
  memory: { readonly buffer: ArrayBuffer };
  normSums(x: number, R: number, L: number, o: number): void;
  normSqDev(x: number, R: number, L: number, m: number, o: number): void;
  normFwdCols: NormFwd;
  normFwdRows: NormFwd;
  normBwdCols: NormBwd;
  normBwdRows: NormBwd;
  normGradCols: NormGrad;
  normGradRows: NormGrad;
  clSums(x: number, R: number, L: number, acc: number): void;
  clSqDev(x: number, R: number, L: number, m: number, acc: number): void;
  clFwd: NormFwd;
  clBwd: NormBwd;
  clGrad: NormGrad;
}

/** @internal The instantiated normalization kernels and float32 / float64 views of their memory. */
export type NormRuntime = ModuleRuntime<NormExports>;

const normModule = /* @__PURE__ */ kernelModule<NormExports>(NORM_KERNELS_WASM);

// The module's memory (26 pages, never grown; byte offsets): three float32 blocks X, Y, O (O 2 KB past a page: see
// SKEW in layout.ts), float64 per-row arrays of MAX_ROWS values, then the per-column (or per-row) weights, biases
// and their gradient sums.
const X = 0;
const Y = BLOCK * 4;
const O = BLOCK * 8 + SKEW;
const ROWS = MAX_ROWS * 8;
const PM = BLOCK * 12 + 4096;
const PS = PM + ROWS;
const PA = PS + ROWS;
const PC = PA + ROWS;
const PMA = PC + ROWS;
const PMC = PMA + ROWS;
const COLS = BLOCK * 8;
const PW = PMC + ROWS;
const PB = PW + COLS;
const PDW = PB + COLS;
const PDB = PDW + COLS;
/** Bytes of kernel memory: the layout rounded up to whole pages of 64 KiB (26). */
export const NORM_MEMORY = Math.ceil((PDB + COLS) / 65536) * 65536;

/**
 * @internal The shape of one normalization over contiguous data, as src/ops/_normalize.ts describes it: `outer`
 * blocks of `G` segments of `inner` values; segment (o, g) starts at `(o * G + g) * inner` and belongs to group g.
 * `perGroup`: weight and bias have one value per group (batch norm), else one per position in a segment (layer
 * norm).
 */
export interface NormShape {
  outer: number;
  G: number;
  inner: number;
  perGroup: boolean;
}

/**
 * @internal The normalization kernels for float32 work of `n` elements in segments of `s.inner` values, or null:
 * when the WebAssembly kernels are off or unavailable, below their size threshold (src/wasm/runtime.ts), or for
 * segments that do not fit a block or are shorter than four (they gain nothing from four lanes), except batch
 * norm on `[N, C]` (segments of one value: see {@link channelsLast}), which runs here from 64 elements
 * ({@link wasmForCompute}): the JavaScript kernel walks `[N, C]` one one-value segment at a time, so a small batch
 * cost more there than a large one here (forward + backward on `[29, 64]`: 141 us in JavaScript, 40 us here).
 * Instantiated on first use.
 */
export function normRuntime(n: number, s: NormShape): NormRuntime | null {
  if (channelsLast(s)) return wasmForCompute(n) === null ? null : normModule();
  if (!(s.inner >= 4 && s.inner <= BLOCK) || wasmFor(n) === null) return null;
  return normModule();
}

/**
 * @internal Batch norm on `[N, C]` (segments of one value, 4 to MAX_ROWS channels) runs the channels-last kernels:
 * each row of C values four channels at a time, every per-channel sum accumulated row after row.
 */
/**
 * @internal Whether a channels-last normalization fits one block of kernel memory: its data, loaded once, stay in
 * the block between the statistics, the forward output and the two backward sweeps.
 */
export function singleBlock(s: NormShape): boolean {
  return channelsLast(s) && s.outer * s.G <= BLOCK;
}

export function channelsLast(s: NormShape): boolean {
  return s.inner === 1 && s.perGroup && s.G >= 4 && s.G <= MAX_ROWS;
}

/**
 * Calls `f(r0, rows)` for the blocks of whole segments (at most MAX_ROWS of them; channels-last: whole rows of G)
 * of the `outer * G` segments.
 */
function blocks(s: NormShape, f: (r0: number, rows: number) => void): void {
  const per = channelsLast(s)
    ? Math.floor(BLOCK / s.G) * s.G
    : Math.min(Math.floor(BLOCK / s.inner), MAX_ROWS);
  const total = s.outer * s.G;
  for (let r0 = 0; r0 < total; r0 += per) f(r0, Math.min(per, total - r0));
}

/** Sets the per-row float64 array at byte offset `at` to `v[group of row]` for rows r0 .. r0 + rows - 1. */
function perRow(
  rt: NormRuntime,
  at: number,
  v: ArrayLike<number>,
  G: number,
  r0: number,
  rows: number,
): void {
  const f64 = rt.f64;
  const p = at >> 3;
  let g = r0 % G;
  for (let r = 0; r < rows; r++) {
    f64[p + r] = v[g]!;
    if (++g === G) g = 0;
  }
}

/** Weights / biases of the per-column kernels: float32 values, or 1 / 0 when absent. */
function cols(
  rt: NormRuntime,
  w: Float32Array | undefined,
  b: Float32Array | undefined,
  inner: number,
): void {
  const f32 = rt.f32;
  if (w === undefined) f32.fill(1, PW >> 2, (PW >> 2) + inner);
  else f32.set(w, PW >> 2);
  if (b === undefined) f32.fill(0, PB >> 2, (PB >> 2) + inner);
  else f32.set(b, PB >> 2);
}

/** Ones or the per-group values, per row, at byte offset `at`. */
function perRowOr(
  rt: NormRuntime,
  at: number,
  v: Float32Array | undefined,
  fill: number,
  s: NormShape,
  r0: number,
  rows: number,
): void {
  if (v === undefined) rt.f64.fill(fill, at >> 3, (at >> 3) + rows);
  else perRow(rt, at, v, s.G, r0, rows);
}

/**
 * @internal Batch statistics of float32 data, as the JavaScript kernel (src/kernels/norm.ts) computes them: `mu[g]`
 * and `v[g]` accumulate each segment's four-way sum in segment order, then are divided by the count. When
 * `outer` is 1 (layer norm) the normalized output is written in the same sweep (`fwd` then runs it).
 */
export function wasmNormMoments(
  rt: NormRuntime,
  d: Float32Array,
  s: NormShape,
  mu: Float64Array,
  v: Float64Array,
  done: (r0: number, rows: number) => void,
  fwd: ((r0: number, rows: number) => void) | null,
): void {
  const { inner, G } = s;
  const count = s.outer * inner;
  const { k } = rt;
  if (channelsLast(s)) {
    const f64 = rt.f64;
    const load = (r0: number, n: number) => rt.f32.set(d.subarray(r0, r0 + n), X >> 2);
    f64.fill(0, PA >> 3, (PA >> 3) + G);
    const one = singleBlock(s);
    blocks(s, (r0, n) => {
      load(r0, n);
      k.clSums(X, n / G, G, PA);
    });
    for (let g = 0; g < G; g++) {
      mu[g]! += f64[(PA >> 3) + g]!;
      mu[g] = mu[g]! / count;
    }
    f64.set(mu, PM >> 3);
    f64.fill(0, PA >> 3, (PA >> 3) + G);
    blocks(s, (r0, n) => {
      if (!one) load(r0, n); // one block: still in kernel memory
      k.clSqDev(X, n / G, G, PM, PA);
    });
    for (let g = 0; g < G; g++) v[g]! += f64[(PA >> 3) + g]!;
    done(0, G);
    return;
  }
  const sums = (r0: number, rows: number) => {
    rt.f32.set(d.subarray(r0 * inner, (r0 + rows) * inner), X >> 2);
    k.normSums(X, rows, inner, PA);
  };
  if (s.outer === 1) {
    blocks(s, (r0, rows) => {
      sums(r0, rows);
      const f64 = rt.f64;
      for (let r = 0; r < rows; r++) {
        const g = r0 + r;
        mu[g]! += f64[(PA >> 3) + r]!;
        mu[g] = mu[g]! / count;
        f64[(PM >> 3) + r] = mu[g]!;
      }
      k.normSqDev(X, rows, inner, PM, PA);
      for (let r = 0; r < rows; r++) v[r0 + r]! += f64[(PA >> 3) + r]!;
      done(r0, rows);
      fwd?.(r0, rows);
    });
    return;
  }
  blocks(s, (r0, rows) => {
    sums(r0, rows);
    const f64 = rt.f64;
    let g = r0 % G;
    for (let r = 0; r < rows; r++) {
      mu[g]! += f64[(PA >> 3) + r]!;
      if (++g === G) g = 0;
    }
  });
  for (let g = 0; g < G; g++) mu[g] = mu[g]! / count;
  blocks(s, (r0, rows) => {
    rt.f32.set(d.subarray(r0 * inner, (r0 + rows) * inner), X >> 2);
    perRow(rt, PM, mu, G, r0, rows);
    k.normSqDev(X, rows, inner, PM, PA);
    const f64 = rt.f64;
    let g = r0 % G;
    for (let r = 0; r < rows; r++) {
      v[g]! += f64[(PA >> 3) + r]!;
      if (++g === G) g = 0;
    }
  });
  done(0, G);
}

/**
 * @internal The normalized, scaled and shifted output `(x - mu) * inv * w + b` of rows r0 .. r0 + rows - 1 (all
 * rows when called with none): float64 arithmetic, rounded once. With `loaded`, the rows are already in X (the
 * sweep of {@link wasmNormMoments}).
 */
export function wasmNormForward(
  rt: NormRuntime,
  d: Float32Array,
  out: Float32Array,
  s: NormShape,
  mu: Float64Array,
  inv: Float64Array,
  w: Float32Array | undefined,
  b: Float32Array | undefined,
): (r0: number, rows: number, loaded: boolean) => void {
  const { inner, G } = s;
  const { k } = rt;
  if (channelsLast(s)) {
    perRowOr(rt, PW, w, 1, s, 0, G);
    perRowOr(rt, PB, b, 0, s, 0, G);
    return (r0, n, loaded) => {
      if (!loaded) rt.f32.set(d.subarray(r0, r0 + n), X >> 2);
      rt.f64.set(mu, PM >> 3);
      rt.f64.set(inv, PS >> 3);
      k.clFwd(X, O, n / G, G, PM, PS, PW, PB);
      out.set(rt.f32.subarray(O >> 2, (O >> 2) + n), r0);
    };
  }
  if (!s.perGroup) cols(rt, w, b, inner);
  return (r0, rows, loaded) => {
    if (!loaded) rt.f32.set(d.subarray(r0 * inner, (r0 + rows) * inner), X >> 2);
    perRow(rt, PM, mu, G, r0, rows);
    perRow(rt, PS, inv, G, r0, rows);
    if (s.perGroup) {
      perRowOr(rt, PW, w, 1, s, r0, rows);
      perRowOr(rt, PB, b, 0, s, r0, rows);
      k.normFwdRows(X, O, rows, inner, PM, PS, PW, PB);
    } else k.normFwdCols(X, O, rows, inner, PM, PS, PW, PB);
    out.set(rt.f32.subarray(O >> 2, (O >> 2) + rows * inner), r0 * inner);
  };
}

/** @internal Runs `f(r0, rows)` over the blocks of segments of `s` (see {@link wasmNormForward}). */
export function normBlocks(s: NormShape, f: (r0: number, rows: number) => void): void {
  blocks(s, f);
}

/**
 * @internal The fused backward of float32 data, as the JavaScript kernel computes it (src/kernels/norm.ts): per
 * segment the four-way sums of gy = g * w and of gy * xhat added to `sg[g]`, `sgx[g]` in segment order; the weight
 * and bias gradient sums into `dw`, `db` (per group: each segment's four-way sums in segment order; per column:
 * row after row); then, with batch statistics, the input gradient `inv * ((gy - sg / count) - xhat * sgx / count)`
 * into `gx`. Without batch statistics (`gx` null) only the sums are computed.
 */
export function wasmNormBackward(
  rt: NormRuntime,
  d: Float32Array,
  gd: Float32Array,
  s: NormShape,
  mu: Float64Array,
  inv: Float64Array,
  w: Float32Array | undefined,
  sg: Float64Array,
  sgx: Float64Array,
  dw: Float64Array,
  db: Float64Array,
  gx: Float32Array | null,
): void {
  const { inner, G, perGroup } = s;
  const count = s.outer * inner;
  const { k } = rt;
  const load = (r0: number, rows: number) => {
    const f32 = rt.f32;
    f32.set(d.subarray(r0 * inner, (r0 + rows) * inner), X >> 2);
    f32.set(gd.subarray(r0 * inner, (r0 + rows) * inner), Y >> 2);
    perRow(rt, PM, mu, G, r0, rows);
    perRow(rt, PS, inv, G, r0, rows);
  };
  const grad = (r0: number, rows: number) => {
    const f64 = rt.f64;
    let g = r0 % G;
    for (let r = 0; r < rows; r++) {
      f64[(PMA >> 3) + r] = sg[g]! / count;
      f64[(PMC >> 3) + r] = sgx[g]! / count;
      if (++g === G) g = 0;
    }
    if (perGroup) k.normGradRows(X, Y, O, rows, inner, PM, PS, PW, PMA, PMC);
    else k.normGradCols(X, Y, O, rows, inner, PM, PS, PW, PMA, PMC);
    gx!.set(rt.f32.subarray(O >> 2, (O >> 2) + rows * inner), r0 * inner);
  };
  if (channelsLast(s)) {
    const f64 = rt.f64;
    for (const at of [PA, PC, PDW, PDB]) f64.fill(0, at >> 3, (at >> 3) + G);
    f64.set(mu, PM >> 3);
    f64.set(inv, PS >> 3);
    perRowOr(rt, PW, w, 1, s, 0, G);
    const load2 = (r0: number, n: number) => {
      rt.f32.set(d.subarray(r0, r0 + n), X >> 2);
      rt.f32.set(gd.subarray(r0, r0 + n), Y >> 2);
    };
    blocks(s, (r0, n) => {
      load2(r0, n);
      k.clBwd(X, Y, n / G, G, PM, PS, PW, PA, PC, PDW, PDB);
    });
    for (let g = 0; g < G; g++) {
      sg[g]! += f64[(PA >> 3) + g]!;
      sgx[g]! += f64[(PC >> 3) + g]!;
      dw[g]! += f64[(PDW >> 3) + g]!;
      db[g]! += f64[(PDB >> 3) + g]!;
    }
    if (gx === null) return;
    for (let g = 0; g < G; g++) {
      f64[(PMA >> 3) + g] = sg[g]! / count;
      f64[(PMC >> 3) + g] = sgx[g]! / count;
    }
    const one = singleBlock(s);
    blocks(s, (r0, n) => {
      if (!one) load2(r0, n); // one block: still in kernel memory
      k.clGrad(X, Y, O, n / G, G, PM, PS, PW, PMA, PMC);
      gx.set(rt.f32.subarray(O >> 2, (O >> 2) + n), r0);
    });
    return;
  }
  if (!perGroup) {
    cols(rt, w, undefined, inner);
    rt.f64.fill(0, PDW >> 3, (PDW >> 3) + inner);
    rt.f64.fill(0, PDB >> 3, (PDB >> 3) + inner);
  }
  blocks(s, (r0, rows) => {
    load(r0, rows);
    if (perGroup) {
      perRowOr(rt, PW, w, 1, s, r0, rows);
      k.normBwdRows(X, Y, rows, inner, PM, PS, PW, PA, PC, PDW, PDB);
    } else k.normBwdCols(X, Y, rows, inner, PM, PS, PW, PA, PC, PDW, PDB);
    const f64 = rt.f64;
    let g = r0 % G;
    for (let r = 0; r < rows; r++) {
      sg[g]! += f64[(PA >> 3) + r]!;
      sgx[g]! += f64[(PC >> 3) + r]!;
      if (perGroup) {
        dw[g]! += f64[(PDW >> 3) + r]!;
        db[g]! += f64[(PDB >> 3) + r]!;
      }
      if (++g === G) g = 0;
    }
    // one segment per group (layer norm): its statistics are complete, the gradient follows in the same sweep
    if (gx !== null && s.outer === 1) grad(r0, rows);
  });
  if (!perGroup) {
    dw.set(rt.f64.subarray(PDW >> 3, (PDW >> 3) + inner));
    db.set(rt.f64.subarray(PDB >> 3, (PDB >> 3) + inner));
  }
  if (gx === null || s.outer === 1) return;
  blocks(s, (r0, rows) => {
    load(r0, rows);
    if (perGroup) perRowOr(rt, PW, w, 1, s, r0, rows);
    grad(r0, rows);
  });
}
