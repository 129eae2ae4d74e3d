#!/usr/bin/env python3
"""Oracle for the reduceShape area of @dl/tensor: runs PyTorch 1.13 and writes fixtures/reduceShape.json.

Run by hand with /usr/bin/python3 (torch 1.13); CI only reads the JSON. Each case records the float32 inputs,
the op's parameters in the @dl/tensor API's terms, PyTorch's output, a random cotangent `w` and the gradients
of sum(out * w) with respect to every float input.
"""
import json
import os

import torch
import torch.nn.functional as F

torch.manual_seed(1234)
cases = []


def enc(t):
    t = t.detach()
    if t.dtype in (torch.int32, torch.int64):
        return {'shape': list(t.shape), 'dtype': 'int32', 'data': [int(v) for v in t.reshape(-1).tolist()]}
    return {'shape': list(t.shape), 'dtype': 'float32',
            'data': [float('%.9g' % v) for v in t.to(torch.float32).reshape(-1).tolist()]}


def case(op, params, inputs, fn):
    """inputs: list of tensors; float ones get gradients. fn(*inputs) -> output tensor (or list)."""
    leaves = [t.clone().requires_grad_(t.is_floating_point()) for t in inputs]
    out = fn(*leaves)
    outs = out if isinstance(out, (list, tuple)) else [out]
    entry = {'op': op, 'params': params, 'inputs': [enc(t) for t in inputs]}
    entry['out'] = [enc(o) for o in outs] if isinstance(out, (list, tuple)) else enc(out)
    diff = [o for o in outs if o.requires_grad]
    if diff and any(l.requires_grad for l in leaves):
        ws = [torch.randn(o.shape) for o in diff]
        loss = sum((o * w).sum() for o, w in zip(diff, ws))
        wanted = [l for l in leaves if l.requires_grad]
        grads = torch.autograd.grad(loss, wanted, allow_unused=True)
        it = iter(grads)
        gl = []
        for l in leaves:
            if l.requires_grad:
                g = next(it)
                gl.append(enc(g if g is not None else torch.zeros_like(l))['data'])
            else:
                gl.append(None)
        entry['w'] = [enc(w)['data'] for w in ws] if isinstance(out, (list, tuple)) else enc(ws[0])['data']
        entry['grads'] = gl
    cases.append(entry)


def rnd(*shape):
    return torch.randn(*shape)


def dims(axis, rank):
    if axis is None:
        return tuple(range(rank))
    return (axis,) if isinstance(axis, int) else tuple(axis)


# ---- reductions ----
red_specs = [
    ((5,), None, False), ((3, 4), None, False), ((3, 4), 0, False), ((3, 4), 1, True), ((3, 4), -1, False),
    ((2, 3, 4), [0, 2], False), ((2, 3, 4), [0, 2], True), ((2, 3, 4), [1, 2], False), ((2, 3, 4), 1, True),
    ((2, 3, 4, 5), [1, 3], False), ((4, 1, 3), [0, 1], True), ((7, 33), -1, False), ((33, 7), 0, True),
]
for shape, axis, keep in red_specs:
    x = rnd(*shape)
    p = {'axis': axis, 'keepDims': keep}
    d = dims(axis, len(shape))
    case('mean', p, [x], lambda t: t.mean(dim=d, keepdim=keep))
    for c in (0, 1):
        case('variance', {**p, 'correction': c}, [x], lambda t: torch.var(t, dim=d, correction=c, keepdim=keep))
        case('std', {**p, 'correction': c}, [x], lambda t: torch.std(t, dim=d, correction=c, keepdim=keep))
    case('logSumExp', p, [x * 3], lambda t: torch.logsumexp(t, dim=d, keepdim=keep))
    for name, full, single, multi in (('max', torch.max, torch.max, torch.amax), ('min', torch.min, torch.min, torch.amin)):
        if axis is None:
            fn = lambda t, full=full: full(t) if not keep else full(t).reshape([1] * t.dim())
        elif isinstance(axis, int):
            fn = lambda t, single=single: single(t, axis, keepdim=keep).values
        else:
            fn = lambda t, multi=multi: multi(t, dim=d, keepdim=keep)
        if axis is None and keep:
            continue
        case(name, p, [x], fn)
        # ties: small integers
        xt = torch.randint(0, 3, shape).float()
        case(name, p, [xt], fn)
    if not isinstance(axis, list):
        for name, fn in (('argmax', torch.argmax), ('argmin', torch.argmin)):
            xt = torch.randint(0, 3, shape).float()
            if axis is None:
                case(name, {'keepDims': False}, [xt], lambda t, fn=fn: fn(t).int())
            else:
                case(name, p, [xt], lambda t, fn=fn: fn(t, dim=axis, keepdim=keep).int())



def torch_prod(t, d, keep):
    for a in sorted(d, reverse=True):
        t = t.prod(a, keepdim=keep)
    return t


for shape, axis, keep in (((5,), None, False), ((3, 4), 1, False), ((3, 4), 0, True), ((2, 3, 4), [0, 2], False),
                          ((2, 3, 4), [1, 2], True), ((2, 3, 4), None, False)):
    d = dims(axis, len(shape))
    x = rnd(*shape) * 0.5 + 1
    case('prod', {'axis': axis, 'keepDims': keep}, [x], lambda t: torch_prod(t, d, keep))
    xz = x.clone()
    xz.view(-1)[1] = 0.0
    if len(shape) > 1:
        xz.view(-1)[-1] = 0.0
        xz.view(-1)[-2] = 0.0
    case('prod', {'axis': axis, 'keepDims': keep}, [xz], lambda t: torch_prod(t, d, keep))

# large values: stability
big = torch.tensor([[1000.0, 999.0, -1000.0], [-50.0, 80.0, 80.0]])
case('logSumExp', {'axis': -1, 'keepDims': False}, [big], lambda t: torch.logsumexp(t, dim=-1))
case('softmax', {'axis': -1}, [big], lambda t: F.softmax(t, dim=-1))
case('logSoftmax', {'axis': -1}, [big], lambda t: F.log_softmax(t, dim=-1))

for shape, axis in (((5,), -1), ((3, 4), -1), ((3, 4), 0), ((2, 3, 4), 1), ((2, 3, 4), -1), ((4, 50), 1), ((3, 2, 5), 0)):
    x = rnd(*shape) * 2
    case('softmax', {'axis': axis}, [x], lambda t: F.softmax(t, dim=axis))
    case('logSoftmax', {'axis': axis}, [x], lambda t: F.log_softmax(t, dim=axis))

# ---- shape ops ----
for shape, axes in (((3, 4), None), ((2, 3, 4), None), ((2, 3, 4), [1, 0, 2]), ((2, 3, 4), [2, 0, 1]),
                    ((2, 3, 2, 5), [0, 2, 3, 1]), ((9, 13), [1, 0])):
    x = rnd(*shape)
    perm = list(reversed(range(len(shape)))) if axes is None else axes
    case('transpose', {'axes': axes}, [x], lambda t: t.permute(*perm))

slice_specs = [
    ((5,), [[1, 4]]), ((5,), [[-2]]), ((5,), [[0, 5, 2]]), ((4, 6), [None, [1, -1]]), ((4, 6), [[-3, None, 2], [0, 6, 3]]),
    ((3, 4, 5), [[1], None, [2, 10]]), ((3, 4, 5), [[0, 3, 2], [3, 1]]), ((3, 4), [[5, 9]]),
]
for shape, ranges in slice_specs:
    x = rnd(*shape)
    idx = tuple(slice(None) if r is None else slice(*(list(r) + [None] * (3 - len(r)))) for r in ranges)
    case('slice', {'ranges': ranges}, [x], lambda t: t[idx])

for shapes, axis in ((((2, 3), (4, 3)), 0), (((2, 3), (2, 1), (2, 5)), 1), (((2, 3, 4), (2, 3, 2)), -1), (((3,), (2,)), 0),
                     (((2, 1, 3), (2, 4, 3)), 1)):
    xs = [rnd(*s) for s in shapes]
    case('concat', {'axis': axis}, xs, lambda *ts: torch.cat(ts, dim=axis))
for shape, n, axis in (((3,), 2, 0), ((2, 3), 3, 1), ((2, 3), 2, -1), ((2, 3, 4), 2, 2)):
    xs = [rnd(*shape) for _ in range(n)]
    case('stack', {'axis': axis}, xs, lambda *ts: torch.stack(ts, dim=axis))
for shape, sizes, axis in (((5, 2), 2, 0), ((3, 7), [2, 0, 5], 1), ((4, 6), 4, -1)):
    x = rnd(*shape)
    case('split', {'sizes': sizes, 'axis': axis}, [x], lambda t: list(torch.split(t, sizes, dim=axis)))

for xshape, ishape, axis in (((3, 4), (3, 4), 1), ((3, 4), (5, 3), 0), ((3, 4), (3, 2), -1), ((2, 3, 4), (2, 2, 4), 1),
                             ((2, 3, 4), (1, 3, 6), 2), ((5,), (8,), 0)):
    x = rnd(*xshape)
    a = axis % len(xshape)
    index = torch.randint(0, xshape[a], ishape, dtype=torch.int64)
    case('gather', {'axis': axis}, [x, index.int()], lambda t, i: torch.gather(t, axis, i.long()))
for xshape, n, axis in (((5, 3), 7, 0), ((2, 4, 3), 5, 1), ((2, 4, 3), 2, -1), ((6,), 6, 0)):
    x = rnd(*xshape)
    index = torch.randint(0, xshape[axis % len(xshape)], (n,))
    case('indexSelect', {'axis': axis}, [x, index.int()], lambda t, i: torch.index_select(t, axis, i.long()))

for lshape, k in (((5,), 4), ((2, 3), 3), ((4,), -1)):
    labels = torch.randint(0, 3, lshape)
    case('oneHot', {'numClasses': k}, [labels.int()], lambda l: F.one_hot(l.long(), k).float())

for shape, pads, value in (((3,), [1, 2], 0.0), ((2, 3), [0, 1, 2, 0], 0.0), ((2, 3), [1, 1], -1.5), ((2, 2, 3), [1, 0, 0, 2, 1, 1], 0.5),
                           ((2, 3, 4), [2, 1, 1, 0], 0.0)):
    x = rnd(*shape)
    case('pad', {'pads': pads, 'value': value}, [x], lambda t: F.pad(t, pads, value=value))

for shape, sd, ed in (((2, 3, 4), 0, -1), ((2, 3, 4), 1, 2), ((2, 3, 4, 5), 0, 1)):
    x = rnd(*shape)
    case('flatten', {'startDim': sd, 'endDim': ed}, [x], lambda t: torch.flatten(t, sd, ed))
x = rnd(1, 3, 1, 2)
case('squeeze', {'axis': None}, [x], lambda t: torch.squeeze(t))
case('squeeze', {'axis': 2}, [x], lambda t: torch.squeeze(t, 2))
case('squeeze', {'axis': 1}, [x], lambda t: torch.squeeze(t, 1))
case('unsqueeze', {'axis': -1}, [rnd(2, 3)], lambda t: torch.unsqueeze(t, -1))
case('unsqueeze', {'axis': 1}, [rnd(2, 3)], lambda t: torch.unsqueeze(t, 1))
case('cast', {'dtype': 'int32'}, [rnd(7) * 5], lambda t: t.detach().int())

mm_specs = [
    ((3, 4), (4, 5)), ((1, 7), (7, 1)), ((6, 33), (33, 4)), ((64, 10), (10, 3)), ((4,), (4,)), ((4,), (4, 3)),
    ((3, 4), (4,)), ((2, 3, 4), (4, 5)), ((3, 4), (2, 4, 5)), ((2, 1, 3, 4), (5, 4, 2)), ((5,), (2, 5, 3)),
    ((2, 3, 5), (5,)), ((2, 3, 4), (2, 4, 6)), ((9, 70), (70, 5)),
]
for sa, sb in mm_specs:
    a, b = rnd(*sa), rnd(*sb)
    case('matmul', {}, [a, b], lambda p, q: torch.matmul(p, q))

here = os.path.dirname(os.path.abspath(__file__))
path = os.path.join(here, '..', 'fixtures', 'reduceShape.json')
with open(path, 'w') as f:
    json.dump({'generator': 'scripts/oracle_reduce_shape.py', 'torch': torch.__version__, 'cases': cases}, f,
              separators=(',', ':'))
print(f'wrote {len(cases)} cases to {os.path.normpath(path)} ({os.path.getsize(path)} bytes)')
