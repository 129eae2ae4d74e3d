import { mean, mul, square, sub, sum, type Tensor, tensor } from '@dl/tensor';
import { describe, expect, test } from 'vitest';
import fixtures from '../fixtures/nn.json';
import { ELU } from '../src/activations/ELU';
import { GELU, type GELUOptions } from '../src/activations/GELU';
import { LeakyReLU } from '../src/activations/LeakyReLU';
import { Mish } from '../src/activations/Mish';
import { PReLU } from '../src/activations/PReLU';
import { ReLU } from '../src/activations/ReLU';
import { SELU } from '../src/activations/SELU';
import { Sigmoid } from '../src/activations/Sigmoid';
import { SiLU } from '../src/activations/SiLU';
import { Softplus } from '../src/activations/Softplus';
import { Tanh } from '../src/activations/Tanh';
import { Linear } from '../src/Linear';
import { Module } from '../src/Module';
import { Sequential } from '../src/Sequential';
import type { Layer, StateDict, StateDictEntry } from '../src/types';
import { expectClose, fx } from './helpers';

// Linear layers: PyTorch's float32 sgemm and @dl/tensor's matmul sum the products in different orders, so results
// are not bit-identical; they agree within 1e-6 relative, plus 1e-7 absolute for values that cancel to near zero.
const LINEAR_TOL = { rtol: 1e-6, atol: 1e-7 };

// Small gradients of saturating activations are computed with cancellation in float32, by PyTorch and by @dl's
// differentiable backward alike (1 - tanh(x)² at x = -4 is 1.3e-3 with float32 spacing 6e-8 near 1): the two differ
// from the exact value, and from each other, by up to ~1.3e-7 absolute (tanh-GELU at x = -4: PyTorch float32
// 2.75859e-4, exact 2.75984e-4, @dl 2.75984e-4). Hence the absolute term of the float32 comparison, and a second
// comparison with the exact values (PyTorch float64 on the same inputs) that @dl must match at least as well as
// PyTorch float32 does.
const ACTIVATION_F32_ATOL = 2e-7;

/**
 * Elementwise, the error of `ours` with respect to the exact value is at most twice PyTorch float32's error, plus
 * 1e-6 relative (and 1e-30 absolute for results that underflow float32).
 */
function expectNoWorseThanTorch(ours: Tensor, torch32: Tensor, exact: Tensor): void {
  for (let i = 0; i < exact.size; i++) {
    const e = exact.data[i]!;
    const errOurs = Math.abs(ours.data[i]! - e);
    const errTorch = Math.abs(torch32.data[i]! - e);
    if (!(errOurs <= 2 * errTorch + 1e-6 * Math.abs(e) + 1e-30)) {
      throw new Error(
        `flat index ${i}: @dl ${ours.data[i]} is ${errOurs} from the exact ${e}; PyTorch float32 ${torch32.data[i]} is ${errTorch} from it`,
      );
    }
  }
}

const F = fixtures as unknown as {
  mlp: {
    stateDict: StateDict;
    keys: string[];
    x: StateDictEntry;
    y: StateDictEntry;
    loss: number;
    gradX: StateDictEntry;
    grads: Record<string, StateDictEntry>;
  };
  linearNoBias3d: {
    stateDict: StateDict;
    keys: string[];
    x: StateDictEntry;
    proj: StateDictEntry;
    y: StateDictEntry;
    gradX: StateDictEntry;
    gradWeight: StateDictEntry;
  };
  netKeys: { keys: string[]; shapes: number[][] };
  ownFirstKeys: { stateDict: string[]; namedParameters: string[] };
  activations: {
    x: StateDictEntry;
    proj: StateDictEntry;
    cases: Record<
      string,
      {
        module: string;
        options: Record<string, number | string>;
        y: StateDictEntry;
        gradX: StateDictEntry;
        y64: StateDictEntry;
        gradX64: StateDictEntry;
        stateDict?: StateDict;
        gradWeight?: StateDictEntry;
      }
    >;
  };
  preluChannels: {
    stateDict: StateDict;
    x: StateDictEntry;
    proj: StateDictEntry;
    y: StateDictEntry;
    gradX: StateDictEntry;
    gradWeight: StateDictEntry;
  };
  sigmoidCurve: {
    stateDict: StateDict;
    x: StateDictEntry;
    target: StateDictEntry;
    loss: number;
    grads: Record<string, StateDictEntry>;
  };
};

describe('Sequential(Linear, ReLU, Linear) vs PyTorch (weights loaded from a torch state_dict)', () => {
  const build = () =>
    new Sequential(new Linear(4, 8, { seed: 1 }), new ReLU(), new Linear(8, 3, { seed: 2 }));

  test('state-dict keys are PyTorch’s, and loading a torch state_dict is strict-clean', () => {
    const model = build();
    expect(Object.keys(model.stateDict())).toEqual(F.mlp.keys);
    expect(model.loadStateDict(F.mlp.stateDict)).toEqual({ missingKeys: [], unexpectedKeys: [] });
    // exact: the loaded values are the torch float32 values bit for bit
    for (const [k, e] of Object.entries(model.stateDict())) expect(e).toEqual(F.mlp.stateDict[k]);
  });

  test('forward, loss = sum(y^2), and gradients of every parameter and of the input', () => {
    const model = build();
    model.loadStateDict(F.mlp.stateDict);
    const x = fx(F.mlp.x, { requiresGrad: true });
    const y = model.forward(x);
    expectClose(y, fx(F.mlp.y), LINEAR_TOL);
    const loss = sum(mul(y, y));
    expect(Math.abs(loss.item() - F.mlp.loss) / F.mlp.loss).toBeLessThan(1e-6);
    loss.backward();
    expectClose(x.grad!, fx(F.mlp.gradX), LINEAR_TOL);
    const named = model.namedParameters();
    expect(named.map(([n]) => n)).toEqual(Object.keys(F.mlp.grads));
    for (const [name, p] of named) expectClose(p.grad!, fx(F.mlp.grads[name]!), LINEAR_TOL);
  });
});

test('Linear without bias on a 3-D input (batch dimensions) vs PyTorch', () => {
  const F3 = F.linearNoBias3d;
  const layer = new Linear(3, 2, { bias: false, seed: 0 });
  expect(Object.keys(layer.stateDict())).toEqual(F3.keys);
  layer.loadStateDict(F3.stateDict);
  const x = fx(F3.x, { requiresGrad: true });
  const y = layer.forward(x);
  expectClose(y, fx(F3.y), LINEAR_TOL);
  sum(mul(y, fx(F3.proj))).backward();
  // gradX = proj @ W sums K = 2 products of size ~7 (proj is arange(16)) that cancel to ~1e-2, so float32 rounding
  // (PyTorch's and ours, in different orders) reaches ~2e-7 there: beyond LINEAR_TOL's absolute term. Bound each
  // element by the standard float32 dot-product error, 2 * K * 2^-24 * sum_j |proj_j| |W_ji| (both sides' error).
  const proj = fx(F3.proj);
  const w = layer.weight;
  const bound = new Float64Array(x.size);
  for (let r = 0; r < x.size / 3; r++) {
    for (let i = 0; i < 3; i++) {
      let s = 0;
      for (let j = 0; j < 2; j++) s += Math.abs(proj.data[r * 2 + j]!) * Math.abs(w.data[j * 3 + i]!);
      bound[r * 3 + i] = 2 * 2 * 2 ** -24 * s;
    }
  }
  const expectedGradX = fx(F3.gradX);
  for (let k = 0; k < x.size; k++) {
    const diff = Math.abs(x.grad!.data[k]! - expectedGradX.data[k]!);
    expect(diff, `gradX flat ${k}`).toBeLessThanOrEqual(
      1e-7 + 1e-6 * Math.abs(expectedGradX.data[k]!) + bound[k]!,
    );
  }
  expectClose(layer.weight.grad!, fx(F3.gradWeight), LINEAR_TOL);
});

test('a nested model has the same state-dict keys and shapes as its PyTorch twin', () => {
  class Net extends Module {
    encoder = new Sequential(new Linear(2, 3), new Tanh(), new Linear(3, 3, { bias: false }));
    act = new PReLU();
    head = new Linear(3, 1);
    forward(x: Tensor): Tensor {
      return this.head.forward(this.act.forward(this.encoder.forward(x)));
    }
  }
  const sd = new Net().stateDict();
  expect(Object.keys(sd)).toEqual(F.netKeys.keys);
  expect(Object.values(sd).map((e) => e.shape)).toEqual(F.netKeys.shapes);
});

test('a module lists its own parameters before its submodules’, whatever the declaration order, like PyTorch', () => {
  class OwnAfterChild extends Module {
    fc = new Linear(2, 2, { seed: 0 });
    scale = tensor([1], { requiresGrad: true });
    forward(x: Tensor): Tensor {
      return mul(this.fc.forward(x), this.scale);
    }
  }
  const m = new OwnAfterChild();
  expect(Object.keys(m.stateDict())).toEqual(F.ownFirstKeys.stateDict);
  expect(m.namedParameters().map(([n]) => n)).toEqual(F.ownFirstKeys.namedParameters);
});

describe('activation modules vs PyTorch: forward and d(sum(y * proj))/dx', () => {
  const make: Record<string, (o: Record<string, number | string>) => Layer> = {
    ReLU: () => new ReLU(),
    LeakyReLU: (o) => new LeakyReLU(o),
    Sigmoid: () => new Sigmoid(),
    Tanh: () => new Tanh(),
    GELU: (o) => new GELU(o as GELUOptions),
    SiLU: () => new SiLU(),
    Softplus: (o) => new Softplus(o),
    ELU: (o) => new ELU(o),
    SELU: () => new SELU(),
    Mish: () => new Mish(),
    PReLU: () => new PReLU(),
  };
  for (const [name, c] of Object.entries(F.activations.cases)) {
    test(`${name} ${JSON.stringify(c.options)}`, () => {
      const layer = make[c.module]!(c.options);
      if (c.stateDict) expect(layer.stateDict()).toEqual(c.stateDict);
      const x = fx(F.activations.x, { requiresGrad: true });
      const y = layer.forward(x);
      sum(mul(y, fx(F.activations.proj))).backward();
      // Against PyTorch's float32 results: 1e-6 relative plus ACTIVATION_F32_ATOL (see there).
      expectClose(y, fx(c.y), { rtol: 1e-6, atol: ACTIVATION_F32_ATOL });
      expectClose(x.grad!, fx(c.gradX), { rtol: 1e-6, atol: ACTIVATION_F32_ATOL });
      // Against the exact values (PyTorch in float64 on the same inputs): never further off than PyTorch float32.
      expectNoWorseThanTorch(y, fx(c.y), fx(c.y64));
      expectNoWorseThanTorch(x.grad!, fx(c.gradX), fx(c.gradX64));
      if (c.gradWeight) expectClose(layer.parameters()[0]!.grad!, fx(c.gradWeight));
    });
  }

  test('PReLU with one slope per channel (dimension 1)', () => {
    const P = F.preluChannels;
    const layer = new PReLU({ numParameters: 3, init: 0.1 });
    layer.loadStateDict(P.stateDict);
    const x = fx(P.x, { requiresGrad: true });
    const y = layer.forward(x);
    expectClose(y, fx(P.y));
    sum(mul(y, fx(P.proj))).backward();
    expectClose(x.grad!, fx(P.gradX));
    expectClose(layer.weight.grad!, fx(P.gradWeight));
  });
});

test('the lecture model Sequential(Linear(1, 6), Sigmoid(), Linear(6, 1)): MSE loss and gradients vs PyTorch', () => {
  const S = F.sigmoidCurve;
  const model = new Sequential(new Linear(1, 6), new Sigmoid(), new Linear(6, 1));
  model.loadStateDict(S.stateDict);
  const loss = mean(square(sub(model.forward(fx(S.x)), fx(S.target))));
  expect(Math.abs(loss.item() - S.loss) / S.loss).toBeLessThan(1e-6);
  loss.backward();
  for (const [name, p] of model.namedParameters()) expectClose(p.grad!, fx(S.grads[name]!), LINEAR_TOL);
});
