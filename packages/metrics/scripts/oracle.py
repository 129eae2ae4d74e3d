"""Writes fixtures/*.json: scikit-learn 1.2's values for generated cases of every metric of @dl/metrics.

Run with Debian's scikit-learn:  /usr/bin/python3 scripts/oracle.py   (CI never runs Python)
Each case is {"fn": our function name, "args": [a, b], "options": {camelCase options}, "expected": value}
or {"...", "error": true} when scikit-learn raises (the test then expects our function to throw).
"""
import json
import math
import os
import warnings

import numpy as np
import sklearn
from sklearn import metrics as M

assert sklearn.__version__.startswith("1.2"), sklearn.__version__
warnings.simplefilter("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261201)


def py(v):
    """numpy -> JSON (NaN / inf as strings)."""
    if isinstance(v, dict):
        return {k: py(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [py(x) for x in v]
    if isinstance(v, np.ndarray):
        return py(v.tolist())
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        f = float(v)
        if math.isnan(f):
            return "NaN"
        if math.isinf(f):
            return "Infinity" if f > 0 else "-Infinity"
        return f
    if isinstance(v, np.str_):
        return str(v)
    return v


def camel(k):
    head, *rest = k.split("_")
    return head + "".join(r.title() for r in rest)


cases = {}


def record(file, fn, call, a, b, exact=False, **kw):
    """Calls scikit-learn; stores the case under fixtures/<file>.json."""
    opts = {camel(k): py(v) for k, v in kw.items()}
    case = {"fn": fn, "args": [py(a), py(b)], "options": opts}
    if exact:
        case["exact"] = True
    try:
        case["expected"] = py(call(np.asarray(a) if not isinstance(a, list) else a, b, **kw))
    except (ValueError, TypeError) as e:
        case["error"] = True
        case["sklearn"] = str(e)[:160]
    cases.setdefault(file, []).append(case)


# ---------------------------------------------------------------- classification
def label_cases():
    out = []
    for n in [1, 2, 5, 13, 40]:
        for k in [2, 3, 5]:
            t = rng.integers(0, k, n)
            p = np.where(rng.random(n) < 0.6, t, rng.integers(0, k, n))
            out.append((t.tolist(), p.tolist()))
    # a class absent from the predictions, and one absent from the truth
    out.append(([0, 1, 2, 2, 1, 0, 2], [0, 0, 1, 1, 0, 0, 1]))
    out.append(([0, 0, 1, 1, 0, 1], [0, 2, 1, 2, 0, 1]))
    # constant truth, constant prediction, all correct, all wrong
    out.append(([1, 1, 1, 1], [1, 0, 1, 0]))
    out.append(([0, 1, 0, 1], [0, 0, 0, 0]))
    out.append(([0, 0, 0], [0, 0, 0]))
    out.append(([0, 1, 2, 3], [1, 2, 3, 0]))
    out.append(([-1, 1, 1, -1, 1], [1, 1, -1, -1, 1]))
    # string labels
    s = ["ant", "bee", "cat"]
    for n in [6, 20]:
        t = rng.integers(0, 3, n)
        p = np.where(rng.random(n) < 0.5, t, rng.integers(0, 3, n))
        out.append(([s[i] for i in t], [s[i] for i in p]))
    out.append((["no", "yes", "yes", "no"], ["no", "no", "yes", "yes"]))
    return out


def weights_for(n):
    w = rng.random(n) * 2
    if n > 3:
        w[rng.integers(0, n)] = 0
    return w.round(3).tolist()


def multilabel_cases():
    out = []
    for n, k in [(4, 3), (10, 4), (25, 5)]:
        t = (rng.random((n, k)) < 0.4).astype(int)
        p = np.where(rng.random((n, k)) < 0.7, t, 1 - t)
        out.append((t.tolist(), p.tolist()))
    out.append(([[0, 0], [0, 0], [1, 0]], [[0, 0], [0, 1], [0, 0]]))  # empty rows, empty columns
    out.append(([[0, 0, 0], [0, 0, 0]], [[0, 0, 0], [0, 0, 0]]))
    return out


def classification():
    F = "classification"
    averages = [None, "binary", "micro", "macro", "weighted"]
    for t, p in label_cases():
        n = len(t)
        ws = [None, weights_for(n)]
        string = isinstance(t[0], str)
        for w in ws:
            ex = w is None
            record(F, "accuracyScore", M.accuracy_score, t, p, sample_weight=w)
            record(F, "accuracyScore", M.accuracy_score, t, p, exact=ex, normalize=False, sample_weight=w)
            record(F, "confusionMatrix", M.confusion_matrix, t, p, exact=ex, sample_weight=w)
            for norm in ["true", "pred", "all"]:
                record(F, "confusionMatrix", M.confusion_matrix, t, p, normalize=norm, sample_weight=w)
            record(F, "balancedAccuracyScore", M.balanced_accuracy_score, t, p, sample_weight=w)
            record(F, "balancedAccuracyScore", M.balanced_accuracy_score, t, p, sample_weight=w, adjusted=True)
            record(F, "matthewsCorrcoef", M.matthews_corrcoef, t, p, sample_weight=w)
            record(F, "cohenKappaScore", M.cohen_kappa_score, t, p, sample_weight=w)
            for kw in ["linear", "quadratic"]:
                record(F, "cohenKappaScore", M.cohen_kappa_score, t, p, weights=kw, sample_weight=w)
            record(F, "hammingLoss", M.hamming_loss, t, p, sample_weight=w)
            pos = "yes" if "yes" in t + p else ("cat" if string else 1)
            for avg in averages:
                for zd in ["warn", 0, 1]:
                    if zd != "warn" and avg not in (None, "macro", "binary"):
                        continue
                    kw = dict(average=avg, sample_weight=w, zero_division=zd)
                    if avg == "binary":
                        kw["pos_label"] = pos
                    record(F, "precisionScore", M.precision_score, t, p, **kw)
                    record(F, "recallScore", M.recall_score, t, p, **kw)
                    record(F, "f1Score", M.f1_score, t, p, **kw)
                    record(F, "jaccardScore", M.jaccard_score, t, p, **kw)
                    for beta in [0.5, 2]:
                        record(F, "fbetaScore", M.fbeta_score, t, p, beta=beta, **kw)
                    if avg != "binary":
                        r = None
                        try:
                            r = M.precision_recall_fscore_support(t, p, average=avg, sample_weight=w, zero_division=zd)
                        except ValueError:
                            pass
                        if r is not None:
                            cases[F].append({
                                "fn": "precisionRecallFscoreSupport", "args": [t, p],
                                "options": py({"average": avg, "sampleWeight": w, "zeroDivision": zd}),
                                "expected": py({"precision": r[0], "recall": r[1], "fscore": r[2], "support": r[3]}),
                            })
            # an explicit label list: a subset in another order, plus a label that is absent
            labs = sorted(set(t) | set(p))
            extra = "zzz" if string else 99
            sub = [extra] + labs[::-1][: max(1, len(labs) - 1)]
            record(F, "confusionMatrix", M.confusion_matrix, t, p, labels=sub, sample_weight=w)
            for avg in [None, "micro", "macro", "weighted"]:
                record(F, "f1Score", M.f1_score, t, p, labels=sub, average=avg, sample_weight=w)
                record(F, "precisionScore", M.precision_score, t, p, labels=sub, average=avg, sample_weight=w, zero_division=1)
            for digits in [2, 4]:
                record(F, "classificationReport", M.classification_report, t, p, sample_weight=w, digits=digits)
            record(F, "classificationReport", M.classification_report, t, p, sample_weight=w, output_dict=True)
            record(F, "classificationReport", M.classification_report, t, p, labels=sub, sample_weight=w)
            record(F, "classificationReport", M.classification_report, t, p, labels=sub, output_dict=True, zero_division=1)
    for t, p in multilabel_cases():
        n = len(t)
        for w in [None, weights_for(n)]:
            record(F, "accuracyScore", M.accuracy_score, t, p, sample_weight=w)
            record(F, "hammingLoss", M.hamming_loss, t, p, sample_weight=w)
            for avg in [None, "micro", "macro", "weighted", "samples"]:
                for zd in ["warn", 1]:
                    kw = dict(average=avg, sample_weight=w, zero_division=zd)
                    record(F, "precisionScore", M.precision_score, t, p, **kw)
                    record(F, "recallScore", M.recall_score, t, p, **kw)
                    record(F, "f1Score", M.f1_score, t, p, **kw)
                    record(F, "jaccardScore", M.jaccard_score, t, p, **kw)
                    record(F, "fbetaScore", M.fbeta_score, t, p, beta=2, **kw)
            record(F, "f1Score", M.f1_score, t, p, labels=[len(t[0]) - 1, 0], average="macro", sample_weight=w)
            record(F, "classificationReport", M.classification_report, t, p, sample_weight=w)
            record(F, "classificationReport", M.classification_report, t, p, sample_weight=w, output_dict=True)
    # probabilities: logLoss, brierScoreLoss, topKAccuracyScore
    for n, k in [(5, 2), (12, 3), (30, 4), (8, 5)]:
        t = rng.integers(0, k, n)
        t[:k] = np.arange(k)
        raw = rng.random((n, k)) ** 3
        prob = raw / raw.sum(axis=1, keepdims=True)
        unnorm = raw * 1.7
        hard = np.eye(k)[np.where(rng.random(n) < 0.5, t, rng.integers(0, k, n))]
        for w in [None, weights_for(n)]:
            for y in [prob, unnorm, hard]:
                record(F, "logLoss", M.log_loss, t.tolist(), y.tolist(), sample_weight=w)
                record(F, "logLoss", M.log_loss, t.tolist(), y.tolist(), sample_weight=w, normalize=False)
            record(F, "logLoss", M.log_loss, t.tolist(), hard.tolist(), eps=1e-3, sample_weight=w)
            for kk in range(1, k + 1):
                record(F, "topKAccuracyScore", M.top_k_accuracy_score, t.tolist(), prob.round(1).tolist(), k=kk, sample_weight=w)
            record(F, "topKAccuracyScore", M.top_k_accuracy_score, t.tolist(), prob.tolist(), k=1, normalize=False, sample_weight=w)
        if k == 2:
            s = prob[:, 1]
            for w in [None, weights_for(n)]:
                record(F, "logLoss", M.log_loss, t.tolist(), s.tolist(), sample_weight=w)
                record(F, "brierScoreLoss", M.brier_score_loss, t.tolist(), s.tolist(), sample_weight=w)
                record(F, "brierScoreLoss", M.brier_score_loss, t.tolist(), s.tolist(), pos_label=0)
                for kk in [1, 2]:
                    record(F, "topKAccuracyScore", M.top_k_accuracy_score, t.tolist(), s.tolist(), k=kk, sample_weight=w)
                    record(F, "topKAccuracyScore", M.top_k_accuracy_score, t.tolist(), (s * 4 - 2).tolist(), k=kk)
    st = ["ham", "spam", "spam", "ham", "eggs"]
    pr = [[0.2, 0.5, 0.3], [0.1, 0.1, 0.8], [0.3, 0.3, 0.4], [0.6, 0.2, 0.2], [0.1, 0.8, 0.1]]
    record(F, "logLoss", M.log_loss, st, pr)
    record(F, "topKAccuracyScore", M.top_k_accuracy_score, st, pr, k=1)
    record(F, "logLoss", M.log_loss, [1, 1, 1], [0.9, 0.8, 0.7], labels=[0, 1])
    record(F, "topKAccuracyScore", M.top_k_accuracy_score, [0, 1, 1], [[0.2, 0.3, 0.5], [0.1, 0.6, 0.3], [0.3, 0.3, 0.4]], labels=[0, 1, 2], k=1)
    record(F, "brierScoreLoss", M.brier_score_loss, [3, 7, 7, 3], [0.2, 0.9, 0.6, 0.4])
    record(F, "brierScoreLoss", M.brier_score_loss, ["b", "a", "a"], [0.2, 0.9, 0.6], pos_label="a")
    record(F, "brierScoreLoss", M.brier_score_loss, [1, 1, 1], [0.2, 0.9, 0.6])


import sys  # noqa: E402

sections = [classification]
extra = os.path.join(HERE, "oracle_curves.py")
for section in sections:
    section()
if os.path.exists(extra):
    exec(open(extra).read())
for name, items in cases.items():
    with open(os.path.join(HERE, "..", "fixtures", f"{name}.json"), "w") as f:
        json.dump({"generator": "scripts/oracle.py", "sklearn": sklearn.__version__, "cases": items}, f, separators=(",", ":"))
        f.write("\n")
    print(name, len(items), "cases,", sum(1 for c in items if "error" in c), "errors", file=sys.stderr)
