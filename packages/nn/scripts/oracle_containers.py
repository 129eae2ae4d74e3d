"""Writes packages/nn/fixtures/containers.json: how PyTorch 1.13 names the state of nn.ModuleList / nn.ModuleDict.

Run by hand with /usr/bin/python3 (torch 1.13); CI never runs it. test/containers.oracle.test.ts builds the same
model with @dl/nn's ModuleList and ModuleDict, checks that the state-dict keys, parameter names and module names
are PyTorch's, in PyTorch's order, then loads these PyTorch weights and compares the forward pass.
"""
import json

import torch
import torch.nn as nn

torch.manual_seed(14)


def entry(t):
    t = t.detach()
    return {"shape": list(t.shape), "dtype": "float32", "data": t.flatten().tolist()}


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.scale = nn.Parameter(torch.rand(3) + 0.5)
        self.blocks = nn.ModuleList([nn.Linear(3, 3), nn.Sequential(nn.Linear(3, 3), nn.Tanh())])
        self.heads = nn.ModuleDict({"mean": nn.Linear(3, 2), "spread": nn.ModuleList([nn.Linear(3, 2, bias=False)])})
        self.empty = nn.ModuleList()

    def forward(self, x):
        x = x * self.scale
        for b in self.blocks:
            x = torch.relu(b(x))
        return self.heads["mean"](x) + self.heads["spread"][0](x)


net = Net()
x = torch.randn(4, 3)
y = net(x)
out = {
    "torch": torch.__version__,
    "keys": list(net.state_dict().keys()),
    "namedParameters": [k for k, _ in net.named_parameters()],
    "namedModules": [k for k, _ in net.named_modules()],
    "namedChildren": [k for k, _ in net.named_children()],
    "stateDict": {k: entry(v) for k, v in net.state_dict().items()},
    "x": entry(x),
    "y": entry(y),
}
with open("fixtures/containers.json", "w") as fh:
    json.dump(out, fh)
print("wrote fixtures/containers.json:", out["keys"])
