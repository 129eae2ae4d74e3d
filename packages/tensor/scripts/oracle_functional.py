"""Oracle for jacobian() and eigh(): torch.autograd.functional.jacobian and torch.linalg.eigh (PyTorch 1.13).

test/functional.oracle.test.ts builds the same functions with @dl/tensor ops and compares; the Hessians of
fixtures/hessian.json (torch.autograd.functional.hessian) are checked against hessian() there too, and their
spectra (torch.linalg.eigh of each) are written here. Eigenvector signs are arbitrary in LAPACK: the test compares
eigenvectors up to sign (and only for well-separated eigenvalues).
Run: /usr/bin/python3 scripts/oracle_functional.py  (writes fixtures/functional.json)
"""
import json

import torch
from torch.autograd.functional import jacobian

torch.manual_seed(14)
torch.set_default_dtype(torch.float64)


def flat(t):
    return t.detach().reshape(-1).tolist()


jac = []

# 1. tanh of a linear map: R^4 -> R^3
W = torch.randn(3, 4)
x = torch.randn(4)
f = lambda x: torch.tanh(W @ x)
jac.append({'name': 'tanh_linear', 'W': flat(W), 'x': flat(x), 'shape': [4], 'value': flat(f(x)),
            'outShape': [3], 'jacobian': flat(jacobian(f, x))})

# 2. softmax over the last axis of a [2, 3] matrix: R^{2x3} -> R^{2x3} (block-diagonal Jacobian)
x = torch.randn(2, 3)
f = lambda x: torch.softmax(x, -1)
jac.append({'name': 'softmax_rows', 'x': flat(x), 'shape': [2, 3], 'value': flat(f(x)), 'outShape': [2, 3],
            'jacobian': flat(jacobian(f, x))})

# 3. elementwise product with a constant plus the sum of squares broadcast: R^3 -> R^3
c = torch.randn(3)
x = torch.randn(3)
f = lambda x: x * c + torch.sum(x * x)
jac.append({'name': 'mul_plus_sumsq', 'c': flat(c), 'x': flat(x), 'shape': [3], 'value': flat(f(x)),
            'outShape': [3], 'jacobian': flat(jacobian(f, x))})

# 4. a scalar output: the Jacobian is the gradient, shape [] + x.shape
x = torch.randn(2, 2)
f = lambda x: torch.logsumexp(x.reshape(-1), 0)
jac.append({'name': 'logsumexp_scalar', 'x': flat(x), 'shape': [2, 2], 'value': flat(f(x)), 'outShape': [],
            'jacobian': flat(jacobian(f, x))})


def eig_case(name, a, dtype='float64'):
    t = a.to(torch.float32) if dtype == 'float32' else a
    w, v = torch.linalg.eigh(t)
    return {'name': name, 'dtype': dtype, 'shape': list(a.shape), 'a': flat(t), 'eigenvalues': flat(w),
            'eigenvectors': flat(v)}


eig = []
for n in [1, 2, 3, 6, 10, 24]:
    m = torch.randn(n, n)
    eig.append(eig_case(f'random_sym_{n}', (m + m.T) / 2))
m = torch.randn(5, 5)
eig.append(eig_case('spd_5', m @ m.T + 0.1 * torch.eye(5)))
m = torch.randn(6, 6)
eig.append(eig_case('non_symmetric_reads_lower_6', m))  # only the lower triangle is used
q, _ = torch.linalg.qr(torch.randn(4, 4))
eig.append(eig_case('repeated_eigenvalues_4', q @ torch.diag(torch.tensor([1.0, 1.0, -2.0, 3.0])) @ q.T))
m = torch.randn(2, 3, 4, 4)
eig.append(eig_case('batch_2x3_4', (m + m.transpose(-1, -2)) / 2))
m = torch.randn(7, 7)
eig.append(eig_case('float32_7', (m + m.T) / 2, 'float32'))
eig.append(eig_case('diagonal_unsorted_3', torch.diag(torch.tensor([3.0, -1.0, 2.0]))))
eig.append(eig_case('zeros_3', torch.zeros(3, 3)))

# The spectra of the Hessians in fixtures/hessian.json (saddles and minima of the lecture's functions).
with open('fixtures/hessian.json') as fh:
    hess = json.load(fh)['cases']
for c in hess:
    n = len(c['x'])
    eig.append(eig_case('hessian_' + c['name'], torch.tensor(c['hessian']).reshape(n, n)))

with open('fixtures/functional.json', 'w') as fh:
    json.dump({'torch': torch.__version__, 'jacobian': jac, 'eigh': eig}, fh)
print('wrote fixtures/functional.json:', len(jac), 'jacobian cases,', len(eig), 'eigh cases')
