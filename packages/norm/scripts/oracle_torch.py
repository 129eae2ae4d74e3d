"""Oracle fixtures for @dl/norm's layers from PyTorch 1.13 (Debian python3-torch).

Run: /usr/bin/python3 scripts/oracle_torch.py   (writes fixtures/torch_layers.json; CI never runs it)

Each case: a layer with random initial parameters, three training forwards (output, gradients of
sum(output * upstream) with respect to the input, weight and bias, the buffers after the step), then an
evaluation forward with its gradients.
"""
import json
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(11)


def flat(t):
    """Row-major values; float32 ones with 9 significant digits (exact for float32, half the JSON)."""
    if t is None:
        return None
    values = t.detach().reshape(-1).tolist()
    if t.dtype == torch.float32:
        return [float("%.9g" % v) for v in values]
    return values


class RMS(nn.Module):
    """PyTorch 2.4's nn.RMSNorm written out (1.13 has none)."""

    def __init__(self, shape, eps, affine, dtype):
        super().__init__()
        self.shape = tuple(shape)
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(self.shape, dtype=dtype)) if affine else None

    def forward(self, x):
        eps = torch.finfo(x.dtype).eps if self.eps is None else self.eps
        dims = tuple(range(-len(self.shape), 0))
        y = x * torch.rsqrt(x.pow(2).mean(dims, keepdim=True) + eps)
        return y if self.weight is None else y * self.weight


def make(layer, args, opts, dtype):
    o = dict(opts)
    if layer in ("BatchNorm1d", "BatchNorm2d", "InstanceNorm1d", "InstanceNorm2d"):
        kw = {"eps": o.get("eps", 1e-5)}
        if "momentum" in o:
            kw["momentum"] = o["momentum"]
        for a, b in (("affine", "affine"), ("trackRunningStats", "track_running_stats")):
            if a in o:
                kw[b] = o[a]
        return getattr(nn, layer)(*args, **kw, dtype=dtype)
    if layer == "LayerNorm":
        m = nn.LayerNorm(args[0], eps=o.get("eps", 1e-5), elementwise_affine=o.get("elementwiseAffine", True), dtype=dtype)
        if o.get("bias", True) is False:
            m.bias = None  # PyTorch 2.1's bias=False
        return m
    if layer == "GroupNorm":
        return nn.GroupNorm(args[0], args[1], eps=o.get("eps", 1e-5), affine=o.get("affine", True), dtype=dtype)
    if layer == "RMSNorm":
        shape = args[0] if isinstance(args[0], list) else [args[0]]
        return RMS(shape, o.get("eps"), o.get("elementwiseAffine", True), dtype)
    if layer == "LocalResponseNorm":
        return nn.LocalResponseNorm(args[0], alpha=o.get("alpha", 1e-4), beta=o.get("beta", 0.75), k=o.get("k", 1.0))
    raise ValueError(layer)


def randomize(m):
    with torch.no_grad():
        for name, p in m.named_parameters():
            p.copy_(torch.randn_like(p) * 0.5 + (1.0 if name == "weight" else 0.0))


DTYPES = {torch.float32: "float32", torch.float64: "float64", torch.int64: "int32"}


def state(m):
    """The state dict as @dl/nn loads it: { shape, dtype, data } (num_batches_tracked int64 -> int32)."""
    return {
        k: {"shape": list(v.shape), "dtype": DTYPES[v.dtype], "data": flat(v)}
        for k, v in m.state_dict().items()
    }


def step(m, x):
    x = x.clone().requires_grad_(True)
    for p in m.parameters():
        p.grad = None
    y = m(x)
    up = torch.randn_like(y)
    (y * up).sum().backward()
    weight = getattr(m, "weight", None)
    bias = getattr(m, "bias", None)
    return {
        "x": flat(x),
        "upstream": flat(up),
        "output": flat(y),
        "gradInput": flat(x.grad),
        "gradWeight": flat(weight.grad) if isinstance(weight, torch.Tensor) else None,
        "gradBias": flat(bias.grad) if isinstance(bias, torch.Tensor) else None,
    }


CASES = [
    ("BatchNorm1d", [4], {}, [8, 4]),
    ("BatchNorm1d", [4], {"momentum": None}, [6, 4]),
    ("BatchNorm1d", [3], {"eps": 1e-3, "momentum": 0.3}, [5, 3, 7]),
    ("BatchNorm1d", [3], {"affine": False}, [4, 3, 2]),
    ("BatchNorm1d", [4], {"trackRunningStats": False}, [8, 4]),
    ("BatchNorm2d", [3], {}, [4, 3, 5, 5]),
    ("BatchNorm2d", [2], {"momentum": None, "eps": 1e-4}, [2, 2, 3, 4]),
    ("LayerNorm", [6], {}, [4, 5, 6]),
    ("LayerNorm", [[3, 4]], {"eps": 1e-3}, [2, 3, 4]),
    ("LayerNorm", [5], {"elementwiseAffine": False}, [3, 5]),
    ("LayerNorm", [5], {"bias": False}, [3, 5]),
    ("GroupNorm", [2, 6], {}, [3, 6, 4, 4]),
    ("GroupNorm", [3, 6], {"affine": False}, [2, 6, 5]),
    ("GroupNorm", [1, 4], {}, [2, 4, 3]),
    ("GroupNorm", [4, 4], {"eps": 1e-3}, [2, 4, 2, 3]),
    ("InstanceNorm1d", [3], {}, [4, 3, 6]),
    ("InstanceNorm1d", [3], {"affine": True, "trackRunningStats": True}, [4, 3, 6]),
    ("InstanceNorm2d", [2], {"affine": True, "trackRunningStats": True, "momentum": 0.2}, [3, 2, 4, 4]),
    ("RMSNorm", [6], {"eps": 1e-6}, [4, 6]),
    ("RMSNorm", [[2, 3]], {}, [3, 2, 3]),
    ("RMSNorm", [4], {"elementwiseAffine": False, "eps": 1e-5}, [3, 4]),
    ("LocalResponseNorm", [3], {}, [2, 5, 3, 3]),
    ("LocalResponseNorm", [2], {"alpha": 0.01, "beta": 0.5, "k": 2.0}, [2, 4, 5]),
]

cases = []
for dtype_name, dtype in (("float32", torch.float32), ("float64", torch.float64)):
    for layer, args, opts, shape in CASES:
        m = make(layer, args, opts, dtype)
        randomize(m)
        case = {"layer": layer, "args": args, "options": opts, "dtype": dtype_name, "initial": state(m), "steps": []}
        m.train()
        for _ in range(3):
            x = torch.randn(shape, dtype=dtype) * 2 + 0.5
            s = step(m, x)
            s["state"] = state(m)
            case["steps"].append(s)
        m.eval()
        case["eval"] = step(m, torch.randn(shape, dtype=dtype) * 2 + 0.5)
        case["shape"] = shape
        cases.append(case)

# A BatchNorm trained by PyTorch (SGD on a regression target), its state dict and eval outputs.
bn = nn.Sequential(nn.Linear(5, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 1))
opt = torch.optim.SGD(bn.parameters(), lr=0.05, momentum=0.9)
for _ in range(40):
    x = torch.randn(16, 5) * 3 + 1
    loss = ((bn(x).squeeze(1) - x.sum(1)) ** 2).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()
bn.eval()
probe = torch.randn(7, 4) * 2
trained = {
    "stateDict": state(bn[1]),
    "x": flat(probe),
    "shape": [7, 4],
    "evalOutput": flat(bn[1](probe)),
}

# Weight norm (torch.nn.utils.weight_norm: weight_g, weight_v) and spectral norm (parametrizations).
lin = nn.Linear(4, 3)
w0 = lin.weight.detach().clone()
wn = torch.nn.utils.weight_norm(lin, dim=0)
x = torch.randn(5, 4)
y = wn(x)
up = torch.randn_like(y)
(y * up).sum().backward()
weight_norm = {
    "initialWeight": flat(w0),
    "bias": flat(lin.bias),
    "stateDict": state(wn),
    "keys": list(wn.state_dict().keys()),
    "x": flat(x),
    "upstream": flat(up),
    "output": flat(y),
    "gradG": flat(wn.weight_g.grad),
    "gradV": flat(wn.weight_v.grad),
    "gradInput": None,
}
lin1 = nn.Linear(3, 4)
wn1 = torch.nn.utils.weight_norm(lin1, dim=1)
weight_norm_dim1 = {"initialWeight": flat(lin1.weight_v), "g": flat(wn1.weight_g), "gShape": list(wn1.weight_g.shape)}

sn_lin = nn.Linear(5, 4)
sn_w0 = sn_lin.weight.detach().clone()
sn = torch.nn.utils.parametrizations.spectral_norm(sn_lin, n_power_iterations=2)
spectral = {"initialWeight": flat(sn_w0), "bias": flat(sn_lin.bias), "initialState": state(sn), "keys": list(sn.state_dict().keys()), "steps": []}
sn.train()
for _ in range(3):
    x = torch.randn(6, 5)
    for p in sn.parameters():
        p.grad = None
    y = sn(x)
    up = torch.randn_like(y)
    (y * up).sum().backward()
    spectral["steps"].append({
        "x": flat(x),
        "upstream": flat(up),
        "output": flat(y),
        "gradOriginal": flat(sn.parametrizations.weight.original.grad),
        "state": state(sn),
        "weight": flat(sn.weight),
    })
sn.eval()
x = torch.randn(6, 5)
spectral["eval"] = {"x": flat(x), "output": flat(sn(x)), "state": state(sn)}

# The same in float64, its state dict saved as plain lists without dtypes (`{k: v.tolist()}`, as users export
# one): loaded into a float64 layer, every digit must survive (loadStateDict reads them as the target's dtype).
# Drawn last, so the cases above keep their random numbers.
bn64 = nn.Sequential(nn.Linear(5, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 1)).double()
opt = torch.optim.SGD(bn64.parameters(), lr=0.05, momentum=0.9)
for _ in range(40):
    x = torch.randn(16, 5, dtype=torch.float64) * 3 + 1
    loss = ((bn64(x).squeeze(1) - x.sum(1)) ** 2).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()
bn64.eval()
probe = torch.randn(7, 4, dtype=torch.float64) * 2
trained64 = {
    "stateDict": {
        k: {"shape": list(v.shape), "data": v.reshape(-1).tolist()} for k, v in bn64[1].state_dict().items()
    },
    "x": flat(probe),
    "shape": [7, 4],
    "evalOutput": flat(bn64[1](probe)),
}

out = {
    "generator": "scripts/oracle_torch.py",
    "torch": torch.__version__,
    "cases": cases,
    "trainedBatchNorm": trained,
    "trainedBatchNorm64": trained64,
    "weightNorm": weight_norm,
    "weightNormDim1": weight_norm_dim1,
    "spectralNorm": spectral,
}
path = os.path.join(os.path.dirname(__file__), "..", "fixtures", "torch_layers.json")
with open(path, "w") as f:
    json.dump(out, f, allow_nan=False)
print("wrote", path, len(cases), "cases")
