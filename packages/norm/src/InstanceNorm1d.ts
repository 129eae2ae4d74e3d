import { InstanceNorm } from './InstanceNorm';

/**
 * Instance normalization of 3D ([N, C, L]) input, like PyTorch's `nn.InstanceNorm1d`: {@link InstanceNorm} restricted to
 * that rank (affine and running statistics off by default).
 *
 * @example
 * ```ts
 * import { createGenerator, randn } from '@dl/tensor';
 * import { InstanceNorm1d } from '@dl/norm';
 * const norm = new InstanceNorm1d(3, { affine: true });
 * norm.forward(randn([2, 3, 5], { generator: createGenerator(0) })).shape; // [2, 3, 5]
 * Object.keys(norm.stateDict()); // ['weight', 'bias']
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.InstanceNorm1d.html
 */
export class InstanceNorm1d extends InstanceNorm {
  /** Only 3D ([N, C, L]) input. */
  protected override readonly inputRanks: readonly number[] = [3];
  /** How errors describe the accepted input. */
  protected override readonly inputText: string = '3D ([N, C, L])';
}
