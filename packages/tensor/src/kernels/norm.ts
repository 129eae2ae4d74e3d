import type { TensorArray } from '../dtype';
import { SCRATCH, scratchF64 } from '../memory/_scratch';
import {
  type NormShape,
  normBlocks,
  normRuntime,
  singleBlock,
  wasmNormBackward,
  wasmNormForward,
  wasmNormMoments,
} from '../wasm/norm';

// The fused batch / layer normalization kernels (src/ops/_normalize.ts builds the op around them). Data are
// `outer` blocks of `G` segments of `inner` values (segment (o, g) at `(o * G + g) * inner`, group g); every sum
// over a segment is a four-way float64 sum (element i to partial sum i mod 4, the last inner mod 4 added to the
// first, then (p0 + p1) + (p2 + p3)) and the per-group totals add the segments in order, so that the WebAssembly
// kernels (scripts/build-wasm.mjs, float32 data) give the same values bit for bit. Elementwise results are computed
// in float64 and rounded once.

/** Float32 data that the WebAssembly kernels take, or null. */
function wasmForNorm(d: TensorArray, s: NormShape) {
  return d instanceof Float32Array ? normRuntime(d.length, s) : null;
}

/** Four-way sum of d[base .. base + n). */
function sum4(d: TensorArray, base: number, n: number): number {
  let p0 = 0;
  let p1 = 0;
  let p2 = 0;
  let p3 = 0;
  let i = base;
  const end = base + n;
  for (; i + 3 < end; i += 4) {
    p0 += d[i]!;
    p1 += d[i + 1]!;
    p2 += d[i + 2]!;
    p3 += d[i + 3]!;
  }
  for (; i < end; i++) p0 += d[i]!;
  return p0 + p1 + (p2 + p3);
}

/** Four-way sum of (d[i] - m)^2 over d[base .. base + n). */
function sqDev4(d: TensorArray, base: number, n: number, m: number): number {
  let p0 = 0;
  let p1 = 0;
  let p2 = 0;
  let p3 = 0;
  let i = base;
  const end = base + n;
  for (; i + 3 < end; i += 4) {
    const c0 = d[i]! - m;
    const c1 = d[i + 1]! - m;
    const c2 = d[i + 2]! - m;
    const c3 = d[i + 3]! - m;
    p0 += c0 * c0;
    p1 += c1 * c1;
    p2 += c2 * c2;
    p3 += c3 * c3;
  }
  for (; i < end; i++) {
    const c = d[i]! - m;
    p0 += c * c;
  }
  return p0 + p1 + (p2 + p3);
}

/**
 * @internal The forward pass: per group g the mean `mu[g]` and inverse standard deviation `inv[g]` (from `given`
 * statistics, or from the batch: biased variance, its mean and variance written to `stats`), and `out = (x -
 * mu) * inv * w + b` (w = 1, b = 0 when absent; per group or per position as `s.perGroup`).
 */
export function normForwardKernel(
  d: TensorArray,
  out: TensorArray,
  s: NormShape,
  w: TensorArray | undefined,
  b: TensorArray | undefined,
  eps: number,
  given: { mean: ArrayLike<number>; variance: ArrayLike<number> } | null,
  stats: { mean: Float64Array; variance: Float64Array } | null,
  mu: Float64Array,
  inv: Float64Array,
): void {
  const { outer, G, inner, perGroup } = s;
  const count = outer * inner;
  const rt = wasmForNorm(d, s);
  const fwd =
    rt === null
      ? null
      : wasmNormForward(
          rt,
          d as Float32Array,
          out as Float32Array,
          s,
          mu,
          inv,
          w as Float32Array | undefined,
          b as Float32Array | undefined,
        );
  if (given !== null) {
    for (let g = 0; g < G; g++) {
      mu[g] = given.mean[g]!;
      inv[g] = 1 / Math.sqrt(given.variance[g]! + eps);
    }
  } else {
    const v = scratchF64(SCRATCH.normVariance, G);
    const finish = (g0: number, n: number) => {
      for (let g = g0; g < g0 + n; g++) {
        v[g] = v[g]! / count;
        inv[g] = 1 / Math.sqrt(v[g]! + eps);
      }
    };
    if (rt !== null) {
      // layer norm (one segment per group): the output is written in the same sweep as the statistics
      const sweep = outer === 1 && inner > 1 ? (r0: number, rows: number) => fwd!(r0, rows, true) : null;
      wasmNormMoments(rt, d as Float32Array, s, mu, v, finish, sweep);
      if (stats !== null) {
        stats.mean.set(mu);
        stats.variance.set(v);
      }
      if (sweep !== null) return;
    } else {
      for (let o = 0; o < outer; o++) {
        for (let g = 0; g < G; g++) mu[g]! += sum4(d, (o * G + g) * inner, inner);
      }
      for (let g = 0; g < G; g++) mu[g] = mu[g]! / count;
      for (let o = 0; o < outer; o++) {
        for (let g = 0; g < G; g++) v[g]! += sqDev4(d, (o * G + g) * inner, inner, mu[g]!);
      }
      finish(0, G);
      if (stats !== null) {
        stats.mean.set(mu);
        stats.variance.set(v);
      }
    }
  }
  if (fwd !== null) {
    // batch statistics of one block: x is still in kernel memory
    const loaded = given === null && singleBlock(s);
    normBlocks(s, (r0, rows) => fwd(r0, rows, loaded));
    return;
  }
  for (let o = 0; o < outer; o++) {
    for (let g = 0; g < G; g++) {
      const base = (o * G + g) * inner;
      const m = mu[g]!;
      const sc = inv[g]!;
      if (perGroup) {
        const wg = w === undefined ? 1 : w[g]!;
        const bg = b === undefined ? 0 : b[g]!;
        for (let i = 0; i < inner; i++) out[base + i] = (d[base + i]! - m) * sc * wg + bg;
      } else if (w !== undefined && b !== undefined) {
        for (let i = 0; i < inner; i++) out[base + i] = (d[base + i]! - m) * sc * w[i]! + b[i]!;
      } else {
        for (let i = 0; i < inner; i++) {
          const wi = w === undefined ? 1 : w[i]!;
          const bi = b === undefined ? 0 : b[i]!;
          out[base + i] = (d[base + i]! - m) * sc * wi + bi;
        }
      }
    }
  }
}

/**
 * @internal The backward pass. With xhat = (x - mu) * inv and gy = g * w: the gradient sums `dw` (of g * xhat) and
 * `db` (of g), per group or per position; with batch statistics (`batchStats`) the input gradient
 * `gx = inv * ((gy - mean gy) - xhat * mean(gy * xhat))` (means over the group), else `gx = gy * inv`.
 */
export function normBackwardKernel(
  d: TensorArray,
  gd: TensorArray,
  gx: TensorArray,
  s: NormShape,
  w: TensorArray | undefined,
  mu: Float64Array,
  inv: Float64Array,
  batchStats: boolean,
  dw: Float64Array,
  db: Float64Array,
): void {
  const { outer, G, inner, perGroup } = s;
  const count = outer * inner;
  const sg = scratchF64(SCRATCH.normSumGrad, G);
  const sgx = scratchF64(SCRATCH.normSumGradXhat, G);
  const rt = wasmForNorm(d, s);
  if (rt !== null && gd instanceof Float32Array) {
    wasmNormBackward(
      rt,
      d as Float32Array,
      gd,
      s,
      mu,
      inv,
      w as Float32Array | undefined,
      sg,
      sgx,
      dw,
      db,
      batchStats ? (gx as Float32Array) : null,
    );
    if (batchStats) return;
  } else {
    for (let o = 0; o < outer; o++) {
      for (let g = 0; g < G; g++) {
        const base = (o * G + g) * inner;
        const m = mu[g]!;
        const sc = inv[g]!;
        const wg = w === undefined ? 1 : perGroup ? w[g]! : 1;
        let a0 = 0;
        let a1 = 0;
        let a2 = 0;
        let a3 = 0;
        let c0 = 0;
        let c1 = 0;
        let c2 = 0;
        let c3 = 0;
        let w0 = 0;
        let w1 = 0;
        let w2 = 0;
        let w3 = 0;
        let b0 = 0;
        let b1 = 0;
        let b2 = 0;
        let b3 = 0;
        let i = 0;
        // one element of the segment into partial sums (a, c, w, b) q
        for (; i + 3 < inner; i += 4) {
          const j = base + i;
          const g0 = gd[j]!;
          const g1 = gd[j + 1]!;
          const g2 = gd[j + 2]!;
          const g3 = gd[j + 3]!;
          const x0 = (d[j]! - m) * sc;
          const x1 = (d[j + 1]! - m) * sc;
          const x2 = (d[j + 2]! - m) * sc;
          const x3 = (d[j + 3]! - m) * sc;
          const y0 = g0 * (perGroup || w === undefined ? wg : w[i]!);
          const y1 = g1 * (perGroup || w === undefined ? wg : w[i + 1]!);
          const y2 = g2 * (perGroup || w === undefined ? wg : w[i + 2]!);
          const y3 = g3 * (perGroup || w === undefined ? wg : w[i + 3]!);
          a0 += y0;
          a1 += y1;
          a2 += y2;
          a3 += y3;
          c0 += y0 * x0;
          c1 += y1 * x1;
          c2 += y2 * x2;
          c3 += y3 * x3;
          if (perGroup) {
            w0 += g0 * x0;
            w1 += g1 * x1;
            w2 += g2 * x2;
            w3 += g3 * x3;
            b0 += g0;
            b1 += g1;
            b2 += g2;
            b3 += g3;
          } else {
            dw[i]! += g0 * x0;
            dw[i + 1]! += g1 * x1;
            dw[i + 2]! += g2 * x2;
            dw[i + 3]! += g3 * x3;
            db[i]! += g0;
            db[i + 1]! += g1;
            db[i + 2]! += g2;
            db[i + 3]! += g3;
          }
        }
        for (; i < inner; i++) {
          const gv = gd[base + i]!;
          const xh = (d[base + i]! - m) * sc;
          const gy = gv * (perGroup || w === undefined ? wg : w[i]!);
          a0 += gy;
          c0 += gy * xh;
          if (perGroup) {
            w0 += gv * xh;
            b0 += gv;
          } else {
            dw[i]! += gv * xh;
            db[i]! += gv;
          }
        }
        sg[g]! += a0 + a1 + (a2 + a3);
        sgx[g]! += c0 + c1 + (c2 + c3);
        if (perGroup) {
          dw[g]! += w0 + w1 + (w2 + w3);
          db[g]! += b0 + b1 + (b2 + b3);
        }
      }
    }
  }
  for (let o = 0; o < outer; o++) {
    for (let g = 0; g < G; g++) {
      const base = (o * G + g) * inner;
      const m = mu[g]!;
      const sc = inv[g]!;
      const ma = sg[g]! / count;
      const mc = sgx[g]! / count;
      const wg = w === undefined ? 1 : perGroup ? w[g]! : 1;
      for (let i = 0; i < inner; i++) {
        const gy = gd[base + i]! * (perGroup || w === undefined ? wg : w[i]!);
        gx[base + i] = batchStats ? sc * (gy - ma - (d[base + i]! - m) * sc * mc) : gy * sc;
      }
    }
  }
}
