import { describe, expect, test } from 'vitest';
import reference from '../fixtures/reference.json';
import * as api from '../src/index';
import {
  applyUpdates,
  averageParams,
  chain,
  createOptimizer,
  lookahead,
  type NamedOptimizer,
  samGradients,
  scheduleFreeEvalParams,
  sgd,
} from '../src/index';
import { fixture } from './problem';

type P64 = Record<'a' | 'b' | 'c', Float64Array>;
const factories = api as unknown as Record<string, (o?: object) => NamedOptimizer>;
const init = (): P64 => ({
  a: Float64Array.from(fixture.init.a),
  b: Float64Array.from(fixture.init.b),
  c: Float64Array.from(fixture.init.c),
});
// the gradient of scripts/oracle.py's problem in float64
function grads(p: P64): P64 {
  const ga = p.a.map((a, i) => -2 * (1 - a) - 20 * a * (p.b[i]! - a * a));
  const gb = p.b.map((b, i) => 10 * (b - p.a[i]! * p.a[i]!));
  const gc = p.c.map((c) => c * c * c - 2 * c + 0.3);
  return { a: ga, b: gb, c: gc };
}
const shape = (k: 'a' | 'b' | 'c') => (fixture.shapes as Record<string, number[]>)[k]!;
const maxRel = (got: Float64Array, want: number[]) =>
  Math.max(...Array.from(got, (x, i) => Math.abs(x - want[i]!) / Math.max(Math.abs(want[i]!), 1e-3)));
const TOL = 1e-10;

describe('optimizers beyond PyTorch 1.13 equal float64 references of their papers (scripts/reference.py)', () => {
  test.each(reference.cases.map((c) => [`${c.optimizer}(${JSON.stringify(c.options)})`, c] as const))(
    '%s, composable and createOptimizer',
    (_, c) => {
      const keys = c.keys as ('a' | 'b' | 'c')[];
      // NAdam keeps its momentum product in float32, as PyTorch does; Adafactor's norms are summed in another order
      // than NumPy's pairwise sums, and with update clipping active those last-bit differences grow over 100 steps
      const tol = c.optimizer === 'nadam' ? 1e-8 : c.optimizer === 'adafactor' ? 1e-6 : TOL;
      // composable form: the tree holds { shape, data } leaves (muon needs the 2-D shapes)
      const p = init();
      const tree = Object.fromEntries(keys.map((k) => [k, { shape: shape(k), data: p[k] }]));
      const opt = factories[c.optimizer]!(c.options);
      let s = opt.init(tree);
      // facade form, on a copy
      const q = init();
      const holders = keys.map((k) => ({
        data: q[k],
        grad: null as Float64Array | null,
        shape: shape(k),
        k,
      }));
      const facade = createOptimizer(holders, factories[c.optimizer]!(c.options));
      for (let t = 1; t <= 100; t++) {
        const g = grads(p);
        const [u, next] = opt.update(
          Object.fromEntries(keys.map((k) => [k, { shape: shape(k), data: g[k] }])),
          s,
          tree,
        );
        applyUpdates(tree, u);
        s = next;
        const gq = grads(q);
        for (const h of holders) h.grad = gq[h.k];
        facade.step();
        const want = (c.steps as Record<string, Record<string, number[]>>)[t];
        if (want) {
          for (const k of keys) {
            expect(maxRel(p[k], want[k]!), `${k} at step ${t}`).toBeLessThanOrEqual(tol);
            expect(maxRel(q[k], want[k]!), `facade ${k} at step ${t}`).toBeLessThanOrEqual(tol);
          }
        }
      }
      const evalParams = (c as { evalParams?: Record<string, number[]> }).evalParams;
      if (evalParams) {
        const x = scheduleFreeEvalParams(s);
        keys.forEach((k, j) => {
          expect(maxRel(x[j] as Float64Array, evalParams[k]!)).toBeLessThanOrEqual(TOL);
        });
      }
    },
  );

  test.each(reference.sam.map((c) => [JSON.stringify({ rho: c.rho, adaptive: c.adaptive }), c] as const))(
    'samGradients %s followed by sgd; the parameters are restored exactly after each call',
    (_, c) => {
      const p = init();
      const opt = sgd({ lr: c.lr });
      let s = opt.init(p);
      for (let t = 1; t <= 100; t++) {
        const before = p.a.slice();
        const g = samGradients(p, (x) => grads(x as P64), { rho: c.rho, adaptive: c.adaptive });
        expect(p.a).toEqual(before);
        const [u, next] = opt.update(g, s, p);
        applyUpdates(p, u);
        s = next;
        const want = (c.steps as Record<string, Record<string, number[]>>)[t];
        if (want)
          for (const k of ['a', 'b', 'c'] as const) expect(maxRel(p[k], want[k]!)).toBeLessThanOrEqual(TOL);
      }
    },
  );

  test.each(reference.wrappers.map((c) => [JSON.stringify(c).slice(0, 90), c] as const))('%s', (_, c) => {
    const p = init();
    const opt =
      c.kind === 'lookahead'
        ? lookahead(sgd({ lr: c.lr, momentum: (c as { momentum: number }).momentum }), {
            syncPeriod: (c as { syncPeriod: number }).syncPeriod,
            slowStepSize: (c as { slowStepSize: number }).slowStepSize,
          })
        : chain(
            sgd({ lr: c.lr }),
            averageParams({
              mode: (c as { mode: 'ema' | 'swa' }).mode,
              decay: (c as { decay: number }).decay,
            }),
          );
    let s: unknown = opt.init(p);
    for (let t = 1; t <= 100; t++) {
      const [u, next] = (opt as api.GradientTransformation).update(grads(p), s, p);
      applyUpdates(p, u);
      s = next;
      const want = (c.steps as Record<string, Record<string, number[]>>)[t];
      if (!want) continue;
      const got =
        c.kind === 'lookahead'
          ? p
          : (() => {
              const avg = ((s as unknown[])[1] as { average: Float64Array[] }).average;
              return { a: avg[0]!, b: avg[1]!, c: avg[2]! };
            })();
      for (const k of ['a', 'b', 'c'] as const)
        expect(maxRel(got[k], want[k]!), `${k} at step ${t}`).toBeLessThanOrEqual(TOL);
    }
  });

  test('muon rejects non-matrix parameters, naming the path and pointing to multiTransform', () => {
    expect(() => api.muon().init({ bias: new Float32Array(3) })).toThrow(
      'muon.init: params.bias has shape [3]; muon updates 2-D weights only — route other parameters to another optimizer with multiTransform',
    );
  });
  test('bad options of the extra optimizers are errors', () => {
    expect(() => api.adafactor({ beta2Decay: 0.5 })).toThrow(
      'adafactor: beta2Decay must be a finite number <= 0, got 0.5',
    );
    expect(() => api.adafactor({ eps: [0, 1e-3] })).toThrow(
      'adafactor: eps must be a pair [eps1 > 0 or null, eps2 >= 0], got [0,0.001]',
    );
    expect(() => lookahead(sgd(), { syncPeriod: 0 })).toThrow(
      'lookahead: syncPeriod must be an integer >= 1, got 0',
    );
    expect(() => lookahead(sgd(), { slowStepSize: 0 })).toThrow(
      'lookahead: slowStepSize must be in (0, 1], got 0',
    );
    expect(() => averageParams({ mode: 'mean' as never })).toThrow(
      "averageParams: mode must be 'ema' or 'swa', got \"mean\"",
    );
    expect(() => averageParams({ decay: 1 })).toThrow('averageParams: decay must be in [0, 1), got 1');
    expect(() => api.lion({ betas: [0.9, 1] })).toThrow('lion: betas[1] must be in [0, 1), got 1');
    expect(() => api.scheduleFreeAdamw({ warmupSteps: 1.5 })).toThrow(
      'scheduleFreeAdamw: warmupSteps must be an integer >= 0, got 1.5',
    );
    expect(() => api.muon({ nsSteps: 0 })).toThrow('muon: nsSteps must be an integer >= 1, got 0');
    expect(() => api.lars({ trustCoefficient: -1 })).toThrow(
      'lars: trustCoefficient must be a finite number >= 0, got -1',
    );
    expect(() => samGradients([new Float32Array(1)], () => [new Float32Array(1)], { rho: -1 })).toThrow(
      'samGradients: rho must be a finite number >= 0, got -1',
    );
    expect(() => scheduleFreeEvalParams({} as never)).toThrow(
      'scheduleFreeEvalParams: state must be the state of scheduleFreeAdamw or scheduleFreeSgd',
    );
  });
});
