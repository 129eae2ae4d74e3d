"""PyTorch 1.13 side of bench/run.ts: one optimizer step (torch.optim, foreach=True), one thread.

Run by bench/run.ts with OPENBLAS_NUM_THREADS=1 (torch.set_num_threads(1) alone leaves OpenBLAS on all cores).
Prints one JSON line: {"adam/1000000/1": ms, "cpu:adam/1000000/1": ms, ...}: the medians of the wall-clock and
the process CPU time over --rounds steps in a row, after one warm-up step.
"""
import json
import os
import sys
import time

import torch

rounds = int(next((a.split("=")[1] for a in sys.argv[1:] if a.startswith("--rounds=")), "9"))
# --only=adamw/1000000/1,...: those cases alone (as bench/run.ts's --only)
only = next((a.split("=")[1].split(",") for a in sys.argv[1:] if a.startswith("--only=")), None)
assert os.environ.get("OPENBLAS_NUM_THREADS") == "1", "set OPENBLAS_NUM_THREADS=1"
torch.set_num_threads(1)
out = {}
for total in [1_000_000, 10_000_000]:
    for parts in [1, 100]:
        for kind in ["adam", "adamw", "sgd-momentum"]:
            if only is not None and f"{kind}/{total}/{parts}" not in only:
                continue
            g = torch.Generator().manual_seed(0)
            params = [torch.nn.Parameter(torch.rand(total // parts, generator=g) - 0.5) for _ in range(parts)]
            for p in params:
                p.grad = torch.rand(p.shape, generator=g) - 0.5
            if kind == "adam":
                opt = torch.optim.Adam(params, lr=1e-3, foreach=True)
            elif kind == "adamw":
                opt = torch.optim.AdamW(params, lr=1e-3, foreach=True)
            else:
                opt = torch.optim.SGD(params, lr=1e-3, momentum=0.9, foreach=True)
            opt.step()
            ts = []
            cs = []
            for _ in range(rounds):
                c0 = time.process_time()
                t0 = time.perf_counter()
                opt.step()
                ts.append((time.perf_counter() - t0) * 1000)
                cs.append((time.process_time() - c0) * 1000)
            ts.sort()
            cs.sort()
            out[f"{kind}/{total}/{parts}"] = ts[len(ts) // 2]
            out[f"cpu:{kind}/{total}/{parts}"] = cs[len(cs) // 2]
print(json.dumps(out))
