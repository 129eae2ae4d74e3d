import { describe, expect, test } from 'vitest';
import { describeSpec, expectError, fixture, options } from '../test/fromTorch';
import { reduceOnPlateau } from './reduceOnPlateau';

describe('reduceOnPlateau, PyTorch preset (oracle: torch ReduceLROnPlateau)', () => {
  const configs = fixture('ReduceLROnPlateau');
  test('the fixture covers min/max, rel/abs, cooldown, min_lr and eps over >= 100 epochs', () => {
    expect(configs.length).toBeGreaterThanOrEqual(3);
    const keys = new Set(configs.flatMap((c) => Object.keys(c.torch.kwargs ?? {})));
    for (const k of ['mode', 'threshold_mode', 'cooldown', 'min_lr', 'eps', 'patience', 'factor'])
      expect(keys).toContain(k);
    for (const c of configs) expect(c.metrics!.length).toBeGreaterThanOrEqual(100);
  });
  for (const c of configs) {
    test(`equals PyTorch 1.13 ${describeSpec(c.torch, c.lr)} over ${c.metrics!.length} epochs`, () => {
      const rule = reduceOnPlateau({ initial: c.lr, ...options(c.torch.kwargs) });
      let state = rule.init();
      const values = [state.value];
      for (const m of c.metrics!) {
        state = rule.update(state, m);
        values.push(state.value);
      }
      expect(values).toEqual(c.lrs);
    });
  }
});

test('reduceOnPlateau (PyTorch) reduces when bad epochs EXCEED patience, and the eps guard skips tiny reductions', () => {
  const c = fixture('ReduceLROnPlateau')[0]!; // patience 3, lr 0.1
  const rule = reduceOnPlateau({ initial: 0.1, patience: 3 });
  let state = rule.init();
  const first = c.lrs.findIndex((v) => v < 0.1); // the first reduction in PyTorch's run
  for (let k = 0; k < first; k++) state = rule.update(state, c.metrics![k]!);
  expect(state.value).toBe(c.lrs[first]);
  expect(state.numBadEpochs).toBe(0);
  const eps = fixture('ReduceLROnPlateau')[3]!; // factor 0.9, lr 0.01: each reduction (0.001) is not > eps 1e-3
  expect(new Set(eps.lrs).size).toBe(1);
  // factor 0.5, min_lr 0.1, eps 0.05: the last reduction, 0.125 -> 0.1, is a change of 0.025 <= eps: skipped
  const last = fixture('ReduceLROnPlateau')[6]!;
  const guarded = reduceOnPlateau({ initial: 1, factor: 0.5, patience: 1, minLr: 0.1, eps: 0.05 });
  let g = guarded.init();
  for (const m of last.metrics!) g = guarded.update(g, m);
  expect(g.value).toBe(last.lrs.at(-1));
  expect(Math.min(...last.lrs)).toBeGreaterThan(0.1);
});

test('reduceOnPlateau update is pure: it returns a new state and leaves its input alone', () => {
  const rule = reduceOnPlateau({ patience: 0 });
  const s0 = rule.init();
  const s1 = rule.update(s0, 1);
  const s2 = rule.update(s1, 2);
  expect(s0).toEqual(rule.init());
  expect(s1.best).toBe(1);
  expect(s2).not.toBe(s1);
  expect(s1.numBadEpochs).toBe(0);
  expect(JSON.parse(JSON.stringify(s2))).toEqual(s2);
});

// NOT an oracle test: Keras is not installed here. These check the Keras preset against Keras' documented
// definition in our words: improvement means metric < best - min_delta (absolute); a reduction happens when the
// wait REACHES patience; during cooldown the wait is reset and bad epochs are not counted; no eps.
describe('reduceOnPlateau Keras preset (semantics from the Keras documentation, not an oracle)', () => {
  test('reduces when wait reaches patience: one epoch earlier than PyTorch', () => {
    const losses = [1, 1, 1, 1, 1];
    const run = (preset: 'pytorch' | 'keras') => {
      const rule = reduceOnPlateau({ initial: 1, patience: 2, factor: 0.5, preset });
      let s = rule.init();
      return losses.map((m) => (s = rule.update(s, m)).value);
    };
    // epoch 1 sets best; then every epoch is bad: Keras reduces at the 2nd bad epoch (epochs 3 and 5),
    // PyTorch at the 3rd (epoch 4).
    expect(run('keras')).toEqual([1, 1, 0.5, 0.5, 0.25]);
    expect(run('pytorch')).toEqual([1, 1, 1, 0.5, 0.5]);
  });
  test('threshold is absolute (min_delta) by default', () => {
    const rule = reduceOnPlateau({ preset: 'keras', threshold: 0.1, patience: 1 });
    let s = rule.update(rule.init(), 1);
    s = rule.update(s, 0.95); // not below 1 - 0.1: a bad epoch, wait 1 >= patience 1
    expect(s.value).toBe(0.1);
    expect(s.best).toBe(1);
  });
  test('cooldown epochs are not counted as bad, and minLr stops reductions', () => {
    const rule = reduceOnPlateau({ preset: 'keras', patience: 1, cooldown: 2, factor: 0.5, minLr: 0.3 });
    const values: number[] = [];
    let s = rule.init();
    for (const m of [1, 2, 2, 2, 2, 2, 2]) values.push((s = rule.update(s, m)).value);
    // Keras counts the cooldown down at the START of an epoch, then counts the epoch as bad if no longer in
    // cooldown. Epoch 2: wait 1 -> 0.5, cooldown 2. Epoch 3: cooldown 2 -> 1, not counted. Epoch 4: cooldown
    // 1 -> 0, counted: wait 1 -> max(0.25, minLr 0.3) = 0.3. Later: value is not > minLr, no more reductions.
    expect(values).toEqual([1, 0.5, 0.5, 0.3, 0.3, 0.3, 0.3]);
  });
  test("mode 'max' looks for increases", () => {
    const rule = reduceOnPlateau({ preset: 'keras', mode: 'max', patience: 1, threshold: 0 });
    let s = rule.update(rule.init(), 0.5);
    s = rule.update(s, 0.6);
    expect(s.value).toBe(1);
    s = rule.update(s, 0.6);
    expect(s.value).toBe(0.1);
  });
});

test.each([
  [
    'NaN metric',
    () => reduceOnPlateau().update(reduceOnPlateau().init(), Number.NaN),
    RangeError,
    /^reduceOnPlateau: metric must be a finite number, got NaN$/,
  ],
  [
    'infinite metric',
    () => reduceOnPlateau().update(reduceOnPlateau().init(), Number.POSITIVE_INFINITY),
    RangeError,
    /metric must be a finite number, got Infinity/,
  ],
  [
    'string metric',
    () => reduceOnPlateau().update(reduceOnPlateau().init(), '0.5' as never),
    RangeError,
    /metric must be a finite number, got "0.5"/,
  ],
  [
    'factor 1',
    () => reduceOnPlateau({ factor: 1 }),
    RangeError,
    /^reduceOnPlateau: factor must be in \(0, 1\), got 1$/,
  ],
  [
    'patience -1',
    () => reduceOnPlateau({ patience: -1 }),
    RangeError,
    /^reduceOnPlateau: patience must be an integer >= 0, got -1$/,
  ],
  [
    'threshold -1',
    () => reduceOnPlateau({ threshold: -1 }),
    RangeError,
    /^reduceOnPlateau: threshold must be >= 0, got -1$/,
  ],
  [
    'cooldown 0.5',
    () => reduceOnPlateau({ cooldown: 0.5 }),
    RangeError,
    /^reduceOnPlateau: cooldown must be an integer >= 0, got 0.5$/,
  ],
  [
    'minLr -1',
    () => reduceOnPlateau({ minLr: -1 }),
    RangeError,
    /^reduceOnPlateau: minLr must be >= 0, got -1$/,
  ],
  [
    'eps NaN',
    () => reduceOnPlateau({ eps: Number.NaN }),
    TypeError,
    /^reduceOnPlateau: eps must be a finite number, got NaN$/,
  ],
  [
    'unknown mode',
    () => reduceOnPlateau({ mode: 'up' as never }),
    RangeError,
    /^reduceOnPlateau: mode must be one of "min", "max", got "up"$/,
  ],
  [
    'unknown thresholdMode',
    () => reduceOnPlateau({ thresholdMode: 'pct' as never }),
    RangeError,
    /^reduceOnPlateau: thresholdMode must be one of "rel", "abs", got "pct"$/,
  ],
  [
    'unknown preset',
    () => reduceOnPlateau({ preset: 'fastai' as never }),
    RangeError,
    /^reduceOnPlateau: preset must be one of "pytorch", "keras", got "fastai"$/,
  ],
  [
    'initial NaN',
    () => reduceOnPlateau({ initial: Number.NaN }),
    TypeError,
    /^reduceOnPlateau: initial must be a finite number, got NaN$/,
  ],
])('reduceOnPlateau rejects %s', (_, thunk, type, message) => expectError(thunk, type, message));
