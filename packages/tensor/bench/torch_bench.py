#!/usr/bin/env python3
"""PyTorch 1.13 on the cases of bench/cases.ts (same shapes, float32), for docs/benchmarks/tensor.md.

    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/torch_bench.py --threads=1   # one thread (BOTH settings needed:
                                                                                # set_num_threads alone leaves
                                                                                # Debian's OpenBLAS on 2 threads)
    /usr/bin/python3 bench/torch_bench.py                                       # PyTorch's default threads

Per case: warm-up calls, then samples of repeated calls (each about 100 ms), median wall-clock and process CPU
milliseconds per call, as bench/harness.ts measures @dl/tensor. Prints a markdown table.
"""
import os
import sys
import time

import torch
import torch.nn.functional as F

args = sys.argv[1:]
threads = next((int(a.split('=')[1]) for a in args if a.startswith('--threads=')), None)
quick = '--quick' in args
only = next((a.split('=', 1)[1].split(',') for a in args if a.startswith('--only=')), None)
if threads is not None:
    if threads == 1 and os.environ.get('OPENBLAS_NUM_THREADS') != '1':
        sys.exit('set OPENBLAS_NUM_THREADS=1 too for the one-thread figure')
    torch.set_num_threads(threads)
torch.set_grad_enabled(False)
g = torch.Generator().manual_seed(0)


def rnd(*shape):
    return torch.rand(*shape, generator=g) * 2 - 1


def measure(fn, samples=5 if quick else 11, sample_s=0.1):
    for _ in range(3):
        fn()
    t0 = time.perf_counter()
    fn()
    once = max(time.perf_counter() - t0, 1e-6)
    reps = max(1, int(sample_s / once))
    walls, cpus = [], []
    for _ in range(samples):
        w0, c0 = time.perf_counter(), time.process_time()
        for _ in range(reps):
            fn()
        walls.append((time.perf_counter() - w0) / reps * 1e3)
        cpus.append((time.process_time() - c0) / reps * 1e3)
    walls.sort()
    cpus.sort()
    return walls[len(walls) // 2], cpus[len(cpus) // 2]


M = 1_000_000
cases = []
for n in [64, 256, 512, 1024]:
    a, b = rnd(n, n), rnd(n, n)
    cases.append((f'matmul {n}x{n} · {n}x{n}', lambda a=a, b=b: torch.matmul(a, b), 2 * n ** 3, None))
# the digits MLP's products as its layers run them (productCase of bench/cases.ts): op(A) [M, K] @ op(B) [K, N],
# a transposed operand passed as the transposed view (BLAS reads it with a transpose flag, no copy)
for label, M_, K_, N_, ta, tb in [
    ('digits fwd 1', 64, 64, 128, False, True),
    ('digits fwd 2', 64, 128, 64, False, True),
    ('digits fwd 3', 64, 64, 10, False, True),
    ('digits dW1', 128, 64, 64, True, False),
    ('digits dX2', 64, 64, 128, False, False),
    ('digits dW3', 10, 64, 64, True, False),
]:
    sa = [K_, M_] if ta else [M_, K_]
    sb = [N_, K_] if tb else [K_, N_]
    a, b = rnd(*sa), rnd(*sb)
    name = f"{label} {sa[0]}x{sa[1]}{'ᵀ' if ta else ''} · {sb[0]}x{sb[1]}{'ᵀ' if tb else ''}"
    cases.append((name, lambda a=a, b=b, ta=ta, tb=tb: torch.matmul(a.t() if ta else a, b.t() if tb else b),
                  2 * M_ * N_ * K_, None))
x, y, r = rnd(1000, 1000), rnd(1000, 1000), rnd(1000)
s = rnd(1024, 1000)
s2 = rnd(1024, 1000)


def vjp(op, a, w):
    # the gradient of sum(op(a) * w) with respect to a, as bench/cases.ts's gradCase
    with torch.enable_grad():
        t = a.detach().requires_grad_()
        (gr,) = torch.autograd.grad((op(t) * w).sum(), t)
        return gr


cases += [
    ('add 1M', lambda: torch.add(x, y), None, 12 * M),
    ('mul 1M', lambda: torch.mul(x, y), None, 12 * M),
    ('exp 1M', lambda: torch.exp(x), None, 8 * M),
    ('relu 1M', lambda: torch.relu(x), None, 8 * M),
    ('tanh 1M', lambda: torch.tanh(x), None, 8 * M),
    ('silu 1M', lambda: F.silu(x), None, 8 * M),
    ("gelu 'tanh' 1M", lambda: F.gelu(x, approximate='tanh'), None, 8 * M),
    ('gelu 1M', lambda: F.gelu(x), None, 8 * M),
    ('dropout 1M (p 0.5)', lambda: F.dropout(x, 0.5, training=True), None, 8 * M),
    ('relu 1M fwd+bwd', lambda: vjp(torch.relu, x, y), None, 16 * M),
    ('tanh 1M fwd+bwd', lambda: vjp(torch.tanh, x, y), None, 16 * M),
    ('softmax [1024,1000] fwd+bwd', lambda: vjp(lambda t: torch.softmax(t, -1), s, s2), None, 16 * 1024 * 1000),
    ('add [1000,1000] + [1000] (row broadcast)', lambda: torch.add(x, r), None, (2 * M + 1000) * 4),
    ('softmax [1024,1000] (last axis)', lambda: torch.softmax(s, -1), None, 2 * 1024 * 1000 * 4),
    ('sum [1000,1000] (all)', lambda: torch.sum(x), None, 4 * M),
    ('mean [1000,1000] (all)', lambda: torch.mean(x), None, 4 * M),
    ('sum [1000,1000] (last axis)', lambda: torch.sum(x, -1), None, (M + 1000) * 4),
    ('mean [1000,1000] (last axis)', lambda: torch.mean(x, -1), None, (M + 1000) * 4),
    ('sum [1000,1000] (first axis)', lambda: torch.sum(x, 0), None, (M + 1000) * 4),
    ('max [1000,1000] (last axis)', lambda: torch.max(x, -1).values, None, (M + 1000) * 4),
]

# the MLP step of bench/cases.ts: 64-128-64-10, batch 64, forward + softmax cross-entropy + backward
sizes = [64, 128, 64, 10]
inp = rnd(64, 64)
labels = torch.tensor([(i * 7 + 3) % 10 for i in range(64)])
params = []
for l in range(3):
    sc = 1 / sizes[l] ** 0.5
    params += [(rnd(sizes[l], sizes[l + 1]) * sc).requires_grad_(), (rnd(sizes[l + 1]) * sc).requires_grad_()]


def mlp():
    with torch.enable_grad():
        for p in params:
            p.grad = None
        h = inp
        for l in range(3):
            h = torch.addmm(params[2 * l + 1], h, params[2 * l])
            if l < 2:
                h = torch.relu(h)
        loss = F.cross_entropy(h, labels)
        loss.backward()
        return loss.item()


flops = sum(2 * 64 * sizes[l] * sizes[l + 1] * (2 if l == 0 else 3) for l in range(3))
cases.append(('MLP step 64-128-64-10, batch 64 (fwd+bwd)', mlp, flops, None))

print(f'# PyTorch {torch.__version__}: {torch.get_num_threads()} thread(s)'
      f' (OPENBLAS_NUM_THREADS={os.environ.get("OPENBLAS_NUM_THREADS", "unset")}), load {os.getloadavg()}')
print()
print('| op | wall ms | CPU ms | GFLOP/s or GB/s (wall) |')
print('|---|--:|--:|--:|')
for name, fn, fl, by in cases:
    if only is not None and not any(o in name for o in only):
        continue
    w, c = measure(fn)
    fig = f'{fl / (w * 1e6):.2f} GFLOP/s' if fl else f'{by / (w * 1e6):.2f} GB/s'
    print(f'| {name} | {w:.3g} | {c:.3g} | {fig} |', flush=True)
