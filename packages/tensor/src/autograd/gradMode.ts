import { badArgument } from '@dl/internal';

/**
 * The grad mode lives in one record per process, found through `Symbol.for` (the same mechanism as the Tensor
 * brand): the ESM and CJS builds of this package, or two versions in node_modules, then agree, so `noGrad` of one
 * copy also stops the ops of the other from recording. The record is created on first use (no work at import).
 */
const GRAD_MODE: unique symbol = Symbol.for('@dl/tensor.gradMode.v1') as never;

interface GradModeRecord {
  enabled: boolean;
}

let shared: GradModeRecord | undefined;

function mode(): GradModeRecord {
  if (shared === undefined) {
    const g = globalThis as { [GRAD_MODE]?: GradModeRecord };
    shared = g[GRAD_MODE] ??= { enabled: true };
  }
  return shared;
}

/**
 * Whether operations are currently recorded for autograd (false inside {@link noGrad}). The mode is shared by
 * every copy of `@dl/tensor` loaded in the process (ESM and CJS builds alike).
 */
export function isGradEnabled(): boolean {
  return mode().enabled;
}

/**
 * @internal Runs `fn` with gradient recording switched to `flag`, restoring the previous mode afterwards even
 * when `fn` throws.
 */
export function withGradMode<T>(flag: boolean, fn: () => T): T {
  const m = mode();
  const previous = m.enabled;
  m.enabled = flag;
  try {
    return fn();
  } finally {
    m.enabled = previous;
  }
}

/**
 * Runs `fn` without recording operations for autograd, like PyTorch's `torch.no_grad()`. Use it for evaluation
 * and for parameter updates. It also applies to the ops of any other copy of `@dl/tensor` in the process (the
 * ESM and CJS builds loaded side by side share the grad mode, as they share `instanceof Tensor`).
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
  if (typeof fn !== 'function') throw badArgument('noGrad', 'fn', 'a function to run without recording', fn);
  return withGradMode(false, fn);
}
