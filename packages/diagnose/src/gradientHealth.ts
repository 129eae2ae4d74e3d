import { defineOptions, describe } from '@dl/internal';
import { norm2 } from './_stats';

/** One parameter group's numbers for {@link gradientHealth} (typed arrays from any framework). */
export interface GradientGroup {
  /** The gradient. */
  grad: ArrayLike<number>;
  /** The parameters, for the update-to-weight ratio. */
  param?: ArrayLike<number>;
  /** The last update applied (new − old parameters), for the update-to-weight ratio. */
  update?: ArrayLike<number>;
  /** Post-ReLU activations of the layer, for the dead-unit fraction. */
  activations?: ActivationBatch;
}

/** A batch of a layer's activations in the shared tensor layout (a @dl/tensor Tensor or any TensorData fits). */
export interface ActivationBatch {
  /** `[batch, units]`. */
  shape: readonly number[];
  /** `batch × units` values, row-major. */
  data: ArrayLike<number>;
}

/** Options of {@link gradientHealth}. */
export interface GradientHealthOptions {
  /**
   * A gradient norm below this is vanishing.
   * @defaultValue 1e-7
   */
  vanishing?: number;
  /**
   * A gradient norm above this is exploding.
   * @defaultValue 1e3
   */
  exploding?: number;
  /**
   * The healthy range of $\Vert\Delta\theta\Vert / \Vert\theta\Vert$ (around 1e-3 is the usual rule of thumb).
   * @defaultValue [1e-5, 1e-1]
   */
  updateRatio?: readonly [number, number];
  /**
   * Flag a layer whose fraction of dead units (zero for every example of the batch) exceeds this.
   * @defaultValue 0.5
   */
  deadFraction?: number;
}

/** A problem found by {@link gradientHealth}. */
export type GradientIssue =
  | 'non-finite'
  | 'vanishing'
  | 'exploding'
  | 'update-too-small'
  | 'update-too-large'
  | 'dead-units';

/** The health of one group. */
export interface GroupHealth {
  /** $\Vert g\Vert$. */
  gradNorm: number;
  /** $\Vert\theta\Vert$, when `param` was given. */
  paramNorm: number | null;
  /** $\Vert\Delta\theta\Vert/\Vert\theta\Vert$, when `param` and `update` were given. */
  updateRatio: number | null;
  /** Fraction of units that are zero for every example, when `activations` were given. */
  deadFraction: number | null;
  /** The problems found (empty: healthy). */
  issues: GradientIssue[];
}

const readOptions = /* @__PURE__ */ defineOptions<GradientHealthOptions>()('gradientHealth', {
  vanishing: 1e-7,
  exploding: 1e3,
  updateRatio: [1e-5, 1e-1],
  deadFraction: 0.5,
});

/**
 * Gradient health per parameter group: vanishing or exploding gradient norms, non-finite values, the
 * update-to-weight ratio, and the fraction of dead ReLU units — the usual suspects when the training loss will not
 * go down (the playbook's "optimization issue").
 *
 * @param groups - named groups (e.g. one per layer), each with its gradient and optionally parameters, last
 *   update and activations.
 * @param options - the thresholds.
 * @returns the health of each group, by name.
 * @example
 * ```ts
 * import { gradientHealth } from '@dl/diagnose';
 * const h = gradientHealth({
 *   'fc1.weight': { grad: [1e-9, 0], param: [1, 1] },
 *   fc2: { grad: [0.1, 0.2], activations: { shape: [2, 2], data: [0, 1, 0, 2] } },
 * });
 * h['fc1.weight'].issues; // ['vanishing']
 * h.fc2.deadFraction; // 0.5
 * ```
 */
export function gradientHealth(
  groups: Readonly<Record<string, GradientGroup>>,
  options?: GradientHealthOptions,
): Record<string, GroupHealth> {
  const fn = 'gradientHealth';
  const o = readOptions(options);
  if (groups === null || typeof groups !== 'object' || Array.isArray(groups)) {
    throw new TypeError(
      `${fn}: groups must be a record of { grad, param?, update?, activations? }, got ${describe(groups)}`,
    );
  }
  const [lo, hi] = o.updateRatio;
  const out: Record<string, GroupHealth> = {};
  for (const [name, g] of Object.entries(groups)) {
    const at = `groups[${JSON.stringify(name)}]`;
    if (
      g === null ||
      typeof g !== 'object' ||
      g.grad === null ||
      typeof g.grad !== 'object' ||
      typeof g.grad.length !== 'number'
    ) {
      throw new TypeError(`${fn}: ${at}.grad must be an array of numbers, got ${describe(g?.grad)}`);
    }
    const issues: GradientIssue[] = [];
    const gradNorm = norm2(g.grad);
    if (!Number.isFinite(gradNorm)) issues.push('non-finite');
    else if (gradNorm < o.vanishing) issues.push('vanishing');
    else if (gradNorm > o.exploding) issues.push('exploding');
    let paramNorm: number | null = null;
    let updateRatio: number | null = null;
    if (g.param !== undefined) {
      if (g.param.length !== g.grad.length) {
        throw new RangeError(`${fn}: ${at}.param has ${g.param.length} values, its grad ${g.grad.length}`);
      }
      paramNorm = norm2(g.param);
      if (g.update !== undefined) {
        if (g.update.length !== g.grad.length) {
          throw new RangeError(
            `${fn}: ${at}.update has ${g.update.length} values, its grad ${g.grad.length}`,
          );
        }
        updateRatio = paramNorm > 0 ? norm2(g.update) / paramNorm : Number.POSITIVE_INFINITY;
        if (updateRatio < lo) issues.push('update-too-small');
        else if (updateRatio > hi) issues.push('update-too-large');
      }
    }
    let deadFraction: number | null = null;
    if (g.activations !== undefined) {
      const { shape, data } = g.activations;
      if (!Array.isArray(shape) || shape.length !== 2 || shape[0]! * shape[1]! !== data.length) {
        throw new RangeError(
          `${fn}: ${at}.activations must have shape [batch, units] matching its data, got shape ${describe(shape)}`,
        );
      }
      const [batch, units] = shape as [number, number];
      let dead = 0;
      for (let u = 0; u < units; u++) {
        let alive = false;
        for (let b = 0; b < batch && !alive; b++) alive = data[b * units + u]! > 0;
        if (!alive) dead++;
      }
      deadFraction = units > 0 ? dead / units : 0;
      if (deadFraction > o.deadFraction) issues.push('dead-units');
    }
    out[name] = { gradNorm, paramNorm, updateRatio, deadFraction, issues };
  }
  return out;
}
