/**
 * The stable ascending argsort of finite float64 values (numpy's `argsort(kind='mergesort')`), by an LSD radix
 * sort over the IEEE-754 bits in four 16-bit digits; a digit that is equal for every value is skipped. -0 sorts
 * as +0, as numpy compares them equal.
 */
export function argsortStable(values: Float64Array): Uint32Array {
  const n = values.length;
  let idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  if (n < 2) return idx;
  if (n < 256) {
    const out = Array.from(idx).sort((a, b) => values[a]! - values[b]! || a - b);
    return Uint32Array.from(out);
  }
  const f = new Float64Array(n);
  for (let i = 0; i < n; i++) f[i] = values[i]! + 0;
  const u = new Uint32Array(f.buffer);
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const h = u[2 * i + 1]!;
    if (h & 0x80000000) {
      hi[i] = ~h >>> 0;
      lo[i] = ~u[2 * i]! >>> 0;
    } else {
      hi[i] = (h | 0x80000000) >>> 0;
      lo[i] = u[2 * i]!;
    }
  }
  const counts = new Uint32Array(4 * 65536);
  for (let i = 0; i < n; i++) {
    const l = lo[i]!;
    const h = hi[i]!;
    counts[l & 0xffff]!++;
    counts[65536 + (l >>> 16)]!++;
    counts[131072 + (h & 0xffff)]!++;
    counts[196608 + (h >>> 16)]!++;
  }
  let idx2 = new Uint32Array(n);
  let lo2 = new Uint32Array(n);
  let hi2 = new Uint32Array(n);
  for (let pass = 0; pass < 4; pass++) {
    const base = pass * 65536;
    let skip = false;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = counts[base + d]!;
      if (c === n) skip = true;
      counts[base + d] = sum;
      sum += c;
    }
    if (skip) continue;
    const key = pass < 2 ? lo : hi;
    const shift = pass % 2 === 0 ? 0 : 16;
    for (let i = 0; i < n; i++) {
      const d = (key[i]! >>> shift) & 0xffff;
      const at = counts[base + d]!++;
      idx2[at] = idx[i]!;
      lo2[at] = lo[i]!;
      hi2[at] = hi[i]!;
    }
    [idx, idx2] = [idx2, idx];
    [lo, lo2] = [lo2, lo];
    [hi, hi2] = [hi2, hi];
  }
  return idx;
}
