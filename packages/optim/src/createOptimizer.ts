import { checkBoolean, checkOneOf, defineOptions, describe } from '@dl/internal';
import { createDeviceOptimizer, hasDeviceParams } from './_device';
import { type GroupChanges, trackChanges } from './_groupValues';
import { initState, residentFloats, ruleOf, type StepWork, stepLeaves, stepWork } from './_named';
import { isParamGroup, readParamGroup } from './_paramGroup';
import { type Leaf, shapeString } from './_tree';
import { arenaOf, type KernelMemory } from './createKernelMemory';
import type { NamedOptimizer } from './NamedOptimizer';
import type { OptimizerState } from './OptimizerState';
import type { FloatArray } from './types';
import { optimizerArena } from './wasm/runtime';

/**
 * A parameter the facade updates in place: an `@dl/tensor` tensor (gradient in `.grad`), or any record with a
 * float `data` array and a `grad` (a float array, a `{ data }`, or `null`), e.g. an adapter over a TensorFlow.js
 * variable.
 */
export interface OptimizerParam {
  /** The values, a `Float32Array` or `Float64Array`, updated in place. */
  readonly data: unknown;
  /** The gradient: a float array of the same length and type, a record with such a `data` (a tensor), or `null`. */
  grad: unknown;
  /** The shape, for error messages and state dicts; `[data.length]` when absent. */
  readonly shape?: readonly number[];
}

/** A parameter group: its parameters and any hyperparameters that override the optimizer's options. */
export interface ParamGroupInput {
  /** The parameters of the group. */
  params: readonly OptimizerParam[];
  /** Per-group hyperparameters (`lr`, `weightDecay`, `betas`, …): the optimizer's option names. */
  [hyperparameter: string]: unknown;
}

/** A parameter group as the optimizer holds it: every hyperparameter filled in; set fields to change them. */
export interface ParamGroup {
  /** The parameters of the group. */
  readonly params: readonly OptimizerParam[];
  /** The hyperparameters (`lr`, `betas`, `weightDecay`, …), read at every `step()`. */
  [hyperparameter: string]: unknown;
}

/** Options of {@link Optimizer.zeroGrad}. */
export interface ZeroGradOptions {
  /**
   * Set each gradient to `null` (PyTorch 2's default) instead of filling it with zeros (PyTorch 1.13's default).
   * @defaultValue true
   */
  setToNone?: boolean;
}

const zeroGradOptions = /* @__PURE__ */ defineOptions<ZeroGradOptions>()('zeroGrad', { setToNone: true });

/** Options of {@link createOptimizer}. */
export interface CreateOptimizerOptions {
  /**
   * When `step()` checks the gradients for NaN and infinities (on the CPU; never on a device):
   * - `'before'`: every gradient is read once before the update, and a non-finite one throws (naming its path and
   *   first bad index) with nothing changed. The check costs one more read of the gradients: 4 of the 24 bytes per
   *   parameter that an sgd-momentum step moves through memory where the parameters do not fit in the caches.
   * - `'during'`: the update checks the values as it reads them (adam, adamw and sgd in WebAssembly: no extra
   *   read; other leaves are checked right after their update), and a non-finite gradient throws after the step,
   *   which has then been applied as PyTorch applies it (non-finite values where the gradient held them).
   * - `'off'`: no check, as PyTorch's and TensorFlow.js's optimizers.
   * @defaultValue 'before'
   */
  checkFinite?: 'before' | 'during' | 'off';
  /**
   * A {@link KernelMemory} (from {@link createKernelMemory}) to hold the optimizer's float32 state. Parameters and
   * gradients allocated in the same memory are then read and written in place by each step, with no copy (the
   * fastest layout: see docs/benchmarks.md). Without it the state lives in a memory of the optimizer's own and
   * each step copies the parameters and gradients through the kernels' scratch blocks. A RangeError says how
   * many values the state needs when the memory has too little room left.
   * @defaultValue undefined
   */
  memory?: KernelMemory;
}

const createOptimizerOptions = /* @__PURE__ */ defineOptions<CreateOptimizerOptions>()('createOptimizer', {
  checkFinite: 'before',
  memory: undefined,
});

/** The JSON-safe state of an {@link Optimizer}, from `stateDict()`. */
export interface OptimizerStateDict {
  /** The optimizer's name (`'adam'`). */
  optimizer: string;
  /** Per group: its hyperparameters and its parameters' shapes. */
  paramGroups: SavedParamGroup[];
  /** Per group: the state, typed arrays written as plain number arrays. */
  state: SavedGroupState[];
}

/** One parameter group in an {@link OptimizerStateDict}. */
export interface SavedParamGroup {
  /** The numeric and boolean hyperparameters (schedules are code and are not saved). */
  hyperparameters: Record<string, unknown>;
  /** The shape of each parameter. */
  shapes: number[][];
  /** The dtype of each parameter, `'float32'` or `'float64'`. */
  dtypes: string[];
}

/** The state of one parameter group in an {@link OptimizerStateDict} (an `OptimizerState` as plain numbers). */
export interface SavedGroupState {
  /** Updates so far. */
  count: number;
  /** Updates each parameter received. */
  steps: number[];
  /** State arrays by name, one number array per parameter. */
  slots: Record<string, number[][]>;
  /** Scalar states by name, one number per parameter. */
  scalars: Record<string, number[]>;
}

/** A PyTorch-style optimizer over parameter groups, made by {@link createOptimizer}. */
export interface Optimizer {
  /** The optimizer's name (`'adam'`). */
  readonly name: string;
  /** The parameter groups; `createScheduler` from `@dl/schedule` drives their `lr` and other fields. */
  readonly paramGroups: ParamGroup[];
  /** Updates every parameter that has a gradient, in place (parameters whose gradient is `null` are skipped). */
  step(): void;
  /**
   * Clears the gradients.
   * @param options - see {@link ZeroGradOptions}.
   */
  zeroGrad(options?: ZeroGradOptions): void;
  /** The state and hyperparameters as JSON-safe data (`JSON.stringify` it into a checkpoint). */
  stateDict(): OptimizerStateDict;
  /**
   * Restores a state dict saved by `stateDict()` of an optimizer of the same kind over the same parameter shapes;
   * the run then continues bit-exactly as the uninterrupted one.
   * @param dict - the saved state (parsed JSON).
   */
  loadStateDict(dict: OptimizerStateDict): void;
}

function paramLeaf(fn: string, path: string, p: unknown): Leaf {
  if (p === null || typeof p !== 'object' || !('data' in p) || !('grad' in p)) {
    throw new TypeError(`${fn}: ${path} must be a tensor or a { data, grad } record, got ${describe(p)}`);
  }
  const { data } = p as { data: unknown };
  if (!(data instanceof Float32Array || data instanceof Float64Array)) {
    throw new TypeError(`${fn}: ${path}.data must be a Float32Array or Float64Array, got ${describe(data)}`);
  }
  const shape = (p as { shape?: readonly number[] }).shape ?? [data.length];
  return { path, shape, data };
}

/** The gradient leaf of `p` (`into`, refilled: no allocation per step), or null when the gradient is missing. */
function gradLeaf(fn: string, p: Leaf, g: unknown, into: Leaf): Leaf | null {
  if (g === null || g === undefined) return null;
  const data = ArrayBuffer.isView(g) ? g : (g as { data?: unknown }).data;
  const path = into.path;
  if (!(data instanceof Float32Array || data instanceof Float64Array)) {
    throw new TypeError(`${fn}: ${path} must be a float array, a tensor or null, got ${describe(g)}`);
  }
  if (data.length !== p.data.length) {
    const shape = (g as { shape?: number[] }).shape ?? [data.length];
    throw new RangeError(`${fn}: ${path} has shape ${shapeString(shape)}, expected ${shapeString(p.shape)}`);
  }
  if (data.constructor !== p.data.constructor) {
    throw new TypeError(
      `${fn}: ${path} is a ${data.constructor.name}, expected a ${p.data.constructor.name}`,
    );
  }
  into.data = data;
  return into;
}

/**
 * Creates a PyTorch-style optimizer over parameters or parameter groups, running a named optimizer's fused
 * update in place: `step()`, `zeroGrad()`, `stateDict()` / `loadStateDict()`, and `paramGroups` whose fields
 * (`lr`, `betas`, `weightDecay`, …) are read at every step, so that `@dl/schedule`'s `createScheduler` can drive
 * them. Tensors contribute their `.grad`; a parameter whose gradient is `null` is skipped (as PyTorch does).
 *
 * Parameters on a device of `@dl/tensor/gpu` (moved there with `toDevice`) are updated on the device: the state
 * lives there, each step runs the device's fused update kernels and swaps the new values into the parameter
 * tensors (nothing is read back, and a step may run inside `tidy`). `adam`, `adamw` and `sgd` have a device
 * update; other optimizers are an error naming the fix. Non-finite gradients are not checked on a device.
 *
 * @param params - the parameters, or parameter groups `{ params, ...hyperparameters }` (per-group overrides of the
 *   optimizer's options).
 * @param optimizer - a named optimizer (`adam({ lr: 1e-3 })`): its options are every group's defaults.
 * @param options - see {@link CreateOptimizerOptions} (when gradients are checked for NaN and infinities).
 * @returns the {@link Optimizer}.
 * @example
 * ```ts
 * import { createOptimizer, sgd } from '@dl/optim';
 * const w = { data: new Float32Array([1, 2]), grad: new Float32Array([2, 4]) as Float32Array | null };
 * const b = { data: new Float32Array([1]), grad: null };
 * const opt = createOptimizer([{ params: [w] }, { params: [b], lr: 0 }], sgd({ lr: 0.25 }));
 * opt.step();
 * Array.from(w.data); // [0.5, 1]
 * opt.paramGroups[1].lr; // 0
 * opt.zeroGrad();
 * w.grad; // null
 * ```
 * @see {@link https://pytorch.org/docs/1.13/optim.html#per-parameter-options | PyTorch: per-parameter options}
 */
export function createOptimizer(
  params: readonly OptimizerParam[] | readonly ParamGroupInput[],
  optimizer: NamedOptimizer,
  options?: CreateOptimizerOptions,
): Optimizer {
  const fn = 'createOptimizer';
  const { checkFinite, memory } = createOptimizerOptions(options, fn);
  checkOneOf(fn, 'checkFinite', checkFinite, ['before', 'during', 'off'] as const);
  const memoryArena = memory === undefined ? undefined : arenaOf(memory);
  if (memory !== undefined && memoryArena === undefined) {
    throw new TypeError(
      `${fn}: options.memory must be a kernel memory from createKernelMemory(floats), got ${describe(memory)}`,
    );
  }
  const rule = ruleOf(optimizer);
  if (!rule) {
    throw new TypeError(
      `${fn}: optimizer must be a named optimizer such as adam({ lr: 1e-3 }), got ${describe(optimizer)}`,
    );
  }
  if (!Array.isArray(params) || params.length === 0) {
    throw new TypeError(
      `${fn}: params must be a non-empty array of parameters or parameter groups, got ${describe(params)}`,
    );
  }
  const defaults = optimizer.options as Record<string, unknown>;
  const inputs = (isParamGroup(params[0]) ? params : [{ params }]) as ParamGroupInput[];
  // parameters on a device (@dl/tensor/gpu) are updated there by its fused kernels (src/_device.ts)
  if (hasDeviceParams(inputs))
    return createDeviceOptimizer(fn, inputs, inputs === params, rule, defaults, zeroGradOptions);
  const seen = new Set<unknown>();
  const groups: ParamGroup[] = [];
  const changes: GroupChanges[] = [];
  const leaves: Leaf[][] = [];
  inputs.forEach((g, gi) => {
    const group = readParamGroup(fn, g, gi, rule, defaults);
    const ps = group.params as unknown[];
    leaves.push(
      ps.map((p, i) => {
        const path = inputs === params ? `params[${gi}].params[${i}]` : `params[${i}]`;
        if (seen.has(p)) throw new TypeError(`${fn}: ${path} appears in more than one place`);
        seen.add(p);
        return paramLeaf(fn, path, p);
      }),
    );
    groups.push(group);
    changes.push(trackChanges(group));
  });
  // The float32 state of rules with WebAssembly kernels lives in a kernel memory of this optimizer's own, sized
  // once here: each step then streams only the parameters and gradients (see src/wasm/runtime.ts).
  // With options.memory the state goes there, beside parameters and gradients the user allocated in it.
  const floats = rule.wasm ? groups.reduce((n, g, i) => n + residentFloats(rule, g, leaves[i]!), 0) : 0;
  if (memory && memory.free < floats) {
    throw new RangeError(
      `${fn}: options.memory has room for ${memory.free} more float32 values, but the state of ${rule.name} over these parameters needs ${floats}; create the memory with createKernelMemory(${memory.capacity - memory.free + floats}) or more`,
    );
  }
  const arena = !rule.wasm
    ? null
    : memoryArena
      ? memoryArena
      : optimizerArena(
          floats,
          Math.max(...leaves.flat().map((l) => (l.data instanceof Float32Array ? l.data.length : 0))),
        );
  let states: OptimizerState[] = groups.map((g, i) => initState(rule, g, leaves[i]!, rule.name, arena));
  const stepName = `${rule.name}.step`;
  const gradLeaves: Leaf[][] = leaves.map((ls) =>
    ls.map((l) => ({ path: `${l.path}.grad`, shape: l.shape, data: l.data })),
  );
  const grads: (Leaf | null)[][] = leaves.map((ls) => ls.map(() => null));
  let works: (StepWork | undefined)[] = groups.map(() => undefined);

  return {
    name: rule.name,
    paramGroups: groups,
    step() {
      for (let gi = 0; gi < groups.length; gi++) {
        const g = groups[gi]!;
        const ls = leaves[gi]!;
        const gs = grads[gi]!;
        const ps = g.params as readonly { grad: unknown }[];
        for (let i = 0; i < ls.length; i++)
          gs[i] = gradLeaf('step', ls[i]!, ps[i]!.grad, gradLeaves[gi]![i]!);
        const state = states[gi]!;
        const work = (works[gi] ??= stepWork(state, ls.length, changes[gi]!));
        stepLeaves(stepName, rule, g, ls, gs, state, undefined, work, arena, checkFinite);
      }
    },
    zeroGrad(options) {
      const fn = `${rule.name}.zeroGrad`;
      const { setToNone } = zeroGradOptions(options, fn);
      checkBoolean(fn, 'setToNone', setToNone);
      for (const g of groups) {
        for (const p of g.params as unknown as { grad: unknown }[]) {
          if (setToNone) p.grad = null;
          else if (p.grad) {
            const d = ArrayBuffer.isView(p.grad) ? p.grad : (p.grad as { data: FloatArray }).data;
            (d as FloatArray).fill(0);
          }
        }
      }
    },
    stateDict() {
      return {
        optimizer: rule.name,
        paramGroups: groups.map((g, gi) => {
          const hyperparameters: Record<string, unknown> = {};
          for (const k of Object.keys(defaults)) {
            const v = g[k];
            if (typeof v === 'function') continue;
            hyperparameters[k] = Array.isArray(v) ? v.filter((x) => typeof x !== 'function') : v;
          }
          return {
            hyperparameters,
            shapes: leaves[gi]!.map((l) => [...l.shape]),
            dtypes: leaves[gi]!.map((l) => (l.data instanceof Float32Array ? 'float32' : 'float64')),
          };
        }),
        state: states.map((s) => ({
          count: s.count,
          steps: s.steps.slice(),
          slots: Object.fromEntries(
            Object.entries(s.slots).map(([k, v]) => [k, v.map((a) => Array.from(a))]),
          ),
          scalars: Object.fromEntries(Object.entries(s.scalars).map(([k, v]) => [k, v.slice()])),
        })),
      };
    },
    loadStateDict(dict) {
      const f = `${rule.name}.loadStateDict`;
      if (dict === null || typeof dict !== 'object')
        throw new TypeError(`${f}: dict must be a state dict, got ${describe(dict)}`);
      if (dict.optimizer !== rule.name) {
        throw new TypeError(
          `${f}: the state dict is from ${describe(dict.optimizer)}, expected "${rule.name}"`,
        );
      }
      if (
        !Array.isArray(dict.paramGroups) ||
        !Array.isArray(dict.state) ||
        dict.paramGroups.length !== groups.length ||
        dict.state.length !== groups.length
      ) {
        throw new RangeError(
          `${f}: the state dict has ${dict.paramGroups?.length} parameter groups, expected ${groups.length}`,
        );
      }
      const next = groups.map((g, gi) => {
        const saved = dict.paramGroups[gi]!;
        const s = dict.state[gi]!;
        const ls = leaves[gi]!;
        if (saved.shapes.length !== ls.length) {
          throw new RangeError(
            `${f}: group ${gi} of the state dict has ${saved.shapes.length} parameters, expected ${ls.length}`,
          );
        }
        ls.forEach((l, i) => {
          const shape = saved.shapes[i]!;
          if (
            shapeString(shape) !== shapeString(l.shape) ||
            saved.dtypes[i] !== (l.data instanceof Float32Array ? 'float32' : 'float64')
          ) {
            throw new RangeError(
              `${f}: ${l.path} has shape ${shapeString(l.shape)} but the state dict holds ${shapeString(shape)} (${saved.dtypes[i]})`,
            );
          }
        });
        const want = rule.slots({ ...g, ...saved.hyperparameters });
        const got = Object.keys(s.slots ?? {});
        if (want.join() !== got.join()) {
          throw new TypeError(
            `${f}: group ${gi} of the state dict holds the state arrays ${describe(got)}, expected ${describe([...want])}`,
          );
        }
        const slots: OptimizerState['slots'] = {};
        for (const k of got) {
          slots[k] = s.slots[k]!.map((a, i) => {
            if (!Array.isArray(a) || a.length !== ls[i]!.data.length) {
              throw new RangeError(`${f}: ${k} of ${ls[i]!.path} must hold ${ls[i]!.data.length} numbers`);
            }
            return ls[i]!.data instanceof Float32Array ? Float32Array.from(a) : Float64Array.from(a);
          });
        }
        return {
          count: s.count,
          steps: s.steps.slice(),
          slots,
          scalars: Object.fromEntries(Object.entries(s.scalars ?? {}).map(([k, v]) => [k, v.slice()])),
        };
      });
      dict.paramGroups.forEach((saved, gi) => {
        const group = groups[gi]!;
        for (const [k, v] of Object.entries(saved.hyperparameters)) {
          const now = group[k];
          // schedules are not saved: keep them (an array with a schedule inside was saved shortened)
          if (typeof now === 'function' || (Array.isArray(now) && now.some((x) => typeof x === 'function')))
            continue;
          group[k] = v;
        }
      });
      // state resident in the kernel memory is refilled in place (its views stay where the kernels read them)
      next.forEach((s, gi) => {
        for (const k of Object.keys(s.slots)) {
          const curs = states[gi]!.slots[k];
          s.slots[k] = s.slots[k]!.map((a, i) => {
            const cur = curs?.[i];
            if (!arena || !cur || cur.buffer !== arena.buffer || cur.length !== a.length) return a;
            cur.set(a);
            return cur;
          });
        }
      });
      states = next;
      works = groups.map(() => undefined);
    },
  };
}
