/**
 * The memory-bound op rows (results disposed each call) that the same-process A/B benches share, blocksAB.ts and
 * streamAB.ts: add 1M, the row and column broadcasts of [1000,1000] and relu 1M, on the same seeded data.
 */
import type * as B from '../src/index';
import { randomData } from './harness';

type Lib = typeof B;
/** A named case: given a copy of the package, the call to time. */
export type OpCase = [string, (L: Lib) => () => void];

/** The operands: two 1M-element arrays and a 1000-element row, the same in every script. */
export const A1 = randomData(1_000_000, 3);
export const B1 = randomData(1_000_000, 4);
export const ROW = randomData(1000, 5);

/** add 1M, row broadcast, column broadcast, relu 1M: in that order. */
export function memoryBoundOps(): [add: OpCase, row: OpCase, column: OpCase, relu: OpCase] {
  return [
    [
      'add 1M',
      (L) => {
        const a = L.tensor(A1, { shape: [1000, 1000] });
        const b = L.tensor(B1, { shape: [1000, 1000] });
        return () => L.add(a, b).dispose();
      },
    ],
    [
      'row broadcast [1000,1000] + [1000]',
      (L) => {
        const a = L.tensor(A1, { shape: [1000, 1000] });
        const r = L.tensor(ROW);
        return () => L.add(a, r).dispose();
      },
    ],
    [
      'column broadcast [1000,1000] + [1000,1]',
      (L) => {
        const a = L.tensor(A1, { shape: [1000, 1000] });
        const r = L.tensor(ROW, { shape: [1000, 1] });
        return () => L.add(a, r).dispose();
      },
    ],
    [
      'relu 1M',
      (L) => {
        const a = L.tensor(A1, { shape: [1000, 1000] });
        return () => L.relu(a).dispose();
      },
    ],
  ];
}
