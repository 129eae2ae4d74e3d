"""Oracle generator for @dl/schedule: runs PyTorch 1.13's torch.optim.lr_scheduler and writes fixtures/*.json.

Run by hand (CI never runs Python):  /usr/bin/python3 packages/schedule/scripts/oracle.py

Every value is what the real scheduler reports through get_last_lr() (and the optimizer's momentum) when it is
stepped the ordinary way: optimizer.step(); scheduler.step(). Floats are written with repr (full precision).
"""
import json
import math
import os
import random
import warnings

import torch
from torch.optim import SGD, RAdam
from torch.optim import lr_scheduler as L

warnings.filterwarnings("ignore")
torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures")


def optimizer(lr, momentum=0.0):
    p = torch.nn.Parameter(torch.zeros(1))
    return SGD([p], lr=lr, momentum=momentum)


def build(opt, spec):
    cls = getattr(L, spec["class"])
    kwargs = dict(spec.get("kwargs", {}))
    if "schedulers" in spec:
        subs = [build(opt, s) for s in spec["schedulers"]]
        if spec["class"] == "ChainedScheduler":
            return cls(subs)
        return cls(opt, subs, **kwargs)
    return cls(opt, **kwargs)


def run(spec, lr, steps, momentum=False):
    """Values at steps 0 .. steps-1 (the value used by the update of that step)."""
    opt = optimizer(lr, 0.9 if momentum else 0.0)
    sched = build(opt, spec)
    lrs, moms = [], []
    for t in range(steps):
        if t > 0:
            opt.step()
            sched.step()
        lrs.append(sched.get_last_lr()[0])
        moms.append(opt.param_groups[0]["momentum"])
    out = {"torch": spec, "lr": lr, "steps": steps, "lrs": lrs}
    if momentum:
        out["momentum"] = moms
    return out


def sched(cls, **kwargs):
    return {"class": cls, "kwargs": kwargs}


def write(name, configs):
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump({"generator": "scripts/oracle.py", "torch": torch.__version__, "configs": configs}, f, indent=1)
        f.write("\n")


def main():
    os.makedirs(OUT, exist_ok=True)

    write("StepLR", [
        run(sched("StepLR", step_size=30, gamma=0.1), 0.1, 200),
        run(sched("StepLR", step_size=7, gamma=0.5), 1.0, 120),
        run(sched("StepLR", step_size=1, gamma=0.97), 0.05, 150),
        run(sched("StepLR", step_size=10), 0.3, 100),
    ])
    write("MultiStepLR", [
        run(sched("MultiStepLR", milestones=[30, 80], gamma=0.1), 0.1, 120),
        run(sched("MultiStepLR", milestones=[10, 10, 50], gamma=0.5), 1.0, 100),
        run(sched("MultiStepLR", milestones=[1, 25, 60, 99]), 0.2, 130),
    ])
    write("ExponentialLR", [
        run(sched("ExponentialLR", gamma=0.95), 0.1, 150),
        run(sched("ExponentialLR", gamma=0.99), 1.0, 300),
        run(sched("ExponentialLR", gamma=1.01), 0.5, 100),
    ])
    write("PolynomialLR", [
        run(sched("PolynomialLR", total_iters=50, power=1.0), 0.1, 100),
        run(sched("PolynomialLR", total_iters=100, power=2.0), 1.0, 120),
        run(sched("PolynomialLR", total_iters=80, power=0.5), 0.01, 100),
        run(sched("PolynomialLR"), 0.3, 100),
    ])
    write("LinearLR", [
        run(sched("LinearLR"), 0.1, 100),
        run(sched("LinearLR", start_factor=0.1, end_factor=1.0, total_iters=20), 0.5, 100),
        run(sched("LinearLR", start_factor=1.0, end_factor=0.1, total_iters=50), 1.0, 120),
        run(sched("LinearLR", start_factor=0.25, end_factor=0.75, total_iters=90), 0.2, 100),
    ])
    write("ConstantLR", [
        run(sched("ConstantLR"), 0.1, 100),
        run(sched("ConstantLR", factor=0.5, total_iters=10), 1.0, 100),
        run(sched("ConstantLR", factor=0.1, total_iters=50), 0.03, 120),
    ])
    write("CosineAnnealingLR", [
        run(sched("CosineAnnealingLR", T_max=50), 0.1, 200),
        run(sched("CosineAnnealingLR", T_max=30, eta_min=0.01), 1.0, 150),
        run(sched("CosineAnnealingLR", T_max=100, eta_min=1e-4), 0.05, 400),
        run(sched("CosineAnnealingLR", T_max=7, eta_min=0.001), 0.1, 100),
        run(sched("CosineAnnealingLR", T_max=1), 0.1, 100),
    ])

    # CosineAnnealingWarmRestarts: integer steps, stepped the ordinary way.
    warm = [
        run(sched("CosineAnnealingWarmRestarts", T_0=10), 0.1, 100),
        run(sched("CosineAnnealingWarmRestarts", T_0=5, T_mult=2, eta_min=1e-3), 1.0, 160),
        run(sched("CosineAnnealingWarmRestarts", T_0=3, T_mult=3, eta_min=0.01), 0.5, 200),
    ]
    # Fractional epochs: scheduler.step(epoch + i / iters), as PyTorch's documentation shows.
    for t0, tmult, eta, lr, epochs, iters in [(10, 2, 0.0, 0.1, 40, 7), (4, 1, 1e-3, 1.0, 40, 3), (3, 3, 0.0, 0.2, 45, 4)]:
        opt = optimizer(lr)
        s = L.CosineAnnealingWarmRestarts(opt, T_0=t0, T_mult=tmult, eta_min=eta)
        at, lrs = [], []
        for e in range(epochs):
            for i in range(iters):
                x = e + i / iters
                if not (e == 0 and i == 0):
                    opt.step()
                    s.step(x)
                at.append(x)
                lrs.append(s.get_last_lr()[0])
        warm.append({"torch": sched("CosineAnnealingWarmRestarts", T_0=t0, T_mult=tmult, eta_min=eta),
                     "lr": lr, "steps": len(at), "at": at, "lrs": lrs})
    write("CosineAnnealingWarmRestarts", warm)

    write("CyclicLR", [
        run(sched("CyclicLR", base_lr=0.001, max_lr=0.01, step_size_up=10), 0.001, 100, momentum=True),
        run(sched("CyclicLR", base_lr=0.01, max_lr=0.1, step_size_up=5, step_size_down=15, mode="triangular2"),
            0.01, 120, momentum=True),
        run(sched("CyclicLR", base_lr=0.001, max_lr=0.006, step_size_up=8, mode="exp_range", gamma=0.99,
                  base_momentum=0.85, max_momentum=0.95), 0.001, 150, momentum=True),
        run(sched("CyclicLR", base_lr=0.1, max_lr=1.0, step_size_up=7, step_size_down=3, mode="exp_range",
                  gamma=0.995), 0.1, 110, momentum=True),
    ])

    # OneCycleLR: steps 0 .. total_steps (PyTorch accepts exactly one step past the end).
    write("OneCycleLR", [
        run(sched("OneCycleLR", max_lr=0.1, total_steps=100), 0.1, 101, momentum=True),
        run(sched("OneCycleLR", max_lr=1.0, total_steps=150, pct_start=0.25, anneal_strategy="linear",
                  div_factor=10.0, final_div_factor=100.0), 1.0, 151, momentum=True),
        run(sched("OneCycleLR", max_lr=0.01, total_steps=120, three_phase=True), 0.01, 121, momentum=True),
        run(sched("OneCycleLR", max_lr=0.5, epochs=10, steps_per_epoch=13, pct_start=0.4, anneal_strategy="linear",
                  three_phase=True, base_momentum=0.8, max_momentum=0.9), 0.5, 131, momentum=True),
        run(sched("OneCycleLR", max_lr=0.02, total_steps=105, pct_start=0.33, base_momentum=0.8, max_momentum=0.92),
            0.02, 106, momentum=True),
    ])

    # ReduceLROnPlateau: deterministic metric sequences (a noisy decay with plateaus), lr after each metric.
    def metrics(seed, n, rising=False):
        rng = random.Random(seed)
        out, level = [], 1.0
        for k in range(n):
            if k % 25 < 12:
                level *= 0.95
            v = level + 0.01 * rng.random()
            out.append(round(1 - v if rising else v, 6))
        return out

    plateau = []
    for lr, kwargs, seed, rising in [
        (0.1, dict(patience=3), 1, False),
        (0.1, dict(mode="max", patience=2, threshold=0.001, threshold_mode="abs", cooldown=2), 2, True),
        (1.0, dict(factor=0.5, patience=1, cooldown=1, min_lr=0.05), 3, False),
        (0.01, dict(factor=0.9, patience=2, eps=1e-3), 4, False),
        (0.5, dict(mode="max", factor=0.2, patience=4, threshold=0.05, min_lr=1e-4), 5, True),
        (0.2, dict(mode="min", patience=0, threshold=0.02, threshold_mode="abs", cooldown=3, factor=0.7), 6, False),
        # eps blocks only the last reduction: 0.125 -> max(0.0625, min_lr 0.1) = 0.1 is a change of 0.025 <= eps
        (1.0, dict(factor=0.5, patience=1, min_lr=0.1, eps=0.05), 7, False),
    ]:
        opt = optimizer(lr)
        s = L.ReduceLROnPlateau(opt, **kwargs)
        ms = metrics(seed, 120, rising)
        lrs = [opt.param_groups[0]["lr"]]
        for m in ms:
            opt.step()
            s.step(m)
            lrs.append(opt.param_groups[0]["lr"])
        plateau.append({"torch": sched("ReduceLROnPlateau", **kwargs), "lr": lr, "metrics": ms, "lrs": lrs})
    write("ReduceLROnPlateau", plateau)

    def seq(milestones, *subs):
        return {"class": "SequentialLR", "kwargs": {"milestones": milestones}, "schedulers": list(subs)}

    write("SequentialLR", [
        run(seq([5], sched("LinearLR", start_factor=0.1, total_iters=5), sched("CosineAnnealingLR", T_max=95)),
            0.1, 100),
        run(seq([10], sched("ConstantLR", factor=0.5, total_iters=10), sched("ExponentialLR", gamma=0.95)), 1.0, 120),
        run(seq([10, 60], sched("LinearLR", start_factor=0.2, total_iters=10), sched("StepLR", step_size=20, gamma=0.5),
                sched("ExponentialLR", gamma=0.9)), 0.05, 110),
    ])

    def chain(*subs):
        return {"class": "ChainedScheduler", "schedulers": list(subs)}

    write("ChainedScheduler", [
        run(chain(sched("ConstantLR", factor=0.5, total_iters=5), sched("ExponentialLR", gamma=0.95)), 0.1, 100),
        run(chain(sched("LinearLR", start_factor=0.2, total_iters=10), sched("StepLR", step_size=20, gamma=0.5)),
            1.0, 120),
        run(chain(sched("MultiStepLR", milestones=[30, 60]), sched("ExponentialLR", gamma=0.99)), 0.3, 100),
    ])

    # RAdam's rectification term, read off real torch.optim.RAdam updates: with a constant gradient of 1,
    # lr = 1 and eps = 0 the bias-corrected moments are 1, so each update is the rectification term r(t)
    # (or exactly 1 while RAdam does not rectify yet, rho(t) <= 5).
    radam = []
    for beta2 in [0.999, 0.99, 0.98]:
        p = torch.nn.Parameter(torch.zeros(1))
        opt = RAdam([p], lr=1.0, betas=(0.9, beta2), eps=0.0)
        deltas = []
        for t in range(1, 301):
            before = p.item()
            p.grad = torch.ones(1)
            opt.step()
            deltas.append(before - p.item())
        radam.append({"beta2": beta2, "t": list(range(1, 301)), "update": deltas})
    write("RAdam", radam)


if __name__ == "__main__":
    main()
