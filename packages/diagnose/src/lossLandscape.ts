import { badArgument, checkInteger, checkOneOf, checkPositive, defineOptions, describe } from '@dl/internal';
import { checkPoint, filterNormalizedDirectionAs } from './_direction';

/** Options of {@link lossLandscape}. */
export interface LossLandscapeOptions {
  /** `x => f(x)`: the loss at a parameter vector (any framework). Required. */
  loss?: (x: Float64Array) => number;
  /** The centre $\theta^*$ (usually the trained parameters), laid end to end. Required. */
  point?: ArrayLike<number>;
  /**
   * 1: the loss along one direction, $f(\theta^* + \alpha\delta)$; 2: on the plane $f(\theta^* + \alpha\delta +
   * \beta\eta)$.
   * @defaultValue 1
   */
  dimensions?: 1 | 2;
  /**
   * The parameters' shapes, for filter normalization (see {@link filterNormalizedDirection}).
   * @defaultValue undefined (the whole point is one filter)
   */
  shapes?: readonly (readonly number[])[];
  /**
   * One-dimensional parameters in the random directions: `'zero'` or `'weight'` (see {@link filterNormalizedDirection}).
   * @defaultValue 'zero'
   */
  biases?: 'zero' | 'weight';
  /**
   * Grid points per axis (odd numbers put one at the centre).
   * @defaultValue 25
   */
  steps?: number;
  /**
   * The coordinates run over $[-\text{range}, \text{range}]$ (1 means as far as the weights' own norm, filter by
   * filter).
   * @defaultValue 1
   */
  range?: number;
  /**
   * Seed of the random directions (direction $j$ uses `seed + j`).
   * @defaultValue 0
   */
  seed?: number;
  /**
   * Your own directions instead of random ones (used as given: normalize them yourself).
   * @defaultValue undefined
   */
  directions?: readonly ArrayLike<number>[];
}

/** A loss-landscape slice as data (see {@link lossLandscape}). */
export interface LossLandscape {
  /** 1 or 2. */
  dimensions: 1 | 2;
  /** The coordinates $\alpha$ along the first direction. */
  alphas: Float64Array;
  /** The coordinates $\beta$ along the second direction (empty for a 1-D slice). */
  betas: Float64Array;
  /**
   * The losses: `values[i]` at `alphas[i]` (1-D), or `values[j * alphas.length + i]` at `(alphas[i], betas[j])`
   * (2-D, row-major by $\beta$). Non-finite losses are kept as they come.
   */
  values: Float64Array;
  /** The loss at the centre. */
  center: number;
  /** The directions used. */
  directions: Float64Array[];
  /** Loss evaluations used. */
  evaluations: number;
}

const readOptions = /* @__PURE__ */ defineOptions<LossLandscapeOptions>()(
  'lossLandscape',
  {
    loss: undefined,
    point: undefined,
    dimensions: 1,
    shapes: undefined,
    biases: 'zero',
    steps: 25,
    range: 1,
    seed: 0,
    directions: undefined,
  },
  { required: true },
);

/**
 * A 1-D or 2-D slice of the loss landscape around a point, along filter-normalized random directions (Li et al.
 * 2018), as data for `lossLandscapeSvg` (`@dl/diagnose/report`) or any plotting tool:
 * $$f(\alpha) = L(\theta^* + \alpha\delta), \qquad f(\alpha, \beta) = L(\theta^* + \alpha\delta + \beta\eta),$$
 * with $\delta, \eta$ from {@link filterNormalizedDirection} (seeds `seed` and `seed + 1`), so that slices of
 * different networks, or of a small-batch and a large-batch minimum, can be compared on one scale. A 2-D slice
 * costs `steps²` loss evaluations.
 *
 * @param options - loss and point (required), dimensions, shapes, biases, steps, range, seed, directions.
 * @returns the coordinates, the losses, the centre's loss and the directions.
 * @example
 * ```ts
 * import { lossLandscape } from '@dl/diagnose';
 * // f = |x|^2 at its minimum (3, 4): along a direction of norm |x| = 5, f(alpha) = |x + alpha d|^2
 * const s = lossLandscape({ point: [3, 4], loss: (p) => p[0] ** 2 + p[1] ** 2, steps: 5 });
 * Array.from(s.alphas); // [-1, -0.5, 0, 0.5, 1]
 * s.center; // 25
 * Math.round(s.values[2] * 1e9) / 1e9; // 25
 * ```
 * @see {@link https://arxiv.org/abs/1712.09913 | H. Li et al. (2018), "Visualizing the Loss Landscape of Neural Nets"}.
 */
export function lossLandscape(options: LossLandscapeOptions): LossLandscape {
  const fn = 'lossLandscape';
  const o = readOptions(options);
  if (typeof o.loss !== 'function') throw badArgument(fn, 'loss', 'a function x => f(x)', o.loss);
  const x = checkPoint(fn, o.point);
  const n = x.length;
  const dimensions = checkOneOf(fn, 'dimensions', o.dimensions, [1, 2] as const);
  const steps = checkInteger(fn, 'steps', o.steps, 2);
  const range = checkPositive(fn, 'range', o.range);
  const seed = checkInteger(fn, 'seed', o.seed, 0, 2 ** 32 - 2);
  let directions: Float64Array[];
  if (o.directions !== undefined) {
    const given = o.directions as unknown;
    if (!Array.isArray(given) || given.length !== dimensions) {
      throw badArgument(fn, 'directions', `an array of ${dimensions} direction(s)`, given);
    }
    directions = given.map((d: unknown, j: number) => {
      if (d === null || typeof d !== 'object' || (d as ArrayLike<number>).length !== n) {
        throw new RangeError(
          `${fn}: directions[${j}] must hold the point's ${n} numbers, got ${describe(d)}`,
        );
      }
      const out = Float64Array.from(d as ArrayLike<number>);
      if (out.some((v) => !Number.isFinite(v))) {
        throw new RangeError(`${fn}: directions[${j}] must hold finite numbers, got ${describe(d)}`);
      }
      return out;
    });
  } else {
    directions = Array.from({ length: dimensions }, (_, j) =>
      filterNormalizedDirectionAs(fn, x, { shapes: o.shapes, biases: o.biases, seed: seed + j }),
    );
  }
  const axis = Float64Array.from({ length: steps }, (_, i) => -range + (2 * range * i) / (steps - 1));
  const at = new Float64Array(n);
  let evaluations = 0;
  const evaluate = (a: number, b: number): number => {
    const d0 = directions[0]!;
    const d1 = directions[1];
    for (let i = 0; i < n; i++) at[i] = x[i]! + a * d0[i]! + (d1 ? b * d1[i]! : 0);
    evaluations++;
    const v = o.loss!(at);
    if (typeof v !== 'number') throw new TypeError(`${fn}: loss must return a number, got ${describe(v)}`);
    return v;
  };
  const center = o.loss(Float64Array.from(x));
  if (typeof center !== 'number')
    throw new TypeError(`${fn}: loss must return a number, got ${describe(center)}`);
  evaluations++;
  const values = new Float64Array(dimensions === 1 ? steps : steps * steps);
  if (dimensions === 1) {
    for (let i = 0; i < steps; i++) values[i] = evaluate(axis[i]!, 0);
  } else {
    for (let j = 0; j < steps; j++)
      for (let i = 0; i < steps; i++) values[j * steps + i] = evaluate(axis[i]!, axis[j]!);
  }
  return {
    dimensions,
    alphas: axis,
    betas: dimensions === 2 ? Float64Array.from(axis) : new Float64Array(0),
    values,
    center,
    directions,
    evaluations,
  };
}
