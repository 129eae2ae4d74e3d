import { portableCosSin2Pi, portableLog } from './_portableMath';
import type { Generator } from './createGenerator';

/** @internal A float32-exact uniform in [0, 1) from one output: top 24 bits times 2^-24. */
export function uniform24(g: Generator): number {
  return (g.nextUint32() >>> 8) * 5.9604644775390625e-8;
}

/** @internal A float64 uniform in [0, 1) from two outputs (27 + 26 bits), times 2^-53. */
export function uniform53(g: Generator): number {
  const a = g.nextUint32() >>> 5;
  const b = g.nextUint32() >>> 6;
  return (a * 67108864 + b) * 1.1102230246251565e-16;
}

/** @internal An unbiased integer in [0, n) for 1 <= n <= 2^32, by bitmask rejection. */
export function boundedUint32(g: Generator, n: number): number {
  if (n === 4294967296) return g.nextUint32();
  const m = n - 1;
  const mask = m === 0 ? 0 : 0xffffffff >>> Math.clz32(m);
  for (;;) {
    const x = (g.nextUint32() & mask) >>> 0;
    if (x < n) return x;
  }
}

/** @internal Fills `out` with uniforms in [low, high): float32 arrays from 24-bit, others from 53-bit uniforms. */
export function fillUniform(g: Generator, out: Float32Array | Float64Array, low: number, high: number): void {
  const n = out.length;
  const w = high - low;
  if (out instanceof Float32Array) {
    for (let i = 0; i < n; i++) out[i] = low + w * ((g.nextUint32() >>> 8) * 5.9604644775390625e-8);
  } else {
    for (let i = 0; i < n; i++) out[i] = low + w * uniform53(g);
  }
}

/** @internal Fills `out` with N(mean, std^2) by Box–Muller in pairs (see createGenerator's TSDoc). */
export function fillNormal(g: Generator, out: Float32Array | Float64Array, mean: number, std: number): void {
  const n = out.length;
  for (let i = 0; i < n; i += 2) {
    const u1 = uniform53(g);
    const u2 = uniform53(g);
    const rho = Math.sqrt(-2 * portableLog(1 - u1));
    const [c, s] = portableCosSin2Pi(u2);
    out[i] = mean + std * rho * c;
    if (i + 1 < n) out[i + 1] = mean + std * rho * s;
  }
}
