import { defineOptions } from '@dl/internal';
import type { ReduceOnPlateau, ReduceOnPlateauState } from './reduceOnPlateau';
import type { Schedule } from './types';
import { finite, integer, show } from './validate';

/**
 * Anything the driver can step: an object with the hyperparameter as a field or a setter (`lr`, `learningRate`,
 * `momentum`, … or a `setLearningRate`-style method, as in TensorFlow.js), or with `paramGroups` / `param_groups`,
 * an array of such records (PyTorch style).
 */
export type OptimizerLike = object;

/** What drives one hyperparameter: a schedule, a constant, or one of those per parameter group. */
export type HyperparameterSchedule = Schedule | number | readonly (Schedule | number)[];

/** The state of a {@link Scheduler}: a plain JSON-safe record, to save with a checkpoint. */
export interface SchedulerState {
  /** The number of `step()` calls so far: the step the current values belong to. */
  step: number;
  /** The state of the reduce-on-plateau rule, `null` without one. */
  plateau: ReduceOnPlateauState | null;
}

/**
 * What {@link Scheduler.values} holds for each scheduled hyperparameter: a number for a schedule or a constant,
 * an array of numbers (one per parameter group) for an array of them.
 */
export type ScheduledValue<H> = H extends readonly unknown[] ? number[] : number;

/** The values of a {@link Scheduler}, typed from its `schedules` (`{ lr: number }` for `{ lr: cosine }`). */
export type ScheduledValues<S> = { [K in keyof S]: ScheduledValue<S[K]> } & Record<string, number | number[]>;

/**
 * Options of {@link createScheduler}.
 * @typeParam S - the type of `schedules`, inferred from the call, which types {@link Scheduler.values}.
 */
export interface SchedulerOptions<
  S extends Record<string, HyperparameterSchedule> = Record<string, HyperparameterSchedule>,
> {
  /**
   * Hyperparameter name → schedule, e.g. `{ lr: cosine, momentum: oneCycleMomentum(...) }`. Names are looked up
   * on the optimizer (or each parameter group) as given, in snake_case, then through aliases: `lr` ↔
   * `learningRate`/`learning_rate`, `beta1`/`beta2` → `betas[0]`/`betas[1]`, `momentum` → `beta1`/`betas[0]`
   * when there is no `momentum` (as PyTorch's `OneCycleLR` does for Adam). An array gives one schedule per group.
   * @defaultValue {}
   */
  schedules?: S;
  /**
   * A reduce-on-plateau rule; its value multiplies the schedule of `plateauTarget` (or replaces it when that
   * hyperparameter has no schedule). Feed it with `step(metric)` or `observe(metric)`.
   * @defaultValue undefined
   */
  plateau?: ReduceOnPlateau;
  /**
   * The hyperparameter the plateau rule acts on.
   * @defaultValue 'lr'
   */
  plateauTarget?: string;
  /**
   * A state saved by `state()` to resume from; the values of that step are applied at once.
   * @defaultValue undefined (start at step 0)
   */
  state?: SchedulerState;
}

/** @internal The checker of {@link SchedulerOptions}: its option names and defaults. */
export const schedulerOptions = /* @__PURE__ */ defineOptions<SchedulerOptions>()('createScheduler', {
  schedules: {},
  plateau: undefined,
  plateauTarget: 'lr',
  state: undefined,
});

/**
 * A stateful driver made by {@link createScheduler}.
 * @typeParam S - the type of its `schedules`: `values().lr` is a `number` when `lr` has one schedule, a
 *   `number[]` when it has one per parameter group.
 */
export interface Scheduler<
  S extends Record<string, HyperparameterSchedule> = Record<string, HyperparameterSchedule>,
> {
  /** Advances one step and applies the values of the new step. A metric, if given, is first fed to the plateau rule. */
  step(metric?: number): void;
  /** Feeds a metric to the plateau rule and re-applies the values, without advancing the step. */
  observe(metric: number): void;
  /**
   * The values applied at the current step, by hyperparameter name: a number, or an array with per-group
   * schedules (typed from the schedules given, see {@link ScheduledValues}).
   */
  values(): ScheduledValues<S>;
  /** A JSON-safe copy of the state. */
  state(): SchedulerState;
}

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Finds how `name` is written on one record, once: a setter method, a field, or an element of `betas`. Returns the
 * writer, or `undefined` when the record has no such hyperparameter. Resolving once keeps `step()` free of
 * allocations (no key lists or closures per step).
 */
function writer(record: Record<string, unknown>, name: string): ((value: number) => unknown) | undefined {
  const aliases: Record<string, string[]> = {
    lr: ['learningRate', 'learning_rate'],
    learningRate: ['lr'],
    momentum: ['beta1'],
  };
  for (const key of [name, snake(name), ...(aliases[name] ?? [])]) {
    const setter = record[`set${key[0]!.toUpperCase()}${key.slice(1)}`];
    if (typeof setter === 'function') return (value) => setter.call(record, value);
    if (key in record && typeof record[key] !== 'function') return (value) => (record[key] = value);
    const i = ['beta1', 'beta2'].indexOf(key);
    // a new betas array each time: it may be shared between groups
    if (i >= 0 && Array.isArray(record['betas'])) {
      return (value) => {
        const next = (record['betas'] as number[]).slice();
        next[i] = value;
        record['betas'] = next;
      };
    }
  }
  return undefined;
}

/**
 * TensorFlow.js's `MomentumOptimizer` (tfjs-core 4.22) multiplies by a scalar tensor made in its constructor;
 * `setMomentum` only changes the number `getConfig()` reports, so a scheduled momentum would be silently ignored.
 */
function refuseTfjsMomentum(fn: string, record: Record<string, unknown>): void {
  const name = record['getClassName'];
  if (
    typeof record['setMomentum'] === 'function' &&
    typeof name === 'function' &&
    name.call(record) === 'Momentum'
  ) {
    throw new TypeError(
      `${fn}: schedules.momentum cannot drive TensorFlow.js's tf.train.momentum: its setMomentum changes ` +
        "getConfig().momentum but not the update. Schedule only its lr, or use @dl/optim's sgd({ momentum }) via its tfjs adapter",
    );
  }
}

/**
 * Creates a small stateful driver that writes scheduled hyperparameters into an optimizer at every step.
 *
 * It works with any optimizer-like object ({@link OptimizerLike}): PyTorch-style `paramGroups`/`param_groups`,
 * a plain `{ lr }`, or a TensorFlow.js optimizer (its protected `learningRate` is written through
 * `setLearningRate` when the optimizer has one, as `tf.train.sgd` needs, else assigned; a scheduled `momentum` on
 * `tf.train.momentum` is refused, because TensorFlow.js ignores it in the update). The values of step 0 are
 * applied on creation (as PyTorch schedulers do); call `step()` once after each optimizer update.
 *
 * Step counting: one step = one optimizer update. With gradient accumulation over $k$ micro-batches, call
 * `step()` once per update (every $k$ micro-batches), and size the schedules in updates:
 * $\lceil \text{batches per epoch} / k \rceil \times \text{epochs}$.
 *
 * Resuming: save `state()` (JSON) with the checkpoint and pass it back as `options.state`; the resumed run then
 * produces exactly the values of an uninterrupted one, plateau rule included.
 *
 * @param optimizer - the optimizer to drive.
 * @param options - the schedules by hyperparameter, an optional plateau rule and an optional saved state.
 * @returns the {@link Scheduler}.
 * @example
 * ```ts
 * import { createScheduler, cosineAnnealing } from '@dl/schedule';
 * const optimizer = { lr: 0 };
 * const scheduler = createScheduler(optimizer, { schedules: { lr: cosineAnnealing({ initial: 0.1, tMax: 10 }) } });
 * optimizer.lr; // 0.1
 * scheduler.step();
 * optimizer.lr; // 0.0975528
 * JSON.stringify(scheduler.state()); // '{"step":1,"plateau":null}'
 * ```
 * @see {@link https://pytorch.org/docs/1.13/optim.html#how-to-adjust-learning-rate | PyTorch: how to adjust the learning rate}
 */
export function createScheduler<
  S extends Record<string, HyperparameterSchedule> = Record<string, HyperparameterSchedule>,
>(optimizer: OptimizerLike, options: SchedulerOptions<S> = {}): Scheduler<S> {
  const fn = 'createScheduler';
  if (optimizer === null || typeof optimizer !== 'object') {
    throw new TypeError(`${fn}: optimizer must be an object, got ${show(optimizer)}`);
  }
  const { schedules, plateau, plateauTarget, state } = schedulerOptions(options, fn);
  if (schedules === null || typeof schedules !== 'object' || Array.isArray(schedules)) {
    throw new TypeError(
      `${fn}: schedules must be an object of name: schedule entries, got ${show(schedules)}`,
    );
  }
  const opt = optimizer as Record<string, unknown>;
  const targets = [opt['paramGroups'], opt['param_groups'], [opt]].find(Array.isArray) as Record<
    string,
    unknown
  >[];
  const names = Object.keys(schedules);
  if (plateau && !names.includes(plateauTarget)) names.push(plateauTarget);
  for (const name of names) {
    const s = schedules[name];
    (Array.isArray(s) ? s : [s]).forEach((one, i) => {
      if (one !== undefined && typeof one !== 'function' && typeof one !== 'number') {
        const at = Array.isArray(s) ? `[${i}]` : '';
        throw new TypeError(
          `${fn}: schedules.${name}${at} must be a Schedule (step => value) or a number, got ${show(one)}`,
        );
      }
    });
    if (Array.isArray(s) && s.length !== targets.length) {
      throw new RangeError(
        `${fn}: schedules.${name} must have one entry per parameter group (${targets.length}), got ${s.length}`,
      );
    }
  }
  if (names.includes('momentum')) for (const record of targets) refuseTfjsMomentum(fn, record);
  let step = 0;
  let rule: ReduceOnPlateauState | null = plateau ? plateau.init() : null;
  if (state !== undefined) {
    integer(fn, 'state.step', state?.step, 0);
    step = state.step;
    if (plateau) {
      if (!state.plateau)
        throw new TypeError(`${fn}: state.plateau must be a plateau state, got ${show(state.plateau)}`);
      rule = { ...state.plateau };
    }
  }
  // how hyperparameter n is written on group g (writers[n * T + g]), resolved once
  const T = targets.length;
  const writers = names.flatMap((name) =>
    targets.map((record) => {
      const w = writer(record, name);
      if (w) return w;
      throw new TypeError(
        `${fn}: the optimizer has no hyperparameter "${name}" (looked for ${name}, ${snake(name)} and its aliases)`,
      );
    }),
  );
  // the value of writer i at the current step (schedules are pure functions of the step)
  const valueAt = (i: number): number => {
    const name = names[(i / T) | 0]!;
    const s = schedules[name];
    const one = Array.isArray(s) ? s[i % T] : s;
    let v = typeof one === 'function' ? one(step) : (one ?? 1);
    if (rule && name === plateauTarget) v *= rule.value;
    // the message is built only on failure: step() allocates nothing
    return Number.isFinite(v) ? v : finite(fn, `the value of ${name} at step ${step}`, v);
  };
  const apply = () => {
    for (let i = 0; i < writers.length; i++) writers[i]!(valueAt(i));
  };
  const observe = (metric: number) => {
    if (!plateau || !rule) throw new TypeError(`${fn}: a metric was given, but there is no plateau option`);
    rule = plateau.update(rule, metric);
  };
  apply();
  return {
    step(metric) {
      if (metric !== undefined) observe(metric);
      step += 1;
      apply();
    },
    observe(metric) {
      observe(metric);
      apply();
    },
    values: () =>
      Object.fromEntries(
        names.map((name, n) => [
          name,
          Array.isArray(schedules[name]) ? targets.map((_, g) => valueAt(n * T + g)) : valueAt(n * T),
        ]),
      ) as ScheduledValues<S>,
    state: () => ({ step, plateau: rule ? { ...rule } : null }),
  };
}
