import { cosineAnnealing, createScheduler } from '@dl/schedule';
import { mul, sum, tensor } from '@dl/tensor';
import { describe, expect, test } from 'vitest';
import {
  adam,
  adamw,
  applyIfFinite,
  applyUpdates,
  chain,
  clipByGlobalNorm,
  clipByValue,
  createOptimizer,
  gradientsOf,
  injectHyperparams,
  lookahead,
  masked,
  multiSteps,
  multiTransform,
  nadam,
  rmsprop,
  scaleByAdam,
  scaleByLearningRate,
  sgd,
  stateFromJSON,
  stateToJSON,
  trace,
  type UpdateTree,
} from '../src/index';
import { fixture, grads, initParams, type Params } from './problem';

const f32 = (...xs: number[]) => Float32Array.from(xs);

describe('parameter trees', () => {
  const params = { layers: [{ w: f32(1, 2) }, { w: f32(1) }, { w: f32(3), bias: f32(0, 0, 0) }] };
  test('a shape mismatch names both paths and shapes', () => {
    const opt = sgd({ lr: 0.1 });
    const g = { layers: [{ w: f32(1, 2) }, { w: f32(1) }, { w: f32(3), bias: f32(0, 0) }] };
    expect(() => opt.update(g, opt.init(params), params)).toThrow(
      'sgd.update: grads.layers[2].bias has shape [2], expected [3] (the shape of params.layers[2].bias)',
    );
  });
  test('a structure mismatch and a dtype mismatch are errors', () => {
    const opt = sgd({ lr: 0.1 });
    const s = opt.init(params);
    expect(() => opt.update({ layers: [{ w: f32(1, 2) }] }, s, params)).toThrow(
      'sgd.update: grads has 1 leaves but params has 4',
    );
    const g64 = { layers: [{ w: new Float64Array(2) }, { w: f32(1) }, { w: f32(3), bias: f32(0, 0, 0) }] };
    expect(() => opt.update(g64, s, params)).toThrow(
      'sgd.update: grads.layers[0].w is a Float64Array, expected a Float32Array (the dtype of params.layers[0].w)',
    );
    const renamed = { layers: [{ w: f32(1, 2) }, { w: f32(1) }, { w: f32(3), b: f32(0, 0, 0) }] };
    expect(() => opt.update(renamed, s, params)).toThrow(
      'grads.layers[2].b does not match params.layers[2].bias',
    );
  });
  test('bad leaves are named', () => {
    expect(() => adam().init({ w: [1, 2] as never })).toThrow(
      'adam.init: params.w[0] must be a parameter (tensor, Float32Array, Float64Array or { shape, data }) or a record or array of them, got 1',
    );
    expect(() => adam().init({ w: { shape: [3], data: f32(1, 2) } })).toThrow(
      'adam.init: params.w has shape [3] (3 elements) but its data holds 2',
    );
    expect(() => adam().init({ w: { shape: [2], data: new Int32Array(2) } as never })).toThrow(
      'params.w.data must be a Float32Array or Float64Array, got a Int32Array of length 2',
    );
    expect(() => adam().init(tensor([1, 2], { dtype: 'int32' }))).toThrow(
      'params must be a float32 or float64 tensor',
    );
  });
  test('Tensor, TensorData, Float64Array leaves and nested arrays work together', () => {
    const p = { t: tensor([1, 2]), d: { shape: [1, 2], data: f32(1, 2) }, x: [new Float64Array([1, 2])] };
    const opt = sgd({ lr: 0.5 });
    const [u] = opt.update(
      { t: tensor([2, 2]), d: { shape: [1, 2], data: f32(2, 2) }, x: [new Float64Array([2, 2])] },
      opt.init(p),
      p,
    );
    applyUpdates(p, u);
    expect(p.t.toArray()).toEqual([0, 1]);
    expect(Array.from(p.d.data)).toEqual([0, 1]);
    expect(Array.from(p.x[0]!)).toEqual([0, 1]);
  });
  test('a missing gradient (null) skips the parameter and its state, as PyTorch does', () => {
    const p = { a: f32(1), b: f32(1) };
    const opt = adam({ lr: 0.1 });
    const [u, s] = opt.update({ a: f32(1), b: null }, opt.init(p), p);
    expect((u as { b: unknown }).b).toBeNull();
    expect(s.steps).toEqual([1, 0]);
    expect(s.slots['expAvg']![1]![0]).toBe(0);
  });
  test('gradientsOf reads .grad of tensors; the facade skips tensors without a gradient', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    const b = tensor([3], { requiresGrad: true });
    sum(mul(w, w)).backward();
    const opt = createOptimizer([w, b], sgd({ lr: 0.5 }));
    opt.step();
    expect(w.toArray()).toEqual([0, 0]);
    expect(b.toArray()).toEqual([3]);
    expect((gradientsOf({ w, b }) as { b: unknown }).b).toBeNull();
    opt.zeroGrad();
    expect(w.grad).toBeNull();
  });
});

describe('bad input', () => {
  test('hyperparameters are checked with the function, the argument and the value', () => {
    expect(() => adam({ lr: -1 })).toThrow('adam: lr must be a finite number >= 0, got -1');
    expect(() => adam({ lr: Number.NaN })).toThrow('adam: lr must be a finite number >= 0, got NaN');
    expect(() => adam({ betas: [1, 0.999] })).toThrow('adam: betas[0] must be in [0, 1), got 1');
    expect(() => adamw({ betas: [0.9, -0.1] })).toThrow('adamw: betas[1] must be in [0, 1), got -0.1');
    expect(() => adam({ eps: 0 })).toThrow('adam: eps must be a finite number > 0, got 0');
    expect(() => adam({ lr: '0.1' as never })).toThrow('adam: lr must be a finite number >= 0, got "0.1"');
    expect(() => sgd({ lr: 0.1, momentum: 0.9, dampening: 0.1, nesterov: true })).toThrow(
      "sgd: nesterov needs a momentum > 0 and dampening 0 (PyTorch's rule), got momentum 0.9 and dampening 0.1",
    );
    expect(() => sgd({ lr: 0.1, nesterov: true })).toThrow('sgd: nesterov needs a momentum > 0');
    expect(() => adam({ weight_decay: 0.1 } as never)).toThrow(
      "adam: unknown option 'weight_decay'; did you mean 'weightDecay'?",
    );
    expect(() => rmsprop({ amsgrad: true } as never)).toThrow("rmsprop: unknown option 'amsgrad'");
    expect(() => clipByGlobalNorm(0)).toThrow('clipByGlobalNorm: maxNorm must be a finite number > 0, got 0');
    expect(() => scaleByLearningRate(-0.1)).toThrow(
      'scaleByLearningRate: learningRate must be a finite number >= 0, got -0.1',
    );
  });
  test('a schedule value is checked at the step it is used', () => {
    const opt = sgd({ lr: (step) => 0.1 - step * 0.1 });
    const p = [f32(1)];
    let [, s] = opt.update([f32(1)], opt.init(p), p);
    [, s] = opt.update([f32(1)], s, p);
    expect(() => opt.update([f32(1)], s, p)).toThrow(
      'sgd.update: lr must be a finite number >= 0, got -0.1 (the value of its schedule at step 2)',
    );
  });
  test('non-finite gradients are errors naming the path and the first bad index, or skipped by applyIfFinite', () => {
    const p = { w: f32(1, 2, 3) };
    const opt = adam();
    expect(() => opt.update({ w: f32(1, Number.POSITIVE_INFINITY, Number.NaN) }, opt.init(p), p)).toThrow(
      'adam.update: grads.w holds a non-finite gradient (Infinity) at index 1; chain applyIfFinite(...) to skip such steps',
    );
    const safe = applyIfFinite(adam({ lr: 0.1 }));
    let s = safe.init(p);
    let u: UpdateTree;
    [u, s] = safe.update({ w: f32(1, Number.NaN, 1) }, s, p);
    expect(Array.from((u as { w: Float32Array }).w)).toEqual([0, 0, 0]);
    expect(s.totalNotfinite).toBe(1);
    [u, s] = safe.update({ w: f32(1, 1, 1) }, s, p);
    expect(s.inner.count).toBe(1);
    expect(s.notfiniteCount).toBe(0);
    const opt2 = createOptimizer([{ data: f32(1), grad: f32(Number.NaN) }], sgd());
    expect(() => opt2.step()).toThrow(
      'sgd.step: params[0].grad holds a non-finite gradient (NaN) at index 0',
    );
  });
  test('createOptimizer checks its parameters, groups and gradients', () => {
    expect(() => createOptimizer([], adam())).toThrow('createOptimizer: params must be a non-empty array');
    expect(() => createOptimizer([f32(1) as never], adam())).toThrow(
      'createOptimizer: params[0] must be a tensor or a { data, grad } record, got a Float32Array of length 1',
    );
    expect(() =>
      createOptimizer([{ params: [{ data: f32(1), grad: null }], momentum: 0.9 }], adam()),
    ).toThrow("createOptimizer: params[0] has an unknown hyperparameter 'momentum'");
    expect(() => createOptimizer([{ params: [{ data: f32(1), grad: null }], lr: -1 }], adam())).toThrow(
      'createOptimizer: params[0]: lr must be a finite number >= 0, got -1',
    );
    expect(() => createOptimizer([{ data: f32(1), grad: null }], chain() as never)).toThrow(
      'createOptimizer: optimizer must be a named optimizer',
    );
    const opt = createOptimizer([{ data: f32(1, 2), grad: f32(1) }], sgd());
    expect(() => opt.step()).toThrow('step: params[0].grad has shape [1], expected [2]');
  });
  test('wrappers name themselves when inner is not a transformation or the state is not theirs', () => {
    const p = [f32(1)];
    for (const [name, make] of [
      ['lookahead', (t: never) => lookahead(t)],
      ['applyIfFinite', (t: never) => applyIfFinite(t)],
      ['masked', (t: never) => masked(t, true)],
      ['multiSteps', (t: never) => multiSteps(t)],
    ] as const) {
      expect(() => make(undefined as never)).toThrow(
        new TypeError(
          `${name}: inner must be a gradient transformation (an object with init and update, such as adam()), got undefined`,
        ),
      );
      const t = make(sgd() as never);
      expect(() => t.update(p, null as never, p)).toThrow(
        new TypeError(`${name}.update: state must be the record made by init, got null`),
      );
      expect(() => t.update(p, {} as never, p)).toThrow(
        /state must be the record made by init \(with .*\); it has no/,
      );
    }
    expect(() => masked(sgd(), 1 as never)).toThrow(
      new TypeError('masked: mask must be a function (path, shape) => boolean or a tree of booleans, got 1'),
    );
    expect(() => multiTransform({ a: 2 as never }, () => 'a')).toThrow(
      'multiTransform: transforms.a must be a gradient transformation',
    );
    const bad = injectHyperparams((() => 0.1) as never, { lr: 0.1 });
    expect(() => bad.init(p)).toThrow(
      'injectHyperparams.init: factory(options) must be a gradient transformation (an object with init and update, such as adam()), got 0.1',
    );
    const ok = injectHyperparams(sgd, { lr: 0.1 });
    expect(() => ok.update(p, 5 as never, p)).toThrow(
      'injectHyperparams.update: state must be the record made by init, got 5',
    );
  });
  test('zeroGrad reads its options through one reader: unknown keys and non-booleans are errors', () => {
    const opt = createOptimizer([{ data: f32(1), grad: f32(2) }], sgd());
    expect(() => opt.zeroGrad({ set_to_none: false } as never)).toThrow(
      /sgd.zeroGrad: unknown option 'set_to_none'/,
    );
    expect(() => opt.zeroGrad({ setToNone: 0 } as never)).toThrow(
      new TypeError('sgd.zeroGrad: setToNone must be true or false, got 0'),
    );
    opt.zeroGrad({ setToNone: false });
    expect(Array.from(opt.paramGroups[0]!.params[0]!.grad as Float32Array)).toEqual([0]);
    opt.zeroGrad();
    expect(opt.paramGroups[0]!.params[0]!.grad).toBe(null);
  });
});

describe('building blocks', () => {
  test('clipByGlobalNorm and clipByValue equal torch.nn.utils.clip_grad_norm_ / clip_grad_value_', () => {
    const g = grads(initParams());
    for (const c of fixture.clip) {
      const t = c.kind === 'norm' ? clipByGlobalNorm(c.value) : clipByValue(c.value);
      const [u] = t.update(g, t.init(g));
      for (const k of ['a', 'b', 'c'] as const) {
        const got = Array.from((u as Params)[k]);
        const want = (c.grads as Record<string, number[]>)[k]!;
        for (const [i, x] of got.entries()) {
          expect(Math.abs(x - want[i]!)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(want[i]!)));
        }
      }
    }
  });
  test('chain(scaleByAdam, scaleByLearningRate) follows adam within float32 rounding', () => {
    const p = initParams();
    const q = initParams();
    const a = adam({ lr: 0.01 });
    const b = chain(scaleByAdam(), scaleByLearningRate(0.01));
    let sa = a.init(p);
    let sb = b.init(q);
    for (let t = 0; t < 20; t++) {
      const [ua, na] = a.update(grads(p), sa, p);
      const [ub, nb] = b.update(grads(q), sb, q);
      applyUpdates(p, ua);
      applyUpdates(q, ub);
      sa = na;
      sb = nb;
    }
    p.a.forEach((x, i) => {
      expect(x).toBeCloseTo(q.a[i]!, 5);
    });
  });
  test('trace(nesterov) + scaleByLearningRate equals sgd with Nesterov momentum', () => {
    const p = [new Float64Array([1, -2])];
    const q = [new Float64Array([1, -2])];
    const a = sgd({ lr: 0.1, momentum: 0.9, nesterov: true });
    const b = chain(trace({ decay: 0.9, nesterov: true }), scaleByLearningRate(0.1));
    let sa = a.init(p);
    let sb = b.init(q);
    for (let t = 0; t < 5; t++) {
      const g = (x: Float64Array[]) => [x[0]!.map((v) => 2 * v)];
      const [ua, na] = a.update(g(p), sa, p);
      const [ub, nb] = b.update(g(q), sb, q);
      applyUpdates(p, ua);
      applyUpdates(q, ub);
      sa = na;
      sb = nb;
    }
    p[0]!.forEach((x, i) => {
      expect(x).toBeCloseTo(q[0]![i]!, 12);
    });
  });
  test('multiSteps(k) equals one update on the mean gradient, and its schedule counts updates', () => {
    const seen: number[] = [];
    const lr = (step: number) => {
      seen.push(step);
      return 0.1;
    };
    const acc = multiSteps(sgd({ lr }), { everyK: 3 });
    const p = [new Float64Array([1])];
    let s = acc.init(p);
    let u: UpdateTree = [];
    for (const g of [1, 2, 6, 1, 1, 1]) [u, s] = acc.update([new Float64Array([g])], s, p);
    expect(seen).toEqual([0, 1]);
    expect(s.count).toBe(2);
    expect((u as Float64Array[])[0]![0]).toBeCloseTo(-0.1, 12);
    expect(() => multiSteps(sgd(), { everyK: 0 })).toThrow(
      'multiSteps: everyK must be an integer >= 1, got 0',
    );
  });
  test('masked and multiTransform route leaves by path; bad labels are named', () => {
    const p = { w: f32(1), bias: f32(1) };
    const g = { w: f32(1), bias: f32(1) };
    const t = chain(
      masked(clipByValue(0.5), (path) => path.endsWith('bias')),
      scaleByLearningRate(1),
    );
    const [u] = t.update(g, t.init(p), p);
    expect((u as Params & { w: Float32Array; bias: Float32Array }).bias[0]).toBe(-0.5);
    expect((u as { w: Float32Array }).w[0]).toBe(-1);
    const m = multiTransform({ a: sgd({ lr: 1 }) }, () => 'b');
    expect(() => m.init(p)).toThrow(
      'multiTransform.init: the label of params.w is "b", which is not one of ["a"]',
    );
    const tree = multiTransform({ a: sgd({ lr: 1 }), b: sgd({ lr: 2 }) }, { w: 'a', bias: 'b' });
    const [v] = tree.update(g, tree.init(p), p);
    expect((v as { bias: Float32Array }).bias[0]).toBe(-2);
  });
  test('injectHyperparams exposes the current learning rate and lets a constant be changed at run time', () => {
    const opt = injectHyperparams(adam, { lr: 0.1 }, { betas: [0.9, 0.99] });
    const p = [f32(1)];
    let s = opt.init(p);
    expect(s.hyperparams).toEqual({ lr: 0.1 });
    s = { ...s, hyperparams: { lr: 0 } };
    const [u, s2] = opt.update([f32(1)], s, p);
    expect((u as Float32Array[])[0]![0]).toBe(0);
    expect(s2.hyperparams['lr']).toBe(0);
  });
  test('stateToJSON / stateFromJSON round-trip a chained state bit-exactly', () => {
    const opt = chain(clipByGlobalNorm(1), scaleByAdam({ amsgrad: true }), scaleByLearningRate(0.1));
    const p = initParams();
    let s = opt.init(p);
    for (let t = 0; t < 3; t++) [, s] = opt.update(grads(p), s, p);
    const back = stateFromJSON(JSON.parse(JSON.stringify(stateToJSON(s))));
    expect(back).toEqual(s);
    expect(stateFromJSON(stateToJSON({ x: Number.NaN }))).toEqual({ x: Number.NaN });
    expect(() => stateToJSON({ f: () => 1 })).toThrow('stateToJSON: state holds a function');
  });
});

describe('createOptimizer (PyTorch-style facade)', () => {
  const holders = (p: Params) =>
    (['a', 'b', 'c'] as const).map((k) => ({ data: p[k], grad: null as Float32Array | null, k }));
  const stepWith = (opt: ReturnType<typeof createOptimizer>, p: Params, hs: ReturnType<typeof holders>) => {
    const g = grads(p);
    for (const h of hs) h.grad = g[h.k];
    opt.step();
  };
  test.each([
    ['adamw', () => adamw({ lr: 0.01, amsgrad: true })],
    ['nadam', () => nadam({ lr: 0.01 })],
    ['sgd', () => sgd({ lr: 0.01, momentum: 0.9 })],
  ])(
    '%s: 50 steps, stateDict through JSON into a fresh optimizer, 50 more == 100 uninterrupted (bit-exact)',
    (_, make) => {
      const p = initParams();
      const hp = holders(p);
      const full = createOptimizer([{ params: hp.slice(0, 2) }, { params: hp.slice(2), lr: 0.001 }], make());
      for (let t = 0; t < 100; t++) stepWith(full, p, hp);

      const q = initParams();
      const hq = holders(q);
      const first = createOptimizer([{ params: hq.slice(0, 2) }, { params: hq.slice(2), lr: 0.001 }], make());
      for (let t = 0; t < 50; t++) stepWith(first, q, hq);
      const saved = JSON.stringify(first.stateDict());
      const r = { a: q.a.slice(), b: q.b.slice(), c: q.c.slice() };
      const hr = holders(r);
      const resumed = createOptimizer([{ params: hr.slice(0, 2) }, { params: hr.slice(2), lr: 0.5 }], make());
      resumed.loadStateDict(JSON.parse(saved));
      expect(resumed.paramGroups[1]!['lr']).toBe(0.001);
      for (let t = 0; t < 50; t++) stepWith(resumed, r, hr);
      expect(r).toEqual(p);
    },
  );
  test('loadStateDict rejects another optimizer, another tree and another shape', () => {
    const mk = (n: number) => [{ data: new Float32Array(n), grad: null }];
    const a = createOptimizer(mk(2), adam());
    expect(() => createOptimizer(mk(2), sgd()).loadStateDict(a.stateDict())).toThrow(
      'sgd.loadStateDict: the state dict is from "adam", expected "sgd"',
    );
    expect(() => createOptimizer(mk(3), adam()).loadStateDict(a.stateDict())).toThrow(
      'adam.loadStateDict: params[0] has shape [3] but the state dict holds [2] (float32)',
    );
    expect(() => createOptimizer([...mk(2), ...mk(2)], adam()).loadStateDict(a.stateDict())).toThrow(
      'adam.loadStateDict: group 0 of the state dict has 1 parameters, expected 2',
    );
    // as PyTorch, the saved hyperparameters replace the groups' ones
    const b = createOptimizer(mk(2), adam({ amsgrad: true }));
    b.loadStateDict(a.stateDict());
    expect(b.paramGroups[0]!['amsgrad']).toBe(false);
    const broken = a.stateDict();
    delete broken.state[0]!.slots['expAvgSq'];
    expect(() => createOptimizer(mk(2), adam()).loadStateDict(broken)).toThrow(
      'adam.loadStateDict: group 0 of the state dict holds the state arrays ["expAvg"], expected ["expAvg", "expAvgSq"]',
    );
  });
  test("@dl/schedule's createScheduler drives the groups' lr; the run equals the composable form with the schedule", () => {
    const lr = cosineAnnealing({ initial: 0.05, tMax: 20 });
    const p = initParams();
    const hp = holders(p);
    const opt = createOptimizer(hp, adam({ lr: 0 }));
    const scheduler = createScheduler(opt, { schedules: { lr } });
    const seen: number[] = [];
    for (let t = 0; t < 20; t++) {
      seen.push(opt.paramGroups[0]!['lr'] as number);
      stepWith(opt, p, hp);
      scheduler.step();
    }
    expect(seen[0]).toBe(0.05);
    expect(seen[10]).toBeCloseTo(0.025, 12);
    const q = initParams();
    const pure = adam({ lr });
    let s = pure.init(q);
    for (let t = 0; t < 20; t++) {
      const [u, n] = pure.update(grads(q), s, q);
      applyUpdates(q, u);
      s = n;
    }
    expect(q).toEqual(p);
  });
});

test('createOptimizer reads changed hyperparameters at the next step (betas mutated in place, lr, weightDecay)', () => {
  const run = (change: (g: Record<string, unknown>) => void) => {
    const w = { data: Float32Array.from([0.5, -1, 2, 0.25]), grad: null as Float32Array | null };
    const opt = createOptimizer([w], adamw({ lr: 1e-2, betas: [0.9, 0.999] }));
    for (let t = 0; t < 6; t++) {
      if (t === 3) change(opt.paramGroups[0]!);
      w.grad = Float32Array.from([1, -2, 0.5, 3].map((x) => x * (t + 1)));
      opt.step();
    }
    return Array.from(w.data);
  };
  const unchanged = run(() => {});
  const inPlace = run((g) => {
    (g['betas'] as number[])[0] = 0.5;
  });
  const replaced = run((g) => {
    g['betas'] = [0.5, 0.999];
  });
  expect(inPlace).toEqual(replaced);
  expect(inPlace).not.toEqual(unchanged);
  const lr = run((g) => {
    g['lr'] = 0.1;
  });
  expect(lr).not.toEqual(unchanged);
  const wd = run((g) => {
    g['weightDecay'] = 0.5;
  });
  expect(wd).not.toEqual(unchanged);
  // a schedule is evaluated at every step (from step 3 on it gives the same lr until step 5): not cached
  const scheduled = run((g) => {
    g['lr'] = (step: number) => (step < 5 ? 1e-2 : 0.1);
  });
  expect(scheduled).not.toEqual(unchanged);
});

test("createOptimizer's paramGroups stay plain-looking records: keys, spread, JSON and writes (counted, so a step need not read them back)", () => {
  const w = { data: Float32Array.from([0.5, -1]), grad: Float32Array.from([1, 2]) as Float32Array | null };
  const opt = createOptimizer([w], adam({ lr: 1e-2 }));
  const g = opt.paramGroups[0]!;
  expect(Object.keys(g).sort()).toEqual([...Object.keys(adam({ lr: 1e-2 }).options), 'params'].sort());
  const { params: _, ...hyper } = g;
  expect(hyper).toEqual({ ...adam({ lr: 1e-2 }).options });
  expect(JSON.parse(JSON.stringify({ ...g, params: [] }))['lr']).toBe(1e-2);
  // the same run as a fresh optimizer given the new values: a write is seen at the next step
  const run = (lrs: number[]) => {
    const v = { data: Float32Array.from([0.5, -1]), grad: Float32Array.from([1, 2]) as Float32Array | null };
    const o = createOptimizer([v], adam({ lr: lrs[0]! }));
    for (const lr of lrs) {
      o.paramGroups[0]!['lr'] = lr;
      o.step();
    }
    return Array.from(v.data);
  };
  for (const lr of [1e-2, 1e-2, 0.5, 0.5, 1e-2]) {
    g['lr'] = lr;
    opt.step();
  }
  expect(Array.from(w.data)).toEqual(run([1e-2, 1e-2, 0.5, 0.5, 1e-2]));
  expect(g['lr']).toBe(1e-2);
  // a bad value written into the group is an error at the next step, and the group can be fixed
  g['lr'] = -1;
  expect(() => opt.step()).toThrow(/lr must be/);
  g['lr'] = 1e-2;
  expect(() => opt.step()).not.toThrow();
});
