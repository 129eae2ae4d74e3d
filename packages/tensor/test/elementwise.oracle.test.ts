/**
 * Elementwise ops against PyTorch 1.13 (fixtures/elementwise.json, written by scripts/oracle_elementwise.py):
 * forward values and gradients (for the upstream seed w_i = 0.5 + ((37 i) mod 11) / 10), in float32 and float64.
 *
 * Tolerance: |ours - torch| <= rtol |torch| + atol, with rtol 1e-6 (float32) / 1e-12 (float64) and atol 0 unless
 * an entry of LOOSER says otherwise (with the reason). Non-finite values must match exactly.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { gradients } from '../src/autograd/engine';
import * as ew from '../src/exports/elementwise';
import { Tensor } from '../src/tensor';

type Num = number | string;
interface Arg {
  values: Num[];
  shape: number[];
  mask: boolean;
}
interface Result {
  out: Num[];
  shape: number[];
  grads?: Num[][];
}
interface Case {
  name: string;
  op: string;
  args: (Arg | number)[];
  options: Record<string, unknown>;
  f32: Result;
  f64: Result;
}

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/elementwise.json', import.meta.url), 'utf8'),
) as {
  cases: Case[];
};

const decode = (v: Num): number =>
  typeof v === 'number' ? v : v === 'NaN' ? Number.NaN : v === 'Infinity' ? Infinity : -Infinity;

// biome-ignore lint/suspicious/noExplicitAny: the op table dispatches on the fixture's op names.
type AnyOp = (...args: any[]) => Tensor;
const OPS: Record<string, AnyOp> = ew as unknown as Record<string, AnyOp>;

interface Tol {
  rtol?: number;
  atol?: number;
}

/**
 * Ops (or single cases, by name) whose tolerance is looser than the default, and why. `atol` is absolute, in the
 * units of the compared value; the relative tolerance stays at the default. In every entry the difference comes
 * from cancellation in PyTorch's formula (or in a formula shared with PyTorch), not from a different result:
 * - elu, selu, celu: PyTorch evaluates $\alpha(e^x - 1)$, which cancels near 0 (at x = -1e-7 its float32 value is
 *   -1.19e-7 instead of -1.0e-7); we use expm1. Absolute difference below 1 ulp of 1 times alpha·scale.
 * - gelu: PyTorch evaluates $1 + \operatorname{erf}(x/\sqrt2)$, $1 + \tanh u$ and (for the tanh form's gradient)
 *   $1 - \tanh^2 u$, which cancel for x < 0; we use erfc and sigmoids. PyTorch's float32 tanh-form gradient is off
 *   by up to ~1e-6 for x in [-6, -4] (e.g. -2.82e-6 at x = -5, where the float64 value is -2.16e-6).
 * - tanh, sigmoid, silu, mish (gradients): $1 - y^2$, $y(1 - y)$, $1 - t^2$ of a saved float32 output cancel as
 *   the output saturates, so a one-ulp difference in the output becomes an absolute error of about one ulp of 1.
 * - erfc (float32): torch's float32 erfc(10) is 2 subnormal ulps (2.8e-45); the correctly rounded value is 1.4e-45.
 * - 'silu beta 1.7': the PyTorch reference is the composition x * sigmoid(1.7 * x), which rounds 1.7x to float32
 *   first; its relative error grows like eps·|βx| (2e-6 at x = -20.5).
 * For the ops in ACCURATE, where our formula avoids PyTorch's cancellation, float32 results are in addition
 * checked against the float64 oracle with rtol 1e-6 and atol 1e-7.
 */
const LOOSER: Record<string, { f32?: Tol; f64?: Tol }> = {
  elu: { f32: { atol: 1e-7 }, f64: { atol: 4e-16 } },
  selu: { f32: { atol: 1e-7 }, f64: { atol: 4e-16 } },
  celu: { f32: { atol: 1e-7 }, f64: { atol: 4e-16 } },
  gelu: { f32: { atol: 1e-6 }, f64: { atol: 1e-15 } },
  tanh: { f32: { atol: 2e-7 }, f64: { atol: 1e-15 } },
  sigmoid: { f32: { atol: 1e-7 } },
  silu: { f32: { atol: 1e-7 } },
  mish: { f32: { atol: 1e-7 } },
  erfc: { f32: { atol: 3e-45 } },
  'silu beta 1.7': { f32: { rtol: 5e-6, atol: 1e-7 } },
};
const ACCURATE = new Set(['elu', 'selu', 'celu', 'gelu']);

function close(actual: ArrayLike<number>, expected: Num[], rtol: number, atol: number, what: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const e = decode(expected[i]!);
    const a = actual[i]!;
    if (!Number.isFinite(e)) {
      if (Number.isNaN(e)) expect(a, `${what}[${i}]`).toBeNaN();
      else expect(a, `${what}[${i}]`).toBe(e);
      continue;
    }
    const tol = rtol * Math.abs(e) + atol;
    if (!(Math.abs(a - e) <= tol)) {
      throw new Error(`${what}[${i}]: got ${a}, torch ${e} (|diff| ${Math.abs(a - e)} > tol ${tol})`);
    }
  }
}

const seed = (n: number) => Array.from({ length: n }, (_, i) => 0.5 + ((37 * i) % 11) / 10);

describe('elementwise ops match PyTorch 1.13 (forward and gradient)', () => {
  for (const c of fixture.cases) {
    for (const key of ['f32', 'f64'] as const) {
      test(`${c.name} [${key === 'f32' ? 'float32' : 'float64'}]`, () => {
        const dtype = key === 'f32' ? 'float32' : 'float64';
        const Arr = key === 'f32' ? Float32Array : Float64Array;
        const res = c[key];
        const leaves: Tensor[] = [];
        const args = c.args.map((a) => {
          if (typeof a === 'number') return a;
          const t = new Tensor(Arr.from(a.values.map(decode)), a.shape, dtype);
          if (res.grads && !a.mask) {
            t.requiresGrad = true;
            leaves.push(t);
          }
          return t;
        });
        const fn = OPS[c.op];
        if (fn === undefined) throw new Error(`no op ${c.op}`);
        const out = Object.keys(c.options).length > 0 ? fn(...args, c.options) : fn(...args);
        expect(out.dtype).toBe(dtype);
        expect(out.shape).toEqual(res.shape);
        const tol = LOOSER[c.name]?.[key] ?? LOOSER[c.op]?.[key] ?? {};
        const rtol = tol.rtol ?? (key === 'f32' ? 1e-6 : 1e-12);
        const atol = tol.atol ?? 0;
        close(out.data, res.out, rtol, atol, `${c.name} forward`);
        if (res.grads) {
          const w = new Tensor(Arr.from(seed(out.size)), out.shape, dtype);
          const gs = gradients(out, leaves, { seed: w, allowUnused: true });
          gs.forEach((g, k) => {
            close(g.data, res.grads![k]!, rtol, atol, `${c.name} gradient of input ${k}`);
          });
        } else {
          expect(out.requiresGrad).toBe(false);
        }
        if (key === 'f32' && ACCURATE.has(c.op)) {
          close(out.data, c.f64.out, 1e-6, 1e-7, `${c.name} float32 forward vs float64 oracle`);
          if (res.grads) {
            const w = new Tensor(Arr.from(seed(out.size)), out.shape, dtype);
            const fresh = c.args.map((a) =>
              typeof a === 'number' ? a : new Tensor(Arr.from(a.values.map(decode)), a.shape, dtype),
            );
            for (const t of fresh) if (typeof t !== 'number') t.requiresGrad = true;
            const y = Object.keys(c.options).length > 0 ? fn(...fresh, c.options) : fn(...fresh);
            const gs = gradients(y, fresh as Tensor[], { seed: w });
            close(gs[0]!.data, c.f64.grads![0]!, 1e-6, 1e-7, `${c.name} float32 gradient vs float64 oracle`);
          }
        }
      });
    }
  }
});
