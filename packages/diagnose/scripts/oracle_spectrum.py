"""Spectrum oracles for @dl/diagnose's trace, density and power-iteration tools, from PyTorch 1.13 and NumPy.

Run: /usr/bin/python3 scripts/oracle_spectrum.py  (reads fixtures/hessians.json, writes fixtures/spectrum.json).
CI never runs this script.

The 485-parameter tanh MLP of scripts/oracle.py (same data and weights, read from its fixture): its full Hessian
by torch.autograd.functional.hessian (float64), then
- trace, sum of squared eigenvalues (= squared Frobenius norm), sum of squared diagonal entries (Hutchinson's
  variance is 2 (|H|_F^2 - sum H_ii^2)), tr(H^3) / n;
- the eigenvalues by torch.linalg.eigh and, as a cross-check, numpy.linalg.eigh;
- the eigenvectors of the 3 largest, the 3 smallest and the 3 largest-magnitude eigenvalues.
"""
import json
import pathlib

import numpy as np
import torch

torch.set_default_dtype(torch.float64)
root = pathlib.Path(__file__).resolve().parent.parent
fx = json.loads((root / "fixtures" / "hessians.json").read_text())["mlp"]
shapes = [tuple(s) for s in fx["shapes"]]
sizes = [int(np.prod(s)) for s in shapes]
X = torch.tensor(fx["X"])
y = torch.tensor(fx["y"])
theta = torch.tensor(fx["theta"])


def mlp_loss(t):
    parts = torch.split(t, sizes)
    w1, b1, w2, b2 = (p.reshape(s) for p, s in zip(parts, shapes))
    h = torch.tanh(X @ w1.T + b1)
    return torch.nn.functional.cross_entropy(h @ w2.T + b2, y)


H = torch.autograd.functional.hessian(mlp_loss, theta)
H = 0.5 * (H + H.T)
evals, evecs = torch.linalg.eigh(H)
np_evals = np.linalg.eigh(H.numpy())[0]
assert np.allclose(np_evals, evals.numpy(), rtol=0, atol=1e-10)
n = H.shape[0]
order_mag = torch.argsort(evals.abs(), descending=True)
out = {
    "torch": torch.__version__,
    "numpy": np.__version__,
    "dimension": n,
    "trace": torch.trace(H).item(),
    "frobeniusSquared": (H * H).sum().item(),
    "diagonalSquared": (torch.diagonal(H) ** 2).sum().item(),
    "thirdMomentPerDimension": torch.trace(H @ H @ H).item() / n,
    "eigenvalues": evals.tolist(),
    "largest": {"values": evals[-3:].flip(0).tolist(), "vectors": evecs[:, -3:].flip(1).T.tolist()},
    "smallest": {"values": evals[:3].tolist(), "vectors": evecs[:, :3].T.tolist()},
    "magnitude": {
        "values": evals[order_mag[:3]].tolist(),
        "vectors": evecs[:, order_mag[:3]].T.tolist(),
    },
}
path = root / "fixtures" / "spectrum.json"
path.write_text(json.dumps(out) + "\n")
print("wrote", path, "n =", n, "trace", out["trace"], "extremes", evals[0].item(), evals[-1].item())
