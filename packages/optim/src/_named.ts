// A named optimizer: a rule (fused kernel) plus checked options, as a composable transformation.
import type { Rule } from './_rules';
import { transformation, withData, zerosLike } from './_transform';
import { checkFinite, type Leaf } from './_tree';
import type { NamedOptimizer } from './NamedOptimizer';
import type { OptimizerState } from './OptimizerState';

const RULE = Symbol.for('@dl/optim.rule');

/** Creates the per-leaf state of a rule for `leaves`. */
export function initState(
  rule: Rule,
  o: Record<string, unknown>,
  leaves: readonly Leaf[],
  fn = rule.name,
): OptimizerState {
  if (rule.checkLeaf) for (const l of leaves) rule.checkLeaf(fn, l.path, l.shape);
  const slots: OptimizerState['slots'] = {};
  for (const name of rule.slots(o)) {
    const fill = rule.fill?.(name, o) ?? 0;
    slots[name] = leaves.map((l) => {
      if (fill === 'param') return l.data.slice();
      const size = rule.slotSize ? rule.slotSize(name, l.shape, l.data.length) : l.data.length;
      const a = l.data instanceof Float32Array ? new Float32Array(size) : new Float64Array(size);
      if (fill !== 0) a.fill(fill);
      return a;
    });
  }
  const scalars: OptimizerState['scalars'] = {};
  for (const [name, v] of rule.scalars ?? []) scalars[name] = leaves.map(() => v);
  return { count: 0, steps: leaves.map(() => 0), slots, scalars };
}

/** Copies a state (the composable form never mutates its input). */
export function copyState(s: OptimizerState): OptimizerState {
  const slots: OptimizerState['slots'] = {};
  for (const k of Object.keys(s.slots)) slots[k] = s.slots[k]!.map((a) => a.slice());
  const scalars: OptimizerState['scalars'] = {};
  for (const k of Object.keys(s.scalars)) scalars[k] = s.scalars[k]!.slice();
  return { count: s.count, steps: s.steps.slice(), slots, scalars };
}

/**
 * Runs one step of `rule` over leaves, in place on `state`. With `outs` the results go there as differences
 * (composable form); without, the parameters are updated in place.
 */
export function stepLeaves(
  fn: string,
  rule: Rule,
  o: Record<string, unknown>,
  params: readonly Leaf[],
  grads: readonly (Leaf | null)[],
  state: OptimizerState,
  outs?: (Leaf | null)[],
): void {
  for (const g of grads) if (g) checkFinite(fn, g);
  const h = rule.resolve(fn, o, state.count);
  const names = Object.keys(state.slots);
  const scalarNames = Object.keys(state.scalars);
  for (let j = 0; j < params.length; j++) {
    const g = grads[j];
    if (!g) continue;
    const p = params[j]!;
    const t = state.steps[j]! + 1;
    state.steps[j] = t;
    const sc = scalarNames.map((k) => state.scalars[k]![j]!);
    const out = outs ? zerosLike(p) : p.data;
    rule.kernel(h, {
      shape: p.shape,
      path: p.path,
      p: p.data,
      g: g.data,
      out,
      delta: outs !== undefined,
      s: names.map((k) => state.slots[k]![j]!),
      t,
      sc,
    });
    scalarNames.forEach((k, i) => {
      state.scalars[k]![j] = sc[i]!;
    });
    if (outs) outs[j] = withData(p, out);
  }
  state.count += 1;
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
