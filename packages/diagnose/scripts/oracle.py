"""Oracles for @dl/diagnose's critical-point tools, from PyTorch 1.13 (Debian python3-torch).

Run: /usr/bin/python3 scripts/oracle.py  (writes fixtures/hessians.json). CI never runs this script.

- Rosenbrock f(x, y) = (1 - x)^2 + 100 (y - x^2)^2: the full Hessian at (1, 1) and at (-1, 2) by
  torch.autograd.functional.hessian, its eigenvalues by torch.linalg.eigvalsh (float64).
- A 10-30-5 tanh MLP (485 parameters) with cross-entropy on 64 fixed samples: its weights, the data, the full
  Hessian's eigenvalues (torch.autograd.functional.hessian + eigvalsh, float64), the gradient norm.
"""
import json
import pathlib

import torch

torch.manual_seed(0)
torch.set_default_dtype(torch.float64)
out = {"torch": torch.__version__}


def rosenbrock(p):
    return (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2


out["rosenbrock"] = []
for point in ([1.0, 1.0], [-1.0, 2.0]):
    x = torch.tensor(point)
    h = torch.autograd.functional.hessian(rosenbrock, x)
    out["rosenbrock"].append(
        {"point": point, "hessian": h.tolist(), "eigenvalues": torch.linalg.eigvalsh(h).tolist()}
    )

n_in, n_hidden, n_out, n_samples = 10, 30, 5, 64
X = torch.randn(n_samples, n_in)
y = torch.randint(0, n_out, (n_samples,))
shapes = [(n_hidden, n_in), (n_hidden,), (n_out, n_hidden), (n_out,)]
sizes = [int(torch.tensor(s).prod()) for s in shapes]
theta = torch.cat([torch.randn(k) * (0.5 if len(s) == 2 else 0.1) for s, k in zip(shapes, sizes)])


def mlp_loss(t):
    parts = torch.split(t, sizes)
    w1, b1, w2, b2 = (p.reshape(s) for p, s in zip(parts, shapes))
    h = torch.tanh(X @ w1.T + b1)
    return torch.nn.functional.cross_entropy(h @ w2.T + b2, y)


H = torch.autograd.functional.hessian(mlp_loss, theta)
t = theta.clone().requires_grad_(True)
g = torch.autograd.grad(mlp_loss(t), t)[0]
out["mlp"] = {
    "shapes": [list(s) for s in shapes],
    "X": X.tolist(),
    "y": y.tolist(),
    "theta": theta.tolist(),
    "loss": mlp_loss(theta).item(),
    "gradientNorm": g.norm().item(),
    "eigenvalues": torch.linalg.eigvalsh(H).tolist(),
}

path = pathlib.Path(__file__).resolve().parent.parent / "fixtures" / "hessians.json"
path.write_text(json.dumps(out) + "\n")
print("wrote", path, "parameters:", theta.numel())
