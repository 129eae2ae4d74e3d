import { badArgument, defineOptions } from '@dl/internal';
import { add } from '../ops/add';
import { fullLike } from '../ops/fullLike';
import { formatShape, shapesEqual } from '../shape';
import { type BackwardOptions, Tensor } from '../tensor';
import { keepFromTidy } from '../tidy';
import { withGradMode } from './gradMode';

/** @internal Tensors reachable from `root` through recorded nodes, outputs before the tensors they were made from. */
function topoOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const seen = new Set<Tensor>();
  // Iterative post-order DFS: deep graphs (long training loops unrolled) must not overflow the stack.
  const stack: [Tensor, number][] = [[root, 0]];
  seen.add(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const [t, i] = top;
    const inputs = t.gradFn?.inputs ?? [];
    if (i < inputs.length) {
      top[1] = i + 1;
      const next = inputs[i]!;
      if (next.requiresGrad && !seen.has(next)) {
        seen.add(next);
        stack.push([next, 0]);
      }
    } else {
      stack.pop();
      order.push(t);
    }
  }
  return order.reverse();
}

function checkSeed(fn: string, output: Tensor, seed: Tensor | undefined): Tensor {
  if (seed === undefined) {
    if (output.size !== 1) {
      throw new RangeError(
        `${fn}: the output has shape ${formatShape(output.shape)}; a non-scalar output needs a seed gradient of the same shape`,
      );
    }
    return fullLike(output, 1);
  }
  if (!shapesEqual(seed.shape, output.shape)) {
    throw new RangeError(
      `${fn}: seed gradient has shape ${formatShape(seed.shape)}, expected the output's shape ${formatShape(output.shape)}`,
    );
  }
  if (seed.dtype !== output.dtype) {
    throw new TypeError(
      `${fn}: seed gradient has dtype ${seed.dtype}, expected the output's dtype ${output.dtype}`,
    );
  }
  return seed;
}

/**
 * @internal Runs the backward pass from `output` and returns the gradient of every tensor reached
 * (keyed by tensor). `createGraph` records the pass itself; without `retainGraph` the nodes are freed.
 */
function run(
  fn: string,
  output: Tensor,
  seed: Tensor | undefined,
  options: BackwardOptions,
): Map<Tensor, Tensor> {
  if (!output.requiresGrad) {
    throw new TypeError(
      `${fn}: the output does not require gradients (no input requires them, or it was computed inside noGrad or detached)`,
    );
  }
  const createGraph = options.createGraph ?? false;
  const retainGraph = options.retainGraph ?? createGraph;
  const grads = new Map<Tensor, Tensor>();
  grads.set(output, checkSeed(fn, output, seed));
  const order = topoOrder(output);
  withGradMode(createGraph, () => {
    for (const t of order) {
      const node = t.gradFn;
      const g = grads.get(t);
      if (node === null || g === undefined) continue;
      if (node.backward === null) {
        throw new Error(
          `${fn}: the graph through '${node.name}' has already been freed by an earlier backward; pass { retainGraph: true } to the first call to run backward twice`,
        );
      }
      const inputGrads = node.backward(g);
      for (let i = 0; i < node.inputs.length; i++) {
        const input = node.inputs[i]!;
        const gi = inputGrads[i];
        if (!input.requiresGrad || gi === null || gi === undefined) continue;
        const prev = grads.get(input);
        grads.set(input, prev === undefined ? gi : add(prev, gi));
      }
    }
  });
  if (!retainGraph) for (const t of order) if (t.gradFn) t.gradFn.backward = null;
  return grads;
}

/** @internal Implementation of {@link Tensor.backward}: accumulates into every reached leaf's `.grad`. */
/**
 * @internal The checker of {@link BackwardOptions} (`retainGraph` defaults to `createGraph`, so it is computed).
 */
export const backwardOptions = /* @__PURE__ */ defineOptions<BackwardOptions>()('backward', {
  createGraph: false,
  retainGraph: undefined,
});

export function backwardFrom(output: Tensor, seed: Tensor | undefined, options: BackwardOptions): void {
  options = backwardOptions(options, 'backward');
  const grads = run('backward', output, seed, options);
  const createGraph = options.createGraph ?? false;
  withGradMode(createGraph, () => {
    for (const [t, g] of grads) {
      if (t.gradFn !== null || !t.requiresGrad) continue;
      const gg = createGraph ? g : g.detach();
      const prev = t.grad;
      t.grad = prev === null ? gg : add(prev, gg);
      if (t.grad.storage !== null) {
        // device memory: the gradient outlives a tidy() around the step; a replaced sum is freed at once
        keepFromTidy(t.grad);
        if (prev !== null && !createGraph) prev.dispose();
      }
    }
  });
}

/** Options of {@link gradients}. */
export interface GradientsOptions extends BackwardOptions {
  /** The gradient with respect to `output`; defaults to 1 for a one-element output. */
  seed?: Tensor;
  /**
   * Return a zero tensor (instead of throwing) for an input that `output` does not depend on.
   * @defaultValue false
   */
  allowUnused?: boolean;
}

/** @internal The checker of {@link GradientsOptions}. */
export const gradientsOptions = /* @__PURE__ */ defineOptions<GradientsOptions>()('gradients', {
  seed: undefined,
  allowUnused: false,
  createGraph: false,
  retainGraph: undefined,
});

/**
 * The gradients of `output` with respect to each of `inputs`, without touching any `.grad` field — the
 * functional counterpart of `torch.autograd.grad`.
 *
 * With `createGraph: true` the returned gradients are themselves differentiable, which is how second
 * derivatives (Hessian-vector products) are taken.
 *
 * @param output - the tensor to differentiate (one element unless `seed` is given).
 * @param inputs - tensors that require gradients and that `output` was computed from.
 * @param options - see {@link GradientsOptions}.
 * @returns one gradient per input, each with that input's shape.
 * @example
 * ```ts
 * import { gradients, mul, sum, tensor } from '@dl/tensor';
 * const x = tensor([1, 2, 3], { requiresGrad: true });
 * const [dx] = gradients(sum(mul(x, x)), [x]);
 * dx.toArray(); // [2, 4, 6]
 * ```
 */
export function gradients(
  output: Tensor,
  inputs: readonly Tensor[],
  options: GradientsOptions = {},
): Tensor[] {
  options = gradientsOptions(options, 'gradients');
  if (!(output instanceof Tensor)) throw badArgument('gradients', 'output', 'a Tensor', output);
  if (!Array.isArray(inputs)) {
    throw badArgument('gradients', 'inputs', 'an array of Tensors (wrap a single one: [x])', inputs);
  }
  inputs.forEach((x: unknown, i) => {
    if (!(x instanceof Tensor)) throw badArgument('gradients', `inputs[${i}]`, 'a Tensor', x);
    if (!x.requiresGrad) {
      throw new TypeError(
        `gradients: inputs[${i}] does not require gradients; call setRequiresGrad() on it first`,
      );
    }
  });
  const grads = run('gradients', output, options.seed, options);
  return inputs.map((x, i) => {
    const g = grads.get(x);
    if (g !== undefined) return options.createGraph ? g : g.detach();
    if (options.allowUnused) return fullLike(x, 0);
    throw new Error(
      `gradients: output does not depend on inputs[${i}]; pass { allowUnused: true } to get a zero gradient`,
    );
  });
}
