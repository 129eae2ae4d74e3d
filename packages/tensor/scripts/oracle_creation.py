"""Oracle for the creation area of @dl/tensor: values computed by PyTorch 1.13.

Run by hand:  /usr/bin/python3 packages/tensor/scripts/oracle_creation.py
Writes packages/tensor/fixtures/creation.json (read by test/creation*.test.ts; CI never runs Python).
"""
import json
import math
import os

import torch
import torch.nn.functional as F
from torch.nn import init

torch.manual_seed(0)
out = {"torch": torch.__version__}


def f32(t):
    return [float(v) for v in t.reshape(-1).tolist()]


def error_of(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        return f"{type(e).__name__}: {e}"
    return None


# arange: length rule ceil((end - start) / step) and values (float32, the default for float arguments)
arange_cases = [
    (0.0, 1.0, 0.1), (1.0, 2.5, 0.5), (-1.0, 1.0, 0.3), (0.0, 10.0, 3.0), (10.0, 0.0, -1.5),
    (0.0, 1.0, 1.0 / 3), (0.1, 0.9, 0.2), (-3.7, 5.2, 0.7), (0.0, 5.0, 1.0), (2.0, 2.0, 1.0),
    (0.0, 1.0, 0.3), (5.0, -5.0, -0.25), (1e3, 1e3 + 1, 0.125), (0.0, 0.3, 0.1), (-0.5, 0.5, 0.05),
]
out["arange"] = [
    {"start": s, "end": e, "step": st, "values": f32(torch.arange(s, e, st, dtype=torch.float32))}
    for s, e, st in arange_cases
]
gen = torch.Generator().manual_seed(1)
lengths = []
for _ in range(200):
    s = float(torch.randn(1, generator=gen) * 10)
    e = s + float(torch.rand(1, generator=gen) * 20)
    st = float(torch.rand(1, generator=gen) * 2 + 0.01)
    lengths.append({"start": s, "end": e, "step": st, "length": int(torch.arange(s, e, st).numel())})
out["arangeLengths"] = lengths
out["arangeInt"] = {"values": [int(v) for v in torch.arange(0, 10, 3).tolist()], "dtype": str(torch.arange(0, 10, 3).dtype)}

linspace_cases = [
    (0.0, 1.0, 5), (-1.0, 1.0, 7), (0.0, 1.0, 1), (0.0, 1.0, 0), (3.0, -2.0, 11), (0.1, 0.7, 13),
    (-100.0, 1000.0, 50), (0.0, 1.0, 2), (0.0, 1.0, 100), (-3.3, 7.7, 31),
]
out["linspace"] = [
    {"start": s, "end": e, "steps": n, "values": f32(torch.linspace(s, e, n))} for s, e, n in linspace_cases
]
out["eye"] = [
    {"n": n, "m": m, "values": f32(torch.eye(n) if m is None else torch.eye(n, m)),
     "shape": list((torch.eye(n) if m is None else torch.eye(n, m)).shape)}
    for n, m in [(3, None), (2, 3), (4, 2), (0, None), (1, 5), (0, 3)]
]
out["errors"] = {
    "arangeStep0": error_of(lambda: torch.arange(0, 1, 0)),
    "arangeSign": error_of(lambda: torch.arange(0, 1, -1)),
    "linspaceNegative": error_of(lambda: torch.linspace(0, 1, -1)),
    "eyeNegative": error_of(lambda: torch.eye(-1)),
    "zerosNegative": error_of(lambda: torch.zeros(-1)),
    "zerosNonInteger": error_of(lambda: torch.zeros(1.5)),
    "gainUnknown": error_of(lambda: init.calculate_gain("foo")),
    "gainBadSlope": error_of(lambda: init.calculate_gain("leaky_relu", "x")),
    "fan1d": error_of(lambda: init._calculate_fan_in_and_fan_out(torch.empty(3))),
    "orthogonal1d": error_of(lambda: init.orthogonal_(torch.empty(3))),
    "kaimingMode": error_of(lambda: init.kaiming_uniform_(torch.empty(3, 4), mode="fan_avg")),
    "dropoutP": error_of(lambda: F.dropout(torch.ones(3), p=1.5)),
    "dropoutNegative": error_of(lambda: F.dropout(torch.ones(3), p=-0.1)),
    "randintEmpty": error_of(lambda: torch.randint(5, 5, (3,))),
    "bernoulliP": error_of(lambda: torch.bernoulli(torch.tensor([1.5]))),
}

# calculate_gain
gains = []
for name in ["linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d",
             "sigmoid", "tanh", "relu", "selu"]:
    gains.append({"nonlinearity": name, "param": None, "gain": init.calculate_gain(name)})
for p in [None, 0.0, 0.2, math.sqrt(5), 1.0, -0.5, 3.0]:
    gains.append({"nonlinearity": "leaky_relu", "param": p, "gain": init.calculate_gain("leaky_relu", p)})
out["gains"] = gains

fan_shapes = [[3, 4], [64, 3, 5, 5], [10, 20, 3], [7, 1, 1, 1, 2], [1, 1], [0, 5], [16, 8, 3, 3]]
out["fans"] = []
for s in fan_shapes:
    fi, fo = init._calculate_fan_in_and_fan_out(torch.empty(*s))
    out["fans"].append({"shape": s, "fanIn": fi, "fanOut": fo})


# Initializers: torch's own scale (computed by torch's helpers, in the order of torch's source) and torch's
# empirical statistics on a large tensor.
def stats(t):
    t = t.double()
    return {"mean": float(t.mean()), "std": float(t.std()), "min": float(t.min()), "max": float(t.max()),
            "n": t.numel()}


def xavier_scale(shape, gain):
    fi, fo = init._calculate_fan_in_and_fan_out(torch.empty(*shape))
    return gain * math.sqrt(2.0 / float(fi + fo))


def kaiming_scale(shape, a, mode, nonlinearity):
    fan = init._calculate_correct_fan(torch.empty(*shape), mode)
    gain = init.calculate_gain(nonlinearity, a)
    return gain / math.sqrt(fan)


inits = []
big = [[400, 250], [64, 32, 3, 3], [300, 700]]
for shape in big:
    for gain in [1.0, init.calculate_gain("tanh")]:
        std = xavier_scale(shape, gain)
        w = init.xavier_uniform_(torch.empty(*shape), gain=gain)
        inits.append({"init": "xavierUniform", "shape": shape, "options": {"gain": gain},
                      "bound": math.sqrt(3.0) * std, "torch": stats(w)})
        w = init.xavier_normal_(torch.empty(*shape), gain=gain)
        inits.append({"init": "xavierNormal", "shape": shape, "options": {"gain": gain}, "std": std,
                      "torch": stats(w)})
    for a, mode, nl in [(0, "fan_in", "leaky_relu"), (0, "fan_out", "relu"), (0.2, "fan_in", "leaky_relu"),
                        (math.sqrt(5), "fan_in", "leaky_relu"), (0, "fan_in", "tanh"), (0, "fan_out", "selu")]:
        std = kaiming_scale(shape, a, mode, nl)
        w = init.kaiming_uniform_(torch.empty(*shape), a=a, mode=mode, nonlinearity=nl)
        inits.append({"init": "kaimingUniform", "shape": shape, "options": {"a": a, "mode": mode, "nonlinearity": nl},
                      "bound": math.sqrt(3.0) * std, "torch": stats(w)})
        w = init.kaiming_normal_(torch.empty(*shape), a=a, mode=mode, nonlinearity=nl)
        inits.append({"init": "kaimingNormal", "shape": shape, "options": {"a": a, "mode": mode, "nonlinearity": nl},
                      "std": std, "torch": stats(w)})
    # LeCun = kaiming with nonlinearity 'linear', mode 'fan_in'
    std = kaiming_scale(shape, 0, "fan_in", "linear")
    w = init.kaiming_uniform_(torch.empty(*shape), mode="fan_in", nonlinearity="linear")
    inits.append({"init": "lecunUniform", "shape": shape, "options": {}, "bound": math.sqrt(3.0) * std,
                  "torch": stats(w)})
    w = init.kaiming_normal_(torch.empty(*shape), mode="fan_in", nonlinearity="linear")
    inits.append({"init": "lecunNormal", "shape": shape, "options": {}, "std": std, "torch": stats(w)})
out["inits"] = inits

# nn.Linear default init: bounds from reset_parameters' code path; empirical stats of real layers.
linear = []
for fin, fout in [(1, 20000), (3, 20000), (100, 1000), (784, 300)]:
    layer = torch.nn.Linear(fin, fout)
    gain = init.calculate_gain("leaky_relu", math.sqrt(5))
    wstd = gain / math.sqrt(init._calculate_correct_fan(layer.weight, "fan_in"))
    fan_in, _ = init._calculate_fan_in_and_fan_out(layer.weight)
    linear.append({"inFeatures": fin, "outFeatures": fout, "weightBound": math.sqrt(3.0) * wstd,
                   "biasBound": 1 / math.sqrt(fan_in) if fan_in > 0 else 0,
                   "weight": stats(layer.weight.detach()), "bias": stats(layer.bias.detach())})
out["linear"] = linear

# Orthogonal: torch's sign-fixed Q of fixed matrices (float64), the core of orthogonal_.
orth = []
for m, n in [(5, 3), (4, 4), (8, 2), (6, 5), (1, 1), (3, 1)]:
    a = torch.randn(m, n, dtype=torch.float64)
    q, r = torch.linalg.qr(a)
    d = torch.diag(r, 0)
    q *= d.sign()
    orth.append({"m": m, "n": n, "a": [float(v) for v in a.reshape(-1).tolist()],
                 "q": [float(v) for v in q.reshape(-1).tolist()]})
out["orthogonalQ"] = orth
ortho_stats = []
for shape, gain in [([30, 20], 1.0), ([20, 30], 2.0), ([16, 4, 3, 3], 1.0)]:
    w = init.orthogonal_(torch.empty(*shape), gain=gain)
    rows = shape[0]
    flat = w.reshape(rows, -1).double()
    gram = flat.T @ flat if flat.shape[0] >= flat.shape[1] else flat @ flat.T
    ortho_stats.append({"shape": shape, "gain": gain,
                        "gramDiag": float(torch.diag(gram).mean()),
                        "gramOffMax": float((gram - torch.diag(torch.diag(gram))).abs().max())})
out["orthogonalGram"] = ortho_stats

# Dropout: torch's kept values x * fl(1 / fl(1 - p)) for several p, and p = 1 / eval behaviour.
drop = []
x = torch.randn(400)
for p in [0.1, 0.3, 0.5, 0.9, 1.0 / 3]:
    y = F.dropout(x, p=p, training=True)
    drop.append({"p": p, "x": f32(x), "y": f32(y), "keptFraction": float((y != 0).double().mean())})
out["dropout"] = drop
xs = torch.tensor([1.0, -2.0, float("nan"), 0.5])
out["dropoutP1"] = {"x": [1.0, -2.0, None, 0.5],
                    "y": [None if math.isnan(v) else v for v in F.dropout(xs, p=1.0).tolist()],
                    "negZero": [math.copysign(1, v) < 0 for v in F.dropout(xs, p=1.0).tolist()]}
out["dropoutEvalIdentity"] = bool(F.dropout(x, p=0.5, training=False) is x or torch.equal(F.dropout(x, 0.5, False), x))

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "creation.json")
with open(path, "w") as fh:
    json.dump(out, fh, separators=(",", ":"))
print("wrote", path, os.path.getsize(path), "bytes")
