// The kernel modules' memory layout (src/wasm/layout.ts): the output block sits SKEW bytes past a 4 KB page (glibc's
// rep movsb on AMD Zen 3 is ~25x slower when a copy's destination is 4-28 bytes past its source modulo 4 KB, and
// large JavaScript arrays start 16 bytes past a page), and no block runs into the next one or past the module.
import { describe, expect, test } from 'vitest';
import { BLOCK, E, M, MATMUL_BASE, MAX_ROWS, O, S, SKEW, TAB, X, Y } from '../src/wasm/layout';

describe('kernel memory layout', () => {
  test('the output block is SKEW bytes past a page, far from the slow window for arrays 16 bytes past one', () => {
    expect(O % 4096).toBe(SKEW);
    // copying a result out of O into an array at 16 bytes past a page: the destination is this far past the source
    const distance = (16 - (O % 4096) + 4096) % 4096;
    expect(distance < 4 || distance > 28).toBe(true);
  });

  test('the blocks do not overlap (O leaves room for the three values past n of the last group of four)', () => {
    expect(X + BLOCK * 4).toBeLessThanOrEqual(Y);
    expect(Y + BLOCK * 4).toBeLessThanOrEqual(O);
    expect(O + BLOCK * 4 + 16).toBeLessThanOrEqual(E);
    expect(E + BLOCK * 8).toBeLessThanOrEqual(M);
    expect(M + MAX_ROWS * 8).toBeLessThanOrEqual(S);
    expect(S + MAX_ROWS * 8).toBeLessThanOrEqual(TAB);
    expect(TAB + 256 * 8).toBeLessThanOrEqual(MATMUL_BASE);
  });

  test('in the modules with a constant table (at 7 pages - 8 KB), X, Y and O end before it', () => {
    expect(O + BLOCK * 4 + 16).toBeLessThanOrEqual(7 * 65536 - 8192);
  });
});
