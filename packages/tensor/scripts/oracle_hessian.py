"""Oracle for second-order autograd: full Hessians from torch.autograd.functional.hessian (PyTorch 1.13, float64).

Each case names a function that test/hessian.test.ts builds from the same ops with @dl/tensor; the test
computes the Hessian column by column with hvp() (double backward) and compares.
Run: /usr/bin/python3 scripts/oracle_hessian.py  (writes fixtures/hessian.json)
"""
import json
import torch
from torch.autograd.functional import hessian

torch.manual_seed(0)
torch.set_default_dtype(torch.float64)


def tolist(t):
    return t.detach().reshape(-1).tolist()


cases = []

# 1. log-sum-exp of a linear map plus a weighted quadratic (smooth, dense Hessian)
W = torch.randn(3, 4)
c = torch.rand(4) + 0.5
x = torch.randn(4)
f1 = lambda x: torch.logsumexp(W @ x, 0) + 0.5 * torch.sum(c * x * x)
cases.append({'name': 'logsumexp_quadratic', 'x': tolist(x), 'shape': [4], 'W': tolist(W), 'c': tolist(c),
              'value': f1(x).item(), 'hessian': tolist(hessian(f1, x))})

# 2. Rosenbrock in 5 dimensions (banded Hessian; slices)
x = torch.tensor([-1.2, 1.0, 0.5, -0.3, 0.8])
f2 = lambda x: torch.sum(100 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2)
cases.append({'name': 'rosenbrock', 'x': tolist(x), 'shape': [5], 'value': f2(x).item(), 'hessian': tolist(hessian(f2, x))})

# 3. softmax regression: mean cross-entropy of X @ Wp with respect to the weights Wp [3, 4]
X = torch.randn(6, 3)
y = torch.tensor([0, 1, 3, 2, 1, 0])
Wp = torch.randn(3, 4) * 0.5
f3 = lambda w: torch.nn.functional.cross_entropy(X @ w, y)
cases.append({'name': 'softmax_regression', 'x': tolist(Wp), 'shape': [3, 4], 'X': tolist(X), 'y': y.tolist(),
              'value': f3(Wp).item(), 'hessian': tolist(hessian(f3, Wp))})

# 4. a one-hidden-layer tanh network's squared error with respect to its first-layer weights [2, 3]
Xn = torch.randn(5, 2)
t = torch.randn(5)
v = torch.randn(3)
W1 = torch.randn(2, 3)
f4 = lambda w: torch.mean((torch.tanh(Xn @ w) @ v - t) ** 2)
cases.append({'name': 'tanh_mlp', 'x': tolist(W1), 'shape': [2, 3], 'X': tolist(Xn), 't': tolist(t), 'v': tolist(v),
              'value': f4(W1).item(), 'hessian': tolist(hessian(f4, W1))})

# 5. sigmoid-sum model of the lecture, y = b + sum_i c_i sigmoid(b_i + w_i x), loss wrt (w, b_i) stacked [2, 3]
xs = torch.linspace(-2, 2, 7)
ys = torch.sin(xs)
c5 = torch.tensor([1.0, -0.5, 0.8])
P = torch.randn(2, 3)
f5 = lambda p: torch.mean((torch.sigmoid(xs[:, None] * p[0] + p[1]) @ c5 - ys) ** 2)
cases.append({'name': 'sigmoid_sum', 'x': tolist(P), 'shape': [2, 3], 'xs': tolist(xs), 'ys': tolist(ys), 'c': tolist(c5),
              'value': f5(P).item(), 'hessian': tolist(hessian(f5, P))})

with open('fixtures/hessian.json', 'w') as fh:
    json.dump({'torch': torch.__version__, 'cases': cases}, fh)
print('wrote fixtures/hessian.json with', len(cases), 'cases')
