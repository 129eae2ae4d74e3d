"""Oracles for @dl/diagnose's distribution-shift tests, from SciPy 1.10 (Debian python3-scipy).

Run: /usr/bin/python3 scripts/oracle_shift.py  (writes fixtures/shift.json). CI never runs this script.
Two-sample Kolmogorov-Smirnov: the statistic from scipy.stats.ks_2samp, and the asymptotic p-value
scipy.stats.kstwobign.sf(sqrt(n m / (n + m)) * D) (the Kolmogorov limit distribution).
"""
import json
import pathlib

import numpy as np
from scipy import stats

rng = np.random.RandomState(0)
cases = []
for n, m, shift, scale, ties in [
    (50, 60, 0.0, 1.0, False),
    (200, 150, 0.3, 1.0, False),
    (500, 500, 0.0, 1.5, False),
    (30, 1000, 1.0, 1.0, False),
    (100, 100, 0.0, 1.0, True),
    (400, 300, 0.1, 1.0, True),
    (1000, 1000, 0.05, 1.0, False),
]:
    a = rng.normal(0, 1, n)
    b = rng.normal(shift, scale, m)
    if ties:
        a, b = np.round(a * 2) / 2, np.round(b * 2) / 2
    d = stats.ks_2samp(a, b).statistic
    en = n * m / (n + m)
    cases.append({"a": a.tolist(), "b": b.tolist(), "statistic": float(d), "pvalue": float(stats.kstwobign.sf(np.sqrt(en) * d))})
path = pathlib.Path(__file__).resolve().parent.parent / "fixtures" / "shift.json"
path.write_text(json.dumps({"scipy": __import__("scipy").__version__, "cases": cases}) + "\n")
print("wrote", path)
