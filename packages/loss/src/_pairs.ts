import type { Tensor } from '@dl/tensor';
import { checkFloat, checkNumber, checkReduction, checkSame, checkSigns } from './_core';

/** @internal The resolved options of a loss on two inputs and a ±1 target. */
export interface MarginResolved {
  reduction: 'none' | 'mean' | 'sum';
  margin: number;
}

/**
 * @internal Checks the `(input1, input2, target)` of a loss that compares two inputs under a ±1 target
 * (cosineEmbeddingLoss, marginRankingLoss) and its `{ reduction, margin }` options, naming `fn` in errors.
 * @param fn - the loss the user called.
 * @param args - `[input1, input2, target]` as received.
 * @param options - the options as received.
 * @param read - the loss's options reader.
 * @param targetShape - the target's shape for a checked `input1` (it may reject `input1`'s rank).
 * @param marginRange - the margin's allowed range `[lo, hi]`.
 * @returns the checked tensors and options.
 */
export function preparePair(
  fn: string,
  args: readonly unknown[],
  options: unknown,
  read: (options: unknown) => { reduction: unknown; margin: unknown },
  targetShape: (input1: Tensor) => readonly number[],
  marginRange: readonly [number, number],
): { args: Tensor[]; o: MarginResolved } {
  const x1 = checkFloat(fn, 'input1', args[0]);
  const shape = targetShape(x1);
  const x2 = checkSame(fn, 'input2', args[1], x1, 'input1');
  const y = checkSigns(fn, 'target', args[2], shape, x1.dtype);
  const r = read(options);
  const reduction = checkReduction(fn, r.reduction, ['none', 'mean', 'sum']);
  const margin = checkNumber(fn, 'margin', r.margin, marginRange[0], marginRange[1]);
  return { args: [x1, x2, y], o: { reduction, margin } };
}
