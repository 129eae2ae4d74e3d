// The 485-parameter tanh MLP of scripts/oracle.py (fixtures/hessians.json) as a loss of one flat float64 vector,
// with exact Hessian-vector products by double backward: shared by the spectrum oracle tests.
import { readFileSync } from 'node:fs';
import {
  add,
  cast,
  hvp,
  logSoftmax,
  matmul,
  mean,
  mul,
  neg,
  oneHot,
  reshape,
  slice,
  sum,
  type Tensor,
  tanh,
  tensor,
  transpose,
  valueAndGrad,
} from '@dl/tensor';

interface MlpFixture {
  shapes: number[][];
  X: number[][];
  y: number[];
  theta: number[];
}
const fx: { mlp: MlpFixture } = JSON.parse(
  readFileSync(new URL('../fixtures/hessians.json', import.meta.url), 'utf8'),
);

export function mlp485() {
  const { shapes, X, y, theta } = fx.mlp;
  const Xt = tensor(X, { dtype: 'float64' });
  const Y = cast(oneHot(tensor(y, { dtype: 'int32' }), shapes[3]![0]!), 'float64');
  const sizes = shapes.map((s) => s.reduce((a, b) => a * b, 1));
  const loss = (t: Tensor): Tensor => {
    let offset = 0;
    const parts = shapes.map((s, i) => {
      const p = reshape(slice(t, [[offset, offset + sizes[i]!]]), s);
      offset += sizes[i]!;
      return p;
    });
    const h = tanh(add(matmul(Xt, transpose(parts[0]!)), parts[1]!));
    const logits = add(matmul(h, transpose(parts[2]!)), parts[3]!);
    return neg(mean(sum(mul(logSoftmax(logits, { axis: -1 }), Y), { axis: -1 })));
  };
  const x = tensor(theta, { dtype: 'float64' });
  let products = 0;
  const op = (v: Float64Array) => {
    products++;
    return hvp(loss, x, tensor(v, { dtype: 'float64' })).data as Float64Array;
  };
  return {
    theta,
    shapes,
    dimension: theta.length,
    op,
    products: () => products,
    lossAt: (p: Float64Array) => loss(tensor(p, { dtype: 'float64' })).item(),
    gradientAt: (p: Float64Array) =>
      valueAndGrad(loss)(tensor(p, { dtype: 'float64' }))[1].data as Float64Array,
  };
}
