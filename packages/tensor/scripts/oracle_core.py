#!/usr/bin/env python3
"""Oracle for the core ops of @dl/tensor (add, sub, mul, div, neg, sum, reshape, broadcastTo): runs PyTorch 1.13
and writes fixtures/core.json.

Run by hand with /usr/bin/python3; CI only reads the JSON. Each case records float32 inputs, the op's parameters,
PyTorch's float32 output, a random cotangent `w`, and the gradients of sum(out * w) for every input.
"""
import json

import torch

torch.manual_seed(2024)
cases = []


def enc(t):
    return {'shape': list(t.shape), 'data': [float('%.9g' % v) for v in t.detach().reshape(-1).tolist()]}


def case(op, params, inputs, fn):
    leaves = [t.clone().requires_grad_(True) for t in inputs]
    out = fn(*leaves)
    w = torch.randn(out.shape)
    grads = torch.autograd.grad((out * w).sum(), leaves, allow_unused=True)
    cases.append({
        'op': op, 'params': params, 'inputs': [enc(t) for t in inputs], 'out': enc(out), 'w': enc(w)['data'],
        'grads': [enc(g if g is not None else torch.zeros_like(l))['data'] for g, l in zip(grads, leaves)],
    })


broadcast_pairs = [
    ([3, 4], [3, 4]), ([3, 4], [4]), ([4], [3, 4]), ([2, 1, 4], [3, 1]), ([1], [2, 3]), ([], [2, 3]),
    ([2, 3], []), ([5, 1, 1], [1, 6, 2]), ([2, 3, 4], [2, 1, 4]),
]
for op, fn in [('add', torch.add), ('sub', torch.sub), ('mul', torch.mul), ('div', torch.div)]:
    for sa, sb in broadcast_pairs:
        a = torch.randn(sa)
        b = torch.randn(sb)
        if op == 'div':
            b = b.sign() * (b.abs() + 0.5)
        case(op, {}, [a, b], fn)
    # a number as the second operand
    a = torch.randn(3, 2)
    case(op, {'scalar': 1.75}, [a], lambda x, f=fn: f(x, 1.75))

for shape in [[5], [2, 3], [2, 3, 4]]:
    case('neg', {}, [torch.randn(shape)], torch.neg)

for shape, axis, keep in [([6], None, False), ([2, 3], None, False), ([2, 3], 0, False), ([2, 3], 1, True),
                          ([2, 3, 4], [0, 2], False), ([2, 3, 4], [-1], True), ([2, 3, 4], [0, 1, 2], True),
                          ([4, 1, 3], 1, False), ([1000], None, False)]:
    x = torch.randn(shape)
    dims = tuple(range(len(shape))) if axis is None else ((axis,) if isinstance(axis, int) else tuple(axis))
    case('sum', {'axis': axis, 'keepDims': keep}, [x], lambda t, d=dims, k=keep: torch.sum(t, dim=d, keepdim=k))

for src, dst in [([2, 3], [3, 2]), ([2, 3, 4], [6, -1]), ([6], [1, 2, 3]), ([2, 2], [-1])]:
    case('reshape', {'shape': dst}, [torch.randn(src)], lambda t, s=dst: t.reshape(*s))

for src, dst in [([3], [2, 3]), ([2, 1], [2, 4]), ([1, 3, 1], [2, 3, 5]), ([], [2, 2])]:
    case('broadcastTo', {'shape': dst}, [torch.randn(src)], lambda t, s=dst: t.expand(*s))

with open('fixtures/core.json', 'w') as f:
    json.dump({'torch': torch.__version__, 'cases': cases}, f, separators=(',', ':'))
print('wrote fixtures/core.json with', len(cases), 'cases')
