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
    except (ValueError, TypeError, NotImplementedError) as e:
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
    # the worked example of docs/metrics.md: 'fox' is never predicted
    out.append((["cat", "cat", "cat", "cat", "dog", "dog", "fox", "fox"], ["cat", "cat", "cat", "dog", "dog", "cat", "dog", "dog"]))
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


# ---------------------------------------------------------------- ranking
def binary_score_cases():
    out = []
    for n in [2, 6, 25, 300]:
        y = rng.integers(0, 2, n)
        y[0], y[-1] = 0, 1
        s = rng.normal(size=n) + y
        out.append((y.tolist(), s.tolist()))
        out.append((y.tolist(), np.round(s, 1).tolist()))  # many ties
        if n >= 25:
            out.append((y.tolist(), np.round(rng.random(n) * 3).tolist()))  # few distinct scores
    out.append(([0, 0, 1, 1], [0.5, 0.5, 0.5, 0.5]))  # constant scores
    out.append(([0, 1, 0, 1, 1], [0.1, 0.9, 0.2, 0.8, 0.7]))  # perfect
    out.append(([1, 0, 1, 0, 0], [0.1, 0.9, 0.2, 0.8, 0.7]))  # reversed
    out.append(([0, 1, 1, 0, 1, 0], [-0.0, 0.0, 1e-300, -1e-300, 2.5, -7.25]))  # signed zeros, tiny values
    z = rng.integers(0, 2, 400)
    z[:2] = [0, 1]
    out.append((z.tolist(), (rng.integers(-3, 4, 400) * 0.5).tolist()))  # negative, ties, radix path
    return out


def ranking():
    F = "ranking"
    for y, s in binary_score_cases():
        n = len(y)
        for w in [None, weights_for(n)]:
            for drop in [True, False]:
                r = M.roc_curve(y, s, sample_weight=w, drop_intermediate=drop)
                cases.setdefault(F, []).append({"fn": "rocCurve", "args": [y, s], "options": py({"sampleWeight": w, "dropIntermediate": drop}),
                                                "expected": py({"fpr": r[0], "tpr": r[1], "thresholds": r[2]})})
            r = M.precision_recall_curve(y, s, sample_weight=w)
            cases[F].append({"fn": "precisionRecallCurve", "args": [y, s], "options": py({"sampleWeight": w}),
                             "expected": py({"precision": r[0], "recall": r[1], "thresholds": r[2]})})
            r = M.det_curve(y, s, sample_weight=w)
            cases[F].append({"fn": "detCurve", "args": [y, s], "options": py({"sampleWeight": w}),
                             "expected": py({"fpr": r[0], "fnr": r[1], "thresholds": r[2]})})
            record(F, "rocAucScore", M.roc_auc_score, y, s, sample_weight=w)
            for m in [0.05, 0.3, 0.5, 1.0]:
                record(F, "rocAucScore", M.roc_auc_score, y, s, sample_weight=w, max_fpr=m)
            record(F, "averagePrecisionScore", M.average_precision_score, y, s, sample_weight=w)
    # other label sets
    ys = ["neg", "pos", "pos", "neg", "pos", "neg", "neg"]
    sc = [0.2, 0.7, 0.4, 0.4, 0.9, 0.1, 0.6]
    r = M.roc_curve(ys, sc, pos_label="pos")
    cases[F].append({"fn": "rocCurve", "args": [ys, sc], "options": {"posLabel": "pos"}, "expected": py({"fpr": r[0], "tpr": r[1], "thresholds": r[2]})})
    r = M.precision_recall_curve([1, 2, 2, 1], [0.1, 0.4, 0.35, 0.8], pos_label=2)
    cases[F].append({"fn": "precisionRecallCurve", "args": [[1, 2, 2, 1], [0.1, 0.4, 0.35, 0.8]], "options": {"posLabel": 2},
                     "expected": py({"precision": r[0], "recall": r[1], "thresholds": r[2]})})
    record(F, "rocAucScore", M.roc_auc_score, ys, sc)
    record(F, "rocAucScore", M.roc_auc_score, [-1, 1, 1, -1], [0.3, 0.2, 0.9, 0.1])
    record(F, "averagePrecisionScore", M.average_precision_score, ys, sc, pos_label="pos")
    record(F, "averagePrecisionScore", M.average_precision_score, ys, sc)  # pos_label=1 is not a label: error
    record(F, "averagePrecisionScore", M.average_precision_score, [0, 0, 0], [0.2, 0.5, 0.1])
    record(F, "rocAucScore", M.roc_auc_score, [1, 1, 1], [0.2, 0.5, 0.1])  # one class: error
    record(F, "rocAucScore", M.roc_auc_score, [0, 1, 2], [0.2, 0.5, 0.1])  # multiclass 1-D: error
    # multilabel
    for n, k in [(8, 3), (40, 4)]:
        t = (rng.random((n, k)) < 0.5).astype(int)
        t[0], t[1] = 0, 1
        sc = np.round(rng.random((n, k)) + 0.5 * t, 1)
        for w in [None, weights_for(n)]:
            for avg in ["micro", "macro", "weighted", "samples", None]:
                record(F, "rocAucScore", M.roc_auc_score, t.tolist(), sc.tolist(), average=avg, sample_weight=w)
                record(F, "averagePrecisionScore", M.average_precision_score, t.tolist(), sc.tolist(), average=avg, sample_weight=w)
            record(F, "rocAucScore", M.roc_auc_score, t.tolist(), sc.tolist(), max_fpr=0.4, sample_weight=w)
    # multiclass
    for n, k in [(9, 3), (60, 4), (30, 5)]:
        t = rng.integers(0, k, n)
        t[:k] = np.arange(k)
        raw = np.round(rng.random((n, k)), 1) + 0.8 * np.eye(k)[t] + 0.01
        p = raw / raw.sum(axis=1, keepdims=True)
        for mc in ["ovr", "ovo"]:
            for avg in ["macro", "weighted", "micro", None]:
                record(F, "rocAucScore", M.roc_auc_score, t.tolist(), p.tolist(), multi_class=mc, average=avg)
            if mc == "ovr":
                record(F, "rocAucScore", M.roc_auc_score, t.tolist(), p.tolist(), multi_class=mc, sample_weight=weights_for(n))
        record(F, "rocAucScore", M.roc_auc_score, t.tolist(), p.tolist())  # multi_class='raise'
        record(F, "rocAucScore", M.roc_auc_score, t.tolist(), (p * 2).tolist(), multi_class="ovr")  # not probabilities
        record(F, "rocAucScore", M.roc_auc_score, t.tolist(), p.tolist(), multi_class="ovr", max_fpr=0.5)
        record(F, "averagePrecisionScore", M.average_precision_score, t.tolist(), p.tolist())  # multiclass: error
    names = ["ant", "bee", "cat"]
    t = [names[i] for i in [0, 1, 2, 2, 1, 0, 1]]
    p = np.array([[0.6, 0.3, 0.1], [0.2, 0.5, 0.3], [0.1, 0.1, 0.8], [0.3, 0.3, 0.4], [0.4, 0.4, 0.2], [0.5, 0.25, 0.25], [0.3, 0.3, 0.4]])
    for mc in ["ovr", "ovo"]:
        record(F, "rocAucScore", M.roc_auc_score, t, p.tolist(), multi_class=mc)
    p4 = np.hstack([p * 0.9, np.full((7, 1), 0.1)])
    record(F, "rocAucScore", M.roc_auc_score, t, p4.tolist(), multi_class="ovr", labels=["ant", "bee", "cat", "dog"])
    record(F, "rocAucScore", M.roc_auc_score, t, p4.tolist(), multi_class="ovo", labels=["ant", "bee", "cat", "dog"])
    x = [0, 0.1, 0.4, 0.4, 1]
    y = [0, 0.5, 0.6, 0.9, 1]
    record(F, "auc", M.auc, x, y)
    record(F, "auc", M.auc, x[::-1], y[::-1])
    record(F, "auc", M.auc, [0, 2, 1], [1, 1, 1])  # not monotonic: error


# ---------------------------------------------------------------- calibration
def ece_reference(y, prob, n_bins, strategy, norm):
    """ECE from the bins of sklearn's calibration_curve (the same bin edges and assignment)."""
    from sklearn.calibration import calibration_curve

    y = np.asarray(y)
    prob = np.asarray(prob, dtype=float)
    prob_true, prob_pred = calibration_curve(y, prob, n_bins=n_bins, strategy=strategy)
    if strategy == "quantile":
        bins = np.percentile(prob, np.linspace(0, 1, n_bins + 1) * 100)
    else:
        bins = np.linspace(0.0, 1.0, n_bins + 1)
    counts = np.bincount(np.searchsorted(bins[1:-1], prob), minlength=len(bins))
    counts = counts[counts != 0]
    gap = np.abs(prob_true - prob_pred)
    if norm == "l1":
        return float(np.sum(counts / len(prob) * gap))
    if norm == "l2":
        return float(np.sqrt(np.sum(counts / len(prob) * gap**2)))
    return float(np.max(gap))


def calibration():
    from sklearn.calibration import calibration_curve

    F = "calibration"
    for n in [7, 50, 260]:
        y = rng.integers(0, 2, n)
        for prob in [rng.random(n), np.round(rng.random(n), 1), rng.beta(0.5, 0.5, n)]:
            prob[0] = 0.0
            prob[-1] = 1.0
            for nb in [1, 3, 5, 10]:
                for st in ["uniform", "quantile"]:
                    r = calibration_curve(y, prob, n_bins=nb, strategy=st)
                    cases.setdefault(F, []).append({"fn": "calibrationCurve", "args": py([y, prob]), "options": {"nBins": nb, "strategy": st},
                                                    "expected": py({"probTrue": r[0], "probPred": r[1]})})
                    for norm in ["l1", "l2", "max"]:
                        cases[F].append({"fn": "expectedCalibrationError", "args": py([y, prob]), "options": {"nBins": nb, "strategy": st, "norm": norm},
                                         "expected": ece_reference(y, prob, nb, st, norm)})
    # multiclass top-label ECE: the binary ECE of (max probability, argmax == y)
    for n, k in [(20, 3), (200, 4)]:
        t = rng.integers(0, k, n)
        raw = rng.random((n, k)) ** 2 + np.eye(k)[t]
        p = raw / raw.sum(axis=1, keepdims=True)
        conf = p.max(axis=1)
        correct = (p.argmax(axis=1) == t).astype(int)
        for nb in [5, 15]:
            for norm in ["l1", "l2", "max"]:
                cases[F].append({"fn": "expectedCalibrationError", "args": py([t, p]), "options": {"nBins": nb, "norm": norm},
                                 "expected": ece_reference(correct, conf, nb, "uniform", norm)})
    r = calibration_curve(["b", "a", "a", "b"], [0.2, 0.7, 0.9, 0.4], pos_label="a", n_bins=2)
    cases[F].append({"fn": "calibrationCurve", "args": [["b", "a", "a", "b"], [0.2, 0.7, 0.9, 0.4]], "options": {"posLabel": "a", "nBins": 2},
                     "expected": py({"probTrue": r[0], "probPred": r[1]})})
    record(F, "calibrationCurve", calibration_curve, [0, 1, 2], [0.2, 0.7, 0.9])  # multiclass: error
    record(F, "calibrationCurve", calibration_curve, [0, 1, 1], [0.2, 0.7, 1.2])  # outside [0, 1]: error
    record(F, "calibrationCurve", calibration_curve, ["a", "b"], [0.2, 0.7])  # strings without pos_label: error


# ---------------------------------------------------------------- regression
def regression():
    F = "regression"
    multi = ["raw_values", "uniform_average"]
    tcases = []
    for n in [1, 2, 5, 30]:
        t = rng.normal(size=n) * 3
        tcases.append((t.tolist(), (t + rng.normal(size=n)).tolist()))
        t2 = rng.normal(size=(n, 3))
        tcases.append((t2.tolist(), (t2 + rng.normal(size=(n, 3)) * [0.1, 1, 3]).tolist()))
    tcases.append(([1.0, 1.0, 1.0, 1.0], [1.0, 1.0, 1.0, 1.0]))  # constant, perfect
    tcases.append(([1.0, 1.0, 1.0, 1.0], [1.0, 2.0, 1.0, 0.0]))  # constant, imperfect
    tcases.append(([[1.0, 2.0], [1.0, 3.0], [1.0, 4.0]], [[1.0, 2.5], [1.0, 3.0], [2.0, 4.0]]))  # one constant output
    tcases.append(([[1.0, 2.0], [1.0, 2.0], [1.0, 2.0]], [[1.0, 2.0], [1.0, 3.0], [1.0, 2.0]]))  # both constant
    tcases.append(([0.0, 1e-20, 3.0, -2.0], [0.5, 0.0, 3.0, -1.0]))  # mape near zero
    for t, p in tcases:
        n = len(t)
        k = 1 if not isinstance(t[0], list) else len(t[0])
        for w in [None, weights_for(n) if n > 1 else [2.0]]:
            mos = multi + ([[0.2, 0.3, 0.5]] if k == 3 else [])
            for mo in mos:
                record(F, "meanAbsoluteError", M.mean_absolute_error, t, p, sample_weight=w, multioutput=mo)
                record(F, "meanSquaredError", M.mean_squared_error, t, p, sample_weight=w, multioutput=mo)
                record(F, "meanSquaredError", M.mean_squared_error, t, p, sample_weight=w, multioutput=mo, squared=False)
                rm = None
                try:
                    rm = M.mean_squared_error(t, p, sample_weight=w, multioutput=mo, squared=False)
                except ValueError:
                    pass
                if rm is not None:
                    cases[F].append({"fn": "rootMeanSquaredError", "args": [t, p], "options": py({"sampleWeight": w, "multioutput": mo}), "expected": py(rm)})
                record(F, "meanAbsolutePercentageError", M.mean_absolute_percentage_error, t, p, sample_weight=w, multioutput=mo)
                record(F, "medianAbsoluteError", M.median_absolute_error, t, p, sample_weight=w, multioutput=mo)
                for alpha in [0.1, 0.5, 0.9]:
                    record(F, "meanPinballLoss", M.mean_pinball_loss, t, p, sample_weight=w, multioutput=mo, alpha=alpha)
                    record(F, "d2PinballScore", M.d2_pinball_score, t, p, sample_weight=w, multioutput=mo, alpha=alpha)
                record(F, "d2AbsoluteErrorScore", M.d2_absolute_error_score, t, p, sample_weight=w, multioutput=mo)
                ta, pa = np.abs(np.asarray(t)), np.abs(np.asarray(p))
                record(F, "meanSquaredLogError", M.mean_squared_log_error, ta.tolist(), pa.tolist(), sample_weight=w, multioutput=mo)
            for mo in mos + ["variance_weighted"]:
                for ff in [True, False]:
                    record(F, "r2Score", M.r2_score, t, p, sample_weight=w, multioutput=mo, force_finite=ff)
                    record(F, "explainedVarianceScore", M.explained_variance_score, t, p, sample_weight=w, multioutput=mo, force_finite=ff)
        record(F, "maxError", M.max_error, t, p)
    record(F, "meanSquaredLogError", M.mean_squared_log_error, [1.0, -1.0], [1.0, 2.0])  # negative: error
    record(F, "meanAbsoluteError", M.mean_absolute_error, [[1.0, 2.0]], [[1.0, 2.0, 3.0]])  # outputs differ: error
    record(F, "meanAbsoluteError", M.mean_absolute_error, [1.0, 2.0], [1.0, 2.0], multioutput="variance_weighted")
    record(F, "r2Score", M.r2_score, [[1.0, 2.0], [2.0, 1.0]], [[1.0, 2.0], [2.0, 2.0]], multioutput=[1.0])  # wrong length: error


import sys  # noqa: E402

for section in [classification, ranking, calibration, regression]:
    section()
for name, items in cases.items():
    with open(os.path.join(HERE, "..", "fixtures", f"{name}.json"), "w") as f:
        json.dump({"generator": "scripts/oracle.py", "sklearn": sklearn.__version__, "cases": items}, f, separators=(",", ":"))
        f.write("\n")
    print(name, len(items), "cases,", sum(1 for c in items if "error" in c), "errors", file=sys.stderr)
