// The named optimizers' update rules as fused per-leaf loops: one pass over memory per parameter, every
// intermediate rounded to the parameter's type in PyTorch 1.13's order (float32 parameters match
// torch.optim's float32 kernels). These loops are the fallback and the oracle of the WebAssembly kernels.
import {
  addcdiv,
  BIAS,
  biasCorrection,
  biasCorrections,
  checkBool,
  checkNonNegative,
  checkPositive,
  checkUnit,
  coupledDecay,
  decayedGrad,
  ema,
  emaSq,
  hyperAt,
  momentConstants,
  type Round,
  roundFor,
  updateMoments,
} from './_math';
import type { FloatArray, Hyperparameter } from './types';
import { adamWasm } from './wasm/adam';
import { EXTRA_KERNELS } from './wasm/extra';
import type { Arena, KernelModule } from './wasm/runtime';
import { sgdWasm } from './wasm/sgd';
import { ARGS, READ_ONLY, streamWasm } from './wasm/stream';

/** One leaf's step: the parameter, its gradient, the output, the state slots, the leaf's step count. */
export interface LeafStep {
  /** The parameter values (read). */
  p: FloatArray;
  /** The gradient. */
  g: FloatArray;
  /** Where the result goes: `p` itself (update in place) or a fresh array (the composable form's updates). */
  out: FloatArray;
  /** Whether `out` receives the difference `new - p` (composable form) rather than the new value. */
  delta: boolean;
  /** The state arrays, in the order of `slots`. */
  s: FloatArray[];
  /** The leaf's step count, already incremented (1 on the first update of this leaf). */
  t: number;
  /** The leaf's scalar state, in the order of `scalars` (mutable). */
  sc: number[];
  /** The leaf's shape. */
  shape: readonly number[];
  /** The leaf's path, for errors. */
  path: string;
  /** The optimizer's kernel memory, where its float32 state is resident (the facade); absent otherwise. */
  arena?: Arena | null | undefined;
}

/** A named optimizer's rule: options, state layout and the fused kernel. */
export interface Rule<O = Record<string, unknown>, H = unknown> {
  /** The factory's name, used in errors and in state dicts. */
  readonly name: string;
  /** Names of the per-leaf state arrays. */
  slots(o: O): readonly string[];
  /** Initial value of a state array (0 unless given; `'param'`: a copy of the parameter). */
  fill?(slot: string, o: O): number | 'param';
  /** The length of a state array for a leaf of this shape (the leaf's size unless given). */
  slotSize?(slot: string, shape: readonly number[], size: number): number;
  /** Checks a leaf at init (shape restrictions); throws naming the path. */
  checkLeaf?(fn: string, path: string, shape: readonly number[]): void;
  /** Names and initial values of the per-leaf scalar states. */
  readonly scalars?: readonly (readonly [string, number])[];
  /** Checks the options once (throws for bad values and combinations); returns them. */
  check(fn: string, o: O): O;
  /**
   * Resolves the hyperparameters at update `count` (schedules evaluated and checked). Rules that can write them
   * into `into` (a record this rule returned before: the facade reuses it, so that a step allocates nothing) and
   * return it; the others return a new record.
   */
  resolve(fn: string, o: O, count: number, into?: H): H;
  /**
   * Whether `resolve` depends on `count` only through schedules: the facade then reuses the last record while the
   * options hold the same values and no schedule (see `stepLeaves`), so that a step allocates nothing.
   */
  readonly constantResolve?: boolean;
  /** The fused update of one leaf. */
  kernel(h: H, x: LeafStep): void;
  /** Whether the kernel has a WebAssembly form (the facade then keeps the float32 state in kernel memory). */
  readonly wasm?: boolean;
}

export const nn = checkNonNegative;
/** The record {@link momentConstants} fills for the kernels (one, reused: no allocation per parameter). */
const MOMENTS = { b1: 0, c1: 0, b2: 0, c2: 0 };
/**
 * After a WebAssembly step into `x.out`: in the composable form `x.out` started as a copy of the parameter and
 * now holds the new value, and the update is the difference, rounded as the JavaScript loop rounds it.
 */
const deltaOut = (x: LeafStep): void => {
  if (!x.delta) return;
  const { out, p } = x;
  for (let i = 0; i < out.length; i++) out[i] = Math.fround(out[i]! - p[i]!);
};
export const out = (R: Round, x: LeafStep, i: number, next: number) => {
  x.out[i] = x.delta ? R(next - x.p[i]!) : next;
};

/** Options every PyTorch-style rule reads: any may be a schedule where the type says so. */
export type Opt = Record<string, unknown>;
export const h = (o: Opt, k: string) => o[k] as Hyperparameter;

// ---------------------------------------------------------------------------------------------------- sgd
export interface SgdH {
  lr: number;
  momentum: number;
  dampening: number;
  weightDecay: number;
  nesterov: boolean;
  maximize: boolean;
}
export const sgdRule: Rule<Opt, SgdH> = {
  name: 'sgd',
  wasm: true,
  slots: (o) => (o['momentum'] === 0 ? [] : ['momentumBuffer']),
  check(fn, o) {
    nn(fn, 'lr', typeof o['lr'] === 'function' ? 0 : o['lr']);
    nn(fn, 'momentum', typeof o['momentum'] === 'function' ? 0 : o['momentum']);
    nn(fn, 'dampening', o['dampening']);
    nn(fn, 'weightDecay', typeof o['weightDecay'] === 'function' ? 0 : o['weightDecay']);
    checkBool(fn, 'nesterov', o['nesterov']);
    checkBool(fn, 'maximize', o['maximize']);
    if (o['nesterov'] && (o['momentum'] === 0 || o['dampening'] !== 0)) {
      throw new RangeError(
        `${fn}: nesterov needs a momentum > 0 and dampening 0 (PyTorch's rule), got momentum ${o['momentum']} and dampening ${o['dampening']}`,
      );
    }
    return o;
  },
  constantResolve: true,
  resolve(fn, o, c, into) {
    const lr = lrAt(fn, o, c);
    const weightDecay = wdAt(fn, o, c);
    const momentum = hyperAt(fn, 'momentum', h(o, 'momentum'), c, nn);
    const dampening = nn(fn, 'dampening', o['dampening']);
    const nesterov = o['nesterov'] as boolean;
    const maximize = o['maximize'] as boolean;
    if (!into) return { lr, weightDecay, momentum, dampening, nesterov, maximize };
    into.lr = lr;
    into.weightDecay = weightDecay;
    into.momentum = momentum;
    into.dampening = dampening;
    into.nesterov = nesterov;
    into.maximize = maximize;
    return into;
  },
  kernel(k, x) {
    if (x.p instanceof Float32Array && sgdStepWasm(k, x)) return deltaOut(x);
    sgdLoop(k, x);
  },
};

/**
 * The float32 sgd step in WebAssembly (false when the JavaScript loop should run): the scalars are rounded and
 * written straight into the kernels' argument block (no call with them: a call that is not inlined boxes its
 * numbers), in a function of its own, so that the engine optimizes it apart from the loop.
 */
function sgdStepWasm(k: SgdH, x: LeafStep): boolean {
  const F = Math.fround;
  ARGS[0] = F(k.momentum);
  ARGS[1] = F(1 - k.dampening);
  ARGS[2] = F(k.weightDecay);
  ARGS[3] = F(-k.lr);
  return sgdWasm(
    x.arena,
    x.t === 1,
    k.nesterov,
    k.maximize,
    x.out as Float32Array,
    x.g as Float32Array,
    x.s[0] as Float32Array | undefined,
  );
}

/** The sgd step's JavaScript loop (the fallback and the oracle of the kernels). */
function sgdLoop(k: SgdH, x: LeafStep): void {
  const { p, g, s, t } = x;
  const R = roundFor(p);
  const wd = R(k.weightDecay);
  const mom = R(k.momentum);
  const damp = R(1 - k.dampening);
  const nlr = R(-k.lr);
  const buf = s[0];
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]!;
    let d = decayedGrad(R, g[i]!, pi, k.maximize, wd);
    if (buf) {
      const b = t === 1 ? d : R(R(buf[i]! * mom) + damp * d);
      buf[i] = b;
      d = k.nesterov ? R(d + mom * b) : b;
    }
    out(R, x, i, R(pi + nlr * d));
  }
}

// --------------------------------------------------------------------------------------- adam, adamw
export interface AdamH extends MomentsH {
  amsgrad: boolean;
  maximize: boolean;
  decoupled: boolean;
}
export const betasAt = (fn: string, o: Opt, c: number) => {
  const b = o['betas'] as Hyperparameter[];
  return [
    hyperAt(fn, 'betas[0]', b[0]!, c, checkUnit),
    hyperAt(fn, 'betas[1]', b[1]!, c, checkUnit),
  ] as const;
};
export const checkBetasOpt = (fn: string, o: Opt) => {
  const b = o['betas'];
  if (!Array.isArray(b) || b.length !== 2) {
    throw new TypeError(`${fn}: betas must be a pair [beta1, beta2], got ${JSON.stringify(b) ?? String(b)}`);
  }
  betasAt(fn, o, 0);
};
/** `lr` at update `c` (a schedule evaluated and checked). */
export const lrAt = (fn: string, o: Opt, c: number): number => hyperAt(fn, 'lr', h(o, 'lr'), c, nn);
/** `weightDecay` at update `c` (a schedule evaluated and checked). */
export const wdAt = (fn: string, o: Opt, c: number): number =>
  hyperAt(fn, 'weightDecay', h(o, 'weightDecay'), c, nn);
export const checkLrWd = (fn: string, o: Opt) => {
  hyperAt(fn, 'lr', h(o, 'lr'), 0, nn);
  if ('weightDecay' in o) hyperAt(fn, 'weightDecay', h(o, 'weightDecay'), 0, nn);
};
export const checkFlags = (fn: string, o: Opt, flags: readonly string[]) => {
  for (const f of flags) checkBool(fn, f, o[f]);
};

/** The hyperparameters every rule of the Adam family reads (adam, adamw, adamax, nadam, radam, lion, lamb). */
export interface MomentsH {
  lr: number;
  beta1: number;
  beta2: number;
  /** 0 for rules without eps (lion). */
  eps: number;
  weightDecay: number;
}
/** Checks the options of an Adam-family rule: lr, weightDecay, betas, eps (when it has one) and boolean `flags`. */
export const checkMoments = (fn: string, o: Opt, flags: readonly string[] = []): Opt => {
  checkLrWd(fn, o);
  checkBetasOpt(fn, o);
  if ('eps' in o) checkPositive(fn, 'eps', o['eps']);
  checkFlags(fn, o, flags);
  return o;
};
/**
 * The {@link MomentsH} of an Adam-family rule at update `c` (schedules evaluated and checked), written into
 * `into` when given (the facade's reused record: no allocation), else a new record.
 */
export const momentsAt = <H extends MomentsH = MomentsH>(fn: string, o: Opt, c: number, into?: H): H => {
  const lr = lrAt(fn, o, c);
  const weightDecay = wdAt(fn, o, c);
  // an unchanged element of betas (a float array) is compared, not passed on: passing it would box it
  const b = o['betas'] as Hyperparameter[];
  const b0 = b[0]!;
  const b1 = b[1]!;
  const beta1 = into && b0 === into.beta1 ? into.beta1 : hyperAt(fn, 'betas[0]', b0, c, checkUnit);
  const beta2 = into && b1 === into.beta2 ? into.beta2 : hyperAt(fn, 'betas[1]', b1, c, checkUnit);
  const eps = 'eps' in o ? checkPositive(fn, 'eps', o['eps']) : 0;
  // one object literal (no spreads), filled in place when there is a record to fill
  if (!into) return { lr, weightDecay, beta1, beta2, eps } as H;
  into.lr = lr;
  into.weightDecay = weightDecay;
  into.beta1 = beta1;
  into.beta2 = beta2;
  into.eps = eps;
  return into;
};

/**
 * Runs kernel `name` of a WebAssembly `module` over a float32 leaf, with the scalars already written into `ARGS`
 * / `ARGS64`, and then (unless `READ_ONLY`: a norms pass) turns the composable form's output into differences;
 * false when the JavaScript loop should run instead.
 */
export function wasmStep(
  x: LeafStep,
  module: KernelModule,
  name: string,
  s0: FloatArray | undefined,
  s1: FloatArray | undefined,
  s2: FloatArray | undefined,
  flags: number,
): boolean {
  if (
    !(x.p instanceof Float32Array) ||
    !streamWasm(
      x.arena,
      module,
      name,
      x.out as Float32Array,
      x.g as Float32Array,
      s0 as Float32Array | undefined,
      s1 as Float32Array | undefined,
      s2 as Float32Array | undefined,
      flags,
    )
  )
    return false;
  if ((flags & READ_ONLY) === 0) deltaOut(x);
  return true;
}

export function adamRule(name: 'adam' | 'adamw'): Rule<Opt, AdamH> {
  return {
    name,
    wasm: true,
    slots: (o) => (o['amsgrad'] ? ['expAvg', 'expAvgSq', 'maxExpAvgSq'] : ['expAvg', 'expAvgSq']),
    check: (fn, o) => checkMoments(fn, o, ['amsgrad', 'maximize']),
    constantResolve: true,
    resolve(fn, o, c, into) {
      const h = momentsAt(fn, o, c, into);
      h.amsgrad = o['amsgrad'] as boolean;
      h.maximize = o['maximize'] as boolean;
      h.decoupled = name === 'adamw';
      return h;
    },
    kernel(k, x) {
      if (x.p instanceof Float32Array && adamStepWasm(k, x)) return deltaOut(x);
      adamLoop(k, x);
    },
  };
}

/** The float32 adam / adamw step in WebAssembly (false when the JavaScript loop should run): see sgdStepWasm. */
function adamStepWasm(k: AdamH, x: LeafStep): boolean {
  const F = Math.fround;
  const t = x.t;
  const wd = F(k.weightDecay);
  ARGS[0] = F(k.beta1);
  ARGS[1] = F(1 - k.beta1);
  ARGS[2] = F(k.beta2);
  ARGS[3] = F(1 - k.beta2);
  ARGS[4] = F(Math.sqrt(1 - k.beta2 ** t));
  ARGS[5] = F(k.eps);
  ARGS[6] = F(-(k.lr / (1 - k.beta1 ** t)));
  ARGS[7] = wd;
  ARGS[8] = F(1 - k.lr * k.weightDecay);
  const s = x.s;
  return adamWasm(
    x.arena,
    k.decoupled ? 2 : wd !== 0 ? 1 : 0,
    k.maximize,
    x.out as Float32Array,
    x.g as Float32Array,
    s[0] as Float32Array,
    s[1] as Float32Array,
    s[2] as Float32Array | undefined,
  );
}

/** The adam / adamw step's JavaScript loop (the fallback and the oracle of the kernels). */
function adamLoop(k: AdamH, x: LeafStep): void {
  const { p, g, s, t } = x;
  const R = roundFor(p);
  const m = s[0]!;
  const v = s[1]!;
  const vmax = s[2];
  const { b1, c1, b2, c2 } = momentConstants(R, k, MOMENTS);
  biasCorrections(k, t);
  const stepSize = R(-(k.lr / BIAS.bc1));
  const bc2 = R(Math.sqrt(BIAS.bc2));
  const eps = R(k.eps);
  const wd = R(k.weightDecay);
  const decay = R(1 - k.lr * k.weightDecay);
  for (let i = 0; i < p.length; i++) {
    let pi = p[i]!;
    let d = k.maximize ? -g[i]! : g[i]!;
    if (k.decoupled) pi = R(pi * decay);
    else d = coupledDecay(R, d, wd, pi);
    updateMoments(R, m, v, i, d, b1, c1, b2, c2);
    const mi = m[i]!;
    let vi = v[i]!;
    if (vmax) {
      vi = Math.max(vmax[i]!, vi);
      vmax[i] = vi;
    }
    const denom = R(R(R(Math.sqrt(vi)) / bc2) + eps);
    out(R, x, i, addcdiv(R, pi, stepSize, mi, denom));
  }
}

// -------------------------------------------------------------------------------------------- adagrad
export interface AdagradH {
  lr: number;
  lrDecay: number;
  weightDecay: number;
  eps: number;
  maximize: boolean;
}
export const adagradRule: Rule<Opt, AdagradH> = {
  name: 'adagrad',
  wasm: true,
  slots: () => ['sum'],
  fill: (_slot, o) => o['initialAccumulatorValue'] as number,
  check(fn, o) {
    checkLrWd(fn, o);
    nn(fn, 'lrDecay', o['lrDecay']);
    nn(fn, 'initialAccumulatorValue', o['initialAccumulatorValue']);
    checkPositive(fn, 'eps', o['eps']);
    checkFlags(fn, o, ['maximize']);
    return o;
  },
  constantResolve: true,
  resolve(fn, o, c, into) {
    const h = into ?? ({} as AdagradH);
    h.lr = lrAt(fn, o, c);
    h.weightDecay = wdAt(fn, o, c);
    h.lrDecay = nn(fn, 'lrDecay', o['lrDecay']);
    h.eps = checkPositive(fn, 'eps', o['eps']);
    h.maximize = o['maximize'] as boolean;
    return h;
  },
  kernel(k, x) {
    if (x.p instanceof Float32Array && adagradStepWasm(k, x)) return deltaOut(x);
    adagradLoop(k, x);
  },
};

/**
 * The float32 adagrad step in WebAssembly (false when the JavaScript loop should run): see sgdStepWasm. The
 * scalars are rounded with `Math.fround` itself, not through `roundFor`'s function: in a vitest worker the engine
 * left that call out of line and boxed its three results per leaf (~100 B per step with `lr` written by a
 * scheduler, test/alloc-adagrad.test.ts).
 */
function adagradStepWasm(k: AdagradH, x: LeafStep): boolean {
  const F = Math.fround;
  const wd = F(k.weightDecay);
  // the scalars go straight into the kernels' argument block (a call would box them)
  ARGS[0] = F(-(k.lr / (1 + (x.t - 1) * k.lrDecay)));
  ARGS[1] = wd;
  ARGS[2] = F(k.eps);
  // streamWasm called here, not through wasmStep: the wrapper took the inlining budget of the float64 loop
  // (which then boxed every number: 2 kB per step)
  return streamWasm(
    x.arena,
    EXTRA_KERNELS,
    'adagrad',
    x.out as Float32Array,
    x.g as Float32Array,
    x.s[0] as Float32Array,
    undefined,
    undefined,
    (k.maximize ? 1 : 0) | (wd !== 0 ? 2 : 0),
  );
}

/** The adagrad step's JavaScript loop (the fallback and the oracle of the kernel). */
function adagradLoop(k: AdagradH, x: LeafStep): void {
  const { p, g, s, t } = x;
  const R = roundFor(p);
  const sum = s[0]!;
  const nclr = R(-(k.lr / (1 + (t - 1) * k.lrDecay)));
  const wd = R(k.weightDecay);
  const eps = R(k.eps);
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]!;
    const d = decayedGrad(R, g[i]!, pi, k.maximize, wd);
    const si = R(sum[i]! + d * d);
    sum[i] = si;
    out(R, x, i, addcdiv(R, pi, nclr, d, R(R(Math.sqrt(si)) + eps)));
  }
}

// -------------------------------------------------------------------------------------------- rmsprop
export interface RmspropH {
  lr: number;
  alpha: number;
  eps: number;
  weightDecay: number;
  momentum: number;
  centered: boolean;
  maximize: boolean;
  hasBuffer: boolean;
}
export const rmspropRule: Rule<Opt, RmspropH> = {
  name: 'rmsprop',
  wasm: true,
  slots: (o) => [
    'squareAvg',
    ...(o['momentum'] !== 0 ? ['momentumBuffer'] : []),
    ...(o['centered'] ? ['gradAvg'] : []),
  ],
  check(fn, o) {
    checkLrWd(fn, o);
    hyperAt(fn, 'alpha', h(o, 'alpha'), 0, checkUnit);
    hyperAt(fn, 'momentum', h(o, 'momentum'), 0, nn);
    checkPositive(fn, 'eps', o['eps']);
    checkFlags(fn, o, ['centered', 'maximize']);
    return o;
  },
  constantResolve: true,
  resolve(fn, o, c, into) {
    const r = into ?? ({} as RmspropH);
    r.lr = lrAt(fn, o, c);
    r.weightDecay = wdAt(fn, o, c);
    r.alpha = hyperAt(fn, 'alpha', h(o, 'alpha'), c, checkUnit);
    r.eps = checkPositive(fn, 'eps', o['eps']);
    r.momentum = hyperAt(fn, 'momentum', h(o, 'momentum'), c, nn);
    r.centered = o['centered'] as boolean;
    r.maximize = o['maximize'] as boolean;
    r.hasBuffer = o['momentum'] !== 0;
    return r;
  },
  kernel(k, x) {
    if (x.p instanceof Float32Array && rmspropStepWasm(k, x)) return deltaOut(x);
    rmspropLoop(k, x);
  },
};

/** The momentum buffer and the gradient average of an rmsprop leaf (undefined when not used). */
const rmspropBuffer = (k: RmspropH, s: FloatArray[]) => (k.hasBuffer && k.momentum > 0 ? s[1] : undefined);
const rmspropAverage = (k: RmspropH, s: FloatArray[]) => (k.centered ? s[s.length - 1] : undefined);

/**
 * The float32 rmsprop step in WebAssembly (false when the JavaScript loop should run): see adagradStepWasm (the
 * scalars rounded with `Math.fround` itself).
 */
function rmspropStepWasm(k: RmspropH, x: LeafStep): boolean {
  const F = Math.fround;
  const buf = rmspropBuffer(k, x.s);
  const ga = rmspropAverage(k, x.s);
  const wd = F(k.weightDecay);
  ARGS[0] = F(k.alpha);
  ARGS[1] = F(1 - k.alpha);
  ARGS[2] = F(k.eps);
  ARGS[3] = wd;
  ARGS[4] = F(k.momentum);
  ARGS[5] = F(-k.lr);
  // streamWasm called here, not through wasmStep: the wrapper took the inlining budget of the float64 loop
  // (which then boxed every number: 2 kB per step)
  return streamWasm(
    x.arena,
    EXTRA_KERNELS,
    'rmsprop',
    x.out as Float32Array,
    x.g as Float32Array,
    x.s[0] as Float32Array,
    buf as Float32Array | undefined,
    ga as Float32Array | undefined,
    (k.maximize ? 1 : 0) | (wd !== 0 ? 2 : 0) | (buf ? 4 : 0) | (ga ? 8 : 0),
  );
}

/** The rmsprop step's JavaScript loop (the fallback and the oracle of the kernel). */
function rmspropLoop(k: RmspropH, x: LeafStep): void {
  const { p, g, s } = x;
  const R = roundFor(p);
  const sq = s[0]!;
  const buf = rmspropBuffer(k, s);
  const ga = rmspropAverage(k, s);
  const a = R(k.alpha);
  const c = R(1 - k.alpha);
  const eps = R(k.eps);
  const wd = R(k.weightDecay);
  const mom = R(k.momentum);
  const nlr = R(-k.lr);
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]!;
    const d = decayedGrad(R, g[i]!, pi, k.maximize, wd);
    const si = emaSq(R, sq[i]!, d, a, c);
    sq[i] = si;
    let avg: number;
    if (ga) {
      const gi = ema(R, ga[i]!, d, a, c);
      ga[i] = gi;
      avg = R(Math.sqrt(R(si - gi * gi)));
    } else avg = R(Math.sqrt(si));
    avg = R(avg + eps);
    if (buf) {
      const b = R(R(buf[i]! * mom) + R(d / avg));
      buf[i] = b;
      out(R, x, i, R(pi + nlr * b));
    } else out(R, x, i, addcdiv(R, pi, nlr, d, avg));
  }
}

// ------------------------------------------------------------------------------------------- adadelta
/** rho is in [0, 1] (PyTorch allows 1). */
const checkRho = (f: string, n: string, v: unknown, c?: number) => checkUnit(f, n, v, c, true);
export interface AdadeltaH {
  lr: number;
  rho: number;
  eps: number;
  weightDecay: number;
  maximize: boolean;
}
export const adadeltaRule: Rule<Opt, AdadeltaH> = {
  name: 'adadelta',
  wasm: true,
  slots: () => ['squareAvg', 'accDelta'],
  check(fn, o) {
    checkLrWd(fn, o);
    hyperAt(fn, 'rho', h(o, 'rho'), 0, checkRho);
    checkPositive(fn, 'eps', o['eps']);
    checkFlags(fn, o, ['maximize']);
    return o;
  },
  constantResolve: true,
  resolve(fn, o, c, into) {
    const r = into ?? ({} as AdadeltaH);
    r.lr = lrAt(fn, o, c);
    r.weightDecay = wdAt(fn, o, c);
    r.rho = hyperAt(fn, 'rho', h(o, 'rho'), c, checkRho);
    r.eps = checkPositive(fn, 'eps', o['eps']);
    r.maximize = o['maximize'] as boolean;
    return r;
  },
  kernel(k, x) {
    if (x.p instanceof Float32Array && adadeltaStepWasm(k, x)) return deltaOut(x);
    adadeltaLoop(k, x);
  },
};

/**
 * The float32 adadelta step in WebAssembly (false when the JavaScript loop should run): see adagradStepWasm (the
 * scalars rounded with `Math.fround` itself).
 */
function adadeltaStepWasm(k: AdadeltaH, x: LeafStep): boolean {
  const F = Math.fround;
  const wd = F(k.weightDecay);
  ARGS[0] = F(k.rho);
  ARGS[1] = F(1 - k.rho);
  ARGS[2] = F(k.eps);
  ARGS[3] = wd;
  ARGS[4] = F(-k.lr);
  return streamWasm(
    x.arena,
    EXTRA_KERNELS,
    'adadelta',
    x.out as Float32Array,
    x.g as Float32Array,
    x.s[0] as Float32Array,
    x.s[1] as Float32Array,
    undefined,
    (k.maximize ? 1 : 0) | (wd !== 0 ? 2 : 0),
  );
}

/** The adadelta step's JavaScript loop (the fallback and the oracle of the kernel). */
function adadeltaLoop(k: AdadeltaH, x: LeafStep): void {
  const { p, g, s } = x;
  const R = roundFor(p);
  const [sq, acc] = s as [FloatArray, FloatArray];
  const rho = R(k.rho);
  const c = R(1 - k.rho);
  const eps = R(k.eps);
  const wd = R(k.weightDecay);
  const nlr = R(-k.lr);
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]!;
    const d = decayedGrad(R, g[i]!, pi, k.maximize, wd);
    const si = emaSq(R, sq[i]!, d, rho, c);
    sq[i] = si;
    const std = R(Math.sqrt(R(si + eps)));
    const delta = R(R(R(Math.sqrt(R(acc[i]! + eps))) / std) * d);
    acc[i] = emaSq(R, acc[i]!, delta, rho, c);
    out(R, x, i, R(pi + nlr * delta));
  }
}

// --------------------------------------------------------------------------------------------- adamax
export interface AdamaxH extends MomentsH {
  maximize: boolean;
}
export const adamaxRule: Rule<Opt, AdamaxH> = {
  name: 'adamax',
  wasm: true,
  slots: () => ['expAvg', 'expInf'],
  check: (fn, o) => checkMoments(fn, o, ['maximize']),
  constantResolve: true,
  resolve(fn, o, c, into) {
    const m = momentsAt(fn, o, c, into);
    m.maximize = o['maximize'] as boolean;
    return m;
  },
  kernel(k, x) {
    if (x.p instanceof Float32Array && adamaxStepWasm(k, x)) return deltaOut(x);
    adamaxLoop(k, x);
  },
};

/**
 * The float32 adamax step in WebAssembly (false when the JavaScript loop should run): see adagradStepWasm (the
 * scalars rounded with `Math.fround` itself).
 */
function adamaxStepWasm(k: AdamaxH, x: LeafStep): boolean {
  const F = Math.fround;
  const wd = F(k.weightDecay);
  ARGS[0] = F(k.beta1);
  ARGS[1] = F(1 - k.beta1);
  ARGS[2] = F(k.beta2);
  ARGS[3] = F(k.eps);
  ARGS[4] = wd;
  ARGS[5] = F(-(k.lr / biasCorrection(k.beta1, x.t)));
  return streamWasm(
    x.arena,
    EXTRA_KERNELS,
    'adamax',
    x.out as Float32Array,
    x.g as Float32Array,
    x.s[0] as Float32Array,
    x.s[1] as Float32Array,
    undefined,
    (k.maximize ? 1 : 0) | (wd !== 0 ? 2 : 0),
  );
}

/** The adamax step's JavaScript loop (the fallback and the oracle of the kernel). */
function adamaxLoop(k: AdamaxH, x: LeafStep): void {
  const { p, g, s, t } = x;
  const R = roundFor(p);
  const [m, u] = s as [FloatArray, FloatArray];
  const { b1, c1, b2 } = momentConstants(R, k, MOMENTS);
  const eps = R(k.eps);
  const wd = R(k.weightDecay);
  biasCorrections(k, t);
  const nclr = R(-(k.lr / BIAS.bc1));
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]!;
    const d = decayedGrad(R, g[i]!, pi, k.maximize, wd);
    const mi = ema(R, m[i]!, d, b1, c1);
    m[i] = mi;
    const ui = Math.max(R(u[i]! * b2), R(Math.abs(d) + eps));
    u[i] = ui;
    out(R, x, i, addcdiv(R, pi, nclr, mi, ui));
  }
}

// ---------------------------------------------------------------------------------------------- nadam
export interface NadamH extends MomentsH {
  momentumDecay: number;
  decoupled: boolean;
}
export const nadamRule: Rule<Opt, NadamH> = {
  name: 'nadam',
  wasm: true,
  slots: () => ['expAvg', 'expAvgSq'],
  scalars: [['muProduct', 1]],
  check(fn, o) {
    nn(fn, 'momentumDecay', o['momentumDecay']);
    return checkMoments(fn, o, ['decoupledWeightDecay']);
  },
  constantResolve: true,
  resolve(fn, o, c, into) {
    const m = momentsAt(fn, o, c, into);
    m.momentumDecay = nn(fn, 'momentumDecay', o['momentumDecay']);
    m.decoupled = o['decoupledWeightDecay'] as boolean;
    return m;
  },
  kernel(k, x) {
    if (x.p instanceof Float32Array && nadamStepWasm(k, x)) return deltaOut(x);
    nadamLoop(k, x);
  },
};

/** NAdam's step terms (one reused record: a helper that returned them would box them when not inlined). */
const NADAM = { bc2: 0, mu: 0, muNext: 0, muProduct: 0, muProductNext: 0 };
/**
 * Writes into {@link NADAM} the bias correction $1 - \beta_2^t$, NAdam's momentum coefficients
 * $\mu_t = \beta_1 (1 - 0.5 \cdot 0.96^{t \psi})$ and $\mu_{t+1}$, and the products $\prod_{i \le t} \mu_i$ (from
 * the leaf's last one, its scalar state) and $\mu_{t+1} \prod_{i \le t} \mu_i$, in float32 as PyTorch keeps
 * mu_product. The leaf is passed, not its numbers: a call left out of line would box them.
 */
function nadamTerms(k: NadamH, x: LeafStep): void {
  const F = Math.fround;
  const t = x.t;
  const product = x.sc[0]!;
  NADAM.bc2 = biasCorrection(k.beta2, t);
  const mu = k.beta1 * (1 - 0.5 * 0.96 ** (t * k.momentumDecay));
  const muNext = k.beta1 * (1 - 0.5 * 0.96 ** ((t + 1) * k.momentumDecay));
  const muProduct = F(product * F(mu));
  NADAM.mu = mu;
  NADAM.muNext = muNext;
  NADAM.muProduct = muProduct;
  NADAM.muProductNext = F(F(muProduct * F(mu)) * F(muNext));
}

/**
 * The float32 nadam step in WebAssembly (false when the JavaScript loop should run): see adagradStepWasm (the
 * scalars rounded with `Math.fround` itself).
 */
function nadamStepWasm(k: NadamH, x: LeafStep): boolean {
  const F = Math.fround;
  nadamTerms(k, x);
  const { bc2, mu, muNext, muProduct, muProductNext } = NADAM;
  const wd = F(k.weightDecay);
  ARGS[0] = F(k.beta1);
  ARGS[1] = F(1 - k.beta1);
  ARGS[2] = F(k.beta2);
  ARGS[3] = F(1 - k.beta2);
  ARGS[4] = F(bc2);
  ARGS[5] = F(k.eps);
  ARGS[6] = F((-k.lr * (1 - mu)) / (1 - muProduct));
  ARGS[7] = F((-k.lr * muNext) / (1 - muProductNext));
  ARGS[8] = wd;
  ARGS[9] = F(1 - k.lr * k.weightDecay);
  const ran = streamWasm(
    x.arena,
    EXTRA_KERNELS,
    'nadam',
    x.out as Float32Array,
    x.g as Float32Array,
    x.s[0] as Float32Array,
    x.s[1] as Float32Array,
    undefined,
    k.decoupled ? 4 : wd !== 0 ? 2 : 0,
  );
  // the scalar state moves only with a step (the loop, when this one did not run, starts from the old value)
  if (ran) x.sc[0] = muProduct;
  return ran;
}

/** The nadam step's JavaScript loop (the fallback and the oracle of the kernel). */
function nadamLoop(k: NadamH, x: LeafStep): void {
  const { p, g, s, sc } = x;
  const R = roundFor(p);
  const [m, v] = s as [FloatArray, FloatArray];
  const { b1, c1, b2, c2 } = momentConstants(R, k, MOMENTS);
  nadamTerms(k, x);
  const { mu, muNext, muProduct, muProductNext } = NADAM;
  const bc2 = R(NADAM.bc2);
  sc[0] = muProduct;
  const sg = R((-k.lr * (1 - mu)) / (1 - muProduct));
  const sm = R((-k.lr * muNext) / (1 - muProductNext));
  const eps = R(k.eps);
  const wd = R(k.weightDecay);
  const decay = R(1 - k.lr * k.weightDecay);
  for (let i = 0; i < p.length; i++) {
    let pi = p[i]!;
    let d = g[i]!;
    if (k.decoupled) pi = R(pi * decay);
    else d = coupledDecay(R, d, wd, pi);
    updateMoments(R, m, v, i, d, b1, c1, b2, c2);
    const mi = m[i]!;
    const vi = v[i]!;
    const denom = R(R(Math.sqrt(R(vi / bc2))) + eps);
    out(R, x, i, addcdiv(R, addcdiv(R, pi, sg, d, denom), sm, mi, denom));
  }
}

// ---------------------------------------------------------------------------------------------- radam
export interface RadamH extends MomentsH {
  decoupled: boolean;
}
export const radamRule: Rule<Opt, RadamH> = {
  name: 'radam',
  wasm: true,
  slots: () => ['expAvg', 'expAvgSq'],
  check: (fn, o) => checkMoments(fn, o, ['decoupledWeightDecay']),
  constantResolve: true,
  resolve(fn, o, c, into) {
    const m = momentsAt(fn, o, c, into);
    m.decoupled = o['decoupledWeightDecay'] as boolean;
    return m;
  },
  kernel(k, x) {
    if (x.p instanceof Float32Array && radamStepWasm(k, x)) return deltaOut(x);
    radamLoop(k, x);
  },
};

/** RAdam's step terms (one reused record: a helper that returned them would box them when not inlined). */
const RADAM = { bc1: 0, bc2: 0, rhoT: 0, rect: 0 };
/**
 * Writes into {@link RADAM} the bias corrections $1 - \beta_1^t$, $1 - \beta_2^t$, RAdam's $\rho_t$ (the length of
 * the approximated simple moving average) at step `t` and, for $\rho_t > 5$, the rectification term $r_t$ (all
 * unrounded; $r_t$ 0 otherwise).
 */
function radamTerms(k: RadamH, t: number): void {
  const rhoInf = 2 / (1 - k.beta2) - 1;
  const bc2 = biasCorrection(k.beta2, t);
  const rhoT = rhoInf - (2 * t * k.beta2 ** t) / bc2;
  RADAM.bc1 = biasCorrection(k.beta1, t);
  RADAM.bc2 = bc2;
  RADAM.rhoT = rhoT;
  RADAM.rect =
    rhoT > 5 ? Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT)) : 0;
}

/**
 * The float32 radam step in WebAssembly (false when the JavaScript loop should run): see adagradStepWasm (the
 * scalars rounded with `Math.fround` itself).
 */
function radamStepWasm(k: RadamH, x: LeafStep): boolean {
  const F = Math.fround;
  const t = x.t;
  radamTerms(k, t);
  const rhoT = RADAM.rhoT;
  const wd = F(k.weightDecay);
  ARGS[0] = F(k.beta1);
  ARGS[1] = F(1 - k.beta1);
  ARGS[2] = F(k.beta2);
  ARGS[3] = F(1 - k.beta2);
  ARGS[4] = F(RADAM.bc1);
  ARGS[5] = F(Math.sqrt(RADAM.bc2));
  ARGS[6] = F(k.lr);
  ARGS[7] = F(k.eps);
  ARGS[8] = F(RADAM.rect);
  ARGS[9] = wd;
  ARGS[10] = F(1 - k.lr * k.weightDecay);
  return streamWasm(
    x.arena,
    EXTRA_KERNELS,
    'radam',
    x.out as Float32Array,
    x.g as Float32Array,
    x.s[0] as Float32Array,
    x.s[1] as Float32Array,
    undefined,
    (k.decoupled ? 4 : wd !== 0 ? 2 : 0) | (rhoT > 5 ? 8 : 0),
  );
}

/** The radam step's JavaScript loop (the fallback and the oracle of the kernel). */
function radamLoop(k: RadamH, x: LeafStep): void {
  const { p, g, s, t } = x;
  const R = roundFor(p);
  const [m, v] = s as [FloatArray, FloatArray];
  const { b1, c1, b2, c2 } = momentConstants(R, k, MOMENTS);
  radamTerms(k, t);
  const bc1 = R(RADAM.bc1);
  const rhoT = RADAM.rhoT;
  const rect = R(RADAM.rect);
  const bc2s = R(Math.sqrt(RADAM.bc2));
  const lr = R(k.lr);
  const eps = R(k.eps);
  const wd = R(k.weightDecay);
  const decay = R(1 - k.lr * k.weightDecay);
  for (let i = 0; i < p.length; i++) {
    let pi = p[i]!;
    let d = g[i]!;
    if (k.decoupled) pi = R(pi * decay);
    else d = coupledDecay(R, d, wd, pi);
    updateMoments(R, m, v, i, d, b1, c1, b2, c2);
    const mi = m[i]!;
    const vi = v[i]!;
    const bcm = R(mi / bc1);
    if (rhoT > 5) {
      const adaptive = R(R(1 / R(R(Math.sqrt(vi)) + eps)) * bc2s);
      out(R, x, i, R(pi - R(R(R(bcm * lr) * adaptive) * rect)));
    } else out(R, x, i, R(pi - R(bcm * lr)));
  }
}
