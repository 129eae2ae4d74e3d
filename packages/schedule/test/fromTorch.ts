/**
 * Test helpers: builds the @dl/schedule equivalent of a PyTorch scheduler described in a fixture, through the
 * documented mapping (option names are PyTorch's parameter names camelCased), and compares value sequences.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import {
  constantFactor,
  cosineAnnealing,
  cosineAnnealingWarmRestarts,
  cyclic,
  cyclicMomentum,
  exponentialDecay,
  joinSchedules,
  linearFactor,
  multiplySchedules,
  multiStepDecay,
  oneCycle,
  oneCycleMomentum,
  polynomialDecay,
  type Schedule,
  stepDecay,
} from '../src/index';

/** A scheduler as the oracle script describes it. */
export interface TorchSpec {
  class: string;
  kwargs?: Record<string, unknown>;
  schedulers?: TorchSpec[];
}

/** One configuration of a fixture. */
export interface OracleConfig {
  torch: TorchSpec;
  lr: number;
  steps: number;
  lrs: number[];
  momentum?: number[];
  at?: number[];
  metrics?: number[];
}

/** Reads `fixtures/<name>.json`. */
export function fixture(name: string): OracleConfig[] {
  const url = new URL(`../fixtures/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')).configs;
}

/** `T_max` → `tMax`, `eta_min` → `etaMin`, `T_0` → `t0`: PyTorch's names camelCased. */
export function camel(name: string): string {
  const s = name.replace(/_([a-z0-9])/gi, (_, c: string) => c.toUpperCase());
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** The kwargs with camelCased keys. */
export function options(kwargs: Record<string, unknown> = {}): Record<string, never> {
  return Object.fromEntries(Object.entries(kwargs).map(([k, v]) => [camel(k), v])) as Record<string, never>;
}

type RequiredOption = 'stepSize' | 'milestones' | 'gamma' | 'tMax' | 't0' | 'baseLr' | 'maxLr';

/** Our schedule for a PyTorch scheduler; `initial` is the optimizer's lr (1 for a factor in a chain). */
export function fromTorch(spec: TorchSpec, initial: number, what: 'lr' | 'momentum' = 'lr'): Schedule {
  // The fixture's kwargs are untyped JSON: the factories validate them at run time.
  const o = options(spec.kwargs) as Record<string, never> & Required<Record<RequiredOption, never>>;
  switch (spec.class) {
    case 'StepLR':
      return stepDecay({ initial, ...o });
    case 'MultiStepLR':
      return multiStepDecay({ initial, ...o });
    case 'ExponentialLR':
      return exponentialDecay({ initial, ...o });
    case 'PolynomialLR':
      return polynomialDecay({ initial, ...o });
    case 'LinearLR':
      return linearFactor({ initial, ...o });
    case 'ConstantLR':
      return constantFactor({ initial, ...o });
    case 'CosineAnnealingLR':
      return cosineAnnealing({ initial, ...o });
    case 'CosineAnnealingWarmRestarts':
      return cosineAnnealingWarmRestarts({ initial, ...o });
    case 'CyclicLR':
      return what === 'lr' ? cyclic(o) : cyclicMomentum(o);
    case 'OneCycleLR':
      return what === 'lr' ? oneCycle(o) : oneCycleMomentum(o);
    case 'SequentialLR':
      return joinSchedules(
        spec.schedulers!.map((s) => fromTorch(s, initial)),
        (spec.kwargs as { milestones: number[] }).milestones,
      );
    case 'ChainedScheduler':
      return multiplySchedules(...spec.schedulers!.map((s, i) => fromTorch(s, i === 0 ? initial : 1)));
    default:
      throw new Error(`no mapping for ${spec.class}`);
  }
}

/** A short description of a configuration, for test names. */
export function describeSpec(spec: TorchSpec, lr?: number): string {
  const args = Object.entries(spec.kwargs ?? {})
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ');
  const subs = spec.schedulers ? `[${spec.schedulers.map((s) => describeSpec(s)).join(', ')}]` : '';
  return `${spec.class}(${[subs, args].filter(Boolean).join(', ')})${lr === undefined ? '' : ` lr=${lr}`}`;
}

/** Asserts |a - e| <= rel × max(|a|, |e|) at every index (an expected 0 must be exactly 0). */
export function expectSequence(actual: readonly number[], expected: readonly number[], rel = 1e-12): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  let at = -1;
  actual.forEach((a, i) => {
    const e = expected[i]!;
    const err = Math.abs(a - e) / Math.max(Math.abs(a), Math.abs(e), Number.MIN_VALUE);
    if (err > worst) {
      worst = err;
      at = i;
    }
  });
  expect(worst, `worst relative error at index ${at}: ${actual[at]} vs ${expected[at]}`).toBeLessThanOrEqual(
    rel,
  );
}

/** Registers one oracle test per configuration of `fixtures/<name>.json` (values and, if present, momentum). */
export function oracleTests(name: string, rel = 1e-12): void {
  const configs = fixture(name);
  test(`fixtures/${name}.json holds at least three configurations of at least 100 steps`, () => {
    expect(configs.length).toBeGreaterThanOrEqual(3);
    for (const c of configs) expect(c.lrs.length).toBeGreaterThanOrEqual(100);
  });
  for (const c of configs) {
    const steps = c.at ?? c.lrs.map((_, i) => i);
    test(`equals PyTorch 1.13 ${describeSpec(c.torch, c.lr)} over ${steps.length} steps to ${rel} relative`, () => {
      const s = fromTorch(c.torch, c.lr);
      expectSequence(
        steps.map((t) => s(t)),
        c.lrs,
        rel,
      );
      if (c.momentum) {
        const m = fromTorch(c.torch, c.lr, 'momentum');
        expectSequence(
          steps.map((t) => m(t)),
          c.momentum,
          rel,
        );
      }
    });
  }
}

/** Asserts that `thunk` throws `type` with a message matching `message`. */
export function expectError(
  thunk: () => unknown,
  type: typeof RangeError | typeof TypeError,
  message: RegExp,
): void {
  let caught: unknown;
  try {
    thunk();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(type);
  expect((caught as Error).message).toMatch(message);
}

/** Asserts the schedule equals the fixture's value at each listed index (boundaries), to `rel` relative. */
export function expectAt(
  schedule: Schedule,
  config: OracleConfig,
  indices: readonly number[],
  rel = 1e-12,
): void {
  const steps = config.at ?? config.lrs.map((_, i) => i);
  for (const i of indices) {
    const a = schedule(steps[i]!);
    const e = config.lrs[i]!;
    expect(Math.abs(a - e), `at index ${i} (step ${steps[i]}): ${a} vs ${e}`).toBeLessThanOrEqual(
      rel * Math.max(Math.abs(a), Math.abs(e)),
    );
  }
}
