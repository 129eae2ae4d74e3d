"""Oracle fixtures for @dl/norm's scalers from scikit-learn 1.2 (Debian python3-sklearn).

Run: /usr/bin/python3 scripts/oracle_sklearn.py   (writes fixtures/sklearn_scalers.json; CI never runs it)
NaN is written as null.
"""
import json
import math
import os

import numpy as np
import sklearn
from sklearn.preprocessing import MaxAbsScaler, MinMaxScaler, RobustScaler, StandardScaler

rng = np.random.default_rng(11)


def clean(x):
    if isinstance(x, np.ndarray):
        return clean(x.tolist())
    if isinstance(x, (list, tuple)):
        return [clean(v) for v in x]
    if isinstance(x, (np.floating, float)):
        return None if math.isnan(x) else float(x)
    if isinstance(x, (np.integer,)):
        return int(x)
    return x


def dataset(n, with_nan):
    cols = [
        rng.normal(3.0, 2.0, n),
        rng.uniform(-5, 5, n),
        np.full(n, 7.25),  # constant
        1e6 + rng.normal(0, 1e-3, n),  # large offset, tiny spread
        rng.standard_t(2, n) * 10,  # heavy tails
    ]
    x = np.stack(cols, axis=1)
    if with_nan:
        mask = rng.random(x.shape) < 0.15
        mask[:, 2] = False
        x[mask] = np.nan
    return x


train = dataset(40, True)
test = dataset(7, True)
dense = dataset(30, False)
batches = [dataset(13, True), dataset(1, False), dataset(21, True)]


def attrs(s, names):
    out = {}
    for n in names:
        v = getattr(s, n)
        out[n] = None if v is None else clean(np.asarray(v))
    return out


cases = []


def add(name, cls, kw, names, jsopts, partial=False, data=train):
    s = cls(**kw).fit(data)
    case = {
        "name": name,
        "scaler": cls.__name__,
        "options": jsopts,
        "fitX": clean(data),
        "state": attrs(s, names),
        "testX": clean(test),
        "transform": clean(s.transform(test)),
        "fitTransform": clean(cls(**kw).fit_transform(data)),
        "inverseTransform": clean(s.inverse_transform(test)),
    }
    if partial:
        p = cls(**kw)
        states = []
        for b in batches:
            p.partial_fit(b)
            states.append(attrs(p, names))
        case["batches"] = [clean(b) for b in batches]
        case["partialStates"] = states
        case["partialTransform"] = clean(p.transform(test))
    cases.append(case)


std_names = ["mean_", "var_", "scale_", "n_samples_seen_"]
for data_name, data in (("nan", train), ("dense", dense)):
    add(f"standard default {data_name}", StandardScaler, {}, std_names, {}, partial=True, data=data)
add("standard withMean false", StandardScaler, {"with_mean": False}, std_names, {"withMean": False}, partial=True)
add("standard withStd false", StandardScaler, {"with_std": False}, std_names, {"withStd": False}, partial=True)
add(
    "standard neither",
    StandardScaler,
    {"with_mean": False, "with_std": False},
    std_names,
    {"withMean": False, "withStd": False},
    partial=True,
)

mm_names = ["data_min_", "data_max_", "data_range_", "scale_", "min_", "n_samples_seen_"]
add("minmax default", MinMaxScaler, {}, mm_names, {}, partial=True)
add("minmax range", MinMaxScaler, {"feature_range": (-1, 1)}, mm_names, {"featureRange": [-1, 1]}, partial=True)
add(
    "minmax clip",
    MinMaxScaler,
    {"feature_range": (-2, 3), "clip": True},
    mm_names,
    {"featureRange": [-2, 3], "clip": True},
    partial=True,
)
add("maxabs", MaxAbsScaler, {}, ["max_abs_", "scale_", "n_samples_seen_"], {}, partial=True)

rb_names = ["center_", "scale_"]
add("robust default", RobustScaler, {}, rb_names, {})
add("robust dense", RobustScaler, {}, rb_names, {}, data=dense)
add("robust range", RobustScaler, {"quantile_range": (10.0, 90.0)}, rb_names, {"quantileRange": [10, 90]})
add(
    "robust unitVariance",
    RobustScaler,
    {"quantile_range": (5.0, 62.5), "unit_variance": True},
    rb_names,
    {"quantileRange": [5, 62.5], "unitVariance": True},
)
add("robust no centering", RobustScaler, {"with_centering": False}, rb_names, {"withCentering": False})
add("robust no scaling", RobustScaler, {"with_scaling": False}, rb_names, {"withScaling": False})

# ddof = 1 has no scikit-learn counterpart: the scale is NumPy's nanstd(ddof=1), constant features 1.
sd1 = np.nanstd(train, axis=0, ddof=1)
ddof1 = {
    "fitX": clean(train),
    "scale": clean(np.where(np.nanvar(train, axis=0) <= 1e-300, 1.0, sd1)),
    "mean": clean(np.nanmean(train, axis=0)),
}

out = {
    "generator": "scripts/oracle_sklearn.py",
    "versions": {"sklearn": sklearn.__version__, "numpy": np.__version__},
    "cases": cases,
    "ddof1": ddof1,
}
path = os.path.join(os.path.dirname(__file__), "..", "fixtures", "sklearn_scalers.json")
with open(path, "w") as f:
    json.dump(out, f, allow_nan=False)
print("wrote", path, len(cases), "cases")
