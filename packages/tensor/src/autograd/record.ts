import type { Tensor } from '../tensor';
import { isGradEnabled } from './gradMode';

/**
 * @internal Attaches a graph node to `out` when recording is on and any input requires gradients. `backward`
 * maps the output's gradient to one gradient (or null) per input, using differentiable ops so that the pass can
 * itself be recorded (double backward).
 */
export function record(
  name: string,
  out: Tensor,
  inputs: readonly Tensor[],
  backward: (gradOutput: Tensor) => readonly (Tensor | null)[],
): Tensor {
  if (!isGradEnabled()) return out;
  let needed = false;
  for (const t of inputs) if (t.requiresGrad) needed = true;
  if (!needed) return out;
  out.requiresGrad = true;
  out.gradFn = { name, inputs, backward };
  return out;
}
