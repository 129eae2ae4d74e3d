/**
 * @internal Elementary functions built from IEEE-754 +, −, ×, ÷ only, in a fixed order, so that their results are
 * bit-identical on every JavaScript engine (unlike `Math.log` / `Math.cos` / `Math.sin`, whose last bits are
 * implementation-defined). Used by the normal sampler; accurate to a few units in the last place.
 */

const view = new DataView(new ArrayBuffer(8));
const LN2_HI = 0.6931471803691238; // upper bits of ln 2 (exact product with small integers)
const LN2_LO = 1.9082149292705877e-10; // ln 2 − LN2_HI
const SQRT2 = Math.SQRT2;

/**
 * Natural logarithm of a positive, finite, normal `x` (the sampler calls it with x in (2^-53, 1]).
 * x = m · 2^k with m in [√½, √2), then ln m = 2 atanh(s) with s = (m − 1)/(m + 1), |s| ≤ 0.1716, summed to s^23.
 */
export function portableLog(x: number): number {
  view.setFloat64(0, x, true);
  const hi = view.getUint32(4, true);
  let k = ((hi >>> 20) & 0x7ff) - 1023;
  view.setUint32(4, (hi & 0x800fffff) | 0x3ff00000, true); // exponent 0: m in [1, 2)
  let m = view.getFloat64(0, true);
  if (m > SQRT2) {
    m *= 0.5;
    k += 1;
  }
  const s = (m - 1) / (m + 1);
  const z = s * s;
  const p =
    1 / 3 +
    z *
      (1 / 5 +
        z *
          (1 / 7 +
            z *
              (1 / 9 +
                z *
                  (1 / 11 +
                    z * (1 / 13 + z * (1 / 15 + z * (1 / 17 + z * (1 / 19 + z * (1 / 21 + z / 23)))))))));
  const lnm = 2 * s + 2 * s * z * p;
  return k * LN2_HI + (lnm + k * LN2_LO);
}

const TWO_PI = 6.283185307179586;

/** sin(a) and cos(a) for a in [0, π/4] by their Taylor series (terms to a^17 and a^18: error < 1e-18). */
function sinCosSmall(a: number): [number, number] {
  const z = a * a;
  const sin =
    a *
    (1 -
      (z / 6) *
        (1 -
          (z / 20) *
            (1 -
              (z / 42) *
                (1 - (z / 72) * (1 - (z / 110) * (1 - (z / 156) * (1 - (z / 210) * (1 - z / 272))))))));
  const cos =
    1 -
    (z / 2) *
      (1 -
        (z / 12) *
          (1 -
            (z / 30) *
              (1 -
                (z / 56) *
                  (1 - (z / 90) * (1 - (z / 132) * (1 - (z / 182) * (1 - (z / 240) * (1 - z / 306))))))));
  return [sin, cos];
}

/**
 * cos(2πu) and sin(2πu) for u in [0, 1). u is split exactly into an octant o = ⌊8u⌋ and a remainder r in [0, 1/8),
 * the series are evaluated at 2πr or 2π(1/8 − r) (both in [0, π/4]), and the octant's symmetries give the result.
 */
export function portableCosSin2Pi(u: number): [number, number] {
  const o = Math.floor(u * 8); // exact: u * 8 only changes the exponent
  const r = u - o * 0.125; // exact
  const odd = (o & 1) === 1;
  const [s, c] = sinCosSmall(TWO_PI * (odd ? 0.125 - r : r));
  // (cos, sin) of the angle within its quadrant: odd octants mirror around π/4.
  const cq = odd ? s : c;
  const sq = odd ? c : s;
  switch (o >> 1) {
    case 0:
      return [cq, sq];
    case 1:
      return [-sq, cq];
    case 2:
      return [-cq, -sq];
    default:
      return [sq, -cq];
  }
}
