import { InstanceNorm } from './InstanceNorm';

/**
 * Instance normalization of 4D ([N, C, H, W]) input, like PyTorch's `nn.InstanceNorm2d`: {@link InstanceNorm} restricted to
 * that rank (affine and running statistics off by default).
 *
 * @example
 * ```ts
 * import { createGenerator, randn } from '@dl/tensor';
 * import { InstanceNorm2d } from '@dl/norm';
 * const norm = new InstanceNorm2d(3, { affine: true });
 * norm.forward(randn([2, 3, 4, 4], { generator: createGenerator(0) })).shape; // [2, 3, 4, 4]
 * Object.keys(norm.stateDict()); // ['weight', 'bias']
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.InstanceNorm2d.html
 */
export class InstanceNorm2d extends InstanceNorm {
  /** Only 4D ([N, C, H, W]) input. */
  protected override readonly inputRanks: readonly number[] = [4];
  /** How errors describe the accepted input. */
  protected override readonly inputText: string = '4D ([N, C, H, W])';
}
