#!/usr/bin/env python3
"""Oracle for the fused ops of @dl/tensor (linear, softmaxCrossEntropy, batchNorm, layerNorm): runs PyTorch 1.13
and writes fixtures/fused.json.

Run by hand with /usr/bin/python3; CI only reads the JSON. Each case records float32 inputs, the op's parameters,
PyTorch's float32 output, a random cotangent `w`, and the gradients of sum(out * w) for every differentiable input
(and, for batch norm in training, the running statistics after the update).
"""
import json
import os

import torch
import torch.nn.functional as F

torch.manual_seed(15)
cases = []


def enc(t):
    return {'shape': list(t.shape), 'data': [float('%.9g' % v) for v in t.detach().reshape(-1).tolist()]}


def case(op, params, inputs, diff, fn, extra=None):
    """inputs: named tensors; diff: the names that get gradients; fn(**tensors) -> output."""
    leaves = {k: (v.clone().requires_grad_(True) if k in diff else v.clone()) for k, v in inputs.items()}
    out = fn(**leaves)
    w = torch.randn(out.shape)
    grads = torch.autograd.grad((out * w).sum(), [leaves[k] for k in diff])
    c = {
        'op': op, 'params': params,
        'inputs': {k: (enc(v) if v.dtype != torch.int64 else {'shape': list(v.shape), 'data': v.reshape(-1).tolist()})
                   for k, v in inputs.items()},
        'out': enc(out), 'w': enc(w)['data'], 'grads': {k: enc(g)['data'] for k, g in zip(diff, grads)},
    }
    if extra is not None:
        c['after'] = {k: enc(v)['data'] for k, v in extra(leaves).items()}
    cases.append(c)


# linear
for xs, out_f, bias in [([5, 7], 3, True), ([2, 3, 4], 6, False), ([4], 2, True), ([33, 40], 17, True)]:
    ins = {'x': torch.randn(xs), 'weight': torch.randn(out_f, xs[-1])}
    if bias:
        ins['bias'] = torch.randn(out_f)
    case('linear', {}, ins, list(ins), lambda x, weight, bias=None: F.linear(x, weight, bias))

# cross entropy with class-index targets
N, C = 7, 5
logits = torch.randn(N, C) * 2
target = torch.tensor([0, 4, 2, -100, 1, 3, 2])
cw = torch.rand(C) + 0.5
for reduction in ['mean', 'sum', 'none']:
    for weighted in [False, True]:
        for ls in [0.0, 0.2]:
            p = {'reduction': reduction, 'labelSmoothing': ls, 'weighted': weighted}
            ins = {'logits': logits, 'target': target}
            if weighted:
                ins['weight'] = cw
            case('softmaxCrossEntropy', p, ins, ['logits'],
                 lambda logits, target, weight=None, r=reduction, s=ls: F.cross_entropy(
                     logits, target, weight=weight, reduction=r, label_smoothing=s))
# a custom ignore index, one sample, large logits
t2 = torch.tensor([1, 3, 3, 0])
case('softmaxCrossEntropy', {'reduction': 'mean', 'labelSmoothing': 0.1, 'ignoreIndex': 3, 'weighted': False},
     {'logits': torch.randn(4, 6), 'target': t2}, ['logits'],
     lambda logits, target: F.cross_entropy(logits, target, ignore_index=3, label_smoothing=0.1))
case('softmaxCrossEntropy', {'reduction': 'mean', 'labelSmoothing': 0.0, 'weighted': False},
     {'logits': torch.randn(6) * 30, 'target': torch.tensor(4)}, ['logits'],
     lambda logits, target: F.cross_entropy(logits, target))

# batch norm
for shape, training, affine in [([8, 4], True, True), ([4, 3, 5], True, False), ([6, 3], False, True),
                                ([2, 3, 2, 2], True, True)]:
    Cn = shape[1]
    ins = {'x': torch.randn(shape) * 3 + 1, 'runningMean': torch.randn(Cn) * 0.1, 'runningVar': torch.rand(Cn) + 0.5}
    diff = ['x']
    if affine:
        ins['weight'] = torch.randn(Cn)
        ins['bias'] = torch.randn(Cn)
        diff += ['weight', 'bias']

    def bn(x, runningMean, runningVar, weight=None, bias=None, tr=training):
        return F.batch_norm(x, runningMean, runningVar, weight, bias, training=tr, momentum=0.1, eps=1e-5)
    case('batchNorm', {'training': training}, ins, diff, bn,
         extra=lambda L: {'runningMean': L['runningMean'], 'runningVar': L['runningVar']})

# layer norm
for shape, ns, affine in [([4, 6], [6], True), ([2, 3, 4], [3, 4], False), ([5], [5], True)]:
    ins = {'x': torch.randn(shape) * 2 - 1}
    if affine:
        ins['weight'] = torch.randn(ns)
        ins['bias'] = torch.randn(ns)
    case('layerNorm', {'normalizedShape': ns}, ins, list(ins),
         lambda x, weight=None, bias=None, s=ns: F.layer_norm(x, s, weight, bias, eps=1e-5))

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'fixtures', 'fused.json'), 'w') as f:
    json.dump({'generator': 'scripts/oracle_fused.py', 'torch': torch.__version__, 'cases': cases}, f)
print(len(cases), 'cases')
