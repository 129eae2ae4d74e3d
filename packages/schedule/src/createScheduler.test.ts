import { expect, test } from 'vitest';
import { expectError, fixture, options } from '../test/fromTorch';
import { constant } from './constant';
import { cosineAnnealing } from './cosineAnnealing';
import { createScheduler } from './createScheduler';
import { linearWarmup } from './linearWarmup';
import { oneCycle } from './oneCycle';
import { oneCycleMomentum } from './oneCycleMomentum';
import { reduceOnPlateau } from './reduceOnPlateau';
import { stepDecay } from './stepDecay';

test('createScheduler applies step 0 on creation and each next step on step()', () => {
  const opt = { lr: -1 };
  const lr = stepDecay({ initial: 0.1, stepSize: 2, gamma: 0.5 });
  const s = createScheduler(opt, { schedules: { lr } });
  const seen = [opt.lr];
  for (let k = 0; k < 5; k++) {
    s.step();
    seen.push(opt.lr);
  }
  expect(seen).toEqual([0, 1, 2, 3, 4, 5].map(lr));
  expect(s.state().step).toBe(5);
  expect(s.values()).toEqual({ lr: lr(5) });
});

test('createScheduler drives a PyTorch-style param_groups optimizer like OneCycleLR does (oracle: torch OneCycleLR)', () => {
  const c = fixture('OneCycleLR')[0]!; // max_lr 0.1, total_steps 100, momentum cycled on SGD(momentum=0.9)
  const o = options(c.torch.kwargs) as unknown as Parameters<typeof oneCycle>[0];
  const opt = { param_groups: [{ lr: 0, momentum: 0.9, weight_decay: 0 }] };
  const s = createScheduler(opt, { schedules: { lr: oneCycle(o), momentum: oneCycleMomentum(o) } });
  const lrs: number[] = [];
  const moms: number[] = [];
  for (let t = 0; t < c.lrs.length; t++) {
    if (t > 0) s.step();
    lrs.push(opt.param_groups[0]!.lr);
    moms.push(opt.param_groups[0]!.momentum);
  }
  lrs.forEach((v, t) => {
    expect(Math.abs(v - c.lrs[t]!)).toBeLessThanOrEqual(1e-12 * c.lrs[t]!);
  });
  moms.forEach((v, t) => {
    expect(Math.abs(v - c.momentum![t]!)).toBeLessThanOrEqual(1e-12 * c.momentum![t]!);
  });
});

test('createScheduler: per-group schedules, snake_case names, betas and setter methods', () => {
  const groups = [
    { lr: 0, betas: [0.9, 0.999], weight_decay: 0 },
    { lr: 0, betas: [0.9, 0.999], weight_decay: 0 },
  ];
  const s = createScheduler(
    { paramGroups: groups },
    { schedules: { lr: [0.1, (t) => 0.01 * (t + 1)], beta1: 0.8, momentum: 0.85, weightDecay: [0.05, 0] } },
  );
  // momentum maps to betas[0] when a group has no momentum (as OneCycleLR does for Adam), after beta1
  expect(groups[0]).toEqual({ lr: 0.1, betas: [0.85, 0.999], weight_decay: 0.05 });
  expect(groups[1]).toEqual({ lr: 0.01, betas: [0.85, 0.999], weight_decay: 0 });
  s.step();
  expect(groups[1]!.lr).toBe(0.02);
  expect(s.values()).toEqual({ lr: [0.1, 0.02], beta1: 0.8, momentum: 0.85, weightDecay: [0.05, 0] });

  const calls: number[] = [];
  const withSetter = {
    learningRate: 0,
    setLearningRate(v: number) {
      calls.push(v);
      this.learningRate = v;
    },
  };
  createScheduler(withSetter, { schedules: { lr: 0.3 } }).step();
  expect(calls).toEqual([0.3, 0.3]);
  const tfjsLike = { learningRate: 0 };
  createScheduler(tfjsLike, { schedules: { lr: constant(0.2) } });
  expect(tfjsLike.learningRate).toBe(0.2);
});

test('createScheduler with a plateau rule multiplies the lr schedule; observe() does not advance the step', () => {
  const opt = { lr: 0 };
  const cosine = cosineAnnealing({ initial: 0.1, tMax: 100, mode: 'clamped' });
  const s = createScheduler(opt, {
    schedules: { lr: cosine },
    plateau: reduceOnPlateau({ patience: 0, factor: 0.5 }),
  });
  s.observe(1);
  expect(s.state().step).toBe(0);
  s.step(2); // bad epoch with patience 0: factor 0.5
  expect(opt.lr).toBe(cosine(1) * 0.5);
  s.step();
  expect(opt.lr).toBe(cosine(2) * 0.5);
  const alone = { lr: 0 };
  createScheduler(alone, { plateau: reduceOnPlateau({ initial: 0.01 }) });
  expect(alone.lr).toBe(0.01);
});

test('a resumed run reproduces the uninterrupted one exactly, plateau rule included (state through JSON)', () => {
  const make = () => ({
    schedules: {
      lr: linearWarmup(cosineAnnealing({ initial: 0.1, tMax: 60 }), 5),
      momentum: (t: number) => 0.9 - t / 1000,
    },
    plateau: reduceOnPlateau({ patience: 2, factor: 0.5, cooldown: 1 }),
  });
  const metric = (t: number) => 1 / (1 + t) + (t > 15 ? 0.1 : 0) + 0.01 * ((t * 7) % 5);
  const run = (
    opt: { lr: number; momentum: number },
    s: ReturnType<typeof createScheduler>,
    from: number,
    to: number,
  ) => {
    const out: number[][] = [];
    for (let t = from; t < to; t++) {
      out.push([opt.lr, opt.momentum]);
      s.step(t % 3 === 2 ? metric(t) : undefined); // a metric every third step, as at the end of an epoch
    }
    return out;
  };
  const full = { lr: 0, momentum: 0 };
  const uninterrupted = run(full, createScheduler(full, make()), 0, 80);
  const first = { lr: 0, momentum: 0 };
  const s1 = createScheduler(first, make());
  const part1 = run(first, s1, 0, 37);
  const saved = JSON.stringify(s1.state());
  const second = { lr: 0, momentum: 0 };
  const s2 = createScheduler(second, { ...make(), state: JSON.parse(saved) });
  const part2 = run(second, s2, 37, 80);
  expect([...part1, ...part2]).toEqual(uninterrupted);
  expect(new Set(uninterrupted.map(([lr]) => lr)).size).toBeGreaterThan(40);
  expect(JSON.parse(saved).plateau.value).toBeLessThan(1); // the plateau rule did reduce before the save
});

test.each([
  [
    'a non-object optimizer',
    () => createScheduler(3 as never),
    TypeError,
    /^createScheduler: optimizer must be an object, got 3$/,
  ],
  [
    'an unknown hyperparameter',
    () => createScheduler({ lr: 0 }, { schedules: { dampening: 0.1 } }),
    TypeError,
    /^createScheduler: the optimizer has no hyperparameter "dampening" \(looked for dampening, dampening and its aliases\)$/,
  ],
  [
    'per-group schedules of the wrong length',
    () => createScheduler({ paramGroups: [{ lr: 0 }] }, { schedules: { lr: [1, 2] } }),
    RangeError,
    /^createScheduler: schedules.lr must have one entry per parameter group \(1\), got 2$/,
  ],
  [
    'a schedule returning NaN',
    () => createScheduler({ lr: 0 }, { schedules: { lr: () => Number.NaN } }),
    TypeError,
    /^createScheduler: the value of lr at step 0 must be a finite number, got NaN$/,
  ],
  [
    'a metric without a plateau rule',
    () => createScheduler({ lr: 0 }, { schedules: { lr: 1 } }).step(0.5),
    TypeError,
    /^createScheduler: a metric was given, but there is no plateau option$/,
  ],
  [
    'observe without a plateau rule',
    () => createScheduler({ lr: 0 }).observe(0.5),
    TypeError,
    /no plateau option/,
  ],
  [
    'a state with a negative step',
    () => createScheduler({ lr: 0 }, { schedules: { lr: 1 }, state: { step: -1, plateau: null } }),
    RangeError,
    /^createScheduler: state.step must be an integer >= 0, got -1$/,
  ],
  [
    'a state without the plateau state',
    () => createScheduler({ lr: 0 }, { plateau: reduceOnPlateau(), state: { step: 3, plateau: null } }),
    TypeError,
    /^createScheduler: state.plateau must be a plateau state, got null$/,
  ],
  [
    'a non-finite metric',
    () => createScheduler({ lr: 0 }, { plateau: reduceOnPlateau() }).step(Number.NaN),
    RangeError,
    /^reduceOnPlateau: metric must be a finite number, got NaN$/,
  ],
])('createScheduler rejects %s', (_, thunk, type, message) => expectError(thunk, type, message));

test('values() are the values written at the current step, in fresh arrays for per-group schedules', () => {
  const groups = [{ lr: -1 }, { lr: -1 }];
  const lrs = [stepDecay({ initial: 0.1, stepSize: 1, gamma: 0.5 }), constant(0.3)];
  const plateau = reduceOnPlateau({ factor: 0.5, patience: 0 });
  const s = createScheduler({ paramGroups: groups }, { schedules: { lr: lrs }, plateau });
  s.step(1);
  s.step(2); // worse: the plateau rule halves lr
  const v = s.values();
  expect(v.lr).toEqual(groups.map((g) => g.lr));
  expect(v.lr).toEqual([lrs[0]!(2) * 0.5, 0.3 * 0.5]);
  (v.lr as number[])[0] = 99;
  expect(s.values().lr).toEqual(groups.map((g) => g.lr));
});
