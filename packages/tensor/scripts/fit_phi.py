#!/usr/bin/env python3
"""Fits the float32 polynomials of GELU's exact form (the standard normal CDF Phi of src/kernels/activationF32.ts and
scripts/wasm-activations.mjs) and writes fixtures/phiCoefficients.json, which the WebAssembly generator reads and a
test compares with the constants of the JavaScript kernel.

Run by hand with /usr/bin/python3 (NumPy and SciPy); CI only reads the JSON. Deterministic: no random numbers.

With u = x / sqrt(2) the kernel evaluates
  |u| < 0.84375:  erf u = u + u P(u^2),                                P of degree 5 ("small")
  |u| >= 0.84375: erfc |u| = e^{-u^2} h(s) s, s = 1/|u|, h(s) = |u| e^{u^2} erfc|u| (= |u| erfcx|u|),
                  h a degree-7 polynomial in w = s - m, one on s in [1/2, 1/0.84375] ("h1", |u| < 2) and one on
                  s in [1/U, 1/2] ("h2"), U = 10.1 (beyond it erfc(U) e^{U^2} ... Phi rounds to 0 or 1 in float32).
Each polynomial is the Chebyshev interpolant of its function (at the degree + 1 Chebyshev points of its interval: within
a small factor of the minimax error), weighted for relative error, converted to the power basis in w and rounded
to float32 coefficient by coefficient, highest degree first, each lower coefficient refitted after the rounding of
the ones above (so the rounding of one coefficient is absorbed by the next). m is the interval's midpoint, rounded
to float32.
"""
import json
import os

import numpy as np
from numpy.polynomial import chebyshev as C
from scipy.special import erf, erfcx

f32 = lambda v: float(np.float32(v))
SMALL = 0.84375
U_MAX = 10.1
NODES = 4000  # least-squares points for the refits (Chebyshev points of the interval)


def cheb_points(a, b, n):
    k = np.arange(n)
    return (a + b) / 2 + (b - a) / 2 * np.cos((2 * k + 1) * np.pi / (2 * n))


def fit(fn, a, b, deg, shift):
    """Power-basis coefficients (highest first) in w = t - shift of a degree-`deg` relative-error fit of fn on [a, b],
    rounded to float32 one by one from the top, refitting the remaining lower coefficients by weighted least squares."""
    t = cheb_points(a, b, NODES)
    y = fn(t)
    w = t - shift
    weight = 1 / np.abs(y)
    # the start: the Chebyshev interpolant, in the power basis of w
    ch = C.Chebyshev.interpolate(fn, deg, domain=[a, b])
    coef = ch.convert(kind=np.polynomial.Polynomial, domain=[a - shift, b - shift], window=[a - shift, b - shift]).coef
    coef = list(coef[::-1])  # highest first
    fixed = []
    for j in range(deg + 1):
        fixed.append(f32(coef[j]))
        if j == deg:
            break
        # refit the lower coefficients with the fixed ones subtracted
        rest = y - sum(c * w ** (deg - i) for i, c in enumerate(fixed))
        powers = np.stack([w ** p for p in range(deg - len(fixed), -1, -1)], axis=1)
        sol, *_ = np.linalg.lstsq(powers * weight[:, None], rest * weight, rcond=None)
        coef = fixed + list(sol)
    return fixed


# small region: P(t) = erf(sqrt t) / sqrt t - 1, t = u^2 in [0, SMALL^2] (the series at 0: 2/sqrt(pi) - 1 + ...)
def p_small(t):
    t = np.asarray(t, dtype=np.float64)
    r = np.sqrt(np.maximum(t, 1e-300))
    series = (2 / np.sqrt(np.pi)) * (1 - t / 3 + t * t / 10) - 1
    return np.where(t < 1e-8, series, erf(r) / r - 1)


def h_of_s(s):
    u = 1 / np.asarray(s, dtype=np.float64)
    return u * erfcx(u)


small = fit(p_small, 0.0, SMALL * SMALL, 5, 0.0)
# the small fit weights the error relative to 1 + P (the relative error of erf u = u (1 + P))
lo1, hi1 = 0.5, 1 / SMALL
m1 = f32((lo1 + hi1) / 2)
h1 = fit(h_of_s, lo1, hi1, 7, m1)
lo2, hi2 = 1 / U_MAX, 0.5
m2 = f32((lo2 + hi2) / 2)
h2 = fit(h_of_s, lo2, hi2, 7, m2)

out = {
    'note': 'written by scripts/fit_phi.py; read by scripts/wasm-activations.mjs and test/activations.wasm.test.ts',
    'small': small,
    'm1': m1,
    'h1': h1,
    'm2': m2,
    'h2': h2,
}
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, '..', 'fixtures', 'phiCoefficients.json'), 'w') as fh:
    json.dump(out, fh, indent=2)
    fh.write('\n')
print(json.dumps(out, indent=2))
