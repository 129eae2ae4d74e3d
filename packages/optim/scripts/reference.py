"""Float64 references for the @dl/optim optimizers that PyTorch 1.13 lacks; writes fixtures/reference.json.

Run by hand (CI never runs Python):  /usr/bin/python3 packages/optim/scripts/reference.py

Each optimizer is written here from its paper's equations with NumPy in float64, independently of the TypeScript
code, on the problem of scripts/oracle.py in float64 (same initial values, gradient not rounded):
  lion              Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms", Algorithm 2
  lamb              You et al. 2020, "Large Batch Optimization for Deep Learning", Algorithm 2 (per-tensor trust ratio)
  lars              You, Gitman & Ginsburg 2017, "Large Batch Training of Convolutional Networks", Algorithm 1
  scheduleFreeAdamw Defazio et al. 2024, "The Road Less Scheduled", Algorithm 1
  scheduleFreeSgd   Defazio et al. 2024, equations (1)-(3), c_{t+1} = gamma_t^2 / sum gamma_i^2
  muon              Jordan et al. 2024, "Muon" (blog): momentum b = mu b + g, Nesterov g + mu b, Newton-Schulz quintic
                    (3.4445, -4.7750, 2.0315), 5 steps, scale sqrt(max(1, rows/cols)); on the 2-D tensors a, b only
  lookahead         Zhang et al. 2019, "Lookahead Optimizer: k steps forward, 1 step back", Algorithm 1, over SGD
                    with momentum 0.9 (PyTorch's order: b = mu b + g, theta -= lr b)
  averageParams     EMA (beta avg + (1 - beta) theta) and SWA (avg + (theta - avg) / (n + 1), Izmailov et al.
                    2018) of the parameters after each SGD update; the first update copies
  adafactor         Shazeer & Stern 2018, Algorithm 4, as PyTorch 2.5's torch.optim.Adafactor: beta2_t = t^c,
                    rho_t = min(lr, 1/sqrt t), alpha = max(eps2, RMS(theta)) rho_t, factored row/col second moments
                    for 2-D tensors (V = R C / mean(R)), update clipping by max(1, RMS(U)/d), decoupled decay
  sam               Foret et al. 2021, "Sharpness-Aware Minimization", equation (2), then plain SGD
  nadam decoupled   Dozat 2016 with decoupled decay (Loshchilov & Hutter 2019). The second denominator keeps PyTorch
                    1.13's extra mu_t factor (1 - prod_{i<=t} mu_i * mu_t * mu_{t+1}; fixed in PyTorch 2.0 by
                    pytorch/pytorch#92699), which @dl/optim's nadam reproduces in both modes to stay 1.13-exact
  radam decoupled   Liu et al. 2020, Algorithm 2, with decoupled decay, PyTorch 2.1's RAdam(decoupled_weight_decay)
"""
import json
import math
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "fixtures")
STEPS = [1, 10, 100]
KEYS = ["a", "b", "c"]


def init():
    with open(os.path.join(OUT, "torch_optim.json")) as f:
        fx = json.load(f)
    return {k: np.array(fx["init"][k], dtype=np.float64) for k in KEYS}, fx["shapes"]


def grads(p):
    a, b, c = p["a"], p["b"], p["c"]
    return {"a": -2 * (1 - a) - 20 * a * (b - a * a), "b": 10 * (b - a * a), "c": c * c * c - 2 * c + 0.3}


def run(step, state, keys=KEYS, gradfn=grads):
    p, _ = init()  # keys not in `keys` stay fixed
    out = {}
    for t in range(1, 101):
        g = gradfn(p)
        for k in keys:
            p[k] = step(k, p[k], g[k], state.setdefault(k, {}), t, p)
        if t in STEPS:
            out[str(t)] = {k: p[k].tolist() for k in keys}
    return out


def lion(lr, b1, b2, wd):
    def step(k, p, g, s, t, _):
        m = s.get("m", np.zeros_like(p))
        c = b1 * m + (1 - b1) * g
        p = p - lr * (np.sign(c) + wd * p)
        s["m"] = b2 * m + (1 - b2) * g
        return p
    return step


def lamb(lr, b1, b2, eps, wd):
    def step(k, p, g, s, t, _):
        m = b1 * s.get("m", np.zeros_like(p)) + (1 - b1) * g
        v = b2 * s.get("v", np.zeros_like(p)) + (1 - b2) * g * g
        s["m"], s["v"] = m, v
        r = (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + eps) + wd * p
        pn, rn = np.linalg.norm(p), np.linalg.norm(r)
        ratio = pn / rn if pn > 0 and rn > 0 else 1.0
        return p - lr * ratio * r
    return step


def lars(lr, mom, wd, eta, eps, nesterov):
    def step(k, p, g, s, t, _):
        pn, gn = np.linalg.norm(p), np.linalg.norm(g)
        local = eta * pn / (gn + wd * pn + eps) if pn > 0 and gn > 0 else 1.0
        d = g + wd * p
        v = mom * s.get("v", np.zeros_like(p)) + lr * local * d
        s["v"] = v
        return p - (mom * v + lr * local * d if nesterov else v)
    return step


def schedule_free(adam, lr, b1, b2, eps, wd, warmup):
    def step(k, y, g, s, t, _):
        if "z" not in s:
            s["z"], s["x"], s["v"], s["sum"] = y.copy(), y.copy(), np.zeros_like(y), 0.0
        warm = min(1.0, t / warmup) if warmup > 0 else 1.0
        gamma = lr * warm * (math.sqrt(1 - b2 ** t) if adam else 1.0)
        s["sum"] += gamma * gamma
        c = gamma * gamma / s["sum"]
        if adam:
            s["v"] = b2 * s["v"] + (1 - b2) * g * g
            g = g / (np.sqrt(s["v"]) + eps)
        s["z"] = s["z"] - gamma * (g + wd * y)
        s["x"] = (1 - c) * s["x"] + c * s["z"]
        return (1 - b1) * s["z"] + b1 * s["x"]
    return step


def newton_schulz(G, steps, eps):
    a, b, c = 3.4445, -4.7750, 2.0315
    X = G / (np.linalg.norm(G) + eps)
    transposed = X.shape[0] > X.shape[1]
    if transposed:
        X = X.T
    for _ in range(steps):
        A = X @ X.T
        B = b * A + c * A @ A
        X = a * X + B @ X
    return X.T if transposed else X


def muon(lr, mom, wd, nesterov, steps, eps, shapes):
    def step(k, p, g, s, t, _):
        rows, cols = shapes[k]
        buf = mom * s.get("b", np.zeros_like(p)) + g
        s["b"] = buf
        u = g + mom * buf if nesterov else buf
        O = newton_schulz(u.reshape(rows, cols), steps, eps).reshape(-1)
        return p * (1 - lr * wd) - lr * math.sqrt(max(1.0, rows / cols)) * O
    return step


def sam_run(lr, rho, adaptive):
    p, _ = init()
    out = {}
    for t in range(1, 101):
        g = grads(p)
        scaled = {k: (np.abs(p[k]) * g[k] if adaptive else g[k]) for k in KEYS}
        norm = math.sqrt(sum(float(np.sum(scaled[k] ** 2)) for k in KEYS))
        e = {k: rho / norm * ((p[k] ** 2) if adaptive else 1.0) * g[k] for k in KEYS}
        g2 = grads({k: p[k] + e[k] for k in KEYS})
        p = {k: p[k] - lr * g2[k] for k in KEYS}
        if t in STEPS:
            out[str(t)] = {k: p[k].tolist() for k in KEYS}
    return out


def lookahead_run(lr, mom, k, alpha):
    p, _ = init()
    slow = {key: p[key].copy() for key in KEYS}
    buf = {key: np.zeros_like(p[key]) for key in KEYS}
    out = {}
    for t in range(1, 101):
        g = grads(p)
        for key in KEYS:
            buf[key] = mom * buf[key] + g[key] if t > 1 else g[key].copy()
            p[key] = p[key] - lr * buf[key]
        if t % k == 0:
            for key in KEYS:
                slow[key] = slow[key] + alpha * (p[key] - slow[key])
                p[key] = slow[key].copy()
        if t in STEPS:
            out[str(t)] = {key: p[key].tolist() for key in KEYS}
    return out


def average_run(lr, mode, decay):
    p, _ = init()
    avg = None
    out = {}
    for t in range(1, 101):
        g = grads(p)
        p = {key: p[key] - lr * g[key] for key in KEYS}
        if avg is None:
            avg = {key: p[key].copy() for key in KEYS}
        elif mode == "ema":
            avg = {key: decay * avg[key] + (1 - decay) * p[key] for key in KEYS}
        else:
            avg = {key: avg[key] + (p[key] - avg[key]) / t for key in KEYS}
        if t in STEPS:
            out[str(t)] = {key: avg[key].tolist() for key in KEYS}
    return out


def adafactor(lr, c, eps1, eps2, d, wd, shapes):
    def step(k, p, g, s, t, _):
        p = p * (1 - lr * wd)
        beta2 = t ** c
        rho = min(lr, 1 / math.sqrt(t))
        alpha = max(eps2, np.linalg.norm(p) / math.sqrt(p.size)) * rho
        shape = shapes[k]
        if len(shape) == 2:
            G = g.reshape(shape)
            s["r"] = s.get("r", np.zeros(shape[0])) * 1.0
            s["c"] = s.get("c", np.zeros(shape[1])) * 1.0
            s["r"] = s["r"] + (1 - beta2) * ((G * G).mean(axis=1) - s["r"])
            s["c"] = s["c"] + (1 - beta2) * ((G * G).mean(axis=0) - s["c"])
            V = np.outer(s["r"], s["c"]) / max(s["r"].mean(), eps1)
            U = (G / np.sqrt(np.maximum(V, eps1 * eps1))).reshape(-1)
        else:
            s["v"] = s.get("v", np.zeros_like(p))
            s["v"] = s["v"] + (1 - beta2) * (g * g - s["v"])
            U = g / np.sqrt(np.maximum(s["v"], eps1 * eps1))
        denom = max(1.0, np.linalg.norm(U) / (math.sqrt(U.size) * d))
        return p - alpha / denom * U
    return step


def nadam_decoupled(lr, b1, b2, eps, wd, psi):
    def step(k, p, g, s, t, _):
        mu = b1 * (1 - 0.5 * 0.96 ** (t * psi))
        mu_next = b1 * (1 - 0.5 * 0.96 ** ((t + 1) * psi))
        s["prod"] = s.get("prod", 1.0) * mu
        p = p * (1 - lr * wd)
        m = b1 * s.get("m", np.zeros_like(p)) + (1 - b1) * g
        v = b2 * s.get("v", np.zeros_like(p)) + (1 - b2) * g * g
        s["m"], s["v"] = m, v
        denom = np.sqrt(v / (1 - b2 ** t)) + eps
        return p - lr * (1 - mu) / (1 - s["prod"]) * g / denom - lr * mu_next / (1 - s["prod"] * mu * mu_next) * m / denom
    return step


def radam_decoupled(lr, b1, b2, eps, wd):
    def step(k, p, g, s, t, _):
        p = p * (1 - lr * wd)
        m = b1 * s.get("m", np.zeros_like(p)) + (1 - b1) * g
        v = b2 * s.get("v", np.zeros_like(p)) + (1 - b2) * g * g
        s["m"], s["v"] = m, v
        mhat = m / (1 - b1 ** t)
        rho_inf = 2 / (1 - b2) - 1
        rho_t = rho_inf - 2 * t * b2 ** t / (1 - b2 ** t)
        if rho_t > 5:
            r = math.sqrt((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t))
            return p - lr * mhat * r * math.sqrt(1 - b2 ** t) / (np.sqrt(v) + eps)
        return p - lr * mhat
    return step


def main():
    _, shapes = init()
    cases = []

    def add(name, options, steps, keys=KEYS):
        cases.append({"optimizer": name, "options": options, "keys": keys, "steps": steps})

    for o in [dict(lr=1e-3), dict(lr=3e-3, betas=[0.8, 0.95], weightDecay=0.1)]:
        b = o.get("betas", [0.9, 0.99])
        add("lion", o, run(lion(o["lr"], b[0], b[1], o.get("weightDecay", 0.0)), {}))
    for o in [dict(lr=0.01), dict(lr=0.01, weightDecay=0.1, eps=1e-8)]:
        add("lamb", o, run(lamb(o["lr"], 0.9, 0.999, o.get("eps", 1e-6), o.get("weightDecay", 0.0)), {}))
    for o in [dict(lr=1.0), dict(lr=2.0, weightDecay=0.01, nesterov=True, eps=1e-9)]:
        add("lars", o, run(lars(o["lr"], 0.9, o.get("weightDecay", 0.0), 0.001, o.get("eps", 0.0), o.get("nesterov", False)), {}))
    for o in [dict(lr=0.01), dict(lr=0.02, weightDecay=0.1, warmupSteps=10)]:
        st = {}
        steps = run(schedule_free(True, o["lr"], 0.9, 0.999, 1e-8, o.get("weightDecay", 0.0), o.get("warmupSteps", 0)), st)
        add("scheduleFreeAdamw", o, steps)
        cases[-1]["evalParams"] = {k: st[k]["x"].tolist() for k in KEYS}
    for o in [dict(lr=0.01), dict(lr=0.01, momentum=0.5, weightDecay=0.1, warmupSteps=5)]:
        st = {}
        steps = run(schedule_free(False, o["lr"], o.get("momentum", 0.9), 0.0, 0.0, o.get("weightDecay", 0.0), o.get("warmupSteps", 0)), st)
        add("scheduleFreeSgd", o, steps)
        cases[-1]["evalParams"] = {k: st[k]["x"].tolist() for k in KEYS}
    for o in [dict(lr=0.02), dict(lr=0.01, momentum=0.9, nesterov=False, weightDecay=0.1)]:
        add("muon", o, run(muon(o["lr"], o.get("momentum", 0.95), o.get("weightDecay", 0.0), o.get("nesterov", True), 5, 1e-7, shapes), {}, keys=["a", "b"]), keys=["a", "b"])
    for o in [dict(lr=0.05), dict(lr=0.05, weightDecay=0.1, beta2Decay=-0.5, d=0.5)]:
        add("adafactor", o, run(adafactor(o["lr"], o.get("beta2Decay", -0.8), 2.0 ** -52, 1e-3, o.get("d", 1.0), o.get("weightDecay", 0.0), shapes), {}))
    for o in [dict(lr=0.002, weightDecay=0.1, decoupledWeightDecay=True)]:
        add("nadam", o, run(nadam_decoupled(o["lr"], 0.9, 0.999, 1e-8, 0.1, 0.004), {}))
    for o in [dict(lr=0.01, weightDecay=0.1, decoupledWeightDecay=True)]:
        add("radam", o, run(radam_decoupled(o["lr"], 0.9, 0.999, 1e-8, 0.1), {}))
    sam = [{"lr": 0.01, "rho": 0.05, "adaptive": False, "steps": sam_run(0.01, 0.05, False)},
           {"lr": 0.01, "rho": 0.1, "adaptive": True, "steps": sam_run(0.01, 0.1, True)}]
    wrappers = [
        {"kind": "lookahead", "lr": 0.01, "momentum": 0.9, "syncPeriod": 5, "slowStepSize": 0.5,
         "steps": lookahead_run(0.01, 0.9, 5, 0.5)},
        {"kind": "averageParams", "lr": 0.01, "mode": "ema", "decay": 0.9, "steps": average_run(0.01, "ema", 0.9)},
        {"kind": "averageParams", "lr": 0.01, "mode": "swa", "decay": 0.999, "steps": average_run(0.01, "swa", 0.999)},
    ]
    with open(os.path.join(OUT, "reference.json"), "w") as f:
        json.dump({"generator": "packages/optim/scripts/reference.py", "cases": cases, "sam": sam, "wrappers": wrappers}, f)
        f.write("\n")
    print(len(cases), "cases")


if __name__ == "__main__":
    main()
