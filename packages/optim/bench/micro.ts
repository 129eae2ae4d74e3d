// Interleaved: the facade's fused adam step vs a hand-written float32 loop with the same operations.
import { adam, createOptimizer } from '../src/index';

const n = 4_000_000;
const F = Math.fround;
const p = new Float32Array(n).fill(0.5);
const g = new Float32Array(n).fill(0.1);
const m = new Float32Array(n);
const v = new Float32Array(n);
let t = 0;
function plain() {
  t++;
  const c1 = F(0.1),
    c2 = F(0.001),
    fb1 = F(0.9),
    fb2 = F(0.999);
  const ss = F(-(1e-3 / (1 - 0.9 ** t))),
    bc2 = F(Math.sqrt(1 - 0.999 ** t)),
    e = F(1e-8);
  for (let i = 0; i < n; i++) {
    const d = g[i]!;
    const mi = F(F(m[i]! * fb1) + d * c1);
    const vi = F(F(v[i]! * fb2) + F(c2 * d) * d);
    m[i] = mi;
    v[i] = vi;
    const den = F(F(F(Math.sqrt(vi)) / bc2) + e);
    p[i] = F(p[i]! + F(F(ss * mi) / den));
  }
}
const q = { data: new Float32Array(n).fill(0.5), grad: new Float32Array(n).fill(0.1) };
const opt = createOptimizer([q], adam({ lr: 1e-3 }));
const a: number[] = [];
const b: number[] = [];
for (let r = 0; r < 9; r++) {
  let t0 = performance.now();
  plain();
  a.push(performance.now() - t0);
  t0 = performance.now();
  opt.step();
  b.push(performance.now() - t0);
}
const med = (x: number[]) => x.sort((u, w) => u - w)[4]!.toFixed(1);
console.log(`plain ${med(a)} ms, facade ${med(b)} ms (4M), equal: ${p.every((x, i) => x === q.data[i])}`);
