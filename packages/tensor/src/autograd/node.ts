import type { TensorArray } from '../dtype';
import type { Tensor, VersionCounter } from '../tensor';

/**
 * @internal A recorded operation: the tensors it read and a function from the gradient of its output to the
 * gradients of those inputs (null where an input needs none). `backward` is set to null once the graph is freed.
 */
export interface GradNode {
  readonly name: string;
  readonly inputs: readonly Tensor[];
  backward: ((gradOutput: Tensor) => readonly (Tensor | null)[]) | null;
  /**
   * Tensors that only this node's backward reads (made by the op, saved in its closure, never handed to the user),
   * with their buffers: the buffers go back to the pool, and the tensors are marked disposed, when a backward pass
   * without `retainGraph` frees the graph.
   */
  saved: { t: Tensor; a: TensorArray }[] | null;
  /** Which inputs the backward reads (bit `i` for input `i`, {@link SAVES_OUTPUT} for the output). */
  readonly saves: number;
  /** The version of each input when recorded, or null when every input was at version 0. */
  readonly versions: number[] | null;
  /** The output's version counter when the backward reads the output, else null. */
  readonly outCounter: VersionCounter | null;
  /** The output's version when recorded. */
  readonly outVersion: number;
}

/** @internal `saves` bit: the backward reads the op's output (exp, sigmoid, tanh, relu…). */
export const SAVES_OUTPUT = 1 << 30;
/** @internal `saves` value: the backward reads every input (the default, and the safe choice). */
export const SAVES_INPUTS = SAVES_OUTPUT - 1;
/** @internal `saves` value: the backward reads no value of the op's tensors (add, sub, neg, reshape, sum…). */
export const SAVES_NONE = 0;
