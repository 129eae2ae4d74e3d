/** @internal $2/\sqrt{\pi}$. */
export const TWO_OVER_SQRT_PI = 1.1283791670955126;

/**
 * @internal erfc(x) for x ≥ 1 by the continued fraction
 * $\operatorname{erfc}(x) = \frac{e^{-x^2}}{\sqrt\pi}\,\cfrac{1}{x + \cfrac{1/2}{x + \cfrac{1}{x + \cfrac{3/2}{x + \cdots}}}}$
 * evaluated with the modified Lentz algorithm (relative error ~1e-15; 33 terms at x = 3, 189 at x = 1).
 */
function erfcFraction(x: number): number {
  if (x > 27.3) return 0; // below the smallest subnormal
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 1000; n++) {
    const an = n * 0.5;
    d = x + an * d;
    c = x + an / c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  // e^{-x^2} without the rounding error of x^2 (which grows with x): z has 24 significant bits, so z^2 is exact.
  const z = Math.fround(x);
  return (Math.exp(-z * z) * Math.exp((z - x) * (z + x))) / (1.7724538509055159 * f);
}

/**
 * @internal erf(x) by the all-positive series
 * $\operatorname{erf}(x) = \frac{2}{\sqrt\pi} e^{-x^2} \sum_{n\ge 0} \frac{2^n x^{2n+1}}{1\cdot 3 \cdots (2n+1)}$
 * (no cancellation; relative error ~1e-16). Used only to build the table.
 */
function erfSeries(x: number): number {
  const x2 = 2 * x * x;
  let term = x;
  let s = x;
  for (let n = 1; n < 500; n++) {
    term *= x2 / (2 * n + 1);
    s += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(s)) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x * x) * s;
}

/** Grid of the Taylor table: x0 = i / 16 for i = 0..48 (0 to 3); |x - x0| ≤ 1/32. */
const STEPS = 16;
const POINTS = 49;
const TABLE_END = 3;
/** Taylor coefficients a_1..a_11 of erf around each grid point (a_0 lives in ERF0/ERFC0). */
const DEGREE = 11;

let coef: Float64Array | null = null;
let erf0: Float64Array | null = null;
let erfc0: Float64Array | null = null;

/**
 * Builds the table on first use: $\operatorname{erf}^{(k)}(x_0) = \frac{2}{\sqrt\pi}(-1)^{k-1}H_{k-1}(x_0)e^{-x_0^2}$
 * with the Hermite polynomials $H_n$, so $a_k = \operatorname{erf}^{(k)}(x_0)/k!$; erf and erfc at the grid points
 * come from the series and the continued fraction (each accurate without cancellation there).
 */
function buildTable(): Float64Array {
  const c = new Float64Array(POINTS * DEGREE);
  const e0 = new Float64Array(POINTS);
  const ec0 = new Float64Array(POINTS);
  for (let i = 0; i < POINTS; i++) {
    const x0 = i / STEPS;
    e0[i] = erfSeries(x0);
    ec0[i] = x0 < 1 ? 1 - e0[i]! : erfcFraction(x0);
    const scale = TWO_OVER_SQRT_PI * Math.exp(-x0 * x0);
    let hPrev = 0; // H_{n-1}
    let h = 1; // H_n, starting at n = 0
    let factorial = 1;
    for (let k = 1; k <= DEGREE; k++) {
      factorial *= k;
      const n = k - 1; // a_k uses H_{k-1}
      c[i * DEGREE + k - 1] = (((n & 1) === 0 ? 1 : -1) * scale * h) / factorial;
      const next = 2 * x0 * h - 2 * n * hPrev;
      hPrev = h;
      h = next;
    }
  }
  erf0 = e0;
  erfc0 = ec0;
  coef = c;
  return c;
}

/** $\operatorname{erf}(x_0 + t) - \operatorname{erf}(x_0)$ for grid point `i`, by Horner. */
function taylorTail(c: Float64Array, i: number, t: number): number {
  const o = i * DEGREE;
  let p = c[o + 10]!;
  p = p * t + c[o + 9]!;
  p = p * t + c[o + 8]!;
  p = p * t + c[o + 7]!;
  p = p * t + c[o + 6]!;
  p = p * t + c[o + 5]!;
  p = p * t + c[o + 4]!;
  p = p * t + c[o + 3]!;
  p = p * t + c[o + 2]!;
  p = p * t + c[o + 1]!;
  p = p * t + c[o]!;
  return p * t;
}

/**
 * @internal The error function in float64 (relative error a few 1e-16): a degree-11 Taylor expansion around the
 * nearest of 49 grid points on [0, 3], and the continued fraction for erfc beyond.
 */
export function erf64(x: number): number {
  const ax = Math.abs(x);
  if (ax < TABLE_END) {
    const c = coef ?? buildTable();
    const i = Math.round(ax * STEPS);
    const r = erf0![i]! + taylorTail(c, i, ax - i / STEPS);
    return x < 0 ? -r : r;
  }
  if (ax >= 6) return x < 0 ? -1 : x > 0 ? 1 : Number.NaN; // 1 - erfc(6) rounds to 1; NaN stays NaN
  const r = 1 - erfcFraction(ax);
  return x < 0 ? -r : r;
}

/**
 * @internal The complementary error function $1 - \operatorname{erf}(x)$ in float64, without cancellation in the
 * tails (relative error a few 1e-16 for x < 3, ~1e-15 beyond).
 */
export function erfc64(x: number): number {
  const ax = Math.abs(x);
  if (ax < TABLE_END) {
    const c = coef ?? buildTable();
    const i = Math.round(ax * STEPS);
    const tail = taylorTail(c, i, ax - i / STEPS);
    // For x < 0, erfc(x) = 1 + erf(|x|): a sum of positive terms.
    return x < 0 ? 1 + erf0![i]! + tail : erfc0![i]! - tail;
  }
  if (x >= TABLE_END) return erfcFraction(x);
  if (x <= -6) return 2;
  if (Number.isNaN(x)) return Number.NaN;
  return 2 - erfcFraction(-x);
}
