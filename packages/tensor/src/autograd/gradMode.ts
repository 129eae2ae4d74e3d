let enabled = true;

/** Whether operations are currently recorded for autograd (false inside {@link noGrad}). */
export function isGradEnabled(): boolean {
  return enabled;
}

/**
 * @internal Runs `fn` with gradient recording switched to `flag`, restoring the previous mode afterwards even
 * when `fn` throws.
 */
export function withGradMode<T>(flag: boolean, fn: () => T): T {
  const previous = enabled;
  enabled = flag;
  try {
    return fn();
  } finally {
    enabled = previous;
  }
}

/**
 * Runs `fn` without recording operations for autograd, like PyTorch's `torch.no_grad()`. Use it for evaluation
 * and for parameter updates.
 *
 * @param fn - the work to run.
 * @returns what `fn` returns.
 * @example
 * ```ts
 * import { noGrad, tensor, mul } from '@dl/tensor';
 * const w = tensor([1, 2], { requiresGrad: true });
 * const y = noGrad(() => mul(w, 2));
 * y.requiresGrad; // false
 * ```
 */
export function noGrad<T>(fn: () => T): T {
  return withGradMode(false, fn);
}
