import { noGrad } from '../autograd/gradMode';
import { SAVES_NONE } from '../autograd/node';
import { record } from '../autograd/record';
import { dispatch } from '../dispatch';
import { allocUninit } from '../memory/_pool';
import type { Generator } from '../random/createGenerator';
import { Tensor } from '../tensor';
import { mul } from './mul';

/**
 * @internal The dropout hash of element `i` with seeds `s0`, `s1` (integers in [0, 2^24)): a bijection of
 * [0, 2^24) (no two elements of a tensor share a draw) made of three rounds, from `h = i`, of
 * `h = h A mod 2^24` (the odd multiplier A = 4250469), `h = rot12(h)` (swap the 12-bit halves: the high bits
 * come down), `h = h (2h + 1) mod 2^24` (RC6's quadratic permutation: the nonlinear step),
 * `h = (h + s) mod 2^24` (s0, then s1, then s0). Element `i` is kept when `h < ⌈(1 − p) 2^24⌉`, as the CPU keeps
 * an element when its 24-bit uniform is below 1 − p. Counter-based: each draw depends only on the index and the
 * seeds, so a kernel computes all of them in parallel (the CPU's xoshiro128** stream is sequential). The gpu.js
 * kernel computes it exactly in float arithmetic (integers below 2^24 in 12-bit halves), the WGSL kernel in u32
 * arithmetic: every device draws the same mask for the same generator state.
 */
export function dropoutHash(i: number, s0: number, s1: number): number {
  const M = 16777216;
  let h = i % M;
  for (let r = 0; r < 3; r++) {
    h = (h * 4250469) % M; // below 2^47: exact in a double
    h = (h % 4096) * 4096 + Math.floor(h / 4096);
    h = (h * (2 * h + 1)) % M; // below 2^49
    h = (h + (r === 1 ? s1 : s0)) % M;
  }
  return h;
}

/**
 * @internal dropout of a float32 device tensor (validated by dropout, 0 < p < 1): the mask is drawn on the device
 * by the counter-based {@link dropoutHash}, seeded with two draws of the generator (which advances by 2, not by
 * one draw per element as on the CPU), then `x * mask`; the gradient is `g * mask`. A device without the kernel
 * computes the same mask on the CPU (the fallback warning).
 */
export function deviceDropout(x: Tensor, keep: number, scale: number, g: Generator): Tensor {
  const seedLo = g.nextUint32() >>> 8;
  const seedHi = g.nextUint32() >>> 8;
  const bound = Math.ceil(keep * 16777216);
  const mask = dispatch('dropout', 'dropout', [x], ['x'], { seedLo, seedHi, bound, scale }, () => {
    const m = allocUninit('float32', x.size);
    for (let i = 0; i < m.length; i++) m[i] = dropoutHash(i, seedLo, seedHi) < bound ? scale : 0;
    return new Tensor(m, x.shape, 'float32');
  });
  const out = noGrad(() => mul(x, mask));
  return record('dropout', out, [x], (gr) => [mul(gr, mask)], SAVES_NONE);
}
