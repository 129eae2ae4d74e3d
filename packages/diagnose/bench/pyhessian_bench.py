"""PyHessian-style power iteration in PyTorch 1.13: the peer of bench/hessian.bench.mjs.

Run by the benchmark (not by CI):  python3 pyhessian_bench.py POINT.json REPS [one|default]
("one": torch.set_num_threads(1); the benchmark also sets OPENBLAS_NUM_THREADS=1 in the environment for it)
POINT.json (written by hessian.bench.mjs): layer sizes, the flat float32 parameters in PyTorch's order
(weight [out, in], bias per Linear), the batch (inputs, labels). The model is Linear/ReLU/.../Linear with
cross-entropy, float32, like the @dl side.

PyHessian (Yao et al. 2020, pyhessian/hessian.py) `eigenvalues(maxIter=100, tol=1e-3)`: the gradient is taken
once with create_graph=True; each Hessian-vector product is torch.autograd.grad(grads, params, grad_outputs=v,
retain_graph=True); v <- normalize(Hv); stop when |λ - λ_prev| / (|λ_prev| + 1e-6) < tol. Power iteration finds the
largest-magnitude eigenvalue; for the most negative one the same loop runs on H - σI with σ = that eigenvalue
(what PyHessian leaves to the user). Prints one JSON line per repetition.
"""
import json
import sys
import time

import torch

point = json.load(open(sys.argv[1]))
reps = int(sys.argv[2])
if len(sys.argv) > 3 and sys.argv[3] == "one":
    torch.set_num_threads(1)
sizes = point["sizes"]
theta = torch.tensor(point["theta"], dtype=torch.float32)
X = torch.tensor(point["x"], dtype=torch.float32).reshape(-1, sizes[0])
y = torch.tensor(point["y"], dtype=torch.long)

layers = []
for i in range(len(sizes) - 1):
    layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
    if i + 2 < len(sizes):
        layers.append(torch.nn.ReLU())
model = torch.nn.Sequential(*layers)
torch.nn.utils.vector_to_parameters(theta, model.parameters())
params = [p for p in model.parameters() if p.requires_grad]


def group_product(xs, ys):
    return sum(torch.sum(a * b) for a, b in zip(xs, ys))


def normalization(v):
    s = torch.sqrt(group_product(v, v))
    return [vi / (s + 1e-6) for vi in v]


def power_iteration(grads, shift, max_iter=100, tol=1e-3):
    v = normalization([torch.randn_like(p) for p in params])
    eigenvalue = None
    products = 0
    for _ in range(max_iter):
        hv = torch.autograd.grad(grads, params, grad_outputs=v, only_inputs=True, retain_graph=True)
        products += 1
        tmp = group_product(hv, v).item()  # Rayleigh quotient of H
        hv = [h - shift * vi for h, vi in zip(hv, v)]
        v = normalization(hv)
        if eigenvalue is not None and abs(eigenvalue - tmp) / (abs(eigenvalue) + 1e-6) < tol:
            eigenvalue = tmp
            return eigenvalue, products, True
        eigenvalue = tmp
    return eigenvalue, products, False


torch.manual_seed(0)
for rep in range(reps):
    start = time.perf_counter()
    cpu = time.process_time()
    loss = torch.nn.functional.cross_entropy(model(X), y)
    grads = torch.autograd.grad(loss, params, create_graph=True)
    top, n_top, ok_top = power_iteration(grads, 0.0)
    bottom, n_bottom, ok_bottom = power_iteration(grads, top)
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu
    print(
        json.dumps(
            {
                "threads": torch.get_num_threads(),
                "seconds": seconds,
                "cpuSeconds": cpu_seconds,
                "top": top,
                "bottom": bottom,
                "products": n_top + n_bottom,
                "productsTop": n_top,
                "productsBottom": n_bottom,
                "converged": ok_top and ok_bottom,
                "torch": torch.__version__,
            }
        ),
        flush=True,
    )
