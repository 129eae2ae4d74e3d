import { defineOptions, describe } from '@dl/internal';
import { Module } from '@dl/nn';
import {
  createGenerator,
  div,
  type Generator,
  matmul,
  mul,
  permute,
  randn,
  reshape,
  sum,
  type Tensor,
  Tensor as TensorClass,
} from '@dl/tensor';
import { checkCount, checkPositive, shapeOf } from './internal/checks';
import { defineComputed, ownWeight } from './weightNorm';

/** Options of {@link spectralNorm} (PyTorch's names and defaults). */
export interface SpectralNormOptions {
  /**
   * The name of the module's weight property.
   * @defaultValue 'weight'
   */
  name?: string;
  /**
   * Power iterations per training forward.
   * @defaultValue 1
   */
  nPowerIterations?: number;
  /**
   * The floor of the norms in the normalizations.
   * @defaultValue 1e-12
   */
  eps?: number;
  /**
   * The dimension of the weight that indexes the rows of the matrix (0; PyTorch uses 1 for transposed
   * convolutions).
   * @defaultValue 0
   */
  dim?: number;
  /**
   * The generator the initial $u$, $v$ are drawn from (advanced in place).
   * @defaultValue a fresh generator seeded from `Math.random()` unless `seed` is given
   */
  generator?: Generator;
  /**
   * A seed for a fresh generator, used when `generator` is not given.
   * @defaultValue none
   */
  seed?: number;
}

const spectralNormOptions = /* @__PURE__ */ defineOptions<SpectralNormOptions>()('spectralNorm', {
  name: 'weight',
  nPowerIterations: 1,
  eps: 1e-12,
  dim: 0,
  generator: undefined,
  seed: undefined,
});

/** $x / \max(\lVert x \rVert, \epsilon)$ in float64, into `out`. */
function normalizeInto(x: Float64Array, eps: number, out: Float64Array): void {
  let s = 0;
  for (const e of x) s += e * e;
  const n = Math.max(Math.sqrt(s), eps);
  for (let i = 0; i < x.length; i++) out[i] = x[i]! / n;
}

/** PyTorch's `_SpectralNorm` module: the buffers `_u`, `_v` and the power method. */
class SpectralNormParametrization extends Module<[Tensor]> {
  _u!: Tensor;
  _v!: Tensor;
  readonly #iterations: number;
  readonly #eps: number;
  readonly #dim: number;

  constructor(w: Tensor, iterations: number, eps: number, dim: number, generator: Generator) {
    super();
    this.#iterations = iterations;
    this.#eps = eps;
    this.#dim = dim;
    const [h, wd] = this.#matShape(w);
    const u = randn([h], { generator, dtype: w.dtype as 'float32' | 'float64' });
    const v = randn([wd], { generator, dtype: w.dtype as 'float32' | 'float64' });
    const un = new Float64Array(h);
    const vn = new Float64Array(wd);
    normalizeInto(Float64Array.from(u.data), eps, un);
    normalizeInto(Float64Array.from(v.data), eps, vn);
    u.data.set(un);
    v.data.set(vn);
    this.registerBuffer('_u', u);
    this.registerBuffer('_v', v);
    if (w.rank > 1) this.powerMethod(w, 15);
  }

  #matShape(w: Tensor): [number, number] {
    const h = w.shape[this.#dim] ?? 1;
    return [h, w.size / Math.max(h, 1)];
  }

  #matrix(w: Tensor): Tensor {
    const [h, wd] = this.#matShape(w);
    if (this.#dim === 0) return reshape(w, [h, wd]);
    const order = [this.#dim, ...w.shape.map((_, i) => i).filter((i) => i !== this.#dim)];
    return reshape(permute(w, order), [h, wd]);
  }

  /** `n` power iterations on the (detached) weight, in place: $u = \hat{}(W v)$, $v = \hat{}(W^\top u)$. */
  powerMethod(w: Tensor, n: number): void {
    const m = this.#matrix(w.detach());
    const [h, wd] = [m.shape[0]!, m.shape[1]!];
    const a = Float64Array.from(m.data);
    const u = Float64Array.from(this._u.data);
    const v = Float64Array.from(this._v.data);
    const tmpU = new Float64Array(h);
    const tmpV = new Float64Array(wd);
    for (let it = 0; it < n; it++) {
      for (let i = 0; i < h; i++) {
        let s = 0;
        for (let j = 0; j < wd; j++) s += a[i * wd + j]! * v[j]!;
        tmpU[i] = s;
      }
      normalizeInto(tmpU, this.#eps, u);
      for (let j = 0; j < wd; j++) {
        let s = 0;
        for (let i = 0; i < h; i++) s += a[i * wd + j]! * u[i]!;
        tmpV[j] = s;
      }
      normalizeInto(tmpV, this.#eps, v);
    }
    this._u.data.set(u);
    this._v.data.set(v);
  }

  /** $W / \sigma$ with $\sigma = u^\top W v$; the power method runs first in training mode. */
  forward(w: Tensor): Tensor {
    if (w.rank === 1) {
      const s = Math.max(Math.sqrt(Array.from(w.data).reduce((p, e) => p + e * e, 0)), this.#eps);
      return div(w, s);
    }
    if (this.training) this.powerMethod(w, this.#iterations);
    const [h, wd] = this.#matShape(w);
    const u = new TensorClass(this._u.data.slice(), [h, 1], w.dtype);
    const v = new TensorClass(this._v.data.slice(), [wd, 1], w.dtype);
    const sigma = sum(mul(matmul(this.#matrix(w), v), u));
    return div(w, sigma);
  }
}

/** PyTorch's `ParametrizationList`: the `original` weight and the parametrization `0`. */
class ParametrizationList extends Module<[]> {
  original: Tensor;
  0: SpectralNormParametrization;
  constructor(original: Tensor, p: SpectralNormParametrization) {
    super();
    this.original = original;
    this[0] = p;
  }
  forward(): Tensor {
    return this[0].forward(this.original);
  }
}

/** The `parametrizations` container of a module. */
class Parametrizations extends Module<[]> {
  forward(): Tensor {
    throw new TypeError('spectralNorm: the parametrizations container is not called directly');
  }
}

/**
 * Spectral normalization (Miyato et al., 2018), like PyTorch 1.13's
 * `torch.nn.utils.parametrizations.spectral_norm`: the module's weight is divided by an estimate of its largest
 * singular value,
 * $$W_{\mathrm{SN}} = \frac{W}{\sigma(W)}, \qquad \sigma(W) \approx u^\top W_{\mathrm{mat}} v,$$
 * with $W_{\mathrm{mat}}$ the weight as an `[shape[dim], -1]` matrix. Each **training** forward (each access of
 * `module.weight` in training mode) first runs `nPowerIterations` of
 * $u \leftarrow \frac{W v}{\max(\lVert W v \rVert, \epsilon)}$, $v \leftarrow \frac{W^\top u}{\max(\lVert W^\top u \rVert, \epsilon)}$
 * in place; evaluation reuses the stored $u$, $v$. $u, v$ start as normalized standard normal draws refined by 15
 * iterations. The gradient flows through $\sigma$ into the weight ($u$, $v$ are constants).
 *
 * The module is changed in place and returned: `weight` becomes a computed getter, and the state dict holds
 * PyTorch's keys `parametrizations.weight.original`, `parametrizations.weight.0._u`,
 * `parametrizations.weight.0._v`, so a PyTorch checkpoint's $u$, $v$ load and give its outputs.
 *
 * @param module - a module with a float tensor property `name` of rank ≥ 1.
 * @param options - see {@link SpectralNormOptions}.
 * @returns `module`, reparametrized.
 * @example
 * ```ts
 * import { Linear } from '@dl/nn';
 * import { spectralNorm } from '@dl/norm';
 * const layer = spectralNorm(new Linear(5, 4, { seed: 0 }), { seed: 1 });
 * Object.keys(layer.stateDict()); // ['bias', 'parametrizations.weight.original', 'parametrizations.weight.0._u', 'parametrizations.weight.0._v']
 * layer.weight.shape; // [4, 5]
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.utils.parametrizations.spectral_norm.html
 */
export function spectralNorm<M extends Module>(module: M, options?: SpectralNormOptions): M {
  const fn = 'spectralNorm';
  const o = spectralNormOptions(options);
  const name = o.name;
  const w = ownWeight(fn, module, name);
  const iterations = checkCount(fn, 'nPowerIterations', o.nPowerIterations);
  const eps = checkPositive(fn, 'eps', o.eps);
  const dim = o.dim;
  if (typeof dim !== 'number' || !Number.isInteger(dim) || dim < -w.rank || dim >= w.rank) {
    throw new RangeError(
      `${fn}: dim must be an integer in [${-w.rank}, ${w.rank - 1}] for a weight of shape ${shapeOf(w.shape)}, got ${describe(dim)}`,
    );
  }
  let generator = o.generator;
  if (generator === undefined) {
    if (o.seed !== undefined && !Number.isSafeInteger(o.seed)) {
      throw new TypeError(`${fn}: seed must be a safe integer, got ${describe(o.seed)}`);
    }
    generator = createGenerator(o.seed ?? Math.floor(Math.random() * 2 ** 53));
  }
  const record = module as unknown as Record<string, unknown>;
  if (record.parametrizations !== undefined) {
    throw new TypeError(
      `${fn}: module already has parametrizations; one spectralNorm per module is supported`,
    );
  }
  const p = new SpectralNormParametrization(w, iterations, eps, dim < 0 ? dim + w.rank : dim, generator);
  const list = new ParametrizationList(w, p);
  const container = new Parametrizations();
  (container as unknown as Record<string, unknown>)[name] = list;
  container.training = module.training;
  list.training = module.training;
  p.training = module.training;
  defineComputed(module, name, () => list.forward());
  record.parametrizations = container;
  return module;
}
