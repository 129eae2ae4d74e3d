// The oracle problem of scripts/oracle.py: gradient in float64 from float32 parameters, rounded to float32, in the
// same operation order as the generator.
import fixture from '../fixtures/torch_optim.json';

export type Params = { a: Float32Array; b: Float32Array; c: Float32Array };

export const initParams = (): Params => ({
  a: Float32Array.from(fixture.init.a),
  b: Float32Array.from(fixture.init.b),
  c: Float32Array.from(fixture.init.c),
});

export function grads(p: Params): Params {
  const ga = new Float32Array(p.a.length);
  const gb = new Float32Array(p.b.length);
  const gc = new Float32Array(p.c.length);
  for (let i = 0; i < ga.length; i++) {
    const a = p.a[i]!;
    const b = p.b[i]!;
    ga[i] = -2 * (1 - a) - 20 * a * (b - a * a);
    gb[i] = 10 * (b - a * a);
  }
  for (let i = 0; i < gc.length; i++) {
    const c = p.c[i]!;
    gc[i] = c * c * c - 2 * c + 0.3;
  }
  return { a: ga, b: gb, c: gc };
}

/** Largest |x - y| / max(|y|, 1e-3) over the three tensors. */
export function maxRel(p: Params, want: Record<string, number[]>): number {
  let worst = 0;
  for (const k of ['a', 'b', 'c'] as const) {
    const w = want[k]!;
    p[k].forEach((x, i) => {
      const y = w[i]!;
      worst = Math.max(worst, Math.abs(x - y) / Math.max(Math.abs(y), 1e-3));
    });
  }
  return worst;
}

export { fixture };
