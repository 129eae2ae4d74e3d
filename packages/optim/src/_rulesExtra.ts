// Update rules beyond PyTorch 1.13, as fused per-leaf loops (see _rules.ts for the contract). Each follows its
// paper's equations; scripts/reference.py holds the float64 references the tests compare with.

import { BIAS, biasCorrections, checkPositive, checkUnit, hyperAt, roundFor } from './_math';
import {
  checkFlags,
  checkLrWd,
  checkMoments,
  h,
  lrAt,
  type MomentsH,
  momentsAt,
  nn,
  type Opt,
  out,
  type Rule,
  wasmStep,
  wdAt,
} from './_rules';
import type { FloatArray } from './types';
import { BEYOND_KERNELS } from './wasm/beyond';
import { ARGS64, READ_ONLY } from './wasm/stream';

const shapeText = (s: readonly number[]) => `[${s.join(', ')}]`;

// The float32 steps of lion, lamb, lars and schedule-free run in WebAssembly (src/wasm/beyond.ts): the same
// float64 operations in the same order (the scalars written into ARGS64 first), so their results are these loops'
// bit for bit. Passes over memory per step: lion and schedule-free one; lamb and lars two (a pass that computes the
// norms, then the update, which needs them).

/**
 * The norms passes' two sums, each of its four lanes (ARGS64[16 … 19] and [20 … 23]) added in a fixed order, written
 * into {@link SUMS} (one reused record: a helper that returned a number would box it when left out of line, ~130 B
 * per step for lars' float64 loop).
 */
const SUMS = { a: 0, b: 0 };
const laneSums = (): void => {
  SUMS.a = ARGS64[16]! + ARGS64[17]! + (ARGS64[18]! + ARGS64[19]!);
  SUMS.b = ARGS64[20]! + ARGS64[21]! + (ARGS64[22]! + ARGS64[23]!);
};
/** Zeroes the norms passes' accumulators (ARGS64[16 … 23]) before a leaf. */
const clearSums = (): void => {
  for (let i = 16; i < 24; i++) ARGS64[i] = 0;
};

// ----------------------------------------------------------------------------------------------- lion
type LionH = MomentsH;
/** Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms", Algorithm 2. One pass. */
export const lionRule: Rule<Opt, LionH> = {
  name: 'lion',
  wasm: true,
  slots: () => ['expAvg'],
  check: (fn, o) => checkMoments(fn, o),
  constantResolve: true,
  resolve: momentsAt,
  kernel(k, x) {
    const { p, g, s } = x;
    const R = roundFor(p);
    const m = s[0]!;
    const b1 = k.beta1;
    const c1 = 1 - k.beta1;
    const b2 = k.beta2;
    const c2 = 1 - k.beta2;
    const lr = k.lr;
    const wd = k.weightDecay;
    ARGS64[0] = b1;
    ARGS64[1] = c1;
    ARGS64[2] = b2;
    ARGS64[3] = c2;
    ARGS64[4] = lr;
    ARGS64[5] = wd;
    if (wasmStep(x, BEYOND_KERNELS, 'lion', m, undefined, undefined, 0)) return;
    for (let i = 0; i < p.length; i++) {
      const pi = p[i]!;
      const gi = g[i]!;
      const mi = m[i]!;
      const c = b1 * mi + c1 * gi;
      m[i] = b2 * mi + c2 * gi;
      out(R, x, i, R(pi - lr * (Math.sign(c) + wd * pi)));
    }
  },
};

// ----------------------------------------------------------------------------------------------- lamb
type LambH = MomentsH;
/**
 * You et al. 2020, "Large Batch Optimization for Deep Learning: Training BERT in 76 minutes", Algorithm 2. Two
 * passes: the moments and the norms of the parameter and of the update, then the update scaled by their ratio.
 */
export const lambRule: Rule<Opt, LambH> = {
  name: 'lamb',
  wasm: true,
  slots: () => ['expAvg', 'expAvgSq'],
  check: (fn, o) => checkMoments(fn, o),
  constantResolve: true,
  resolve: momentsAt,
  kernel(k, x) {
    const { p, g, s, t } = x;
    const R = roundFor(p);
    const [m, v] = s as [FloatArray, FloatArray];
    const b1 = k.beta1;
    const c1 = 1 - k.beta1;
    const b2 = k.beta2;
    const c2 = 1 - k.beta2;
    biasCorrections(k, t);
    const bc1 = BIAS.bc1;
    const bc2 = BIAS.bc2;
    const eps = k.eps;
    const wd = k.weightDecay;
    ARGS64[0] = b1;
    ARGS64[1] = c1;
    ARGS64[2] = b2;
    ARGS64[3] = c2;
    ARGS64[4] = bc1;
    ARGS64[5] = bc2;
    ARGS64[6] = eps;
    ARGS64[7] = wd;
    clearSums();
    const wasm = wasmStep(x, BEYOND_KERNELS, 'lamb_moments', m, v, undefined, READ_ONLY);
    if (!wasm) {
      for (let i = 0; i < p.length; i++) {
        const pi = p[i]!;
        const gi = g[i]!;
        const mi = R(b1 * m[i]! + c1 * gi);
        const vi = R(b2 * v[i]! + c2 * gi * gi);
        m[i] = mi;
        v[i] = vi;
        const r = mi / bc1 / (Math.sqrt(vi / bc2) + eps) + wd * pi;
        const l = i & 3;
        ARGS64[16 + l] += pi * pi;
        ARGS64[20 + l] += r * r;
      }
    }
    laneSums();
    const pn = SUMS.a;
    const rn = SUMS.b;
    const ratio = pn > 0 && rn > 0 ? Math.sqrt(pn) / Math.sqrt(rn) : 1;
    const step = k.lr * ratio;
    ARGS64[8] = step;
    if (wasm && wasmStep(x, BEYOND_KERNELS, 'lamb_update', m, v, undefined, 0)) return;
    for (let i = 0; i < p.length; i++) {
      const pi = p[i]!;
      const r = m[i]! / bc1 / (Math.sqrt(v[i]! / bc2) + eps) + wd * pi;
      out(R, x, i, R(pi - step * r));
    }
  },
};

// ----------------------------------------------------------------------------------------------- lars
interface LarsH {
  lr: number;
  momentum: number;
  weightDecay: number;
  trustCoefficient: number;
  eps: number;
  nesterov: boolean;
}
/**
 * You, Gitman & Ginsburg 2017, "Large Batch Training of Convolutional Networks", Algorithm 1. Two passes: the
 * norms of the parameter and of the gradient, then the update with the layer's trust ratio.
 */
export const larsRule: Rule<Opt, LarsH> = {
  name: 'lars',
  wasm: true,
  slots: () => ['momentumBuffer'],
  check(fn, o) {
    checkLrWd(fn, o);
    hyperAt(fn, 'momentum', h(o, 'momentum'), 0, nn);
    nn(fn, 'trustCoefficient', o['trustCoefficient']);
    nn(fn, 'eps', o['eps']);
    checkFlags(fn, o, ['nesterov']);
    return o;
  },
  constantResolve: true,
  resolve(fn, o, c, into) {
    const r = into ?? ({} as LarsH);
    r.lr = lrAt(fn, o, c);
    r.weightDecay = wdAt(fn, o, c);
    r.momentum = hyperAt(fn, 'momentum', h(o, 'momentum'), c, nn);
    r.trustCoefficient = nn(fn, 'trustCoefficient', o['trustCoefficient']);
    r.eps = nn(fn, 'eps', o['eps']);
    r.nesterov = o['nesterov'] as boolean;
    return r;
  },
  kernel(k, x) {
    const { p, g, s } = x;
    const R = roundFor(p);
    const buf = s[0]!;
    clearSums();
    const wasm = wasmStep(x, BEYOND_KERNELS, 'norms', undefined, undefined, undefined, READ_ONLY);
    if (!wasm) {
      for (let i = 0; i < p.length; i++) {
        const pi = p[i]!;
        const gi = g[i]!;
        const l = i & 3;
        ARGS64[16 + l] += pi * pi;
        ARGS64[20 + l] += gi * gi;
      }
    }
    laneSums();
    const pn = Math.sqrt(SUMS.a);
    const gn = Math.sqrt(SUMS.b);
    const wd = k.weightDecay;
    const mom = k.momentum;
    const local = pn > 0 && gn > 0 ? (k.trustCoefficient * pn) / (gn + wd * pn + k.eps) : 1;
    const scale = k.lr * local;
    ARGS64[0] = wd;
    ARGS64[1] = mom;
    ARGS64[2] = scale;
    if (
      wasm &&
      wasmStep(x, BEYOND_KERNELS, k.nesterov ? 'lars_nesterov' : 'lars', buf, undefined, undefined, 0)
    )
      return;
    const nesterov = k.nesterov;
    for (let i = 0; i < p.length; i++) {
      const pi = p[i]!;
      const d = g[i]! + wd * pi;
      const b = R(mom * buf[i]! + scale * d);
      buf[i] = b;
      out(R, x, i, R(pi - (nesterov ? mom * b + scale * d : b)));
    }
  },
};

// -------------------------------------------------------------------------------------- schedule-free
interface SfH extends MomentsH {
  warmupSteps: number;
  adam: boolean;
}
const checkWarmup = (fn: string, v: unknown) => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw new RangeError(`${fn}: warmupSteps must be an integer >= 0, got ${String(v)}`);
  }
  return v;
};
/**
 * Defazio et al. 2024, "The Road Less Scheduled", Algorithm 1 (AdamW) and equations (1)-(3) (SGD): the parameter
 * holds $y_t$; the state holds $z_t$, $x_t$ (the evaluation point) and the sum of $\gamma_t^2$. One pass.
 */
function scheduleFreeRule(name: 'scheduleFreeAdamw' | 'scheduleFreeSgd'): Rule<Opt, SfH> {
  const adam = name === 'scheduleFreeAdamw';
  return {
    name,
    wasm: true,
    slots: () => (adam ? ['z', 'x', 'expAvgSq'] : ['z', 'x']),
    fill: (slot) => (slot === 'expAvgSq' ? 0 : 'param'),
    scalars: [['lrSquaredSum', 0]],
    check(fn, o) {
      if (adam) checkMoments(fn, o);
      else {
        checkLrWd(fn, o);
        hyperAt(fn, 'momentum', h(o, 'momentum'), 0, checkUnit);
      }
      checkWarmup(fn, o['warmupSteps']);
      return o;
    },
    constantResolve: true,
    resolve(fn, o, c, into) {
      let r: SfH;
      if (adam) r = momentsAt(fn, o, c, into);
      else {
        r = into ?? ({} as SfH);
        r.lr = lrAt(fn, o, c);
        r.weightDecay = wdAt(fn, o, c);
        r.beta1 = hyperAt(fn, 'momentum', h(o, 'momentum'), c, checkUnit);
        r.beta2 = 0;
        r.eps = 0;
      }
      r.warmupSteps = checkWarmup(fn, o['warmupSteps']);
      r.adam = adam;
      return r;
    },
    kernel(k, x) {
      const { p, g, s, t, sc } = x;
      const R = roundFor(p);
      const [z, xs, v] = s as [FloatArray, FloatArray, FloatArray | undefined];
      const warm = k.warmupSteps > 0 ? Math.min(1, t / k.warmupSteps) : 1;
      // BIAS, not biasCorrection's returned number: boxed when the engine leaves the call out of line (the float64
      // loop allocated 105-166 B per step in some processes)
      if (k.adam) biasCorrections(k, t);
      const gamma = k.lr * warm * (k.adam ? Math.sqrt(BIAS.bc2) : 1);
      const sum = sc[0]! + gamma * gamma;
      sc[0] = sum;
      const c = sum > 0 ? (gamma * gamma) / sum : 0;
      const b2 = k.beta2;
      const c2 = 1 - k.beta2;
      const eps = k.eps;
      const wd = k.weightDecay;
      const omc = 1 - c;
      const omb1 = 1 - k.beta1;
      const b1 = k.beta1;
      ARGS64[0] = b2;
      ARGS64[1] = c2;
      ARGS64[2] = eps;
      ARGS64[3] = gamma;
      ARGS64[4] = wd;
      ARGS64[5] = omc;
      ARGS64[6] = c;
      ARGS64[7] = omb1;
      ARGS64[8] = b1;
      if (wasmStep(x, BEYOND_KERNELS, v ? 'schedule_free_adamw' : 'schedule_free_sgd', z, xs, v, 0)) return;
      for (let i = 0; i < p.length; i++) {
        const y = p[i]!;
        let d = g[i]!;
        if (v) {
          const vi = R(b2 * v[i]! + c2 * d * d);
          v[i] = vi;
          d = d / (Math.sqrt(vi) + eps);
        }
        const zi = R(z[i]! - gamma * (d + wd * y));
        const xi = R(omc * xs[i]! + c * zi);
        z[i] = zi;
        xs[i] = xi;
        out(R, x, i, R(omb1 * zi + b1 * xi));
      }
    },
  };
}
// pure: bundlers drop them (and the kernels they reference) when schedule-free is not imported
export const scheduleFreeAdamwRule = /* @__PURE__ */ scheduleFreeRule('scheduleFreeAdamw');
export const scheduleFreeSgdRule = /* @__PURE__ */ scheduleFreeRule('scheduleFreeSgd');

// ----------------------------------------------------------------------------------------------- muon
interface MuonH {
  lr: number;
  momentum: number;
  weightDecay: number;
  nesterov: boolean;
  nsSteps: number;
  eps: number;
}
/** Newton–Schulz quintic coefficients of Jordan et al. 2024 (Muon). */
export const NS_COEFFICIENTS = [3.4445, -4.775, 2.0315] as const;

const POOL: Float64Array[] = [];
/**
 * Scratch array `k` of at least `n` elements, kept from step to step (grown when a larger one is asked for, never
 * shrunk; its elements are stale): the multi-pass rules (muon, adafactor) then allocate nothing per step.
 */
function pool(k: number, n: number): Float64Array {
  let a = POOL[k];
  if (a === undefined || a.length < n) {
    a = new Float64Array(n);
    POOL[k] = a;
  }
  return a;
}

/**
 * $X \leftarrow aX + (bA + cA^2)X$ with $A = XX^\top$, `k.nsSteps` times, on the row-major [rows, cols] matrix in
 * the first elements of `g` (normalized first, with `k.eps`), worked on as [r, c] with r <= c. The result is in the
 * first rows x cols elements of a scratch array (valid until the next call). The hyperparameters come as their
 * record: a number passed to this call, which the engine never inlines, would be boxed (64 B per step at 4 leaves).
 */
export function newtonSchulz(
  g: Float64Array,
  rows: number,
  cols: number,
  k: { readonly nsSteps: number; readonly eps: number },
): Float64Array {
  const steps = k.nsSteps;
  const eps = k.eps;
  const t = rows > cols;
  const r = t ? cols : rows;
  const c = t ? rows : cols;
  const X1 = pool(1, r * c);
  const X2 = pool(2, r * c);
  let X = X1;
  let norm = 0;
  for (let i = 0; i < rows * cols; i++) norm += g[i]! * g[i]!;
  const inv = 1 / (Math.sqrt(norm) + eps);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) X[t ? j * c + i : i * c + j] = g[i * cols + j]! * inv;
  }
  const a = NS_COEFFICIENTS[0];
  const b = NS_COEFFICIENTS[1];
  const cc = NS_COEFFICIENTS[2];
  const A = pool(3, r * r);
  const B = pool(4, r * r);
  for (let s = 0; s < steps; s++) {
    for (let i = 0; i < r; i++) {
      for (let j = 0; j < r; j++) {
        let acc = 0;
        for (let k = 0; k < c; k++) acc += X[i * c + k]! * X[j * c + k]!;
        A[i * r + j] = acc;
      }
    }
    for (let i = 0; i < r; i++) {
      for (let j = 0; j < r; j++) {
        let acc = 0;
        for (let k = 0; k < r; k++) acc += A[i * r + k]! * A[k * r + j]!;
        B[i * r + j] = b * A[i * r + j]! + cc * acc;
      }
    }
    const Y = X === X1 ? X2 : X1;
    for (let i = 0; i < r; i++) {
      for (let j = 0; j < c; j++) {
        let acc = 0;
        for (let k = 0; k < r; k++) acc += B[i * r + k]! * X[k * c + j]!;
        Y[i * c + j] = a * X[i * c + j]! + acc;
      }
    }
    X = Y;
  }
  if (!t) return X;
  const out64 = pool(5, rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out64[i * cols + j] = X[j * c + i]!;
  return out64;
}

/** Jordan et al. 2024, "Muon: An optimizer for hidden layers in neural networks" (PyTorch 2.9's torch.optim.Muon). */
export const muonRule: Rule<Opt, MuonH> = {
  name: 'muon',
  slots: () => ['momentumBuffer'],
  checkLeaf(fn, path, shape) {
    if (shape.length !== 2) {
      throw new TypeError(
        `${fn}: ${path} has shape ${shapeText(shape)}; muon updates 2-D weights only — route other parameters to another optimizer with multiTransform`,
      );
    }
  },
  check(fn, o) {
    checkLrWd(fn, o);
    hyperAt(fn, 'momentum', h(o, 'momentum'), 0, checkUnit);
    checkFlags(fn, o, ['nesterov']);
    const n = o['nsSteps'];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
      throw new RangeError(`${fn}: nsSteps must be an integer >= 1, got ${String(n)}`);
    }
    checkPositive(fn, 'eps', o['eps']);
    return o;
  },
  constantResolve: true,
  resolve(fn, o, c, into) {
    const r = into ?? ({} as MuonH);
    r.lr = lrAt(fn, o, c);
    r.weightDecay = wdAt(fn, o, c);
    r.momentum = hyperAt(fn, 'momentum', h(o, 'momentum'), c, checkUnit);
    r.nesterov = o['nesterov'] as boolean;
    r.nsSteps = o['nsSteps'] as number;
    r.eps = o['eps'] as number;
    return r;
  },
  kernel(k, x) {
    const { p, g, s, shape } = x;
    const R = roundFor(p);
    const buf = s[0]!;
    const rows = shape[0]!;
    const cols = shape[1]!;
    const u = pool(0, p.length);
    for (let i = 0; i < p.length; i++) {
      const b = R(k.momentum * buf[i]! + g[i]!);
      buf[i] = b;
      u[i] = k.nesterov ? g[i]! + k.momentum * b : b;
    }
    const o = newtonSchulz(u, rows, cols, k);
    const lr = k.lr * Math.sqrt(Math.max(1, rows / cols));
    const decay = 1 - k.lr * k.weightDecay;
    for (let i = 0; i < p.length; i++) out(R, x, i, R(p[i]! * decay - lr * o[i]!));
  },
};

// ------------------------------------------------------------------------------------------ adafactor
interface AdafactorH {
  lr: number;
  beta2Decay: number;
  eps1: number | null;
  eps2: number;
  d: number;
  weightDecay: number;
  maximize: boolean;
}
/**
 * Shazeer & Stern 2018, "Adafactor: Adaptive Learning Rates with Sublinear Memory Cost", Algorithm 4, in PyTorch
 * 2.5's formulation (torch.optim.Adafactor): factored second moments for 2-D parameters, relative step size,
 * update clipping; decoupled weight decay.
 */
export const adafactorRule: Rule<Opt, AdafactorH> = {
  name: 'adafactor',
  slots: () => ['rowVar', 'colVar', 'variance'],
  slotSize(slot, shape, size) {
    const matrix = shape.length === 2;
    if (slot === 'variance') return matrix ? 0 : size;
    if (!matrix) return 0;
    return slot === 'rowVar' ? shape[0]! : shape[1]!;
  },
  check(fn, o) {
    checkLrWd(fn, o);
    const b = o['beta2Decay'];
    if (typeof b !== 'number' || !(b <= 0) || !Number.isFinite(b)) {
      throw new RangeError(`${fn}: beta2Decay must be a finite number <= 0, got ${String(b)}`);
    }
    const e = o['eps'];
    if (
      !Array.isArray(e) ||
      e.length !== 2 ||
      !(e[0] === null || (typeof e[0] === 'number' && e[0] > 0)) ||
      !(typeof e[1] === 'number' && e[1] >= 0)
    ) {
      throw new TypeError(
        `${fn}: eps must be a pair [eps1 > 0 or null, eps2 >= 0], got ${JSON.stringify(e)}`,
      );
    }
    checkPositive(fn, 'd', o['d']);
    checkFlags(fn, o, ['maximize']);
    return o;
  },
  constantResolve: true,
  resolve(fn, o, c, into) {
    const r = into ?? ({} as AdafactorH);
    r.lr = lrAt(fn, o, c);
    r.weightDecay = wdAt(fn, o, c);
    r.beta2Decay = o['beta2Decay'] as number;
    r.eps1 = (o['eps'] as [number | null, number])[0];
    r.eps2 = (o['eps'] as [number | null, number])[1];
    r.d = o['d'] as number;
    r.maximize = o['maximize'] as boolean;
    return r;
  },
  kernel(k, x) {
    const { p, g: g0, s, t, shape } = x;
    const R = roundFor(p);
    const n = p.length;
    const eps1 = k.eps1 ?? (p instanceof Float32Array ? 2 ** -23 : 2 ** -52);
    let g: FloatArray = g0;
    if (k.maximize) {
      g = pool(0, n);
      for (let i = 0; i < n; i++) g[i] = -g0[i]!;
    }
    const decay = 1 - k.lr * k.weightDecay;
    const next = pool(1, n);
    let pn = 0;
    for (let i = 0; i < n; i++) {
      next[i] = p[i]! * decay;
      pn += next[i]! * next[i]!;
    }
    const beta2 = t ** k.beta2Decay;
    const rho = Math.min(k.lr, 1 / Math.sqrt(t));
    const alpha = Math.max(k.eps2, Math.sqrt(pn) / Math.sqrt(n)) * rho;
    const u = pool(2, n);
    const rowVar = s[0]!;
    const colVar = s[1]!;
    const variance = s[2]!;
    if (shape.length === 2) {
      const rows = shape[0]!;
      const cols = shape[1]!;
      for (let r = 0; r < rows; r++) {
        let acc = 0;
        for (let c = 0; c < cols; c++) acc += g[r * cols + c]! * g[r * cols + c]!;
        rowVar[r] = R(rowVar[r]! + (1 - beta2) * (acc / cols - rowVar[r]!));
      }
      for (let c = 0; c < cols; c++) {
        let acc = 0;
        for (let r = 0; r < rows; r++) acc += g[r * cols + c]! * g[r * cols + c]!;
        colVar[c] = R(colVar[c]! + (1 - beta2) * (acc / rows - colVar[c]!));
      }
      let rowMean = 0;
      for (let r = 0; r < rows; r++) rowMean += rowVar[r]!;
      rowMean = Math.max(rowMean / rows, eps1);
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          const v = Math.max((rowVar[r]! * colVar[c]!) / rowMean, eps1 * eps1);
          u[r * cols + c] = g[r * cols + c]! / Math.sqrt(v);
        }
      }
    } else {
      for (let i = 0; i < n; i++) {
        variance[i] = R(variance[i]! + (1 - beta2) * (g[i]! * g[i]! - variance[i]!));
        u[i] = g[i]! / Math.sqrt(Math.max(variance[i]!, eps1 * eps1));
      }
    }
    let un = 0;
    for (let i = 0; i < n; i++) un += u[i]! * u[i]!;
    const denom = Math.max(1, Math.sqrt(un) / (Math.sqrt(n) * k.d));
    const step = alpha / denom;
    for (let i = 0; i < n; i++) out(R, x, i, R(next[i]! - step * u[i]!));
  },
};
