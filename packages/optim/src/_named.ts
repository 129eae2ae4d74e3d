// A named optimizer: a rule (fused kernel) plus checked options, as a composable transformation.
import type { GroupChanges } from './_groupValues';
import type { LeafStep, Rule } from './_rules';
import { transformation, withData, zerosLike } from './_transform';
import { allFinite, checkFinite, type Leaf } from './_tree';
import type { NamedOptimizer } from './NamedOptimizer';
import type { OptimizerState } from './OptimizerState';
import { type Arena, allFiniteWasm, allocate, arenaSize } from './wasm/runtime';
import { GRADIENT } from './wasm/stream';

const RULE = Symbol.for('@dl/optim.rule');

/** Creates the per-leaf state of a rule for `leaves`. */
export function initState(
  rule: Rule,
  o: Record<string, unknown>,
  leaves: readonly Leaf[],
  fn = rule.name,
  arena?: Arena | null,
): OptimizerState {
  if (rule.checkLeaf) for (const l of leaves) rule.checkLeaf(fn, l.path, l.shape);
  const slots: OptimizerState['slots'] = {};
  for (const name of rule.slots(o)) {
    const fill = rule.fill?.(name, o) ?? 0;
    slots[name] = leaves.map((l) => {
      const size = rule.slotSize ? rule.slotSize(name, l.shape, l.data.length) : l.data.length;
      const a =
        l.data instanceof Float32Array
          ? ((arena && allocate(arena, size)) ?? new Float32Array(size))
          : new Float64Array(size);
      if (fill === 'param') a.set(l.data);
      else if (fill !== 0) a.fill(fill);
      return a;
    });
  }
  const scalars: OptimizerState['scalars'] = {};
  for (const [name, v] of rule.scalars ?? []) scalars[name] = leaves.map(() => v);
  return { count: 0, steps: leaves.map(() => 0), slots, scalars };
}

/** The float32 elements the state of `rule` over `leaves` takes in a kernel memory (see {@link initState}). */
export function residentFloats(rule: Rule, o: Record<string, unknown>, leaves: readonly Leaf[]): number {
  let n = 0;
  for (const name of rule.slots(o)) {
    for (const l of leaves) {
      if (!(l.data instanceof Float32Array)) continue;
      n += arenaSize(rule.slotSize ? rule.slotSize(name, l.shape, l.data.length) : l.data.length);
    }
  }
  return n;
}

/** Copies a state (the composable form never mutates its input). */
export function copyState(s: OptimizerState): OptimizerState {
  const slots: OptimizerState['slots'] = {};
  for (const k of Object.keys(s.slots)) slots[k] = s.slots[k]!.map((a) => a.slice());
  const scalars: OptimizerState['scalars'] = {};
  for (const k of Object.keys(s.scalars)) scalars[k] = s.scalars[k]!.slice();
  return { count: s.count, steps: s.steps.slice(), slots, scalars };
}

/** Reusable per-leaf records of {@link stepLeaves} (the facade keeps one per group: no allocation per step). */
export interface StepWork {
  /** The state's slot names. */
  names: string[];
  /** The state's scalar names. */
  scalarNames: string[];
  /** One record per leaf. */
  steps: LeafStep[];
  /** The group's count of hyperparameter writes (the facade's groups, see `trackChanges`). */
  changes: GroupChanges;
  /** The last resolved hyperparameters and what they came from (see {@link resolveOnce}). */
  memo: Memo | undefined;
}

/**
 * The last resolved hyperparameters of a group, reused while nothing changed: no write to the group since
 * (`version`), no schedule among the options, and the arrays among them (betas) holding the same elements (an
 * array edited in place is not a write to the group). Refilled in place, so a step allocates nothing.
 */
interface Memo {
  h: unknown;
  /** `changes.version` when `h` was resolved. */
  version: number;
  /** The group's option keys (fixed: the facade's groups have accessor properties for them). */
  keys: string[];
  /** Whether an option (or an element of an array option) is a schedule: resolved at every step. */
  scheduled: boolean;
  /** The array options per key (null for the others) … */
  arrays: (readonly unknown[] | null)[];
  /** … their lengths … */
  lengths: number[];
  /** … and their number elements, one after the other. */
  elements: Float64Array;
}

/** Fresh work records for `state` over `n` leaves of a group whose writes `changes` counts. */
export function stepWork(state: OptimizerState, n: number, changes: GroupChanges): StepWork {
  const names = Object.keys(state.slots);
  const scalarNames = Object.keys(state.scalars);
  const steps: LeafStep[] = [];
  for (let j = 0; j < n; j++) {
    steps.push({
      p: EMPTY,
      g: EMPTY,
      out: EMPTY,
      delta: false,
      s: names.map(() => EMPTY),
      t: 0,
      sc: scalarNames.map(() => 0),
      shape: [],
      path: '',
      arena: undefined,
    });
  }
  return { names, scalarNames, steps, changes, memo: undefined };
}

/** Records in `m` which options are schedules, and the arrays among them with their elements. */
function snapshot(m: Memo, o: Record<string, unknown>): void {
  m.scheduled = false;
  let n = 0;
  for (let i = 0; i < m.keys.length; i++) {
    const v = o[m.keys[i]!];
    if (typeof v === 'function') m.scheduled = true;
    if (!Array.isArray(v)) {
      m.arrays[i] = null;
      continue;
    }
    m.arrays[i] = v;
    m.lengths[i] = v.length;
    if (n + v.length > m.elements.length) {
      const e = new Float64Array(2 * (n + v.length));
      e.set(m.elements);
      m.elements = e;
    }
    for (let j = 0; j < v.length; j++) {
      const x = v[j];
      if (typeof x === 'function') m.scheduled = true;
      else m.elements[n + j] = x as number;
    }
    n += v.length;
  }
}

/** Whether the array options of `m` still hold the elements it recorded (a schedule inside one: `scheduled`). */
function sameElements(m: Memo): boolean {
  let n = 0;
  for (let i = 0; i < m.arrays.length; i++) {
    const a = m.arrays[i];
    if (!a) continue;
    if (a.length !== m.lengths[i]) return false;
    for (let j = 0; j < a.length; j++) {
      // inline (a call would box both numbers): equal, and 0 is not -0
      const x = a[j] as number;
      const y = m.elements[n + j]!;
      if (x !== y || (x === 0 && 1 / x !== 1 / y)) return false;
    }
    n += a.length;
  }
  return true;
}

/**
 * The rule's hyperparameters at update `count`: with a `work` record (the facade) and a rule whose `resolve`
 * reads `count` only through schedules, the last record is reused while nothing changed (see {@link Memo}); when
 * something did (a scheduler writes `lr` each step) or a schedule is among the options, the rule resolves into the
 * same record where it can (`resolve`'s `into`), so that a step allocates nothing.
 */
function resolveOnce(
  fn: string,
  rule: Rule,
  o: Record<string, unknown>,
  count: number,
  w: StepWork | undefined,
) {
  if (!w || !rule.constantResolve) return rule.resolve(fn, o, count);
  let m = w.memo;
  const version = w.changes.version;
  if (m && m.version === version && !m.scheduled && sameElements(m)) return m.h;
  if (!m) {
    const keys = Object.keys(o).filter((k) => k !== 'params');
    m = {
      h: undefined,
      version,
      keys,
      scheduled: false,
      arrays: keys.map(() => null),
      lengths: keys.map(() => 0),
      elements: new Float64Array(4),
    };
    w.memo = m;
  }
  // resolve first: a bad value throws and leaves the memo as it was
  m.h = rule.resolve(fn, o, count, m.h);
  m.version = version;
  snapshot(m, o);
  return m.h;
}
const EMPTY = new Float32Array(0);

/**
 * Throws naming the first gradient (and its first bad index) that holds NaN or an infinity. The check runs in
 * WebAssembly where it can, over the leaves from the last to the first, so that the update that follows (first
 * to last) finds the first leaves' gradients still in cache; only when something is not finite does the
 * JavaScript check look for the first bad value.
 */
function checkGradients(fn: string, grads: readonly (Leaf | null)[], arena: Arena | null | undefined): void {
  for (let j = grads.length - 1; j >= 0; j--) {
    const g = grads[j];
    if (!g) continue;
    const ok = g.data instanceof Float32Array ? allFiniteWasm(g.data, arena) : undefined;
    if (ok === true || (ok === undefined && allFinite(g.data))) continue;
    for (const h of grads) if (h) checkFinite(fn, h);
  }
}

/** When the gradients are checked for NaN and infinities (the facade's `checkFinite` option). */
export type CheckFinite = 'before' | 'during' | 'off';

/**
 * Runs one step of `rule` over leaves, in place on `state`. With `outs` the results go there as differences
 * (composable form); without, the parameters are updated in place. `work` (from {@link stepWork}) and `arena`
 * (the kernel memory holding the state) come from the facade, and `check`: `'before'` checks every gradient
 * first (a non-finite one throws and nothing changes), `'during'` lets the update check what it reads (the
 * WebAssembly kernels of adam, adamw and sgd; the other leaves are checked after their update) and throws after
 * the step, `'off'` does not check.
 */
export function stepLeaves(
  fn: string,
  rule: Rule,
  o: Record<string, unknown>,
  params: readonly Leaf[],
  grads: readonly (Leaf | null)[],
  state: OptimizerState,
  outs?: (Leaf | null)[],
  work?: StepWork,
  arena?: Arena | null,
  check: CheckFinite = 'before',
): void {
  if (check === 'before') checkGradients(fn, grads, arena);
  const during = check === 'during';
  GRADIENT.check = during ? 2 : 0;
  let bad = false;
  const h = resolveOnce(fn, rule, o, state.count, work);
  const w = work ?? stepWork(state, params.length, { version: 0 });
  const { names, scalarNames } = w;
  for (let j = 0; j < params.length; j++) {
    const g = grads[j];
    if (!g) continue;
    const p = params[j]!;
    const t = state.steps[j]! + 1;
    state.steps[j] = t;
    const x = w.steps[j]!;
    for (let q = 0; q < scalarNames.length; q++) x.sc[q] = state.scalars[scalarNames[q]!]![j]!;
    for (let q = 0; q < names.length; q++) x.s[q] = state.slots[names[q]!]![j]!;
    // the composable form's output starts as a copy of a float32 parameter: the WebAssembly kernels update it
    const out = outs ? (p.data instanceof Float32Array ? p.data.slice() : zerosLike(p)) : p.data;
    x.shape = p.shape;
    x.path = p.path;
    x.p = p.data;
    x.g = g.data;
    x.out = out;
    x.delta = outs !== undefined;
    x.t = t;
    x.arena = arena;
    if (during) GRADIENT.checked = 0;
    rule.kernel(h, x);
    if (during && !bad) {
      const c = GRADIENT.checked;
      bad = c === 2 || (c === 0 && !allFinite(g.data));
    }
    for (let q = 0; q < scalarNames.length; q++) state.scalars[scalarNames[q]!]![j] = x.sc[q]!;
    if (outs) outs[j] = withData(p, out);
  }
  state.count += 1;
  // the step is done (non-finite values where the gradient had them, as PyTorch): now the error names the first
  if (bad) for (const g of grads) if (g) checkFinite(fn, g);
}

/** Makes the named optimizer for a rule and its checked options. */
export function named<O>(rule: Rule, options: Required<O>): NamedOptimizer<O> {
  const o = options as Record<string, unknown>;
  const t = transformation<OptimizerState>(rule.name, {
    init: (params, fn) => initState(rule, o, params, fn),
    update(grads, state, params, ctx) {
      if (!params) throw new TypeError(`${ctx.fn}: params are required (the update rule reads them)`);
      const next = copyState(state);
      const outs: (Leaf | null)[] = grads.map(() => null);
      stepLeaves(ctx.fn, rule, o, params, grads, next, outs);
      return [outs, next];
    },
  });
  return Object.assign(t, {
    name: rule.name,
    options: Object.freeze({ ...options }),
    [RULE]: rule,
  }) as NamedOptimizer<O>;
}

/** The rule of a named optimizer, or undefined for other transformations. */
export const ruleOf = (t: unknown): Rule | undefined =>
  typeof t === 'object' && t !== null ? (t as Record<symbol, Rule | undefined>)[RULE] : undefined;
