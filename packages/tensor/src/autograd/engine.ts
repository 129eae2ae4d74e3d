import { badArgument, defineOptions } from '@dl/internal';
import type { TensorArray } from '../dtype';
import { pool, releaseBuffer } from '../memory/_pool';
import { add } from '../ops/add';
import { fullLike } from '../ops/fullLike';
import { formatShape, shapesEqual } from '../shape';
import { type BackwardOptions, markDisposed, Tensor } from '../tensor';
import { keepFromTidy } from '../tidy';
import { withGradMode } from './gradMode';
import type { GradNode } from './node';

/** @internal Tensors reachable from `root` through recorded nodes, outputs before the tensors they were made from. */
function topoOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const seen = new Set<Tensor>();
  // Iterative post-order DFS: deep graphs (long training loops unrolled) must not overflow the stack. The stack is
  // two parallel arrays (tensor, next input to visit) kept between calls instead of a [tensor, index] pair per
  // node: nothing runs inside the walk that could call it again.
  const tensors = stackTensors;
  const next = stackNext;
  let depth = 1;
  let high = 1;
  tensors[0] = root;
  next[0] = 0;
  seen.add(root);
  while (depth > 0) {
    const t = tensors[depth - 1]!;
    const i = next[depth - 1]!;
    const inputs = t.gradFn === null ? NO_INPUTS : t.gradFn.inputs;
    if (i < inputs.length) {
      next[depth - 1] = i + 1;
      const input = inputs[i]!;
      if (input.requiresGrad && !seen.has(input)) {
        seen.add(input);
        tensors[depth] = input;
        next[depth] = 0;
        depth++;
        if (depth > high) high = depth;
      }
    } else {
      depth--;
      order.push(t);
    }
  }
  // drop the references (the tensors of the pass must not outlive it through this stack)
  tensors.fill(null, 0, high);
  return order.reverse();
}

/** @internal The stack of {@link topoOrder}: the tensors on the path and the next input of each to visit. */
const stackTensors: (Tensor | null)[] = [];
const stackNext: number[] = [];
const NO_INPUTS: readonly Tensor[] = [];

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
  wanted: ReadonlySet<Tensor> | null = null,
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
  // The buffers that ops allocate during this pass are recycled at its end (see releaseCaptured), unless the pass
  // records a graph (its tensors are the graph), runs inside another pass, or touches a device tensor (a CPU
  // buffer can become a device storage's cached readback).
  if (createGraph || order.some(onDevice)) captureVoid = true;
  // Within the pass, a gradient goes back to the pool as soon as nothing can read it (see recycle): the buffers
  // are counted by the entries of `grads` holding them.
  const captured = captureVoid ? null : pool.capture;
  const refs = captured === null ? null : new Map<ArrayBufferLike, number>();
  const count = (v: Tensor, d: number) => {
    if (refs === null || !captured!.has(v.data)) return;
    const b = v.data.buffer;
    refs.set(b, (refs.get(b) ?? 0) + d);
  };
  count(grads.get(output)!, 1); // the seed's entry (made in this pass when it is the default 1)
  const dead: Tensor[] = [];
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
      checkVersions(fn, node);
      const inputGrads = node.backward(g);
      for (let i = 0; i < node.inputs.length; i++) {
        const input = node.inputs[i]!;
        const gi = inputGrads[i];
        if (!input.requiresGrad || gi === null || gi === undefined) continue;
        const prev = grads.get(input);
        if (prev === undefined) {
          grads.set(input, gi);
          count(gi, 1);
        } else {
          const sum = add(prev, gi);
          grads.set(input, sum);
          count(sum, 1);
          count(prev, -1);
          dead.push(prev, gi);
        }
      }
      // t's gradient is consumed (unless the caller asked for it)
      if (refs !== null && (wanted === null || !wanted.has(t))) {
        grads.delete(t);
        count(g, -1);
        dead.push(g);
      }
      if (refs !== null) recycle(dead, refs, captured!);
    }
  });
  if (!retainGraph) {
    for (const t of order) {
      const node = t.gradFn;
      if (node === null || node.backward === null) continue;
      node.backward = null;
      for (const input of node.inputs) input.graphUses--;
      // buffers only the node could see (saved for its backward) go back to the pool with the graph (not when the
      // pass was recorded: the nodes of the new graph may have saved them in turn)
      const saved = node.saved;
      if (saved !== null) {
        node.saved = null;
        if (!createGraph) {
          for (const s of saved) {
            markDisposed(s.t);
            releaseBuffer(s.a);
          }
        }
      }
    }
  }
  return grads;
}

/**
 * @internal PyTorch's check of saved tensors: throws when a tensor that `node`'s backward reads was modified in
 * place after the node was recorded (its version moved on), naming the op, the tensor and both versions.
 */
function checkVersions(fn: string, node: GradNode): void {
  const saves = node.saves;
  if (saves === 0) return;
  const inputs = node.inputs;
  const versions = node.versions;
  for (let i = 0; i < inputs.length; i++) {
    if ((saves & (1 << i)) === 0) continue;
    const c = inputs[i]!.versionCounter;
    const now = c === null ? 0 : c.n;
    const then = versions === null ? 0 : versions[i]!;
    if (now !== then) throw modifiedError(fn, node, `input ${i} (${inputs[i]!.toString()})`, now, then);
  }
  const oc = node.outCounter;
  if (oc !== null && oc.n !== node.outVersion) throw modifiedError(fn, node, 'output', oc.n, node.outVersion);
}

function modifiedError(fn: string, node: GradNode, which: string, now: number, then: number): Error {
  return new Error(
    `${fn}: one of the tensors needed for gradient computation has been modified by an in-place operation: the ${which} of '${node.name}' is at version ${now}; expected version ${then} instead`,
  );
}

/**
 * @internal Gives back to the pool, during a pass, the buffers of the `dead` gradients (consumed or summed into
 * another) that this pass allocated and that no entry of the gradient map holds any more (`refs`): nothing else can
 * read them — a backward closure returns its results and keeps nothing of its argument.
 */
function recycle(dead: Tensor[], refs: Map<ArrayBufferLike, number>, captured: Set<TensorArray>): void {
  for (const v of dead) {
    const a = v.data;
    if (!captured.has(a) || (refs.get(a.buffer) ?? 0) > 0) continue;
    captured.delete(a);
    releaseBuffer(a);
  }
  dead.length = 0;
}

/** @internal Whether `t` lives on a device. */
function onDevice(t: Tensor): boolean {
  return t.storage !== null;
}

/**
 * @internal Set when the capturing pass must recycle nothing: a pass nested in it, a recorded pass, a pass over
 * device tensors.
 */
let captureVoid = false;

/** @internal Starts capturing the allocations of a pass; false (nothing to end) inside another capture. */
function beginCapture(): boolean {
  if (pool.capture !== null) {
    captureVoid = true;
    return false;
  }
  pool.capture = new Set();
  captureVoid = false;
  return true;
}

/**
 * @internal Ends the capture of a pass started by {@link run}: every buffer allocated during it goes back to the
 * pool except those of `survivors` (the gradients handed to the user: leaves' `.grad`, the results of
 * {@link gradients}). Nothing else can reference them: a backward closure computes its result from the recorded
 * tensors and returns it, and the intermediate gradients die with the pass. With `ok` false (the pass threw) the
 * buffers are left to the garbage collector.
 */
function releaseCaptured(survivors: readonly (Tensor | null)[], ok: boolean): void {
  const captured = pool.capture;
  pool.capture = null;
  if (captured === null || !ok || captureVoid) return;
  const keep = new Set<ArrayBufferLike>();
  for (const s of survivors) if (s !== null && s.storage === null) keep.add(s.data.buffer);
  for (const a of captured) if (!keep.has(a.buffer)) releaseBuffer(a);
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
  const owns = beginCapture();
  let ok = false;
  try {
    accumulate(run('backward', output, seed, options), options.createGraph ?? false);
    ok = true;
  } finally {
    if (owns) {
      releaseCaptured(leafGrads, ok);
      leafGrads.length = 0;
    }
  }
}

/** @internal The `.grad` tensors written by the last {@link accumulate} (the survivors of its pass). */
const leafGrads: Tensor[] = [];

/** @internal Adds the gradients of a pass to the leaves' `.grad`. */
function accumulate(grads: Map<Tensor, Tensor>, createGraph: boolean): void {
  withGradMode(createGraph, () => {
    // forEach, not for-of over entries: no [key, value] array per entry
    grads.forEach((g, t) => {
      if (t.gradFn !== null || !t.requiresGrad) return;
      const gg = createGraph ? g : g.detach();
      const prev = t.grad;
      t.grad = prev === null ? gg : add(prev, gg);
      leafGrads.push(t.grad);
      if (t.grad.storage !== null) {
        // device memory: the gradient outlives a tidy() around the step; a replaced sum is freed at once
        keepFromTidy(t.grad);
        if (prev !== null && !createGraph) prev.dispose();
      }
    });
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
  const owns = beginCapture();
  let ok = false;
  let result: Tensor[] = [];
  try {
    result = gradientsOf(run('gradients', output, options.seed, options, new Set(inputs)), inputs, options);
    ok = true;
  } finally {
    if (owns) releaseCaptured(result, ok);
  }
  return result;
}

/** @internal The gradients of `inputs` from the result of a pass. */
function gradientsOf(
  grads: Map<Tensor, Tensor>,
  inputs: readonly Tensor[],
  options: GradientsOptions,
): Tensor[] {
  return inputs.map((x, i) => {
    const g = grads.get(x);
    if (g !== undefined) return options.createGraph ? g : g.detach();
    if (options.allowUnused) return fullLike(x, 0);
    throw new Error(
      `gradients: output does not depend on inputs[${i}]; pass { allowUnused: true } to get a zero gradient`,
    );
  });
}
