/**
 * Helpers shared by the @dl/optim benchmarks (run.ts, ab.ts, alloc.ts, floor.ts) and the kernels' bit-identity
 * tests: seeded operands, copies of parameters in a kernel memory, the median of samples and process CPU time. Not
 * part of the published package.
 */
import type { KernelMemory } from '../src/index';

/** `n` values in [-scale/2, scale/2) from a linear congruential generator (Numerical Recipes' constants) seeded by `seed`. */
export function rand(n: number, seed: number, scale = 1): Float32Array {
  const a = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    a[i] = (s / 2 ** 32 - 0.5) * scale;
  }
  return a;
}

/** Copies of `params` (values and gradients) allocated in `memory`, for the kernel-memory rows. */
export function inKernelMemory(
  memory: KernelMemory,
  params: readonly { data: Float32Array; grad: Float32Array }[],
): { data: Float32Array; grad: Float32Array }[] {
  return params.map((p) => {
    const q = { data: memory.alloc(p.data.length), grad: memory.alloc(p.grad.length) };
    q.data.set(p.data);
    q.grad.set(p.grad);
    return q;
  });
}

/** The median of samples (the upper one of an even count). */
export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/** Process CPU time (user + system, all threads) in milliseconds. */
export function cpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}
