"""PyTorch 1.13 reference for bench/run.ts: F.cross_entropy forward + backward on [1024, 1000] float32 logits, one
thread (run with OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/torch_bench.py). Median wall and CPU ms of 11
samples, each repeating the call for about 100 ms."""
import os
import statistics
import time

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
N, C = 1024, 1000
g = torch.Generator().manual_seed(1)
logits = (torch.rand(N, C, generator=g) * 8 - 4).float()
labels = (torch.arange(N) * 7919) % C
print(f"torch {torch.__version__}, threads {torch.get_num_threads()}, OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS')}, load {os.getloadavg()}")
for ls in [0.0, 0.1]:
    def run():
        x = logits.clone().requires_grad_(True)
        loss = F.cross_entropy(x, labels, label_smoothing=ls)
        loss.backward()
        return loss.item(), x.grad

    for _ in range(3):
        run()
    t0 = time.perf_counter()
    run()
    once = time.perf_counter() - t0
    reps = max(1, int(0.1 / max(once, 1e-6)))
    walls, cpus = [], []
    for _ in range(11):
        w0, c0 = time.perf_counter(), time.process_time()
        for _ in range(reps):
            run()
        walls.append((time.perf_counter() - w0) / reps * 1000)
        cpus.append((time.process_time() - c0) / reps * 1000)
    print(f"labelSmoothing {ls}: median {statistics.median(walls):.2f} ms, min {min(walls):.2f} ms, cpu {statistics.median(cpus):.2f} ms")
