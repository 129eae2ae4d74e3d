"""Oracle for @dl/diagnose's learning-rate range test: the published rules of fastai 2.7 and torch-lr-finder 0.2,
re-implemented here from their sources (cited per function) and applied to loss sequences RECORDED from real
PyTorch 1.13 training.

Run: /usr/bin/python3 scripts/oracle_lr_finder.py  (writes fixtures/lr-finder.json). CI never runs this script.

Recorded sequences: a 64-32-10 MLP on the repository's data/digits, batches of 64, the learning rate swept
exponentially (or linearly) by torch-lr-finder's schedule lr_i = start (end/start)^(i/(N-1)); the raw training
loss of every batch is recorded (all N batches: stopping is a rule applied afterwards, it does not change the
losses before the stop).

Rules (each function names its source):
- smoothing, debiased: fastai.learner.AvgSmoothLoss — val = torch.lerp(loss, val, beta); value = val/(1-beta^count)
- smoothing, first value: torch_lr_finder.LRFinder.range_test — s_0 = l_0, s_t = f l_t + (1-f) s_{t-1}, f = 1-beta
- divergence: stop after the first iteration whose smoothed loss exceeds k x the best smoothed loss so far (fastai
  LRFinder.after_batch with k = 4; torch-lr-finder with k = 5, best from iteration 0); the iteration that
  diverges is recorded (both libraries record it before stopping). A non-finite raw loss also stops (ours; fastai
  drops NaNs before suggesting: the same points remain).
- the points suggested from: losses[skip_start : len - skip_end] (fastai: num_it//10 and 5; torch-lr-finder: 10 and 5)
- steepest: torch_lr_finder.LRFinder.plot — argmin of np.gradient(losses)
- valley: fastai.callback.schedule.valley — longest decreasing run (the O(n^2) dynamic programme as published),
  index max_start + int(len/3) + int(len/3/2)
- minimum: fastai.callback.schedule.minimum — lr at argmin(losses), divided by 10
"""
import gzip
import json
import math
import pathlib

import numpy as np
import torch

here = pathlib.Path(__file__).resolve().parent
root = here.parent.parent.parent
torch.set_default_dtype(torch.float64)

rows = np.loadtxt(gzip.open(root / "data" / "digits" / "digits.csv.gz", "rt"), delimiter=",")
X = torch.tensor(rows[:, :64] / 16.0, dtype=torch.float32)
y = torch.tensor(rows[:, 64], dtype=torch.long)


def sweep(start, end, n, mode):
    # torch_lr_finder ExponentialLR / LinearLR (PyTorch >= 1.1 branch): r = i / (n - 1)
    if mode == "exp":
        return [start * (end / start) ** (i / (n - 1)) for i in range(n)]
    return [start + (i / (n - 1)) * (end - start) for i in range(n)]


def record(seed, optimizer, start, end, n, mode):
    torch.manual_seed(seed)
    model = torch.nn.Sequential(torch.nn.Linear(64, 32), torch.nn.ReLU(), torch.nn.Linear(32, 10)).float()
    lrs = sweep(start, end, n, mode)
    opt = (torch.optim.SGD(model.parameters(), lr=lrs[0], momentum=0.9) if optimizer == "sgd"
           else torch.optim.Adam(model.parameters(), lr=lrs[0]))
    g = torch.Generator().manual_seed(seed)
    order = torch.randperm(len(y), generator=g)
    losses = []
    for i in range(n):
        for group in opt.param_groups:
            group["lr"] = lrs[i]
        b = order[(i * 64) % 1728:(i * 64) % 1728 + 64]
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(model(X[b]), y[b])
        loss.backward()
        opt.step()
        losses.append(float(loss))
    return lrs, losses


def smooth_debiased(raw, beta):
    # fastai.learner.AvgSmoothLoss, in float64
    val = torch.tensor(0.0)
    out = []
    for count, loss in enumerate(raw, start=1):
        val = torch.lerp(torch.tensor(loss), val, beta)
        out.append(float(val / (1 - beta ** count)))
    return out


def smooth_first_value(raw, beta):
    # torch_lr_finder.LRFinder.range_test, smooth_f = 1 - beta
    f = 1 - beta
    out = []
    for i, loss in enumerate(raw):
        out.append(loss if i == 0 else f * loss + (1 - f) * out[-1])
    return out


def stop_count(smoothed, raw, k):
    best = math.inf
    for i, (s, r) in enumerate(zip(smoothed, raw)):
        if not math.isfinite(r):
            return i + 1
        best = min(best, s)
        if s > k * best:
            return i + 1
    return len(raw)


def steepest(losses):
    # torch_lr_finder.LRFinder.plot: (np.gradient(np.array(losses))).argmin()
    return int(np.gradient(np.array(losses)).argmin())


def valley(losses):
    # fastai.callback.schedule.valley, as published (including where max_end/max_start are updated)
    n = len(losses)
    max_start, max_end = 0, 0
    lds = [1] * n
    for i in range(1, n):
        for j in range(0, i):
            if losses[i] < losses[j] and lds[i] < lds[j] + 1:
                lds[i] = lds[j] + 1
            if lds[max_end] < lds[i]:
                max_end = i
                max_start = max_end - lds[max_end]
    sections = (max_end - max_start) / 3
    return max_start + int(sections) + int(sections / 2)


def minimum(losses):
    # fastai.callback.schedule.minimum: lrs[losses.argmin()] (then / 10)
    return int(np.argmin(np.array(losses)))


cases = []
recorded = [
    ("digits MLP, SGD momentum 0.9, exp 1e-5..10, seed 0", dict(seed=0, optimizer="sgd", start=1e-5, end=10, n=100, mode="exp")),
    ("digits MLP, SGD momentum 0.9, exp 1e-5..10, seed 1", dict(seed=1, optimizer="sgd", start=1e-5, end=10, n=100, mode="exp")),
    ("digits MLP, Adam, exp 1e-6..1, seed 2", dict(seed=2, optimizer="adam", start=1e-6, end=1, n=120, mode="exp")),
    ("digits MLP, SGD momentum 0.9, linear 1e-3..3, seed 3", dict(seed=3, optimizer="sgd", start=1e-3, end=3, n=80, mode="linear")),
    ("digits MLP, Adam, exp 1e-4..100, 40 iterations, seed 4", dict(seed=4, optimizer="adam", start=1e-4, end=100, n=40, mode="exp")),
]
for name, cfg in recorded:
    lrs, raw = record(**cfg)
    for beta, debias, k in [(0.98, True, 4), (0.95, False, 5), (0.9, True, 4), (0.0, True, 4)]:
        smoothed = smooth_debiased(raw, beta) if debias else smooth_first_value(raw, beta)
        count = stop_count(smoothed, raw, k)
        n = cfg["n"]
        skip_start, skip_end = n // 10, 5
        used = smoothed[:count]
        finite = len(used) if all(math.isfinite(v) for v in raw[:count]) else count - 1
        window = used[skip_start:max(skip_start, finite - skip_end)]
        expected = {"smoothed": smoothed[:count], "iterations": count}
        if len(window) >= 2:
            expected["steepest"] = skip_start + steepest(window)
            expected["valley"] = skip_start + valley(window)
            expected["minimum"] = skip_start + minimum(window)
        cases.append({
            "name": f"{name}; beta {beta}, {'debiased' if debias else 'first value'}, diverge x{k}",
            "options": {"startLr": cfg["start"], "endLr": cfg["end"], "numIter": n, "stepMode": cfg["mode"],
                        "beta": beta, "debias": debias, "divergeThreshold": k,
                        "skipStart": skip_start, "skipEnd": skip_end},
            "lrs": lrs,
            "raw": raw,
            "expected": expected,
        })

# A constructed sequence with a NaN after the minimum, and one that diverges before enough points remain.
lrs = sweep(1e-4, 1, 30, "exp")
raw = [2.3 - 0.06 * i for i in range(20)] + [1.2 + 0.3 * i for i in range(5)] + [float("nan")] * 5
for name, r in [("constructed: NaN at iteration 25", raw), ("constructed: explodes at once", [1.0, 50.0] + [1.0] * 28)]:
    smoothed = smooth_debiased(r, 0.98)
    count = stop_count(smoothed, r, 4)
    finite = count if all(math.isfinite(v) for v in r[:count]) else count - 1
    window = smoothed[3:max(3, finite - 5)]
    expected = {"smoothed": [v if math.isfinite(v) else None for v in smoothed[:count]], "iterations": count}
    if len(window) >= 2:
        expected["steepest"] = 3 + steepest(window)
        expected["valley"] = 3 + valley(window)
        expected["minimum"] = 3 + minimum(window)
    cases.append({
        "name": name,
        "options": {"startLr": 1e-4, "endLr": 1, "numIter": 30, "stepMode": "exp", "beta": 0.98, "debias": True,
                    "divergeThreshold": 4, "skipStart": 3, "skipEnd": 5},
        "lrs": lrs,
        "raw": [v if math.isfinite(v) else "NaN" for v in r],
        "expected": expected,
    })

path = here.parent / "fixtures" / "lr-finder.json"
path.write_text(json.dumps({"torch": torch.__version__, "cases": cases}) + "\n")
print("wrote", path, len(cases), "cases")
for c in cases:
    e = c["expected"]
    print(f"{c['name'][:70]:70s} it={e['iterations']:3d} steep={e.get('steepest')} valley={e.get('valley')} min={e.get('minimum')}")
