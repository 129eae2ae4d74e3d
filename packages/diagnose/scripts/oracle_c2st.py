"""Oracle for @dl/diagnose's classifier two-sample test p-values, from SciPy 1.10 and scikit-learn 1.2.

Run: /usr/bin/python3 scripts/oracle_c2st.py  (writes fixtures/c2st.json). CI never runs this script.
- the normal survival function: scipy.stats.norm.sf(z)
- one fold's p-value under pValue 'normal': scipy.stats.mannwhitneyu(scores of label 1, scores of label 0,
  alternative='greater', method='asymptotic', use_continuity=False) — the tie-corrected normal approximation;
  the AUC: sklearn.metrics.roc_auc_score(labels, scores)
"""
import json
import pathlib

import numpy as np
import scipy
import sklearn
from scipy import stats
from sklearn.metrics import roc_auc_score

rng = np.random.RandomState(0)
zs = [-8.0, -3.0, -1.5, -0.3, 0.0, 1e-3, 0.5, 1.0, 1.96, 2.5, 2.83, 2.9, 3.5, 5.0, 8.0, 12.0, 20.0, 37.0]
normal = [{"z": z, "sf": float(stats.norm.sf(z))} for z in zs]

folds = []
for n0, n1, shift, rounding in [(50, 50, 0.0, None), (40, 60, 0.5, None), (100, 80, 0.2, 1), (30, 30, 1.0, 0),
                                (200, 150, 0.1, 2), (12, 9, 0.0, 0), (500, 500, 0.05, None)]:
    s0 = rng.normal(0, 1, n0)
    s1 = rng.normal(shift, 1, n1)
    if rounding is not None:
        s0, s1 = np.round(s0, rounding), np.round(s1, rounding)
    scores = np.concatenate([s0, s1])
    labels = np.concatenate([np.zeros(n0), np.ones(n1)]).astype(int)
    order = rng.permutation(len(scores))
    scores, labels = scores[order], labels[order]
    p = stats.mannwhitneyu(scores[labels == 1], scores[labels == 0], alternative="greater",
                           method="asymptotic", use_continuity=False).pvalue
    folds.append({"scores": scores.tolist(), "labels": labels.tolist(), "auc": float(roc_auc_score(labels, scores)),
                  "pvalue": float(p)})

path = pathlib.Path(__file__).resolve().parent.parent / "fixtures" / "c2st.json"
path.write_text(json.dumps({"scipy": scipy.__version__, "sklearn": sklearn.__version__, "normal": normal,
                            "folds": folds}) + "\n")
print("wrote", path)
