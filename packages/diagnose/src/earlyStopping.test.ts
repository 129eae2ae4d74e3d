import { describe, expect, it } from 'vitest';
import { createEarlyStopping } from './createEarlyStopping';
import { earlyStopping } from './earlyStopping';

function run(values: number[], options: Parameters<typeof earlyStopping>[0]) {
  const rule = earlyStopping(options);
  let s = rule.init();
  const states = [];
  for (const v of values) {
    s = rule.update(s, v);
    states.push(s);
    if (s.stop) break;
  }
  return states;
}

describe('earlyStopping (Keras 3 semantics)', () => {
  it('stops after patience epochs without improvement and reports the best epoch', () => {
    const states = run([1, 0.5, 0.6, 0.7, 0.8], { patience: 2 });
    const last = states.at(-1)!;
    expect(last).toMatchObject({ stop: true, stoppedEpoch: 3, best: 0.5, bestEpoch: 1, wait: 2 });
  });

  it('improvement needs more than minDelta', () => {
    const last = run([1, 0.95, 0.9, 0.85], { patience: 2, minDelta: 0.1 }).at(-1)!;
    expect(last).toMatchObject({ stop: true, stoppedEpoch: 2, best: 1, bestEpoch: 0 });
  });

  it("mode 'auto' maximizes accuracy-like monitors", () => {
    expect(earlyStopping({ monitor: 'val_accuracy' }).mode).toBe('max');
    expect(earlyStopping({ monitor: 'val_auc' }).mode).toBe('max');
    expect(earlyStopping({ monitor: 'val_loss' }).mode).toBe('min');
  });

  it('a baseline not yet beaten keeps the counter running even through improvements (Keras 3)', () => {
    const values = [1, 0.9, 0.95, 0.97, 0.99];
    expect(run(values, { patience: 2, baseline: 0.5 }).at(-1)).toMatchObject({
      stop: true,
      stoppedEpoch: 2,
      bestEpoch: 1,
    });
    expect(run(values, { patience: 2 }).at(-1)).toMatchObject({ stop: true, stoppedEpoch: 3, bestEpoch: 1 });
  });

  it('ignores epochs before startFromEpoch and records of logs without the monitor', () => {
    const rule = earlyStopping({ patience: 1, startFromEpoch: 2 });
    let s = rule.init();
    s = rule.update(s, 5);
    s = rule.update(s, { loss: 1 });
    expect(s).toMatchObject({ epoch: 2, best: null, wait: 0 });
    s = rule.update(s, { val_loss: 3 });
    expect(s).toMatchObject({ best: 3, bestEpoch: 2 });
  });

  it('NaN never improves; it counts as a bad epoch', () => {
    const last = run([1, Number.NaN, Number.NaN], { patience: 2 }).at(-1)!;
    expect(last).toMatchObject({ stop: true, stoppedEpoch: 2, best: 1 });
  });

  it('never stops on the first epoch, even with patience 0', () => {
    const states = run([1, 2], { patience: 0 });
    expect(states[0]!.stop).toBe(false);
    expect(states[1]!.stop).toBe(true);
  });

  it('the state is plain JSON and update is pure', () => {
    const rule = earlyStopping({ patience: 3 });
    const s0 = rule.init();
    const s1 = rule.update(s0, 1);
    expect(s0.epoch).toBe(0);
    expect(JSON.parse(JSON.stringify(s1))).toEqual(s1);
  });

  it('rejects bad options and values with clear errors', () => {
    expect(() => earlyStopping({ patience: -1 })).toThrow(
      new RangeError('earlyStopping: patience must be an integer >= 0, got -1'),
    );
    expect(() => earlyStopping({ patience: 1.5 })).toThrow(/patience must be an integer >= 0, got 1.5/);
    expect(() => earlyStopping({ mode: 'down' as never })).toThrow(
      new RangeError('earlyStopping: mode must be one of "min", "max", "auto", got "down"'),
    );
    expect(() => earlyStopping({ minDelta: Number.NaN })).toThrow(
      /minDelta must be a finite number, got NaN/,
    );
    expect(() => earlyStopping({ baseline: Number.POSITIVE_INFINITY })).toThrow(/baseline/);
    expect(() => earlyStopping({ restore_best_weights: true } as never)).toThrow(
      /unknown option 'restore_best_weights'/,
    );
    expect(() => earlyStopping({ min_delta: 0.1 } as never)).toThrow(
      new TypeError("earlyStopping: unknown option 'min_delta'; did you mean 'minDelta'?"),
    );
    const rule = earlyStopping();
    expect(() => rule.update(undefined as never, 0.5)).toThrow(
      new TypeError(
        'earlyStopping.update: state must be the record returned by init() or update(), got undefined',
      ),
    );
    expect(() => rule.update(rule.init(), '0.5' as never)).toThrow(
      new TypeError(
        'earlyStopping.update: value must be a number or a record with a number under "val_loss", got "0.5"',
      ),
    );
  });
});

describe('createEarlyStopping', () => {
  it('snapshots on every best epoch and restores the best when it stops', () => {
    let weights = 0;
    const snaps: number[] = [];
    const stopper = createEarlyStopping(
      { patience: 2, restoreBest: true },
      {
        snapshot: () => {
          snaps.push(weights);
          return weights;
        },
        restore: (w) => {
          weights = w;
        },
      },
    );
    const values = [3, 2, 2.5, 1.5, 1.6, 1.7, 1.8];
    let stoppedAt = -1;
    for (let epoch = 0; epoch < values.length; epoch++) {
      weights = epoch * 10;
      if (stopper.update(values[epoch]!)) {
        stoppedAt = epoch;
        break;
      }
    }
    expect(stoppedAt).toBe(5);
    expect(snaps).toEqual([0, 10, 30]);
    expect(weights).toBe(30);
  });

  it('requires both hooks with restoreBest', () => {
    expect(() => createEarlyStopping({ restoreBest: true })).toThrow(
      new TypeError(
        'createEarlyStopping: restoreBest needs hooks { snapshot, restore } (functions), got undefined',
      ),
    );
  });

  it('resumes from a saved state', () => {
    const a = createEarlyStopping({ patience: 2 });
    a.update(1);
    a.update(2);
    const b = createEarlyStopping({ patience: 2 }, undefined, JSON.parse(JSON.stringify(a.state())));
    expect(b.update(3)).toBe(true);
  });
});
