"""Oracle generator for @dl/optim: runs PyTorch 1.13's torch.optim and writes fixtures/torch_optim.json.

Run by hand (CI never runs Python):  /usr/bin/python3 packages/optim/scripts/oracle.py

The problem (test/problem.ts implements the same gradient in the same operation order): three float32 parameter
tensors a [3, 4], b [3, 4], c [5] and the non-convex loss
    L = sum((1 - a)^2 + 5 (b - a^2)^2) + sum(c^4 / 4 - c^2 + 0.3 c)
(a Rosenbrock valley coupling a and b, and a double well in c). Its gradient is evaluated in float64 from the
float32 parameters and rounded to float32, so both sides feed the optimizer the same gradient.

For every optimizer and option combination: parameters after 1, 10 and 100 steps; cases with weight decay, with
a learning rate changed every step (a list of values, the TypeScript side reads it as a schedule), and with two
parameter groups ([a, b] and [c] with their own hyperparameters). Also clip_grad_norm_ and clip_grad_value_.
Floats are written with repr (full precision).
"""
import json
import math
import os

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures")
STEPS = [1, 10, 100]


def init():
    g = torch.Generator().manual_seed(0)
    a = (torch.rand(3, 4, generator=g, dtype=torch.float64) * 1.6 - 0.8).float()
    b = (torch.rand(3, 4, generator=g, dtype=torch.float64) * 1.6 - 0.8).float()
    c = (torch.rand(5, generator=g, dtype=torch.float64) * 3.0 - 1.5).float()
    return {"a": a, "b": b, "c": c}


def grads(p):
    a, b, c = p["a"].double(), p["b"].double(), p["c"].double()
    ga = -2 * (1 - a) - 20 * a * (b - a * a)
    gb = 10 * (b - a * a)
    gc = c * c * c - 2 * c + 0.3
    return {"a": ga.float(), "b": gb.float(), "c": gc.float()}


LRS = [0.05 * (0.97 ** t) * (1 + 0.3 * (t % 3)) for t in range(100)]


def camel(k):
    parts = k.split("_")
    return parts[0] + "".join(x.capitalize() for x in parts[1:])


def ours(kwargs):
    return {camel(k): (list(v) if isinstance(v, tuple) else v) for k, v in kwargs.items()}


def run(cls, kwargs, groups=None, schedule=False):
    # maximize=True is run on the negated gradient (ascent on -L), the TypeScript side does the same
    negate = kwargs.get("maximize", False)
    p = {k: torch.nn.Parameter(v.clone()) for k, v in init().items()}
    if groups is None:
        opt = cls([p["a"], p["b"], p["c"]], **kwargs)
    else:
        opt = cls([{"params": [p["a"], p["b"]], **groups[0]}, {"params": [p["c"]], **groups[1]}], **kwargs)
    out = {}
    for t in range(1, max(STEPS) + 1):
        if schedule:
            for group in opt.param_groups:
                group["lr"] = LRS[t - 1]
        g = grads({k: v.detach() for k, v in p.items()})
        for k in p:
            p[k].grad = -g[k] if negate else g[k].clone()
        opt.step()
        if t in STEPS:
            out[str(t)] = {k: v.detach().flatten().tolist() for k, v in p.items()}
            assert all(math.isfinite(x) and abs(x) < 1e3 for v in out[str(t)].values() for x in v), (cls, kwargs)
    return out


O = torch.optim
CASES = [
    ("sgd", O.SGD, [dict(lr=0.01), dict(lr=0.01, momentum=0.9), dict(lr=0.01, momentum=0.9, dampening=0.1),
                    dict(lr=0.01, momentum=0.9, nesterov=True), dict(lr=0.01, momentum=0.5, weight_decay=0.1),
                    dict(lr=0.01, maximize=True)]),
    ("adam", O.Adam, [dict(), dict(lr=0.01), dict(lr=0.01, amsgrad=True), dict(lr=0.01, weight_decay=0.1),
                      dict(lr=0.01, betas=(0.8, 0.99), eps=1e-6), dict(lr=0.01, maximize=True)]),
    ("adamw", O.AdamW, [dict(), dict(lr=0.01), dict(lr=0.01, amsgrad=True), dict(lr=0.01, weight_decay=0.5)]),
    ("adagrad", O.Adagrad, [dict(), dict(lr=0.1, lr_decay=0.01), dict(lr=0.1, initial_accumulator_value=0.5),
                            dict(lr=0.1, weight_decay=0.1)]),
    ("rmsprop", O.RMSprop, [dict(), dict(lr=0.001), dict(lr=0.001, centered=True), dict(lr=0.001, momentum=0.9),
                            dict(lr=0.001, momentum=0.9, centered=True, weight_decay=0.1)]),
    ("adadelta", O.Adadelta, [dict(), dict(lr=0.5, rho=0.8), dict(weight_decay=0.1)]),
    ("adamax", O.Adamax, [dict(), dict(lr=0.01), dict(lr=0.01, weight_decay=0.1)]),
    ("nadam", O.NAdam, [dict(), dict(lr=0.01), dict(lr=0.01, weight_decay=0.1), dict(lr=0.01, momentum_decay=0.01)]),
    ("radam", O.RAdam, [dict(), dict(lr=0.01), dict(lr=0.01, weight_decay=0.1)]),
]
GROUPS = {
    "sgd": [dict(lr=0.02, momentum=0.9), dict(lr=0.005, weight_decay=0.1)],
    "adam": [dict(lr=0.02), dict(lr=0.005, weight_decay=0.1, betas=(0.5, 0.9))],
    "adamw": [dict(lr=0.02, weight_decay=0.0), dict(lr=0.005, weight_decay=0.1)],
    "adagrad": [dict(lr=0.1), dict(lr=0.05, weight_decay=0.1)],
    "rmsprop": [dict(lr=0.001), dict(lr=0.002, momentum=0.5)],
    "adadelta": [dict(lr=1.0), dict(lr=0.5, rho=0.5)],
    "adamax": [dict(lr=0.02), dict(lr=0.005, weight_decay=0.1)],
    "nadam": [dict(lr=0.02), dict(lr=0.005, weight_decay=0.1)],
    "radam": [dict(lr=0.02), dict(lr=0.005, weight_decay=0.1)],
}


def main():
    torch.set_num_threads(1)
    cases = []
    for name, cls, configs in CASES:
        for kw in configs:
            cases.append({"optimizer": name, "torch": kw, "options": ours(kw), "steps": run(cls, kw)})
        base = dict(lr=0.01, momentum=0.5) if name == "sgd" else configs[1] if len(configs) > 1 else configs[0]
        sched = {k: v for k, v in base.items() if k != "lr"}
        cases.append({"optimizer": name, "torch": sched, "options": ours(sched), "schedule": True,
                      "steps": run(cls, {**sched, "lr": LRS[0]}, schedule=True)})
        gs = GROUPS[name]
        cases.append({"optimizer": name, "torch": configs[0], "options": ours(configs[0]),
                      "groups": [ours(g) for g in gs], "steps": run(cls, configs[0], groups=gs)})
    # clipping: gradients at the initial point
    p = {k: torch.nn.Parameter(v.clone()) for k, v in init().items()}
    g = grads({k: v.detach() for k, v in p.items()})
    clips = []
    for max_norm in [1.0, 5.0, 1000.0]:
        for k in p:
            p[k].grad = g[k].clone()
        total = torch.nn.utils.clip_grad_norm_(list(p.values()), max_norm)
        clips.append({"kind": "norm", "value": max_norm, "total": float(total),
                      "grads": {k: v.grad.flatten().tolist() for k, v in p.items()}})
    for clip in [0.5, 2.0]:
        for k in p:
            p[k].grad = g[k].clone()
        torch.nn.utils.clip_grad_value_(list(p.values()), clip)
        clips.append({"kind": "value", "value": clip, "grads": {k: v.grad.flatten().tolist() for k, v in p.items()}})
    fixture = {
        "generator": "packages/optim/scripts/oracle.py",
        "torch": torch.__version__,
        "init": {k: v.flatten().tolist() for k, v in init().items()},
        "shapes": {k: list(v.shape) for k, v in init().items()},
        "lrs": LRS,
        "cases": cases,
        "clip": clips,
    }
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "torch_optim.json"), "w") as f:
        json.dump(fixture, f)
        f.write("\n")
    print(len(cases), "cases")


if __name__ == "__main__":
    main()
