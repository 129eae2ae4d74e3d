"""Oracle for @dl/diagnose's plateauDetector: PyTorch 1.13's torch.optim.lr_scheduler.ReduceLROnPlateau itself.

Run: /usr/bin/python3 scripts/oracle_plateau.py  (writes fixtures/plateau.json). CI never runs this script.

Sequences: validation losses and accuracies RECORDED from real training (a 64-32-10 MLP on the repository's
data/digits, SGD at a constant rate, so the curves flatten and wobble), plus a few constructed ones (a staircase
with exact ties, a noisy plateau, negative values, NaN and +inf). Each configuration (mode, factor, patience,
threshold, thresholdMode, cooldown, min_lr, eps) drives a real ReduceLROnPlateau over a real SGD optimizer; per
epoch we record whether the scheduler called _reduce_lr (a plateau), the learning rate after step(), the number
of bad epochs, the cooldown counter and the epoch of the best metric.
"""
import gzip
import json
import math
import pathlib

import numpy as np
import torch

here = pathlib.Path(__file__).resolve().parent
root = here.parent.parent.parent

# --- recorded sequences: a real MLP on data/digits ------------------------------------------------------------
rows = np.loadtxt(gzip.open(root / "data" / "digits" / "digits.csv.gz", "rt"), delimiter=",")
X = torch.tensor(rows[:, :64] / 16.0, dtype=torch.float32)
y = torch.tensor(rows[:, 64], dtype=torch.long)
g = torch.Generator().manual_seed(0)
perm = torch.randperm(len(y), generator=g)
tr, va = perm[:1200], perm[1200:]


def record(seed, lr, epochs, hidden):
    torch.manual_seed(seed)
    model = torch.nn.Sequential(
        torch.nn.Linear(64, hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, 10)
    )
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    losses, accs = [], []
    for _ in range(epochs):
        order = tr[torch.randperm(len(tr), generator=g)]
        for i in range(0, len(order), 64):
            b = order[i : i + 64]
            opt.zero_grad()
            torch.nn.functional.cross_entropy(model(X[b]), y[b]).backward()
            opt.step()
        with torch.no_grad():
            out = model(X[va])
            losses.append(float(torch.nn.functional.cross_entropy(out, y[va])))
            accs.append(float((out.argmax(1) == y[va]).float().mean()))
    return losses, accs


sequences = []
for seed, lr, hidden in [(0, 0.05, 32), (1, 0.2, 32), (2, 0.01, 16)]:
    loss, acc = record(seed, lr, 50, hidden)
    sequences.append({"name": f"digits val loss (seed {seed}, lr {lr})", "mode": "min", "values": loss})
    sequences.append({"name": f"digits val accuracy (seed {seed}, lr {lr})", "mode": "max", "values": acc})

rng = np.random.RandomState(0)
stair = [round(2.0 - 0.25 * (i // 4), 6) for i in range(30)]
sequences.append({"name": "staircase with exact ties", "mode": "min", "values": stair})
noisy = (1.0 + 0.5 * np.exp(-np.arange(40) / 5.0) + 0.01 * rng.randn(40)).tolist()
sequences.append({"name": "noisy decay into a plateau", "mode": "min", "values": noisy})
neg = (-1.0 - np.log1p(np.arange(30)) + 0.05 * rng.randn(30)).tolist()
sequences.append({"name": "negative values (a log-likelihood, min)", "mode": "min", "values": neg})
sequences.append({"name": "negative values (max)", "mode": "max", "values": [-v for v in neg]})
withnan = (1.0 / (1 + np.arange(25))).tolist()
withnan[6] = float("nan")
withnan[14] = float("inf")
withnan[15] = float("nan")
sequences.append({"name": "NaN and +inf inside (min)", "mode": "min", "values": withnan})

configs = []
for patience in [0, 2, 5]:
    for threshold_mode, threshold in [("rel", 1e-4), ("rel", 0.01), ("abs", 1e-3), ("abs", 0.05)]:
        configs.append(dict(patience=patience, threshold=threshold, threshold_mode=threshold_mode,
                            factor=0.5, cooldown=0, min_lr=0.0, eps=1e-8))
for cooldown in [1, 3]:
    configs.append(dict(patience=1, threshold=1e-4, threshold_mode="rel", factor=0.5, cooldown=cooldown,
                        min_lr=0.0, eps=1e-8))
# min_lr awareness: the rate reaches min_lr and stops moving; eps skips a tiny reduction.
configs.append(dict(patience=1, threshold=1e-4, threshold_mode="rel", factor=0.1, cooldown=0, min_lr=1e-3, eps=1e-8))
configs.append(dict(patience=0, threshold=1e-4, threshold_mode="rel", factor=0.3, cooldown=2, min_lr=0.01, eps=1e-8))
configs.append(dict(patience=1, threshold=1e-4, threshold_mode="abs", factor=0.9, cooldown=0, min_lr=0.0, eps=0.02))
configs.append(dict(patience=10, threshold=1e-4, threshold_mode="rel", factor=0.1, cooldown=0, min_lr=0.0, eps=1e-8))

cases = []
for seq in sequences:
    for cfg in configs:
        p = torch.nn.Parameter(torch.zeros(1))
        opt = torch.optim.SGD([p], lr=0.1)
        sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, mode=seq["mode"], **cfg)
        calls = []
        original = sched._reduce_lr

        def spy(epoch, original=original, calls=calls):
            calls.append(True)
            original(epoch)

        sched._reduce_lr = spy
        plateau, lrs, bad, cool, best_epoch = [], [], [], [], []
        last_best_epoch = -1
        for i, v in enumerate(seq["values"]):
            before = sched.best
            n = len(calls)
            sched.step(v)
            plateau.append(len(calls) > n)
            if sched.best != before:
                last_best_epoch = i
            lrs.append(opt.param_groups[0]["lr"])
            bad.append(sched.num_bad_epochs)
            cool.append(sched.cooldown_counter)
            best_epoch.append(last_best_epoch)
        cases.append({
            "sequence": seq["name"],
            "mode": seq["mode"],
            "options": {"patience": cfg["patience"], "threshold": cfg["threshold"],
                        "thresholdMode": cfg["threshold_mode"], "factor": cfg["factor"],
                        "cooldown": cfg["cooldown"], "minLr": cfg["min_lr"], "eps": cfg["eps"]},
            "plateau": plateau,
            "lr": lrs,
            "numBadEpochs": bad,
            "cooldownCounter": cool,
            "bestEpoch": best_epoch,
        })


def clean(v):
    return None if isinstance(v, float) and not math.isfinite(v) else v


out = {
    "torch": torch.__version__,
    "initialLr": 0.1,
    # NaN and inf are not JSON: written as the strings "NaN" / "Infinity".
    "sequences": [{**s, "values": [v if math.isfinite(v) else ("NaN" if math.isnan(v) else "Infinity")
                                   for v in s["values"]]} for s in sequences],
    "cases": cases,
}
path = here.parent / "fixtures" / "plateau.json"
path.write_text(json.dumps(out, separators=(",", ":")) + "\n")
print("wrote", path, len(cases), "cases", sum(len(c["plateau"]) for c in cases), "epochs",
      sum(sum(c["plateau"]) for c in cases), "plateaus")
