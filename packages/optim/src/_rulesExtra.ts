// Update rules beyond PyTorch 1.13, as fused per-leaf loops (see _rules.ts for the contract). Each follows its
// paper's equations; scripts/reference.py holds the float64 references the tests compare with.

import { biasCorrection, checkPositive, checkUnit, hyperAt, roundFor } from './_math';
import {
  checkFlags,
  checkLrWd,
  checkMoments,
  h,
  lrWdAt,
  type MomentsH,
  momentsAt,
  nn,
  type Opt,
  out,
  type Rule,
} from './_rules';
import type { FloatArray } from './types';

const shapeText = (s: readonly number[]) => `[${s.join(', ')}]`;

// ----------------------------------------------------------------------------------------------- lion
type LionH = MomentsH;
/** Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms", Algorithm 2. */
export const lionRule: Rule<Opt, LionH> = {
  name: 'lion',
  slots: () => ['expAvg'],
  check: (fn, o) => checkMoments(fn, o),
  resolve: momentsAt,
  kernel(k, x) {
    const { p, g, s } = x;
    const R = roundFor(p);
    const m = s[0]!;
    for (let i = 0; i < p.length; i++) {
      const pi = p[i]!;
      const gi = g[i]!;
      const c = k.beta1 * m[i]! + (1 - k.beta1) * gi;
      m[i] = k.beta2 * m[i]! + (1 - k.beta2) * gi;
      out(R, x, i, R(pi - k.lr * (Math.sign(c) + k.weightDecay * pi)));
    }
  },
};

// ----------------------------------------------------------------------------------------------- lamb
type LambH = MomentsH;
/** You et al. 2020, "Large Batch Optimization for Deep Learning: Training BERT in 76 minutes", Algorithm 2. */
export const lambRule: Rule<Opt, LambH> = {
  name: 'lamb',
  slots: () => ['expAvg', 'expAvgSq'],
  check: (fn, o) => checkMoments(fn, o),
  resolve: momentsAt,
  kernel(k, x) {
    const { p, g, s, t } = x;
    const R = roundFor(p);
    const [m, v] = s as [FloatArray, FloatArray];
    const bc1 = biasCorrection(k.beta1, t);
    const bc2 = biasCorrection(k.beta2, t);
    let pn = 0;
    let rn = 0;
    for (let i = 0; i < p.length; i++) {
      const gi = g[i]!;
      const mi = R(k.beta1 * m[i]! + (1 - k.beta1) * gi);
      const vi = R(k.beta2 * v[i]! + (1 - k.beta2) * gi * gi);
      m[i] = mi;
      v[i] = vi;
      const r = mi / bc1 / (Math.sqrt(vi / bc2) + k.eps) + k.weightDecay * p[i]!;
      pn += p[i]! * p[i]!;
      rn += r * r;
    }
    const ratio = pn > 0 && rn > 0 ? Math.sqrt(pn) / Math.sqrt(rn) : 1;
    const step = k.lr * ratio;
    for (let i = 0; i < p.length; i++) {
      const r = m[i]! / bc1 / (Math.sqrt(v[i]! / bc2) + k.eps) + k.weightDecay * p[i]!;
      out(R, x, i, R(p[i]! - step * r));
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
/** You, Gitman & Ginsburg 2017, "Large Batch Training of Convolutional Networks", Algorithm 1. */
export const larsRule: Rule<Opt, LarsH> = {
  name: 'lars',
  slots: () => ['momentumBuffer'],
  check(fn, o) {
    checkLrWd(fn, o);
    hyperAt(fn, 'momentum', h(o, 'momentum'), 0, nn);
    nn(fn, 'trustCoefficient', o['trustCoefficient']);
    nn(fn, 'eps', o['eps']);
    checkFlags(fn, o, ['nesterov']);
    return o;
  },
  resolve: (fn, o, c) => ({
    ...lrWdAt(fn, o, c),
    momentum: hyperAt(fn, 'momentum', h(o, 'momentum'), c, nn),
    trustCoefficient: nn(fn, 'trustCoefficient', o['trustCoefficient']),
    eps: nn(fn, 'eps', o['eps']),
    nesterov: o['nesterov'] as boolean,
  }),
  kernel(k, x) {
    const { p, g, s } = x;
    const R = roundFor(p);
    const buf = s[0]!;
    let pn = 0;
    let gn = 0;
    for (let i = 0; i < p.length; i++) {
      pn += p[i]! * p[i]!;
      gn += g[i]! * g[i]!;
    }
    pn = Math.sqrt(pn);
    gn = Math.sqrt(gn);
    const local = pn > 0 && gn > 0 ? (k.trustCoefficient * pn) / (gn + k.weightDecay * pn + k.eps) : 1;
    const scale = k.lr * local;
    for (let i = 0; i < p.length; i++) {
      const d = g[i]! + k.weightDecay * p[i]!;
      const b = R(k.momentum * buf[i]! + scale * d);
      buf[i] = b;
      out(R, x, i, R(p[i]! - (k.nesterov ? k.momentum * b + scale * d : b)));
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
 * holds $y_t$; the state holds $z_t$, $x_t$ (the evaluation point) and the sum of $\gamma_t^2$.
 */
function scheduleFreeRule(name: 'scheduleFreeAdamw' | 'scheduleFreeSgd'): Rule<Opt, SfH> {
  const adam = name === 'scheduleFreeAdamw';
  return {
    name,
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
    resolve(fn, o, c) {
      const moments: MomentsH = adam
        ? momentsAt(fn, o, c)
        : {
            ...lrWdAt(fn, o, c),
            beta1: hyperAt(fn, 'momentum', h(o, 'momentum'), c, checkUnit),
            beta2: 0,
            eps: 0,
          };
      return { ...moments, warmupSteps: checkWarmup(fn, o['warmupSteps']), adam };
    },
    kernel(k, x) {
      const { p, g, s, t, sc } = x;
      const R = roundFor(p);
      const [z, xs, v] = s as [FloatArray, FloatArray, FloatArray | undefined];
      const warm = k.warmupSteps > 0 ? Math.min(1, t / k.warmupSteps) : 1;
      const gamma = k.lr * warm * (k.adam ? Math.sqrt(biasCorrection(k.beta2, t)) : 1);
      const sum = sc[0]! + gamma * gamma;
      sc[0] = sum;
      const c = sum > 0 ? (gamma * gamma) / sum : 0;
      for (let i = 0; i < p.length; i++) {
        const y = p[i]!;
        let d = g[i]!;
        if (v) {
          const vi = R(k.beta2 * v[i]! + (1 - k.beta2) * d * d);
          v[i] = vi;
          d = d / (Math.sqrt(vi) + k.eps);
        }
        const zi = R(z[i]! - gamma * (d + k.weightDecay * y));
        const xi = R((1 - c) * xs[i]! + c * zi);
        z[i] = zi;
        xs[i] = xi;
        out(R, x, i, R((1 - k.beta1) * zi + k.beta1 * xi));
      }
    },
  };
}
export const scheduleFreeAdamwRule = scheduleFreeRule('scheduleFreeAdamw');
export const scheduleFreeSgdRule = scheduleFreeRule('scheduleFreeSgd');

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

/** $X \leftarrow aX + (bA + cA^2)X$ with $A = XX^\top$, on a row-major [r, c] matrix with r <= c. */
export function newtonSchulz(
  g: Float64Array,
  rows: number,
  cols: number,
  steps: number,
  eps: number,
): Float64Array {
  const t = rows > cols;
  const r = t ? cols : rows;
  const c = t ? rows : cols;
  let X = new Float64Array(r * c);
  let norm = 0;
  for (let i = 0; i < g.length; i++) norm += g[i]! * g[i]!;
  const inv = 1 / (Math.sqrt(norm) + eps);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) X[t ? j * c + i : i * c + j] = g[i * cols + j]! * inv;
  }
  const [a, b, cc] = NS_COEFFICIENTS;
  const A = new Float64Array(r * r);
  const B = new Float64Array(r * r);
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
    const Y = new Float64Array(r * c);
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
  const out64 = new Float64Array(rows * cols);
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
  resolve: (fn, o, c) => ({
    ...lrWdAt(fn, o, c),
    momentum: hyperAt(fn, 'momentum', h(o, 'momentum'), c, checkUnit),
    nesterov: o['nesterov'] as boolean,
    nsSteps: o['nsSteps'] as number,
    eps: o['eps'] as number,
  }),
  kernel(k, x) {
    const { p, g, s, shape } = x;
    const R = roundFor(p);
    const buf = s[0]!;
    const [rows, cols] = shape as [number, number];
    const u = new Float64Array(p.length);
    for (let i = 0; i < p.length; i++) {
      const b = R(k.momentum * buf[i]! + g[i]!);
      buf[i] = b;
      u[i] = k.nesterov ? g[i]! + k.momentum * b : b;
    }
    const o = newtonSchulz(u, rows, cols, k.nsSteps, k.eps);
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
  resolve: (fn, o, c) => ({
    ...lrWdAt(fn, o, c),
    beta2Decay: o['beta2Decay'] as number,
    eps1: (o['eps'] as [number | null, number])[0],
    eps2: (o['eps'] as [number | null, number])[1],
    d: o['d'] as number,
    maximize: o['maximize'] as boolean,
  }),
  kernel(k, x) {
    const { p, g: g0, s, t, shape } = x;
    const R = roundFor(p);
    const n = p.length;
    const eps1 = k.eps1 ?? (p instanceof Float32Array ? 2 ** -23 : 2 ** -52);
    const g = k.maximize ? g0.map((v) => -v) : g0;
    const decay = 1 - k.lr * k.weightDecay;
    const next = new Float64Array(n);
    let pn = 0;
    for (let i = 0; i < n; i++) {
      next[i] = p[i]! * decay;
      pn += next[i]! * next[i]!;
    }
    const beta2 = t ** k.beta2Decay;
    const rho = Math.min(k.lr, 1 / Math.sqrt(t));
    const alpha = Math.max(k.eps2, Math.sqrt(pn) / Math.sqrt(n)) * rho;
    const u = new Float64Array(n);
    const [rowVar, colVar, variance] = s as [FloatArray, FloatArray, FloatArray];
    if (shape.length === 2) {
      const [rows, cols] = shape as [number, number];
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
