"""Oracle for @dl/crossval: writes fixtures/*.json from numpy 1.24 / scikit-learn 1.2.

Run by hand from packages/crossval:  /usr/bin/python3 scripts/oracle.py
The tests read the JSON; CI never runs Python.
"""
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn import model_selection as ms
from sklearn.model_selection._validation import _translate_train_sizes

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "fixtures")
os.makedirs(OUT, exist_ok=True)

CLASSES = {
    "kFold": ms.KFold,
    "stratifiedKFold": ms.StratifiedKFold,
    "groupKFold": ms.GroupKFold,
    "stratifiedGroupKFold": ms.StratifiedGroupKFold,
    "repeatedKFold": ms.RepeatedKFold,
    "repeatedStratifiedKFold": ms.RepeatedStratifiedKFold,
    "shuffleSplit": ms.ShuffleSplit,
    "stratifiedShuffleSplit": ms.StratifiedShuffleSplit,
    "groupShuffleSplit": ms.GroupShuffleSplit,
    "timeSeriesSplit": ms.TimeSeriesSplit,
    "leaveOneOut": ms.LeaveOneOut,
    "leavePOut": ms.LeavePOut,
    "leaveOneGroupOut": ms.LeaveOneGroupOut,
    "predefinedSplit": ms.PredefinedSplit,
}
KW = {
    "nSplits": "n_splits",
    "shuffle": "shuffle",
    "randomState": "random_state",
    "nRepeats": "n_repeats",
    "testSize": "test_size",
    "trainSize": "train_size",
    "gap": "gap",
    "maxTrainSize": "max_train_size",
    "p": "p",
    "testFold": "test_fold",
}


def tolist(a):
    return [int(v) for v in a]


def run_splitter(name, options, data):
    kwargs = {KW[k]: v for k, v in options.items()}
    n = data.get("nSamples") or len(data.get("y") or data.get("groups"))
    X = np.zeros((n, 1))
    y = data.get("y")
    groups = data.get("groups")
    case = {"splitter": name, "options": options, "data": data}
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        try:
            cv = CLASSES[name](**kwargs)
            splits = [[tolist(tr), tolist(te)] for tr, te in cv.split(X, y, groups)]
            case["splits"] = splits
            case["nSplits"] = int(cv.get_n_splits(X, y, groups))
        except ValueError as e:
            case["error"] = str(e)
    case["warns"] = any(issubclass(x.category, UserWarning) for x in w)
    return case


def main():
    cases = []
    gen = np.random.RandomState(2024)
    seeds = [0, 1, 42, 1234, 2**32 - 1]

    # K-fold: unshuffled and shuffled, many sizes and seeds.
    for n in [2, 3, 5, 7, 10, 17, 23, 50]:
        for k in [2, 3, 5, 10]:
            if k > n:
                cases.append(run_splitter("kFold", {"nSplits": k}, {"nSamples": n}))
                continue
            cases.append(run_splitter("kFold", {"nSplits": k}, {"nSamples": n}))
            for s in seeds[: 3 if n < 20 else 5]:
                cases.append(run_splitter("kFold", {"nSplits": k, "shuffle": True, "randomState": s}, {"nSamples": n}))
    cases.append(run_splitter("kFold", {"nSplits": 5, "shuffle": True, "randomState": 7}, {"nSamples": 1500}))

    # Stratified K-fold: balanced, imbalanced (warning), string labels, all-too-small (error).
    ys = [
        [0, 0, 0, 0, 1, 1, 1, 1, 1, 1],
        tolist(gen.randint(0, 3, 30)),
        tolist(gen.randint(0, 4, 47)),
        tolist(gen.choice([0, 1, 2], size=40, p=[0.7, 0.25, 0.05])),
        [int(v) for v in gen.permutation([5] * 12 + [2] * 7 + [9] * 3)],
        [str(v) for v in gen.choice(["cat", "dog", "bird"], size=25)],
        [3, 1, 3, 1, 2, 2, 3, 3],
        [0, 1, 2, 3, 4, 5],
    ]
    for y in ys:
        for k in [2, 3, 5]:
            cases.append(run_splitter("stratifiedKFold", {"nSplits": k}, {"y": y}))
            for s in seeds[:3]:
                cases.append(run_splitter("stratifiedKFold", {"nSplits": k, "shuffle": True, "randomState": s}, {"y": y}))
    big = tolist(gen.randint(0, 5, 2000))
    cases.append(run_splitter("stratifiedKFold", {"nSplits": 10, "shuffle": True, "randomState": 3}, {"y": big}))

    # Group K-fold, including more than 16 groups (numpy argsort tie order).
    for n, ng in [(6, 3), (20, 5), (50, 12), (120, 30), (300, 60)]:
        g = tolist(gen.randint(0, ng, n))
        for k in [2, 3, 5]:
            cases.append(run_splitter("groupKFold", {"nSplits": k}, {"groups": g}))
    cases.append(run_splitter("groupKFold", {"nSplits": 4}, {"groups": [0, 0, 1, 1, 2]}))
    cases.append(run_splitter("groupKFold", {"nSplits": 3}, {"groups": ["b", "a", "c", "a", "b", "b", "d"]}))

    # Stratified group K-fold.
    for n, ng, nc in [(8, 4, 2), (40, 10, 2), (60, 15, 3), (100, 25, 4), (200, 40, 3), (300, 80, 9)]:
        y = tolist(gen.randint(0, nc, n))
        g = tolist(gen.randint(0, ng, n))
        for k in [2, 3, 5, 10]:
            if k > ng:
                continue
            cases.append(run_splitter("stratifiedGroupKFold", {"nSplits": k}, {"y": y, "groups": g}))
            for s in seeds[:2]:
                cases.append(
                    run_splitter("stratifiedGroupKFold", {"nSplits": k, "shuffle": True, "randomState": s}, {"y": y, "groups": g})
                )

    # Repeated.
    for n in [5, 12, 31]:
        for s in seeds[:3]:
            cases.append(run_splitter("repeatedKFold", {"nSplits": 3, "nRepeats": 3, "randomState": s}, {"nSamples": n}))
    for y in ys[:4]:
        for s in seeds[:2]:
            cases.append(run_splitter("repeatedStratifiedKFold", {"nSplits": 2, "nRepeats": 3, "randomState": s}, {"y": y}))

    # Shuffle splits.
    size_opts = [
        {},
        {"testSize": 0.25},
        {"testSize": 3},
        {"trainSize": 0.5},
        {"trainSize": 0.5, "testSize": 0.3},
        {"trainSize": 4, "testSize": 2},
        {"testSize": 0.333},
    ]
    for n in [7, 10, 33]:
        for so in size_opts:
            for s in seeds[:3]:
                cases.append(run_splitter("shuffleSplit", {"nSplits": 3, "randomState": s, **so}, {"nSamples": n}))
    for y in ys[:6]:
        for so in [{}, {"testSize": 0.25}, {"testSize": 0.5}, {"trainSize": 0.6, "testSize": 0.3}, {"testSize": 6}]:
            for s in seeds[:3]:
                cases.append(run_splitter("stratifiedShuffleSplit", {"nSplits": 3, "randomState": s, **so}, {"y": y}))
    cases.append(run_splitter("stratifiedShuffleSplit", {"nSplits": 2, "randomState": 0, "testSize": 0.2}, {"y": big}))
    for n, ng in [(10, 4), (30, 8), (80, 20)]:
        g = tolist(gen.randint(0, ng, n))
        for so in [{}, {"testSize": 0.25}, {"trainSize": 0.5}, {"testSize": 2, "trainSize": 3}]:
            for s in seeds[:3]:
                cases.append(run_splitter("groupShuffleSplit", {"nSplits": 3, "randomState": s, **so}, {"groups": g}))

    # Time series.
    for n in [6, 10, 25]:
        for o in [{}, {"nSplits": 3}, {"nSplits": 3, "gap": 2}, {"nSplits": 2, "testSize": 2}, {"nSplits": 3, "maxTrainSize": 3},
                  {"nSplits": 4, "testSize": 2, "gap": 1, "maxTrainSize": 4}]:
            cases.append(run_splitter("timeSeriesSplit", o, {"nSamples": n}))

    # Leave-out family and predefined.
    for n in [2, 4, 6]:
        cases.append(run_splitter("leaveOneOut", {}, {"nSamples": n}))
        for p in [1, 2, 3]:
            if p < n:
                cases.append(run_splitter("leavePOut", {"p": p}, {"nSamples": n}))
    for g in [[1, 1, 2, 2, 3], ["x", "b", "x", "a"], tolist(gen.randint(0, 6, 20))]:
        cases.append(run_splitter("leaveOneGroupOut", {}, {"groups": g}))
    for tf in [[0, 1, -1, 1], [3, 3, 0, -1, -1, 7, 0], tolist(gen.randint(-1, 4, 15))]:
        cases.append(run_splitter("predefinedSplit", {"testFold": tf}, {"nSamples": len(tf)}))

    # Error cases that scikit-learn raises for.
    cases.append(run_splitter("stratifiedKFold", {"nSplits": 3}, {"y": [0, 0, 1, 1, 2, 2]}))  # ok, reference
    cases.append(run_splitter("stratifiedKFold", {"nSplits": 4}, {"y": [0, 0, 1, 1, 2, 2, 3, 3]}))  # error
    cases.append(run_splitter("groupKFold", {"nSplits": 3}, {"groups": [0, 0, 1, 1]}))  # error
    cases.append(run_splitter("timeSeriesSplit", {"nSplits": 5}, {"nSamples": 5}))  # error
    cases.append(run_splitter("timeSeriesSplit", {"nSplits": 3, "gap": 3}, {"nSamples": 6}))  # error
    cases.append(run_splitter("shuffleSplit", {"testSize": 0.6, "trainSize": 0.6}, {"nSamples": 10}))  # error
    cases.append(run_splitter("shuffleSplit", {"testSize": 8, "trainSize": 5}, {"nSamples": 10}))  # error
    cases.append(run_splitter("stratifiedShuffleSplit", {"testSize": 0.5}, {"y": [0, 0, 1, 1, 2]}))  # error
    cases.append(run_splitter("stratifiedShuffleSplit", {"testSize": 2}, {"y": [0, 0, 1, 1, 2, 2]}))  # error
    cases.append(run_splitter("leavePOut", {"p": 3}, {"nSamples": 3}))  # error
    cases.append(run_splitter("leaveOneGroupOut", {}, {"groups": [1, 1, 1]}))  # error

    # train_test_split (indices) and the two-stage train/validation/test split.
    tts = []
    for n in [5, 10, 37]:
        idx = np.arange(n)
        for o in [{}, {"testSize": 0.2}, {"testSize": 3, "trainSize": 2}, {"trainSize": 0.5}]:
            for s in seeds[:3]:
                tr, te = ms.train_test_split(idx, random_state=s, **{KW[k]: v for k, v in o.items()})
                tts.append({"options": {"nSamples": n, "randomState": s, **o}, "train": tolist(tr), "test": tolist(te)})
            tr, te = ms.train_test_split(idx, shuffle=False, **{KW[k]: v for k, v in o.items()})
            tts.append({"options": {"nSamples": n, "shuffle": False, **o}, "train": tolist(tr), "test": tolist(te)})
    for y in ys[:6]:
        idx = np.arange(len(y))
        for o in [{"testSize": 0.3}, {"testSize": 0.5}]:
            for s in seeds[:3]:
                case = {"options": {"y": y, "stratify": y, "randomState": s, **o}}
                try:
                    tr, te = ms.train_test_split(idx, random_state=s, stratify=y, **{KW[k]: v for k, v in o.items()})
                    case.update(train=tolist(tr), test=tolist(te))
                except ValueError as e:
                    case["error"] = str(e)
                tts.append(case)

    tvt = []
    for y in [tolist(gen.randint(0, 2, 50)), tolist(gen.randint(0, 3, 100)), [str(v) for v in gen.choice(["a", "b"], 40)]]:
        n = len(y)
        idx = np.arange(n)
        ya = np.array(y)
        for strat in [False, True]:
            for s in seeds[:3]:
                n_test = int(np.ceil(0.1 * n))
                n_val = int(np.ceil(0.1 * n))
                n_train = n - n_test - n_val
                rng = np.random.RandomState(s)
                rest, te = ms.train_test_split(idx, test_size=n_test, train_size=n - n_test,
                                               stratify=ya if strat else None, random_state=rng)
                tr, va = ms.train_test_split(rest, test_size=n_val, train_size=n_train,
                                             stratify=ya[rest] if strat else None, random_state=rng)
                opts = {"y": y, "randomState": s}
                if strat:
                    opts["stratify"] = y
                tvt.append({"options": opts, "train": tolist(tr), "validation": tolist(va), "test": tolist(te)})

    # Learning-curve train sizes.
    sizes = []
    for ts in [list(np.linspace(0.1, 1.0, 5)), [0.1, 0.5, 1.0], [0.01, 0.02, 1.0], [0.33, 0.66, 0.99], [1, 5, 10],
               [2, 2, 3], [0.05, 0.1, 0.15, 0.2]]:
        for nmax in [1, 7, 10, 99, 1000]:
            with warnings.catch_warnings(record=True) as w:
                warnings.simplefilter("always")
                try:
                    out = {"trainSizes": [float(v) if isinstance(v, float) else int(v) for v in ts], "nMax": nmax,
                           "sizes": tolist(_translate_train_sizes(np.array(ts), nmax))}
                except ValueError as e:
                    out = {"trainSizes": [float(v) if isinstance(v, float) else int(v) for v in ts], "nMax": nmax, "error": str(e)}
            out["warns"] = any(issubclass(x.category, RuntimeWarning) for x in w)
            sizes.append(out)

    # The random stream itself.
    rng_cases = []
    for seed in seeds + [[1, 2, 3], [0], list(range(700))]:
        r = np.random.RandomState(seed)
        c = {"seed": seed}
        c["uint32"] = [int(v) for v in r.randint(0, 2**32, size=5, dtype=np.uint64)]
        c["randomSample"] = [float(v) for v in r.random_sample(5)]
        c["randint"] = [int(r.randint(0, m)) for m in [1, 2, 3, 7, 10, 1000, 2**31, 2**32 - 5]]
        c["permutations"] = [tolist(r.permutation(m)) for m in [0, 1, 2, 10, 100, 1000]]
        c["after"] = [int(v) for v in r.randint(0, 2**32, size=3, dtype=np.uint64)]
        rng_cases.append(c)

    # Mini-batches reshuffled each epoch.
    batches = []
    for n, bs, ep, s in [(5, 2, 2, 0), (10, 3, 3, 1), (100, 32, 4, 42)]:
        r = np.random.RandomState(s)
        out = []
        for e in range(ep):
            order = r.permutation(n)
            out.append([tolist(order[i:i + bs]) for i in range(0, n, bs)])
        batches.append({"nSamples": n, "batchSize": bs, "epochs": ep, "randomState": s, "epochsBatches": out})

    meta = {"numpy": np.__version__, "sklearn": sklearn.__version__}
    with open(os.path.join(OUT, "splits.json"), "w") as f:
        json.dump({"meta": meta, "cases": cases}, f, separators=(",", ":"))
    with open(os.path.join(OUT, "oneshot.json"), "w") as f:
        json.dump({"meta": meta, "trainTestSplit": tts, "trainValTestSplit": tvt, "translateTrainSizes": sizes,
                   "shuffledBatches": batches}, f, separators=(",", ":"))
    with open(os.path.join(OUT, "random.json"), "w") as f:
        json.dump({"meta": meta, "cases": rng_cases}, f, separators=(",", ":"))
    print(len(cases), "splitter cases")


if __name__ == "__main__":
    main()
