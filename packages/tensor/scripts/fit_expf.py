#!/usr/bin/env python3
"""Fits the float32 polynomials of the four-lane exponential (src/kernels/expF32x4.ts expf, scripts/build-wasm.mjs
expf4) and of the elu family's e^x - 1 (src/kernels/unaryF32.ts expm1Negf, scripts/wasm-unary.mjs expm1neg4) and
writes fixtures/expfCoefficients.json, which the WebAssembly generator reads and a test compares with the constants
of the JavaScript kernels.

Run by hand with /usr/bin/python3 (NumPy); CI only reads the JSON. Deterministic: no random numbers.

Both kernels reduce x = k ln 2 + r with |r| <= ln(2)/2 (plus the rounding of k: A below) and evaluate
  exp:   e^r = 1 + r p(r),            p of degree 4 ("exp", 5 coefficients, highest first): e^r within 2 ulp
  expm1: e^r - 1 = r (1 + r q(r)),    q of degree 4 ("expm1", 5 coefficients): the constant 1 kept exact, so that
                                      e^r - 1 keeps its relative accuracy as r -> 0
Each polynomial is a weighted minimax fit (Lawson's iteratively reweighted least squares at 6000 Chebyshev points)
of the error it makes in the result, measured in ulps (weights twice as large for r < 0, where the result lies in
[1/2, 1) and its ulp is half as large), rounded to float32 coefficient by coefficient, highest degree first, each
lower coefficient refitted after the rounding of the ones above.
"""
import json
import os

import numpy as np

f32 = lambda v: float(np.float32(v))
# a float32 value as the fewest decimal digits that round back to it (short literals in the kernels)
short = lambda v: float(np.format_float_positional(np.float32(v), unique=True))
A = 0.34674  # ln(2)/2 = 0.346574 plus the rounding of k = round(x log2 e) in float32
NODES = 6000
ITERATIONS = 300


def lawson(V, y, weight):
    u = np.ones(len(y)) / len(y)
    for _ in range(ITERATIONS):
        sw = np.sqrt(u) * weight
        c, *_ = np.linalg.lstsq(V * sw[:, None], y * sw, rcond=None)
        e = np.abs((V @ c - y) * weight)
        u = u * e
        u /= u.sum()
    return c


def fit(fn, deg, weight_of):
    """Coefficients (highest first) of a degree-`deg` fit of fn on [-A, A], rounded to float32 from the top."""
    k = np.arange(NODES)
    t = np.cos((2 * k + 1) * np.pi / (2 * NODES)) * A
    y = fn(t)
    weight = weight_of(t) * np.where(t < 0, 2.0, 1.0)
    fixed = []
    for _ in range(deg + 1):
        V = np.stack([t**p for p in range(deg - len(fixed), -1, -1)], axis=1)
        rest = y - sum(c * t ** (deg - i) for i, c in enumerate(fixed))
        fixed.append(f32(lawson(V, rest, weight)[0]))
    return fixed


def p_exp(r):
    """(e^r - 1) / r (its series near 0)."""
    r = np.asarray(r, dtype=np.float64)
    safe = np.where(r == 0, 1, r)
    return np.where(np.abs(r) < 1e-6, 1 + r / 2 + r * r / 6, np.expm1(r) / safe)


def q_expm1(r):
    """(e^r - 1 - r) / r^2 (its series near 0)."""
    r = np.asarray(r, dtype=np.float64)
    safe = np.where(r == 0, 1, r)
    return np.where(np.abs(r) < 1e-4, 0.5 + r / 6 + r * r / 24 + r**3 / 120, (np.expm1(r) - r) / (safe * safe))


# exp: the error r * dp relative to e^r ~ 1; expm1: the error r^2 dq relative to e^r - 1 ~ r
out = {
    'note': 'written by scripts/fit_expf.py; read by scripts/build-wasm.mjs, scripts/wasm-unary.mjs and test/kernels.expf.test.ts',
    'exp': [short(c) for c in fit(p_exp, 4, np.abs)],
    'expm1': [short(c) for c in fit(q_expm1, 4, np.abs)],
}
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, '..', 'fixtures', 'expfCoefficients.json'), 'w') as fh:
    json.dump(out, fh, indent=2)
    fh.write('\n')
print(json.dumps(out, indent=2))
