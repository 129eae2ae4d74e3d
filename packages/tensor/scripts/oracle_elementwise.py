"""Oracle for the elementwise area of @dl/tensor: forward values and gradients from PyTorch 1.13.

Run by hand with /usr/bin/python3 (torch 1.13); writes ../fixtures/elementwise.json, read by
test/elementwise.oracle.test.ts. Each case is evaluated in float32 and float64. Gradients are taken with the
upstream gradient seed w_i = 0.5 + ((37 i) mod 11) / 10 (the test rebuilds the same seed).
Non-finite numbers are written as the strings "NaN", "Infinity", "-Infinity".
"""
import json
import math
import os

import torch
import torch.nn.functional as F

GENERAL = [-1e4, -88.0, -30.0, -20.5, -10.0, -5.0, -3.0, -2.0, -1.5, -1.0, -0.5, -0.1, -1e-3, -1e-7, 0.0,
           1e-7, 1e-3, 0.1, 0.5, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0, 20.0, 20.5, 30.0, 88.0, 1e4]
MODERATE = [v for v in GENERAL if abs(v) <= 30]
POSITIVE = [0.0, 1e-30, 1e-7, 1e-3, 0.1, 0.5, 1.0, 2.0, 3.5, 10.0, 1e3, 1e4, 1e30]
TRIG = [-100.0, -10.0, -3.0, -1.5, -1.0, -0.5, -1e-3, 0.0, 1e-3, 0.5, 1.0, 1.5, 3.0, 10.0, 100.0]


def seed(n, dtype):
    return torch.tensor([0.5 + ((37 * i) % 11) / 10 for i in range(n)], dtype=dtype)


def enc(v, dtype):
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    if dtype == torch.float32:
        return float("%.9g" % v)
    return v


def flat(t, dtype):
    return [enc(float(v), dtype) for v in t.detach().reshape(-1).tolist()]


def T(values, shape=None, mask=False):
    return {"values": values, "shape": list(shape) if shape is not None else [len(values)], "mask": mask}


def run_case(name, op, fn, args, options=None, grad=True):
    """fn(*torch_args) -> tensor; args: T(...) dicts or plain numbers."""
    case = {"name": name, "op": op, "args": [], "options": options or {}}
    for a in args:
        case["args"].append(a if not isinstance(a, dict) else {"values": [enc(v, torch.float64) for v in a["values"]],
                                                               "shape": a["shape"], "mask": a["mask"]})
    for dtype, key in ((torch.float32, "f32"), (torch.float64, "f64")):
        targs = []
        leaves = []
        for a in args:
            if isinstance(a, dict):
                t = torch.tensor(a["values"], dtype=dtype).reshape(a["shape"])
                if grad and not a["mask"]:
                    t.requires_grad_(True)
                    leaves.append(t)
                targs.append(t)
            else:
                targs.append(a)
        out = fn(*targs)
        if out.dtype == torch.bool:
            out = out.to(dtype)
        res = {"out": flat(out, dtype), "shape": list(out.shape)}
        if grad and leaves:
            gs = torch.autograd.grad(out, leaves, seed(out.numel(), dtype).reshape(out.shape), allow_unused=True)
            res["grads"] = [flat(g if g is not None else torch.zeros_like(l), dtype) for g, l in zip(gs, leaves)]
        case[key] = res
    return case


def unary(name, op, fn, values, options=None, grad=True):
    return run_case(name, op, fn, [T(values)], options, grad)


cases = []
# --- math ---
cases.append(unary("abs", "abs", torch.abs, GENERAL))
cases.append(unary("exp", "exp", torch.exp, GENERAL))
cases.append(unary("log", "log", torch.log, POSITIVE + [-1.0]))
cases.append(unary("log1p", "log1p", torch.log1p, [-1.0, -0.999, -0.5, -1e-7, 0.0, 1e-10, 1e-7, 1e-3, 0.5, 1.0, 10.0, 1e4]))
cases.append(unary("expm1", "expm1", torch.expm1, MODERATE + [88.0, -1e4]))
cases.append(unary("sqrt", "sqrt", torch.sqrt, POSITIVE + [-1.0]))
cases.append(unary("rsqrt", "rsqrt", torch.rsqrt, POSITIVE))
cases.append(unary("square", "square", torch.square, GENERAL))
cases.append(unary("sin", "sin", torch.sin, TRIG))
cases.append(unary("cos", "cos", torch.cos, TRIG))
cases.append(unary("tanh", "tanh", torch.tanh, GENERAL))
cases.append(unary("sigmoid", "sigmoid", torch.sigmoid, GENERAL))
cases.append(unary("sign", "sign", torch.sign, GENERAL))
cases.append(unary("reciprocal", "reciprocal", torch.reciprocal, [v for v in GENERAL if v != 0.0] + [0.0]))
cases.append(unary("erf", "erf", torch.erf, [v for v in GENERAL if abs(v) <= 10] + [0.3, -0.7, 2.4, 2.6, 4.0]))
cases.append(unary("erfc", "erfc", torch.erfc, [v for v in GENERAL if abs(v) <= 30] + [0.3, -0.7, 2.4, 2.6, 4.0, 9.0]))
# --- pow ---
BASES = [-2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 10.0]
for e in (2.0, 3.0, 0.5, -1.0, 0.0, 1.5, -2.5):
    cases.append(run_case(f"pow(x, {e})", "pow", torch.pow, [T(BASES), e]))
cases.append(run_case("pow(2, x)", "pow", torch.pow, [2.0, T([-3.0, -1.0, 0.0, 0.5, 1.0, 10.0])]))
cases.append(run_case("pow(0, x)", "pow", torch.pow, [0.0, T([-1.0, 0.0, 0.5, 2.0])]))
cases.append(run_case("pow(x, y) same shape", "pow", torch.pow,
                      [T([0.0, 0.0, 0.0, 2.0, 0.5, 3.0, 1.5, 4.0]), T([0.0, 2.0, -1.0, 0.0, 2.0, -0.5, 1.3, 0.5])]))
cases.append(run_case("pow(x, y) broadcast", "pow", torch.pow,
                      [T([0.5, 1.0, 1.5, 2.0, 2.5, 3.0], [2, 3]), T([2.0, 0.5, -1.0], [3])]))
cases.append(run_case("pow(x, y) broadcast both", "pow", torch.pow,
                      [T([0.5, 2.0], [2, 1]), T([1.0, 2.0, 3.0], [1, 3])]))
# --- maximum / minimum ---
A = [1.0, 2.0, 3.0, -1.0, 0.0, 5.0]
B = [1.0, 1.0, 4.0, -1.0, 0.0, -5.0]
for op, fn in (("maximum", torch.maximum), ("minimum", torch.minimum)):
    cases.append(run_case(f"{op} same shape with ties", op, fn, [T(A, [2, 3]), T(B, [2, 3])]))
    cases.append(run_case(f"{op} broadcast with ties", op, fn, [T(A, [2, 3]), T([1.0, 1.0, 3.0], [3])]))
    cases.append(run_case(f"{op} with a number", op, lambda x, n, fn=fn: fn(x, torch.tensor(n, dtype=x.dtype)),
                          [T(A), 1.0]))
# --- comparisons (no gradient) ---
C1 = [1.0, 2.0, 3.0, -1.0, 0.0, 5.0]
C2 = [2.0, 2.0, 2.0]
for op, fn in (("equal", torch.eq), ("notEqual", torch.ne), ("less", torch.lt), ("lessEqual", torch.le),
               ("greater", torch.gt), ("greaterEqual", torch.ge)):
    cases.append(run_case(f"{op} broadcast", op, fn, [T(C1, [2, 3]), T(C2, [3])], grad=False))
    cases.append(run_case(f"{op} with a number", op, fn, [T(C1), 2.0], grad=False))
cases.append(run_case("isNan", "isNan", torch.isnan, [T([1.0, float("nan"), float("inf"), -float("inf"), 0.0])], grad=False))
cases.append(run_case("isInf", "isInf", torch.isinf, [T([1.0, float("nan"), float("inf"), -float("inf"), 0.0])], grad=False))
cases.append(run_case("isFiniteMask", "isFiniteMask", torch.isfinite,
                      [T([1.0, float("nan"), float("inf"), -float("inf"), 0.0])], grad=False))
# --- where ---
cases.append(run_case("where broadcast", "where", lambda c, a, b: torch.where(c != 0, a, b),
                      [T([1.0, 0.0, 1.0, 0.0, 0.0, 1.0], [2, 3], mask=True), T([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [2, 3]),
                       T([-1.0, -2.0, -3.0], [3])]))
cases.append(run_case("where broadcast condition", "where", lambda c, a, b: torch.where(c != 0, a, b),
                      [T([1.0, 0.0], [2, 1], mask=True), T([1.0, 2.0, 3.0], [1, 3]), T([-1.0, -2.0], [2, 1])]))
# --- clip ---
CL = [-3.0, -2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 3.0]
cases.append(unary("clip [-1, 2]", "clip", lambda x: torch.clamp(x, min=-1.0, max=2.0), CL, {"min": -1.0, "max": 2.0}))
cases.append(unary("clip min 0", "clip", lambda x: torch.clamp(x, min=0.0), CL, {"min": 0.0}))
cases.append(unary("clip max 0.5", "clip", lambda x: torch.clamp(x, max=0.5), CL, {"max": 0.5}))
cases.append(unary("clip min > max", "clip", lambda x: torch.clamp(x, min=2.0, max=-1.0), CL, {"min": 2.0, "max": -1.0}))
# --- activations ---
cases.append(unary("relu", "relu", torch.relu, GENERAL))
cases.append(unary("leakyRelu", "leakyRelu", F.leaky_relu, GENERAL))
cases.append(unary("leakyRelu slope 0.2", "leakyRelu", lambda x: F.leaky_relu(x, 0.2), GENERAL, {"negativeSlope": 0.2}))
cases.append(unary("elu", "elu", F.elu, GENERAL))
cases.append(unary("elu alpha 0.5", "elu", lambda x: F.elu(x, alpha=0.5), GENERAL, {"alpha": 0.5}))
cases.append(unary("selu", "selu", F.selu, GENERAL))
cases.append(unary("celu", "celu", F.celu, GENERAL))
cases.append(unary("celu alpha 2", "celu", lambda x: F.celu(x, alpha=2.0), GENERAL, {"alpha": 2.0}))
cases.append(unary("gelu", "gelu", F.gelu, GENERAL))
cases.append(unary("gelu tanh", "gelu", lambda x: F.gelu(x, approximate="tanh"), GENERAL, {"approximate": "tanh"}))
cases.append(unary("silu", "silu", F.silu, GENERAL))
cases.append(unary("silu beta 1.7", "silu", lambda x: x * torch.sigmoid(1.7 * x), MODERATE, {"beta": 1.7}))
cases.append(unary("mish", "mish", F.mish, GENERAL))
cases.append(unary("softplus", "softplus", F.softplus, GENERAL))
cases.append(unary("softplus beta 2 threshold 5", "softplus", lambda x: F.softplus(x, beta=2.0, threshold=5.0),
                   GENERAL + [2.5, 2.4, 2.6], {"beta": 2.0, "threshold": 5.0}))
cases.append(unary("logSigmoid", "logSigmoid", F.logsigmoid, GENERAL))
cases.append(unary("hardtanh", "hardtanh", F.hardtanh, CL))
cases.append(unary("hardtanh [-2, 3]", "hardtanh", lambda x: F.hardtanh(x, -2.0, 3.0), CL, {"minVal": -2.0, "maxVal": 3.0}))
cases.append(unary("relu6", "relu6", F.relu6, [-1.0, 0.0, 1e-3, 3.0, 6.0, 6.5, 10.0]))
cases.append(run_case("prelu per channel", "prelu", F.prelu,
                      [T([(-1) ** i * (i % 5) * 0.5 for i in range(24)], [2, 3, 4]), T([0.25, -0.5, 1.5], [3])]))
cases.append(run_case("prelu single weight", "prelu", F.prelu, [T([-2.0, -1.0, 0.0, 1.0, 2.0], [5]), T([0.25], [1])]))
cases.append(run_case("prelu 2-D per channel", "prelu", F.prelu, [T([-1.0, 2.0, -3.0, 0.0, -5.0, 6.0], [3, 2]),
                                                                  T([0.1, 0.2], [2])]))

# --- random inputs (64 values, N(0, 3^2), seeded) for every unary op, mapped into its domain ---
gen = torch.Generator().manual_seed(1234)
RAND = [float(v) for v in (torch.randn(64, generator=gen, dtype=torch.float64) * 3).tolist()]
RAND_POS = [abs(v) + 1e-3 for v in RAND]
for name, op, fn, vals, opts in (
    ("abs", "abs", torch.abs, RAND, None),
    ("exp", "exp", torch.exp, RAND, None),
    ("log", "log", torch.log, RAND_POS, None),
    ("log1p", "log1p", torch.log1p, [v - 1 + 2e-3 for v in RAND_POS], None),
    ("expm1", "expm1", torch.expm1, RAND, None),
    ("sqrt", "sqrt", torch.sqrt, RAND_POS, None),
    ("rsqrt", "rsqrt", torch.rsqrt, RAND_POS, None),
    ("square", "square", torch.square, RAND, None),
    ("sin", "sin", torch.sin, RAND, None),
    ("cos", "cos", torch.cos, RAND, None),
    ("tanh", "tanh", torch.tanh, RAND, None),
    ("sigmoid", "sigmoid", torch.sigmoid, RAND, None),
    ("reciprocal", "reciprocal", torch.reciprocal, RAND, None),
    ("erf", "erf", torch.erf, RAND, None),
    ("erfc", "erfc", torch.erfc, RAND, None),
    ("pow(x, 2.5)", "pow", lambda x, e: torch.pow(x, e), None, None),
    ("relu", "relu", torch.relu, RAND, None),
    ("leakyRelu", "leakyRelu", F.leaky_relu, RAND, None),
    ("elu", "elu", F.elu, RAND, None),
    ("selu", "selu", F.selu, RAND, None),
    ("celu", "celu", F.celu, RAND, None),
    ("gelu", "gelu", F.gelu, RAND, None),
    ("gelu tanh", "gelu", lambda x: F.gelu(x, approximate="tanh"), RAND, {"approximate": "tanh"}),
    ("silu", "silu", F.silu, RAND, None),
    ("mish", "mish", F.mish, RAND, None),
    ("softplus", "softplus", F.softplus, RAND, None),
    ("logSigmoid", "logSigmoid", F.logsigmoid, RAND, None),
    ("hardtanh", "hardtanh", F.hardtanh, RAND, None),
    ("relu6", "relu6", F.relu6, [v * 2 for v in RAND], None),
    ("clip [-1, 2]", "clip", lambda x: torch.clamp(x, min=-1.0, max=2.0), RAND, {"min": -1.0, "max": 2.0}),
):
    if vals is None:
        cases.append(run_case(f"{name} random", op, fn, [T(RAND_POS), 2.5]))
    else:
        cases.append(unary(f"{name} random", op, fn, vals, opts))
DENSE = [round(-7.0 + 0.07 * i, 6) for i in range(201)] + [i / 16 + 1 / 32 for i in range(0, 48, 5)]
cases.append(unary("erf dense", "erf", torch.erf, DENSE))
cases.append(unary("erfc dense", "erfc", torch.erfc, DENSE + [10.0, 15.0, 26.0]))
cases.append(unary("gelu dense", "gelu", F.gelu, DENSE))
cases.append(run_case("pow(x, y) random", "pow", torch.pow, [T(RAND_POS[:32], [4, 8]), T(RAND[32:40], [8])]))
cases.append(run_case("maximum random broadcast", "maximum", torch.maximum, [T(RAND[:32], [4, 8]), T(RAND[32:40], [8])]))
cases.append(run_case("minimum random broadcast", "minimum", torch.minimum, [T(RAND[:32], [4, 8]), T(RAND[32:40], [8])]))
cases.append(run_case("prelu random", "prelu", F.prelu, [T(RAND[:48], [2, 4, 6]), T([0.25, -0.1, 0.5, 2.0], [4])]))

out_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "elementwise.json")
with open(out_path, "w") as f:
    json.dump({"generator": "scripts/oracle_elementwise.py", "torch": torch.__version__, "cases": cases}, f,
              separators=(",", ":"))
print(f"wrote {len(cases)} cases to {out_path} ({os.path.getsize(out_path)} bytes)")
