import { describe, expect, test } from 'vitest';
import { RandomState } from './RandomState';
import { shuffledBatches } from './shuffledBatches';

const collect = (it: Iterable<{ epoch: number; batch: number; indices: Int32Array }>) =>
  [...it].map((b) => [b.epoch, b.batch, Array.from(b.indices)]);

describe('shuffledBatches', () => {
  test('the same seed gives the same batches; each epoch is a permutation of the indices', () => {
    const a = collect(shuffledBatches({ indices: 50, batchSize: 8, epochs: 3, randomState: 9 }));
    expect(collect(shuffledBatches({ indices: 50, batchSize: 8, epochs: 3, randomState: 9 }))).toEqual(a);
    for (let e = 0; e < 3; e++) {
      const all = a.filter((b) => b[0] === e).flatMap((b) => b[2] as number[]);
      expect(all.slice().sort((p, q) => p - q)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    }
    const e0 = a.filter((b) => b[0] === 0).flatMap((b) => b[2] as number[]);
    const e1 = a.filter((b) => b[0] === 1).flatMap((b) => b[2] as number[]);
    expect(e1).not.toEqual(e0);
  });

  test('batches an index array (e.g. a fold train set) and can drop the last partial batch', () => {
    const train = [10, 20, 30, 40, 50];
    const got = collect(shuffledBatches({ indices: train, batchSize: 2, dropLast: true, randomState: 0 }));
    const order = Array.from(new RandomState(0).permutation(train));
    expect(got).toEqual([
      [0, 0, order.slice(0, 2)],
      [0, 1, order.slice(2, 4)],
    ]);
  });

  test('without shuffle, batches follow the given order', () => {
    expect(collect(shuffledBatches({ indices: 5, batchSize: 2, epochs: 2, shuffle: false }))).toEqual([
      [0, 0, [0, 1]],
      [0, 1, [2, 3]],
      [0, 2, [4]],
      [1, 0, [0, 1]],
      [1, 1, [2, 3]],
      [1, 2, [4]],
    ]);
  });

  test('a shared RandomState continues its stream', () => {
    const rng = new RandomState(4);
    const first = collect(shuffledBatches({ indices: 6, batchSize: 6, randomState: rng }));
    const second = collect(shuffledBatches({ indices: 6, batchSize: 6, randomState: rng }));
    const ref = new RandomState(4);
    expect([first[0]![2], second[0]![2]]).toEqual([
      Array.from(ref.permutation(6)),
      Array.from(ref.permutation(6)),
    ]);
  });
});
