#!/usr/bin/env python3
"""Oracle for the in-place ops of @dl/tensor (add_, sub_, mul_, div_, clip_ = clamp_, relu_, fill_, zero_, copy_)
and for autograd's version-counter check: runs PyTorch 1.13 and writes fixtures/inplace.json.

Run by hand with /usr/bin/python3; CI only reads the JSON. Two kinds of cases, each a small program that the test
repeats with @dl/tensor under the same name:
- 'grad': float64 inputs, the program's value after the in-place op and the gradients of its loss;
- 'check': whether PyTorch rejects the program ('op': at the in-place call, 'backward': in backward()), and the
  gradients when it accepts.
"""
import json

import torch

torch.manual_seed(15)
D = torch.float64


def enc(t):
    return None if t is None else [float(v) for v in t.detach().reshape(-1).tolist()]


def inputs():
    a = torch.randn(3, 4, dtype=D)
    b = torch.randn(4, dtype=D)
    c = torch.randn(3, 4, dtype=D)
    bf = torch.randn(3, 4, dtype=D)  # full-shape operand
    pos = torch.rand(4, dtype=D) + 0.5  # a divisor away from 0
    w = torch.randn(5, 4, dtype=D)
    bias = torch.randn(5, dtype=D)
    c5 = torch.randn(3, 5, dtype=D)
    m = torch.randn(4, 2, dtype=D)
    return dict(a=a, b=b, c=c, bf=bf, pos=pos, w=w, bias=bias, c5=c5, m=m)


GRAD = {
    'relu_': (['a'], lambda t: (lambda h: (h.relu_(), (h * h * t['c']).sum(), h)[1:])(t['a'] * 2)),
    'add_ tensor': (['a', 'b'], lambda t: (lambda h: (h.add_(t['b']), (h * h * t['c']).sum(), h)[1:])(t['a'] * 1.5)),
    'add_ number': (['a'], lambda t: (lambda h: (h.add_(0.25), (h * h).sum(), h)[1:])(t['a'] * 1.5)),
    'sub_ tensor': (['a', 'b'], lambda t: (lambda h: (h.sub_(t['b']), (h * h * t['c']).sum(), h)[1:])(t['a'] * 1.5)),
    'mul_ tensor': (['a', 'bf'], lambda t: (lambda h: (h.mul_(t['bf']), (h * t['c']).sum(), h)[1:])(t['a'] * 1.5)),
    'mul_ broadcast': (['a', 'b'], lambda t: (lambda h: (h.mul_(t['b']), (h * h * t['c']).sum(), h)[1:])(t['a'] + 0)),
    'mul_ number': (['a'], lambda t: (lambda h: (h.mul_(3), (h * h).sum(), h)[1:])(t['a'] + 0)),
    'div_ tensor': (['a', 'pos'], lambda t: (lambda h: (h.div_(t['pos']), (h * h * t['c']).sum(), h)[1:])(t['a'] * 2)),
    'clip_': (['a'], lambda t: (lambda h: (h.clamp_(-0.5, 0.5), (h * t['c']).sum(), h)[1:])(t['a'] * 2)),
    'fill_': (['a'], lambda t: (lambda h: (h.fill_(3), (h * t['c']).sum() + (t['a'] * t['a']).sum(), h)[1:])(t['a'] * 2)),
    'zero_': (['a'], lambda t: (lambda h: (h.zero_(), (h * t['c']).sum() + (t['a'] * t['a']).sum(), h)[1:])(t['a'] * 2)),
    'copy_ broadcast': (['a', 'b'], lambda t: (lambda h: (h.copy_(t['b']), (h * h * t['c']).sum(), h)[1:])(t['a'] * 2)),
    'relu_ after linear': (
        ['a', 'w', 'bias'],
        lambda t: (lambda h: (h.relu_(), (h * t['c5']).sum(), h)[1:])(torch.nn.functional.linear(t['a'], t['w'], t['bias'])),
    ),
    'chain add_ mul_ relu_': (
        ['a', 'b', 'bf'],
        lambda t: (lambda h: (h.add_(t['b']).mul_(t['bf']).relu_(), (h * t['c']).sum(), h)[1:])(t['a'] * 1.5),
    ),
}


def run_grad(name, leaves, prog):
    t = inputs()
    for k in leaves:
        t[k].requires_grad_(True)
    loss, value = prog(t)
    loss.backward()
    return {
        'kind': 'grad', 'name': name, 'inputs': {k: enc(v) for k, v in inputs_snapshot.items()},
        'value': enc(value), 'loss': float(loss), 'grads': {k: enc(t[k].grad) for k in leaves},
    }


def p_leaf(t):
    t['a'].add_(1)
    return t['a'].sum()


def p_leaf_nograd_mul(t):
    y = t['a'] * t['c']
    with torch.no_grad():
        t['a'].add_(1)
    return y.sum()


def p_data_mul(t):
    y = t['a'] * t['c']
    t['c'].mul_(2)
    return y.sum()


def p_data_add(t):
    y = t['a'] + t['c']
    t['c'].mul_(2)
    return y.sum()


def p_exp(t):
    y = t['a'].exp()
    y.add_(1)
    return y.sum()


def p_tanh(t):
    y = t['a'].tanh()
    y.mul_(2)
    return y.sum()


def p_sigmoid(t):
    y = t['a'].sigmoid()
    y.sub_(1)
    return y.sum()


def p_sum_leaf(t):
    y = t['a'].sum()
    with torch.no_grad():
        t['a'].add_(1)
    return y


def p_relu_then_modify(t):
    h = t['a'] * 2
    h.relu_()
    h.add_(1)
    return (h * t['c']).sum()


def p_mul_number_leaf(t):
    y = (t['a'] * 2).sum()
    with torch.no_grad():
        t['a'].add_(1)
    return y


def p_mul_tensor_other_leaf(t):
    # y = a * c with only a requiring grad: the backward reads c, not a, so modifying a is fine
    y = (t['a'] * t['c']).sum()
    with torch.no_grad():
        t['a'].add_(1)
    return y


def p_view(t):
    y = t['a'] * t['c']
    v = t['c'].reshape(12)
    v.add_(1)
    return y.sum()


def p_detach(t):
    y = t['a'] * t['c']
    d = t['c'].detach()
    d.add_(1)
    return y.sum()


def p_used_intermediate(t):
    h = t['a'] * 2
    z = h * 3
    h.add_(1)
    return z.sum() + h.sum()


def p_matmul_data(t):
    y = t['a'] @ t['m']  # the gradient of a reads m
    t['m'].mul_(2)
    return y.sum()


def p_transposed_data(t):
    y = t['c'].t() @ t['a']  # PyTorch's t() is a view of c, so the product saved c's version
    t['c'].mul_(2)
    return y.sum()


def p_relu_linear(t):
    h = torch.nn.functional.linear(t['a'], t['w'], t['bias'])
    h.relu_()
    return (h * t['c5']).sum()


CHECK = [
    ('leaf requires grad, in-place outside no_grad', ['a'], p_leaf),
    ('leaf modified in no_grad after mul read it', ['a'], p_leaf_nograd_mul),
    ('data tensor modified after mul read it', ['a'], p_data_mul),
    ('data tensor modified after add (add reads nothing)', ['a'], p_data_add),
    ('exp output modified (exp reads its output)', ['a'], p_exp),
    ('tanh output modified', ['a'], p_tanh),
    ('sigmoid output modified', ['a'], p_sigmoid),
    ('leaf modified in no_grad after sum (sum reads nothing)', ['a'], p_sum_leaf),
    ('relu_ result modified again before backward', ['a'], p_relu_then_modify),
    ('leaf modified in no_grad after multiplication by a number', ['a'], p_mul_number_leaf),
    ('leaf modified in no_grad after mul by a constant tensor', ['a'], p_mul_tensor_other_leaf),
    ('a view of the data modified (shared version)', ['a'], p_view),
    ('a detached alias of the data modified (shared version)', ['a'], p_detach),
    ('intermediate modified after a recorded op read it', ['a'], p_used_intermediate),
    ('matmul operand modified', ['a'], p_matmul_data),
    ('transposed matmul operand modified', ['a'], p_transposed_data),
    ('relu_ on the output of linear', ['a', 'w', 'bias'], p_relu_linear),
]

cases = []
for name, (leaves, prog) in GRAD.items():
    torch.manual_seed(sum(map(ord, name)))
    inputs_snapshot = inputs()
    torch.manual_seed(sum(map(ord, name)))
    cases.append(run_grad(name, leaves, prog))

for name, leaves, prog in CHECK:
    torch.manual_seed(len(cases))
    snap = inputs()
    torch.manual_seed(len(cases))
    t = inputs()
    for k in leaves:
        t[k].requires_grad_(True)
    entry = {'kind': 'check', 'name': name, 'inputs': {k: enc(v) for k, v in snap.items()}, 'leaves': leaves}
    try:
        loss = prog(t)
    except RuntimeError as e:
        entry.update(rejects='op', message=str(e).split('\n')[0])
        cases.append(entry)
        continue
    try:
        loss.backward()
        entry.update(rejects=None, grads={k: enc(t[k].grad) for k in leaves})
    except RuntimeError as e:
        entry.update(rejects='backward', message=str(e).split('\n')[0])
    cases.append(entry)

with open('fixtures/inplace.json', 'w') as f:
    json.dump({'torch': torch.__version__, 'cases': cases}, f, indent=1)
print(len(cases), 'cases')
for c in cases:
    if c['kind'] == 'check':
        print(c['name'], '->', c['rejects'], c.get('message', '')[:90])
