import { BatchNorm } from './BatchNorm';

/**
 * Batch normalization of `[N, C]` or `[N, C, L]` input, like PyTorch's `nn.BatchNorm1d`: {@link BatchNorm} (its options, buffers,
 * state-dict keys and train/eval behaviour) restricted to that rank.
 *
 * @example
 * ```ts
 * import { randn, createGenerator } from '@dl/tensor';
 * import { BatchNorm1d } from '@dl/norm';
 * const bn = new BatchNorm1d(3, { momentum: null });
 * bn.forward(randn([8, 3], { generator: createGenerator(0) })).shape; // [8, 3]
 * bn.num_batches_tracked?.item(); // 1
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.BatchNorm1d.html
 */
export class BatchNorm1d extends BatchNorm {
  /** Only 2D or 3D ([N, C] or [N, C, L]) input. */
  protected override readonly inputRanks: readonly number[] = [2, 3];
  /** How errors describe the accepted input. */
  protected override readonly inputText: string = '2D or 3D ([N, C] or [N, C, L])';
}
