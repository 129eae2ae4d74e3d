"""Writes packages/nn/fixtures/nn.json: PyTorch 1.13 reference values for the @dl/nn tests.

Run by hand with /usr/bin/python3 (torch 1.13); CI never runs it. Every tensor is written in the @dl/nn state-dict
entry format ({"shape", "dtype", "data"}), so the tests load weights with loadStateDict directly: this file is
also the worked example of moving a PyTorch state_dict into @dl/nn.
"""
import copy
import json
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(1234)


def entry(t):
    t = t.detach()
    dtype = {torch.float32: "float32", torch.float64: "float64", torch.int32: "int32"}[t.dtype]
    return {"shape": list(t.shape), "dtype": dtype, "data": t.flatten().tolist()}


def state(module):
    return {k: entry(v) for k, v in module.state_dict().items()}


out = {}

# 1. An MLP: Sequential(Linear(4, 8), ReLU(), Linear(8, 3)); loss = sum(y^2); forward and parameter gradients.
mlp = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))
x = torch.randn(5, 4, requires_grad=True)
y = mlp(x)
loss = (y**2).sum()
loss.backward()
out["mlp"] = {
    "stateDict": state(mlp),
    "keys": list(mlp.state_dict().keys()),
    "x": entry(x),
    "y": entry(y),
    "loss": loss.item(),
    "gradX": entry(x.grad),
    "grads": {k: entry(p.grad) for k, p in mlp.named_parameters()},
}

# 2. Linear on a 3-D input (batch dimensions broadcast) and without bias.
lin = nn.Linear(3, 2, bias=False)
x3 = torch.randn(2, 4, 3, requires_grad=True)
y3 = lin(x3)
(y3 * torch.arange(16.0).reshape(2, 4, 2)).sum().backward()
out["linearNoBias3d"] = {
    "stateDict": state(lin),
    "keys": list(lin.state_dict().keys()),
    "x": entry(x3),
    "proj": entry(torch.arange(16.0).reshape(2, 4, 2)),
    "y": entry(y3),
    "gradX": entry(x3.grad),
    "gradWeight": entry(lin.weight.grad),
}


# 3. State-dict key naming of nested models.
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(2, 3), nn.Tanh(), nn.Linear(3, 3, bias=False))
        self.act = nn.PReLU()
        self.head = nn.Linear(3, 1)

    def forward(self, x):
        return self.head(self.act(self.encoder(x)))


net = Net()
out["netKeys"] = {"keys": list(net.state_dict().keys()), "shapes": [list(v.shape) for v in net.state_dict().values()]}


class OwnAfterChild(nn.Module):
    # A submodule declared before a parameter of the module itself: PyTorch lists its own parameters first.
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 2)
        self.scale = nn.Parameter(torch.ones(1))


own = OwnAfterChild()
out["ownFirstKeys"] = {
    "stateDict": list(own.state_dict().keys()),
    "namedParameters": [k for k, _ in own.named_parameters()],
}

# 4. Activation modules: forward and d(sum(y * proj))/dx (and the PReLU weight gradient).
xa = torch.tensor(
    [[-30.0, -4.0, -2.5, -1.0, -0.5, -1e-3], [0.0, 1e-3, 0.5, 1.0, 2.5, 4.0], [25.0, -0.25, 0.75, -1.5, 3.0, 19.0]]
)
proj = torch.linspace(-1.0, 2.0, xa.numel()).reshape(xa.shape)
acts = {
    "ReLU": (nn.ReLU(), {}),
    "LeakyReLU": (nn.LeakyReLU(), {}),
    "LeakyReLU_0.2": (nn.LeakyReLU(0.2), {"negativeSlope": 0.2}),
    "Sigmoid": (nn.Sigmoid(), {}),
    "Tanh": (nn.Tanh(), {}),
    "GELU": (nn.GELU(), {}),
    "GELU_tanh": (nn.GELU(approximate="tanh"), {"approximate": "tanh"}),
    "SiLU": (nn.SiLU(), {}),
    "Softplus": (nn.Softplus(), {}),
    "Softplus_2_5": (nn.Softplus(beta=2.0, threshold=5.0), {"beta": 2.0, "threshold": 5.0}),
    "ELU": (nn.ELU(), {}),
    "ELU_0.5": (nn.ELU(alpha=0.5), {"alpha": 0.5}),
    "SELU": (nn.SELU(), {}),
    "Mish": (nn.Mish(), {}),
    "PReLU": (nn.PReLU(), {}),
}
out["activations"] = {"x": entry(xa), "proj": entry(proj), "cases": {}}
for name, (mod, options) in acts.items():
    xi = xa.clone().requires_grad_(True)
    yi = mod(xi)
    (yi * proj).sum().backward()
    case = {"module": name.split("_")[0], "options": options, "y": entry(yi), "gradX": entry(xi.grad)}
    # The same computation in float64 (same float32 inputs): the exact values, to tell our rounding from PyTorch's.
    mod64 = copy.deepcopy(mod).double()
    x64 = xa.double().requires_grad_(True)
    y64 = mod64(x64)
    (y64 * proj.double()).sum().backward()
    case["y64"] = entry(y64)
    case["gradX64"] = entry(x64.grad)
    if isinstance(mod, nn.PReLU):
        case["stateDict"] = state(mod)
        case["gradWeight"] = entry(mod.weight.grad)
    out["activations"]["cases"][name] = case

# PReLU with one weight per channel (dimension 1 of an [N, C, L] input).
pr = nn.PReLU(num_parameters=3, init=0.1)
with torch.no_grad():
    pr.weight.copy_(torch.tensor([0.1, -0.2, 0.3]))
xp = torch.randn(2, 3, 4, requires_grad=True)
yp = pr(xp)
(yp * torch.linspace(-1, 1, 24).reshape(2, 3, 4)).sum().backward()
out["preluChannels"] = {
    "stateDict": state(pr),
    "x": entry(xp),
    "proj": entry(torch.linspace(-1, 1, 24).reshape(2, 3, 4)),
    "y": entry(yp),
    "gradX": entry(xp.grad),
    "gradWeight": entry(pr.weight.grad),
}

# 5. The lecture model y = b + sum_i c_i sigmoid(b_i + w_i x) as Sequential(Linear(1, K), Sigmoid(), Linear(K, 1)):
# loss (mean squared error) and gradients at fixed parameters, to check the walkthrough's first step.
K = 6
curve = nn.Sequential(nn.Linear(1, K), nn.Sigmoid(), nn.Linear(K, 1))
xs = torch.linspace(-1.0, 1.0, 21).reshape(-1, 1)
target = torch.where(xs < -0.3, 0.5 - xs, torch.where(xs < 0.4, 0.8 + 0.0 * xs, 0.8 + 2.0 * (xs - 0.4)))
pred = curve(xs)
mse = ((pred - target) ** 2).mean()
mse.backward()
out["sigmoidCurve"] = {
    "stateDict": state(curve),
    "x": entry(xs),
    "target": entry(target),
    "loss": mse.item(),
    "grads": {k: entry(p.grad) for k, p in curve.named_parameters()},
}

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "nn.json")
with open(path, "w") as f:
    json.dump(out, f, separators=(",", ":"))
print("wrote", os.path.normpath(path), os.path.getsize(path), "bytes")
