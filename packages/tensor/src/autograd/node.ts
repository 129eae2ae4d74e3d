import type { Tensor } from '../tensor';

/**
 * @internal A recorded operation: the tensors it read and a function from the gradient of its output to the
 * gradients of those inputs (null where an input needs none). `backward` is set to null once the graph is freed.
 */
export interface GradNode {
  readonly name: string;
  readonly inputs: readonly Tensor[];
  backward: ((gradOutput: Tensor) => readonly (Tensor | null)[]) | null;
}
