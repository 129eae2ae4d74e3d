import { BatchNorm } from './BatchNorm';

/**
 * Batch normalization of `[N, C, H, W]` input, like PyTorch's `nn.BatchNorm2d`: {@link BatchNorm} (its options, buffers,
 * state-dict keys and train/eval behaviour) restricted to that rank.
 *
 * @example
 * ```ts
 * import { randn, createGenerator } from '@dl/tensor';
 * import { BatchNorm2d } from '@dl/norm';
 * const bn = new BatchNorm2d(3, { momentum: null });
 * bn.forward(randn([4, 3, 5, 5], { generator: createGenerator(0) })).shape; // [4, 3, 5, 5]
 * bn.num_batches_tracked?.item(); // 1
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.BatchNorm2d.html
 */
export class BatchNorm2d extends BatchNorm {
  /** Only 4D ([N, C, H, W]) input. */
  protected override readonly inputRanks: readonly number[] = [4];
  /** How errors describe the accepted input. */
  protected override readonly inputText: string = '4D ([N, C, H, W])';
}
