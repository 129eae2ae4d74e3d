import { defineOptions, describe } from '@dl/internal';
import { checkDType } from '../creation/tensor';
import type { DType } from '../dtype';
import { allocUninit } from '../memory/_pool';
import { Tensor } from '../tensor';
import { boundedUint32 } from './_draw';
import { type RandomOptions, resolveGenerator } from './randomOptions';

/** Options of {@link permutation}. */
export interface PermutationOptions extends RandomOptions {
  /**
   * Element type (PyTorch's default int64 becomes int32 here).
   * @defaultValue 'int32'
   */
  dtype?: DType;
}

/** @internal The checker of {@link PermutationOptions}. */
export const permutationOptions = /* @__PURE__ */ defineOptions<PermutationOptions>()('permutation', {
  dtype: 'int32',
  generator: undefined,
  seed: undefined,
});

/**
 * A uniformly random permutation of $0, 1, \dots, n-1$, by the Fisher–Yates shuffle (from the end: for
 * $i = n-1, \dots, 1$ swap element $i$ with element $j \sim \mathcal{U}\{0, \dots, i\}$).
 *
 * @param n - the number of elements (a non-negative integer, at most $2^{32}$).
 * @param options - the generator (or seed) and dtype; see {@link PermutationOptions}.
 * @returns a 1-D tensor of shape `[n]`.
 * @example
 * ```ts
 * import { createGenerator, permutation } from '@dl/tensor';
 * const p = permutation(5, { generator: createGenerator(7) });
 * [...p.data].sort().join(); // '0,1,2,3,4'
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.randperm.html
 */
export function permutation(n: number, options: PermutationOptions = {}): Tensor {
  const o = permutationOptions(options, 'permutation');
  checkDType('permutation', o.dtype);
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw new TypeError(`permutation: n must be a non-negative integer, got ${describe(n)}`);
  }
  const dtype = o.dtype;
  const g = resolveGenerator('permutation', o);
  const data = allocUninit(dtype, n);
  for (let i = 0; i < n; i++) data[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = boundedUint32(g, i + 1);
    const t = data[i]!;
    data[i] = data[j]!;
    data[j] = t;
  }
  return new Tensor(data, [n], dtype);
}
