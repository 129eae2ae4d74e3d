// In-place ops and the version-counter check against PyTorch 1.13 (fixtures/inplace.json, written by
// scripts/oracle_inplace.py): each case is a small program written twice, in PyTorch there and in @dl/tensor here,
// under the same name.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  add,
  add_,
  clip_,
  copy_,
  div,
  div_,
  exp,
  fill_,
  linear,
  matmul,
  mul,
  mul_,
  noGrad,
  relu_,
  reshape,
  sigmoid,
  sub,
  sub_,
  sum,
  type Tensor,
  tanh,
  tensor,
  transpose,
  zero_,
} from '../src';

interface Case {
  kind: 'grad' | 'check';
  name: string;
  inputs: Record<string, number[]>;
  value?: number[];
  loss?: number;
  grads?: Record<string, number[]>;
  leaves?: string[];
  rejects?: 'op' | 'backward' | null;
  message?: string;
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/inplace.json', import.meta.url), 'utf8')) as {
  cases: Case[];
};

const SHAPES: Record<string, number[]> = {
  a: [3, 4],
  b: [4],
  c: [3, 4],
  bf: [3, 4],
  pos: [4],
  w: [5, 4],
  bias: [5],
  c5: [3, 5],
  m: [4, 2],
};

type T = Record<string, Tensor>;
const make = (c: Case, leaves: readonly string[]): T =>
  Object.fromEntries(
    Object.entries(c.inputs).map(([k, v]) => [
      k,
      tensor(Float64Array.from(v), { shape: SHAPES[k]!, requiresGrad: leaves.includes(k) }),
    ]),
  );

/** The 'grad' programs: [loss, value after the in-place op]. */
const GRAD: Record<string, [string[], (t: T) => [Tensor, Tensor]]> = {
  relu_: [['a'], (t) => ((h) => [sum(mul(mul(relu_(h), h), t.c!)), h])(mul(t.a!, 2)) as [Tensor, Tensor]],
  'add_ tensor': [
    ['a', 'b'],
    (t) => ((h) => [sum(mul(mul(add_(h, t.b!), h), t.c!)), h])(mul(t.a!, 1.5)) as [Tensor, Tensor],
  ],
  'add_ number': [['a'], (t) => ((h) => [sum(mul(add_(h, 0.25), h)), h])(mul(t.a!, 1.5)) as [Tensor, Tensor]],
  'sub_ tensor': [
    ['a', 'b'],
    (t) => ((h) => [sum(mul(mul(sub_(h, t.b!), h), t.c!)), h])(mul(t.a!, 1.5)) as [Tensor, Tensor],
  ],
  'mul_ tensor': [
    ['a', 'bf'],
    (t) => ((h) => [sum(mul(mul_(h, t.bf!), t.c!)), h])(mul(t.a!, 1.5)) as [Tensor, Tensor],
  ],
  'mul_ broadcast': [
    ['a', 'b'],
    (t) => ((h) => [sum(mul(mul(mul_(h, t.b!), h), t.c!)), h])(add(t.a!, 0)) as [Tensor, Tensor],
  ],
  'mul_ number': [['a'], (t) => ((h) => [sum(mul(mul_(h, 3), h)), h])(add(t.a!, 0)) as [Tensor, Tensor]],
  'div_ tensor': [
    ['a', 'pos'],
    (t) => ((h) => [sum(mul(mul(div_(h, t.pos!), h), t.c!)), h])(mul(t.a!, 2)) as [Tensor, Tensor],
  ],
  clip_: [
    ['a'],
    (t) => ((h) => [sum(mul(clip_(h, { min: -0.5, max: 0.5 }), t.c!)), h])(mul(t.a!, 2)) as [Tensor, Tensor],
  ],
  fill_: [
    ['a'],
    (t) =>
      ((h) => [add(sum(mul(fill_(h, 3), t.c!)), sum(mul(t.a!, t.a!))), h])(mul(t.a!, 2)) as [Tensor, Tensor],
  ],
  zero_: [
    ['a'],
    (t) =>
      ((h) => [add(sum(mul(zero_(h), t.c!)), sum(mul(t.a!, t.a!))), h])(mul(t.a!, 2)) as [Tensor, Tensor],
  ],
  'copy_ broadcast': [
    ['a', 'b'],
    (t) => ((h) => [sum(mul(mul(copy_(h, t.b!), h), t.c!)), h])(mul(t.a!, 2)) as [Tensor, Tensor],
  ],
  'relu_ after linear': [
    ['a', 'w', 'bias'],
    (t) => ((h) => [sum(mul(relu_(h), t.c5!)), h])(linear(t.a!, t.w!, t.bias!)) as [Tensor, Tensor],
  ],
  'chain add_ mul_ relu_': [
    ['a', 'b', 'bf'],
    (t) =>
      ((h) => [sum(mul(relu_(mul_(add_(h, t.b!), t.bf!)), t.c!)), h])(mul(t.a!, 1.5)) as [Tensor, Tensor],
  ],
};

/** The 'check' programs: they return the loss (the in-place misuse, if any, happens inside). */
const CHECK: Record<string, (t: T) => Tensor> = {
  'leaf requires grad, in-place outside no_grad': (t) => sum(add_(t.a!, 1)),
  'leaf modified in no_grad after mul read it': (t) => {
    const y = mul(t.a!, t.c!);
    noGrad(() => add_(t.a!, 1));
    return sum(y);
  },
  'data tensor modified after mul read it': (t) => {
    const y = mul(t.a!, t.c!);
    mul_(t.c!, 2);
    return sum(y);
  },
  'data tensor modified after add (add reads nothing)': (t) => {
    const y = add(t.a!, t.c!);
    mul_(t.c!, 2);
    return sum(y);
  },
  'exp output modified (exp reads its output)': (t) => sum(add_(exp(t.a!), 1)),
  'tanh output modified': (t) => sum(mul_(tanh(t.a!), 2)),
  'sigmoid output modified': (t) => sum(sub_(sigmoid(t.a!), 1)),
  'leaf modified in no_grad after sum (sum reads nothing)': (t) => {
    const y = sum(t.a!);
    noGrad(() => add_(t.a!, 1));
    return y;
  },
  'relu_ result modified again before backward': (t) => {
    const h = relu_(mul(t.a!, 2));
    add_(h, 1);
    return sum(mul(h, t.c!));
  },
  'leaf modified in no_grad after multiplication by a number': (t) => {
    const y = sum(mul(t.a!, 2));
    noGrad(() => add_(t.a!, 1));
    return y;
  },
  'leaf modified in no_grad after mul by a constant tensor': (t) => {
    const y = sum(mul(t.a!, t.c!));
    noGrad(() => add_(t.a!, 1));
    return y;
  },
  'a view of the data modified (shared version)': (t) => {
    const y = mul(t.a!, t.c!);
    add_(reshape(t.c!, [12]), 1);
    return sum(y);
  },
  'a detached alias of the data modified (shared version)': (t) => {
    const y = mul(t.a!, t.c!);
    add_(t.c!.detach(), 1);
    return sum(y);
  },
  'intermediate modified after a recorded op read it': (t) => {
    const h = mul(t.a!, 2);
    const z = mul(h, 3);
    add_(h, 1);
    return add(sum(z), sum(h));
  },
  'matmul operand modified': (t) => {
    const y = matmul(t.a!, t.m!);
    mul_(t.m!, 2);
    return sum(y);
  },
  'transposed matmul operand modified': (t) => {
    const y = matmul(transpose(t.c!), t.a!);
    mul_(t.c!, 2);
    return sum(y);
  },
  'relu_ on the output of linear': (t) => sum(mul(relu_(linear(t.a!, t.w!, t.bias!)), t.c5!)),
};

/**
 * Where @dl/tensor deliberately differs from PyTorch: an intermediate that a recorded op has already read is
 * refused at the in-place call (PyTorch rewires the recorded edge to the old value; our nodes hold tensors).
 */
const DIFFERS: Record<string, { ours: 'op' | 'accepts'; pattern?: RegExp }> = {
  'intermediate modified after a recorded op read it': {
    ours: 'op',
    pattern: /^add_: x was already used by an operation recorded for autograd/,
  },
  // our transpose copies (PyTorch's is a view), so the product read the copy: the gradient stays right
  'transposed matmul operand modified': { ours: 'accepts' },
};

const close = (actual: ArrayLike<number>, expected: number[], what: string) => {
  expect(actual.length, what).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(
      Math.abs(actual[i]! - expected[i]!),
      `${what}[${i}]: ${actual[i]} vs ${expected[i]}`,
    ).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected[i]!)));
  }
};

describe('in-place ops: values and gradients equal PyTorch 1.13 (float64)', () => {
  const cases = fixture.cases.filter((c) => c.kind === 'grad');
  test('every PyTorch case has a program here', () => {
    expect(cases.map((c) => c.name).sort()).toEqual(Object.keys(GRAD).sort());
  });
  for (const c of cases) {
    test(c.name, () => {
      const [leaves, prog] = GRAD[c.name]!;
      const t = make(c, leaves);
      const [loss, value] = prog(t);
      close(value.data, c.value!, 'value');
      close([loss.item()], [c.loss!], 'loss');
      loss.backward();
      for (const k of leaves) close(t[k]!.grad!.data, c.grads![k]!, `grad of ${k}`);
      expect(value.inPlaceVersion).toBeGreaterThanOrEqual(1);
    });
  }
});

describe('the version-counter check: rejects what PyTorch 1.13 rejects, where PyTorch rejects it', () => {
  const cases = fixture.cases.filter((c) => c.kind === 'check');
  test('every PyTorch case has a program here', () => {
    expect(cases.map((c) => c.name).sort()).toEqual(Object.keys(CHECK).sort());
  });
  for (const c of cases) {
    const differs = DIFFERS[c.name];
    test(`${c.name}: PyTorch ${c.rejects === null ? 'accepts' : `rejects in ${c.rejects}`}${differs ? ` (we reject in ${differs.ours})` : ''}`, () => {
      const t = make(c, c.leaves!);
      const prog = CHECK[c.name]!;
      if (differs?.ours === 'op') {
        expect(() => prog(t)).toThrow(differs.pattern);
        return;
      }
      if (differs?.ours === 'accepts') {
        const loss = prog(t);
        loss.backward();
        // d sum(cᵀa) / da[i][j] = Σ_k c[i][k]: the row sums of c as it was before mul_
        const rows = Array.from(sum(make(c, []).c!, 1).data);
        close(
          t.a!.grad!.data,
          rows.flatMap((v) => [v, v, v, v]),
          'grad of a',
        );
        return;
      }
      if (c.rejects === 'op') {
        expect(() => prog(t)).toThrow(
          /^add_: x is a leaf tensor that requires gradients, which an in-place op cannot modify while autograd records/,
        );
        return;
      }
      const loss = prog(t);
      if (c.rejects === 'backward') {
        expect(() => loss.backward()).toThrow(
          /^backward: one of the tensors needed for gradient computation has been modified by an in-place operation: the (input \d|output) .*of '\w+' is at version \d+; expected version \d+ instead$/,
        );
        return;
      }
      loss.backward();
      for (const k of c.leaves!) close(t[k]!.grad!.data, c.grads![k]!, `grad of ${k}`);
    });
  }
});

describe('in-place ops: versions, bit-identity with the out-of-place ops, errors', () => {
  test('each op counts one version; views and detach share the count', () => {
    const x = tensor([1, 2, 3, 4]);
    expect(x.inPlaceVersion).toBe(0);
    const v = reshape(x, [2, 2]);
    const d = x.detach();
    add_(v, 1);
    mul_(d, 2);
    expect(x.inPlaceVersion).toBe(2);
    expect(v.inPlaceVersion).toBe(2);
    expect(x.toArray()).toEqual([4, 6, 8, 10]);
  });

  test('float32 results equal the out-of-place ops bit for bit (the WebAssembly kernels included)', () => {
    const n = 5000;
    const a = Float32Array.from({ length: n }, (_, i) => Math.sin(i) * 3);
    const b = Float32Array.from({ length: n }, (_, i) => Math.cos(i) + 2);
    const ops: [(x: Tensor, y: Tensor) => Tensor, (x: Tensor, y: Tensor) => Tensor][] = [
      [add_, add],
      [sub_, sub],
      [mul_, mul],
      [div_, div],
    ];
    for (const [inPlaceOp, op] of ops) {
      const x = tensor(a.slice());
      const expected = op(tensor(a.slice()), tensor(b));
      expect(inPlaceOp(x, tensor(b)).data).toEqual(expected.data);
    }
  });

  test('fill_, zero_, copy_ (with broadcasting and dtype conversion), clip_ and relu_ values', () => {
    expect(fill_(tensor([1, 2], { dtype: 'int32' }), 7.9).toArray()).toEqual([7, 7]);
    expect(zero_(tensor([1, 2])).toArray()).toEqual([0, 0]);
    expect(
      copy_(
        tensor([
          [0, 0],
          [0, 0],
        ]),
        tensor([1, 2], { dtype: 'float64' }),
      ).toArray(),
    ).toEqual([
      [1, 2],
      [1, 2],
    ]);
    expect(clip_(tensor([-2, 0.5, 3, Number.NaN]), { max: 1 }).toArray()).toEqual([-2, 0.5, 1, Number.NaN]);
    expect(relu_(tensor([-1, 0, 2])).toArray()).toEqual([0, 0, 2]);
  });

  test('errors name the in-place op, the argument and the value', () => {
    expect(() => add_(tensor([1, 2, 3]), tensor([[1, 2, 3]]))).toThrow(
      "add_: the result has shape [1, 3], which does not fit x's shape [3] (the other operand must broadcast to x)",
    );
    expect(() => add_([1, 2] as never, 1)).toThrow('add_: x must be a Tensor, got [1, 2]');
    expect(() => add_(tensor([1]), tensor([1], { dtype: 'float64' }))).toThrow(
      'add_: dtypes differ: float32 and float64; convert one with cast() first',
    );
    expect(() => fill_(tensor([1]), '1' as never)).toThrow('fill_: value must be a number, got "1"');
    expect(() => clip_(tensor([1]), {})).toThrow(
      'clip_: at least one of options.min and options.max must be given, got neither',
    );
    expect(() => clip_(tensor([1]), { lo: 0 } as never)).toThrow(/^clip_: unknown option 'lo'/);
    expect(() => copy_(tensor([1, 2]), 1 as never)).toThrow('copy_: src must be a Tensor, got 1');
    const h = reshape(mul(tensor([1, 2], { requiresGrad: true }), 2), [2]);
    expect(() => relu_(reshape(h, [1, 2]))).toThrow(/^relu_: x shares its elements with a view/);
  });

  test('a disposed tensor cannot be modified in place', () => {
    const x = tensor([1, 2]);
    x.dispose();
    expect(() => add_(x, 1)).toThrow(/the tensor was disposed/);
  });
});
