"""Oracle for @dl/loss: values and gradients of every loss from PyTorch 1.13 (Debian python3-torch).

Run from packages/loss with /usr/bin/python3 scripts/oracle.py; writes fixtures/losses.json and
fixtures/hessians.json. CI never runs this script; tests read the fixtures.

Each case names our function, the dtype, the arguments (float arrays, or int class indices), our options (the
camelCase names, tensors as {shape, data}), and PyTorch's value and the gradient of the value (summed, for
reduction 'none') with respect to every float argument. sigmoidFocalLoss reproduces torchvision.ops.
sigmoid_focal_loss (torchvision 0.14, not packaged for Debian) line by line; softmaxFocalLoss has no PyTorch
counterpart and is the formula of its documentation written with torch ops.
"""

import json
import math
import os

import torch
import torch.nn.functional as F

torch.manual_seed(0)
# Every random number is float32-representable, so that a float32 case and its float64 evaluation (and any weight
# a case captures) see the same values.
_rand, _randn = torch.rand, torch.randn
torch.rand = lambda *a, **k: _rand(*a, **k).float().to(k.get("dtype", torch.float32))
torch.randn = lambda *a, **k: _randn(*a, **k).float().to(k.get("dtype", torch.float32))
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "fixtures")
F32_MAX = float(torch.finfo(torch.float32).max)

DTYPES = {"float32": torch.float32, "float64": torch.float64}
cases = []


def enc(t):
    return {"shape": list(t.shape), "data": [float(v) for v in t.detach().reshape(-1).tolist()]}


def enc_int(t):
    return {"shape": list(t.shape), "data": [int(v) for v in t.reshape(-1).tolist()]}


def add(name, loss, dtype, args, torch_fn, options=None, note=""):
    """args: list of ('float', tensor) | ('int', tensor) | ('sign', tensor as float). torch_fn(*tensors)."""
    dt = DTYPES[dtype]
    ts = []
    for kind, t in args:
        if kind in ("float", "sign"):
            tt = t.to(dt).clone().requires_grad_(kind == "float")
        else:
            tt = t.to(torch.int64)
        ts.append(tt)
    out = torch_fn(*ts)
    if out.requires_grad:
        out.sum().backward()
    exact = None
    if dtype == "float32":
        # the same float32 inputs evaluated in float64: where PyTorch's float32 formula loses digits (for example
        # log(1 + e^-x) of bce_with_logits), a test may instead show that we are closer to this exact value
        ts64 = [t.detach().double().requires_grad_(kind == "float") if kind != "int" else t for (kind, _), t in zip(args, ts)]
        opts64 = lambda *a: torch_fn(*a)
        out64 = opts64(*ts64)
        if out64.requires_grad:
            out64.sum().backward()
        g64 = [enc(t.grad) if kind == "float" and t.grad is not None else None for (kind, _), t in zip(args, ts64)]
        g64 = [g if g is not None and all(math.isfinite(v) for v in g["data"]) else None for g in g64]
        exact = {"value": enc(out64), "grads": g64}
    encoded_opts = {}
    for k, v in (options or {}).items():
        encoded_opts[k] = enc(v.to(dt)) if isinstance(v, torch.Tensor) else v
    grads = [enc(t.grad) if kind == "float" and t.grad is not None else None for (kind, _), t in zip(args, ts)]
    for i, g in enumerate(grads):
        # a gradient PyTorch leaves non-finite (d/dq of q log q at q = 0) is not an oracle: compare none there
        if g is not None and not all(math.isfinite(v) for v in g["data"]):
            assert i > 0, f"{name}: non-finite input gradient"
            grads[i] = None
    ok = all(math.isfinite(v) for v in enc(out)["data"])
    assert ok, f"{name}: non-finite oracle value"
    cases.append(
        {
            "name": name,
            "loss": loss,
            "dtype": dtype,
            "args": [
                {"kind": kind, **(enc_int(t) if kind == "int" else enc(t.to(dt)))} for (kind, t) in args
            ],
            "options": encoded_opts,
            "value": enc(out),
            "grads": grads,
            "exact": exact,
            "note": note,
        }
    )


def f32(t):
    return t.float().double()


def rand(*shape, scale=1.0):
    return torch.randn(*shape, dtype=torch.float64) * scale  # scale is a power of two or small: still exact


REDUCTIONS = ["mean", "sum", "none"]

# --- regression ------------------------------------------------------------------------------------------------
for dtype in DTYPES:
    for r in REDUCTIONS:
        x, y = rand(3, 4), rand(3, 4)
        add(f"mse {r}", "mseLoss", dtype, [("float", x), ("float", y)], lambda a, b, r=r: F.mse_loss(a, b, reduction=r), {"reduction": r})
        add(f"l1 {r}", "l1Loss", dtype, [("float", x), ("float", y)], lambda a, b, r=r: F.l1_loss(a, b, reduction=r), {"reduction": r})
        for delta in [1.0, 0.3]:
            x, y = rand(3, 4, scale=2), rand(3, 4)
            add(f"huber {r} delta {delta}", "huberLoss", dtype, [("float", x), ("float", y)],
                lambda a, b, r=r, d=delta: F.huber_loss(a, b, reduction=r, delta=d), {"reduction": r, "delta": delta})
        for beta in [1.0, 0.5, 0.0]:
            x, y = rand(3, 4, scale=2), rand(3, 4)
            add(f"smoothL1 {r} beta {beta}", "smoothL1Loss", dtype, [("float", x), ("float", y)],
                lambda a, b, r=r, be=beta: F.smooth_l1_loss(a, b, reduction=r, beta=be), {"reduction": r, "beta": beta})

# --- binary ----------------------------------------------------------------------------------------------------
for dtype in DTYPES:
    for r in REDUCTIONS:
        p = torch.rand(4, 3, dtype=torch.float64) * 0.98 + 0.01
        y = (torch.rand(4, 3, dtype=torch.float64) > 0.5).double()
        add(f"bce {r}", "bceLoss", dtype, [("float", p), ("float", y)], lambda a, b, r=r: F.binary_cross_entropy(a, b, reduction=r), {"reduction": r})
        w = f32(torch.rand(4, 1, dtype=torch.float64) + 0.5)
        add(f"bce {r} weight", "bceLoss", dtype, [("float", p), ("float", torch.rand(4, 3, dtype=torch.float64))],
            lambda a, b, r=r, w=w: F.binary_cross_entropy(a, b, weight=w.to(a.dtype), reduction=r), {"reduction": r, "weight": w})
        x = rand(4, 3, scale=4)
        add(f"bceWithLogits {r}", "bceWithLogitsLoss", dtype, [("float", x), ("float", y)],
            lambda a, b, r=r: F.binary_cross_entropy_with_logits(a, b, reduction=r), {"reduction": r})
        pw = torch.tensor([0.5, 2.0, 3.0], dtype=torch.float64)
        w = f32(torch.rand(4, 3, dtype=torch.float64) + 0.5)
        add(f"bceWithLogits {r} weight posWeight", "bceWithLogitsLoss", dtype, [("float", x), ("float", torch.rand(4, 3, dtype=torch.float64))],
            lambda a, b, r=r, w=w, pw=pw: F.binary_cross_entropy_with_logits(a, b, weight=w.to(a.dtype), pos_weight=pw.to(a.dtype), reduction=r),
            {"reduction": r, "weight": w, "posWeight": pw})
    # bce at 0 and 1: the clamped log gives 100 per element, finite
    p = torch.tensor([0.0, 1.0, 0.0, 1.0, 0.5], dtype=torch.float64)
    y = torch.tensor([1.0, 0.0, 0.0, 1.0, 1.0], dtype=torch.float64)
    add("bce at 0 and 1 (value only)", "bceLoss", dtype, [("sign", p), ("sign", y)], lambda a, b: F.binary_cross_entropy(a, b, reduction="none"), {"reduction": "none"})
    ext = torch.tensor([1e4, -1e4, F32_MAX, -F32_MAX, 0.0, 30.0, -30.0], dtype=torch.float64)
    yy = torch.tensor([1.0, 1.0, 0.0, 0.0, 1.0, 0.0, 1.0], dtype=torch.float64)
    add("bceWithLogits extreme logits", "bceWithLogitsLoss", dtype, [("float", ext), ("float", yy)],
        lambda a, b: F.binary_cross_entropy_with_logits(a, b, reduction="none"), {"reduction": "none"})

# --- classification ----------------------------------------------------------------------------------------------
for dtype in DTYPES:
    N, C = 6, 5
    y = torch.randint(0, C, (N,))
    y_ign = y.clone()
    y_ign[1] = -100
    y_ign[4] = 3
    y_ign2 = y.clone()
    y_ign2[2] = 7
    w = f32(torch.rand(C, dtype=torch.float64) + 0.2)
    for r in REDUCTIONS:
        x = rand(N, C, scale=2)
        for ls in [0.0, 0.2]:
            tag = f"{r} ls {ls}"
            add(f"ce {tag}", "crossEntropyLoss", dtype, [("float", x), ("int", y)],
                lambda a, b, r=r, ls=ls: F.cross_entropy(a, b, reduction=r, label_smoothing=ls), {"reduction": r, "labelSmoothing": ls})
            add(f"ce {tag} weight", "crossEntropyLoss", dtype, [("float", x), ("int", y)],
                lambda a, b, r=r, ls=ls: F.cross_entropy(a, b, weight=w.to(a.dtype), reduction=r, label_smoothing=ls),
                {"reduction": r, "labelSmoothing": ls, "weight": w})
            add(f"ce {tag} ignore rows", "crossEntropyLoss", dtype, [("float", x), ("int", y_ign)],
                lambda a, b, r=r, ls=ls: F.cross_entropy(a, b, reduction=r, label_smoothing=ls), {"reduction": r, "labelSmoothing": ls})
            add(f"ce {tag} weight ignore rows", "crossEntropyLoss", dtype, [("float", x), ("int", y_ign)],
                lambda a, b, r=r, ls=ls: F.cross_entropy(a, b, weight=w.to(a.dtype), reduction=r, label_smoothing=ls),
                {"reduction": r, "labelSmoothing": ls, "weight": w})
            add(f"ce {tag} ignoreIndex 7", "crossEntropyLoss", dtype, [("float", x), ("int", y_ign2)],
                lambda a, b, r=r, ls=ls: F.cross_entropy(a, b, weight=w.to(a.dtype), ignore_index=7, reduction=r, label_smoothing=ls),
                {"reduction": r, "labelSmoothing": ls, "weight": w, "ignoreIndex": 7})
            q = torch.softmax(rand(N, C), dim=1)
            add(f"ce {tag} probabilities weight", "crossEntropyLoss", dtype, [("float", x), ("float", q)],
                lambda a, b, r=r, ls=ls: F.cross_entropy(a, b, weight=w.to(a.dtype), reduction=r, label_smoothing=ls),
                {"reduction": r, "labelSmoothing": ls, "weight": w})
            add(f"ce {tag} probabilities", "crossEntropyLoss", dtype, [("float", x), ("float", q)],
                lambda a, b, r=r, ls=ls: F.cross_entropy(a, b, reduction=r, label_smoothing=ls),
                {"reduction": r, "labelSmoothing": ls})
            x4 = rand(2, C, 3, 2, scale=2)
            y4 = torch.randint(0, C, (2, 3, 2))
            y4[0, 1, 1] = -100
            add(f"ce {tag} (N, C, d1, d2) weight ignore", "crossEntropyLoss", dtype, [("float", x4), ("int", y4)],
                lambda a, b, r=r, ls=ls: F.cross_entropy(a, b, weight=w.to(a.dtype), reduction=r, label_smoothing=ls),
                {"reduction": r, "labelSmoothing": ls, "weight": w})
            q4 = torch.softmax(rand(2, C, 3, 2), dim=1)
            add(f"ce {tag} (N, C, d1, d2) probabilities", "crossEntropyLoss", dtype, [("float", x4), ("float", q4)],
                lambda a, b, r=r, ls=ls: F.cross_entropy(a, b, reduction=r, label_smoothing=ls), {"reduction": r, "labelSmoothing": ls})
        xc = rand(C)
        add(f"ce {r} unbatched (C)", "crossEntropyLoss", dtype, [("float", xc), ("int", torch.tensor(2))],
            lambda a, b, r=r: F.cross_entropy(a, b, reduction=r), {"reduction": r})
        lp = torch.log_softmax(rand(N, C), dim=1)
        add(f"nll {r}", "nllLoss", dtype, [("float", lp), ("int", y)], lambda a, b, r=r: F.nll_loss(a, b, reduction=r), {"reduction": r})
        add(f"nll {r} weight ignore", "nllLoss", dtype, [("float", lp), ("int", y_ign)],
            lambda a, b, r=r: F.nll_loss(a, b, weight=w.to(a.dtype), reduction=r), {"reduction": r, "weight": w})
        lp4 = torch.log_softmax(rand(2, C, 3, 2), dim=1)
        add(f"nll {r} (N, C, d1, d2) weight", "nllLoss", dtype, [("float", lp4), ("int", y4)],
            lambda a, b, r=r: F.nll_loss(a, b, weight=w.to(a.dtype), reduction=r), {"reduction": r, "weight": w})
    # extreme logits: finite values and gradients where the true value is finite
    xe = torch.tensor(
        [[1e4, 0.0, -1e4], [F32_MAX, 0.0, 1.0], [-1e4, 1e4, 0.0], [0.0, F32_MAX, -1e4], [1e4, 1e4, 1e4]], dtype=torch.float64
    )
    ye = torch.tensor([0, 1, 0, 1, 2])
    for r in ["mean", "none"]:
        add(f"ce extreme logits {r}", "crossEntropyLoss", dtype, [("float", xe), ("int", ye)],
            lambda a, b, r=r: F.cross_entropy(a, b, reduction=r), {"reduction": r})
        add(f"ce extreme logits {r} weight", "crossEntropyLoss", dtype, [("float", xe), ("int", ye)],
            lambda a, b, r=r: F.cross_entropy(a, b, weight=torch.tensor([1.0, 0.5, 2.0], dtype=a.dtype), reduction=r),
            {"reduction": r, "weight": torch.tensor([1.0, 0.5, 2.0], dtype=torch.float64)})
    xs = torch.tensor([[1e4, 0.0, -1e4], [-1e4, 1e4, 0.0], [3e3, -2e3, 1e3]], dtype=torch.float64)
    add("ce extreme logits label smoothing", "crossEntropyLoss", dtype, [("float", xs), ("int", torch.tensor([0, 2, 1]))],
        lambda a, b: F.cross_entropy(a, b, label_smoothing=0.1), {"labelSmoothing": 0.1})

    qe = torch.tensor([[0.7, 0.2, 0.1], [0.0, 0.5, 0.5], [1.0, 0.0, 0.0]], dtype=torch.float64)
    add("ce extreme logits probabilities", "crossEntropyLoss", dtype, [("float", xs), ("float", qe)],
        lambda a, b: F.cross_entropy(a, b, reduction="none"), {"reduction": "none"})
    xm = torch.tensor([[1e4, -1e4, F32_MAX, 0.0], [-1e4, 1e4, -F32_MAX, 30.0]], dtype=torch.float64)
    ym = torch.tensor([[1.0, 0.0, 1.0, 1.0], [1.0, 0.0, 0.0, 0.0]], dtype=torch.float64)
    add("multilabelSoftMargin extreme logits", "multilabelSoftMarginLoss", dtype, [("float", xm), ("sign", ym)],
        lambda a, b: F.multilabel_soft_margin_loss(a, b, reduction="none"), {"reduction": "none"})

# --- distributions -------------------------------------------------------------------------------------------------
for dtype in DTYPES:
    for r in REDUCTIONS + ["batchmean"]:
        lp = torch.log_softmax(rand(4, 5), dim=1)
        q = torch.softmax(rand(4, 5), dim=1)
        q[0, 2] = 0.0
        add(f"klDiv {r}", "klDivLoss", dtype, [("float", lp), ("float", q)], lambda a, b, r=r: F.kl_div(a, b, reduction=r), {"reduction": r})
        lq = torch.log_softmax(rand(4, 5), dim=1)
        add(f"klDiv {r} logTarget", "klDivLoss", dtype, [("float", lp), ("float", lq)],
            lambda a, b, r=r: F.kl_div(a, b, reduction=r, log_target=True), {"reduction": r, "logTarget": True})
    for r in REDUCTIONS:
        counts = torch.tensor([[0.0, 1.0, 2.0], [5.0, 0.0, 3.0]], dtype=torch.float64)
        for log_input in [True, False]:
            for full in [False, True]:
                x = rand(2, 3) if log_input else torch.rand(2, 3, dtype=torch.float64) * 3 + 0.1
                add(f"poissonNll {r} logInput {log_input} full {full}", "poissonNllLoss", dtype, [("float", x), ("float", counts)],
                    lambda a, b, r=r, li=log_input, fu=full: F.poisson_nll_loss(a, b, log_input=li, full=fu, reduction=r),
                    {"reduction": r, "logInput": log_input, "full": full})
        for full in [False, True]:
            x, y = rand(3, 4), rand(3, 4)
            var = torch.rand(3, 4, dtype=torch.float64) + 0.1
            var[0, 0] = 1e-9  # clamped to eps, gradient still flows to var
            add(f"gaussianNll {r} full {full}", "gaussianNllLoss", dtype, [("float", x), ("float", y), ("float", var)],
                lambda a, b, v, r=r, fu=full: F.gaussian_nll_loss(a, b, v, full=fu, reduction=r), {"reduction": r, "full": full})
            v2 = torch.rand(3, dtype=torch.float64) + 0.1
            add(f"gaussianNll {r} full {full} var (N)", "gaussianNllLoss", dtype, [("float", x), ("float", y), ("float", v2)],
                lambda a, b, v, r=r, fu=full: F.gaussian_nll_loss(a, b, v, full=fu, reduction=r), {"reduction": r, "full": full})
            v3 = torch.rand(3, 1, dtype=torch.float64) + 0.1
            add(f"gaussianNll {r} full {full} var (N, 1)", "gaussianNllLoss", dtype, [("float", x), ("float", y), ("float", v3)],
                lambda a, b, v, r=r, fu=full: F.gaussian_nll_loss(a, b, v, full=fu, reduction=r, eps=1e-3), {"reduction": r, "full": full, "eps": 1e-3})

# --- margins and embeddings -------------------------------------------------------------------------------------
def signs(*shape):
    return torch.where(torch.rand(*shape) > 0.5, 1.0, -1.0).double()


for dtype in DTYPES:
    for r in REDUCTIONS:
        x = rand(3, 4, scale=2)
        add(f"hingeEmbedding {r}", "hingeEmbeddingLoss", dtype, [("float", x), ("sign", signs(3, 4))],
            lambda a, b, r=r: F.hinge_embedding_loss(a, b, reduction=r), {"reduction": r})
        add(f"hingeEmbedding {r} margin 2", "hingeEmbeddingLoss", dtype, [("float", x), ("sign", signs(3, 4))],
            lambda a, b, r=r: F.hinge_embedding_loss(a, b, margin=2.0, reduction=r), {"reduction": r, "margin": 2.0})
        N, C = 5, 4
        x = rand(N, C)
        y = torch.randint(0, C, (N,))
        w = f32(torch.rand(C, dtype=torch.float64) + 0.3)
        for p in [1, 2]:
            add(f"multiMargin {r} p {p}", "multiMarginLoss", dtype, [("float", x), ("int", y)],
                lambda a, b, r=r, p=p: F.multi_margin_loss(a, b, p=p, reduction=r), {"reduction": r, "p": p})
            add(f"multiMargin {r} p {p} margin 0.5 weight", "multiMarginLoss", dtype, [("float", x), ("int", y)],
                lambda a, b, r=r, p=p: F.multi_margin_loss(a, b, p=p, margin=0.5, weight=w.to(a.dtype), reduction=r),
                {"reduction": r, "p": p, "margin": 0.5, "weight": w})
        yb = (torch.rand(N, C) > 0.5).double()
        add(f"multilabelSoftMargin {r}", "multilabelSoftMarginLoss", dtype, [("float", x), ("sign", yb)],
            lambda a, b, r=r: F.multilabel_soft_margin_loss(a, b, reduction=r), {"reduction": r})
        add(f"multilabelSoftMargin {r} weight", "multilabelSoftMarginLoss", dtype, [("float", x), ("sign", yb)],
            lambda a, b, r=r: F.multilabel_soft_margin_loss(a, b, weight=w.to(a.dtype), reduction=r), {"reduction": r, "weight": w})
        x1, x2 = rand(6), rand(6)
        for m in [0.0, 0.5]:
            add(f"marginRanking {r} margin {m}", "marginRankingLoss", dtype, [("float", x1), ("float", x2), ("sign", signs(6))],
                lambda a, b, c, r=r, m=m: F.margin_ranking_loss(a, b, c, margin=m, reduction=r), {"reduction": r, "margin": m})
        a, pz, n = rand(4, 3), rand(4, 3), rand(4, 3)
        for p, swap, m in [(2.0, False, 1.0), (1.0, False, 2.0), (3.0, True, 1.0), (2.0, True, 0.5)]:
            add(f"tripletMargin {r} p {p} swap {swap} margin {m}", "tripletMarginLoss", dtype,
                [("float", a), ("float", pz), ("float", n)],
                lambda a_, p_, n_, r=r, p=p, s=swap, m=m: F.triplet_margin_loss(a_, p_, n_, margin=m, p=p, swap=s, reduction=r),
                {"reduction": r, "p": p, "swap": swap, "margin": m})
        x1, x2 = rand(5, 3), rand(5, 3)
        for m in [0.0, 0.3]:
            add(f"cosineEmbedding {r} margin {m}", "cosineEmbeddingLoss", dtype, [("float", x1), ("float", x2), ("sign", signs(5))],
                lambda a, b, c, r=r, m=m: F.cosine_embedding_loss(a, b, c, margin=m, reduction=r), {"reduction": r, "margin": m})


# --- focal losses ---------------------------------------------------------------------------------------------------
def torchvision_sigmoid_focal_loss(inputs, targets, alpha=0.25, gamma=2.0, reduction="none"):
    # torchvision 0.14 torchvision/ops/focal_loss.py, verbatim apart from the logging call
    p = torch.sigmoid(inputs)
    ce_loss = F.binary_cross_entropy_with_logits(inputs, targets, reduction="none")
    p_t = p * targets + (1 - p) * (1 - targets)
    loss = ce_loss * ((1 - p_t) ** gamma)
    if alpha >= 0:
        alpha_t = alpha * targets + (1 - alpha) * (1 - targets)
        loss = alpha_t * loss
    if reduction == "mean":
        loss = loss.mean()
    elif reduction == "sum":
        loss = loss.sum()
    return loss


def softmax_focal_loss(x, y, alpha=None, gamma=2.0, ignore_index=-100, reduction="mean"):
    # ℓ_i = -α_{y_i} (1 - p_{i y_i})^γ log p_{i y_i}; ignored rows give 0; 'mean' divides by the rows that count
    valid = y != ignore_index
    ys = torch.where(valid, y, torch.zeros_like(y))
    logp = torch.log_softmax(x, dim=1).gather(1, ys[:, None])[:, 0]
    loss = -((1 - logp.exp()) ** gamma) * logp
    if alpha is not None:
        loss = loss * alpha.to(x.dtype)[ys]
    loss = torch.where(valid, loss, torch.zeros_like(loss))
    if reduction == "mean":
        return loss.sum() / valid.sum()
    if reduction == "sum":
        return loss.sum()
    return loss


for dtype in DTYPES:
    for r in REDUCTIONS:
        x = rand(4, 3, scale=2)
        t = (torch.rand(4, 3) > 0.5).double()
        for alpha, gamma in [(0.25, 2.0), (-1.0, 2.0), (0.5, 0.0), (0.25, 1.5)]:
            add(f"sigmoidFocal {r} alpha {alpha} gamma {gamma}", "sigmoidFocalLoss", dtype, [("float", x), ("float", t)],
                lambda a, b, r=r, al=alpha, g=gamma: torchvision_sigmoid_focal_loss(a, b, al, g, r),
                {"reduction": r, "alpha": alpha, "gamma": gamma})
        x = rand(6, 4, scale=2)
        y = torch.randint(0, 4, (6,))
        y[3] = -100
        al = f32(torch.tensor([0.25, 0.5, 1.0, 2.0], dtype=torch.float64))
        for gamma in [2.0, 0.0, 0.5]:
            add(f"softmaxFocal {r} gamma {gamma}", "softmaxFocalLoss", dtype, [("float", x), ("int", y)],
                lambda a, b, r=r, g=gamma: softmax_focal_loss(a, b, gamma=g, reduction=r), {"reduction": r, "gamma": gamma})
            add(f"softmaxFocal {r} gamma {gamma} alpha", "softmaxFocalLoss", dtype, [("float", x), ("int", y)],
                lambda a, b, r=r, g=gamma: softmax_focal_loss(a, b, alpha=al, gamma=g, reduction=r),
                {"reduction": r, "gamma": gamma, "alpha": al})
    ext = torch.tensor([[1e4, -1e4, 0.0], [F32_MAX, 0.0, -F32_MAX]], dtype=torch.float64)
    tt = torch.tensor([[1.0, 1.0, 0.0], [0.0, 1.0, 1.0]], dtype=torch.float64)
    add("sigmoidFocal extreme logits", "sigmoidFocalLoss", dtype, [("float", ext[:1]), ("float", tt[:1])],
        lambda a, b: torchvision_sigmoid_focal_loss(a, b), {})
    xe = torch.tensor([[1e4, 0.0, -1e4], [-1e4, 1e4, 0.0], [0.0, 0.0, 0.0]], dtype=torch.float64)
    add("softmaxFocal extreme logits", "softmaxFocalLoss", dtype, [("float", xe), ("int", torch.tensor([0, 2, 1]))],
        lambda a, b: softmax_focal_loss(a, b), {})

os.makedirs(OUT, exist_ok=True)
with open(os.path.join(OUT, "losses.json"), "w") as f:
    json.dump({"generator": "scripts/oracle.py", "torch": torch.__version__, "cases": cases}, f, separators=(",", ":"))

# --- Hessians (torch.autograd.functional.hessian) ---------------------------------------------------------------------
hessians = []
for dtype in DTYPES:
    dt = DTYPES[dtype]
    x = rand(3, 4).to(dt)
    y = torch.tensor([1, 3, 0])
    w = torch.tensor([0.5, 1.0, 2.0, 1.5], dtype=dt)
    for opts, fn in [
        ({}, lambda z: F.cross_entropy(z, y)),
        ({"labelSmoothing": 0.2, "weight": enc(w)}, lambda z: F.cross_entropy(z, y, weight=w, label_smoothing=0.2)),
        ({"reduction": "sum"}, lambda z: F.cross_entropy(z, y, reduction="sum")),
    ]:
        h = torch.autograd.functional.hessian(fn, x)
        hessians.append({"loss": "crossEntropyLoss", "dtype": dtype, "input": enc(x), "target": enc_int(y), "options": opts,
                         "hessian": enc(h.reshape(x.numel(), x.numel()))})
    t = rand(3, 4).to(dt)
    h = torch.autograd.functional.hessian(lambda z: F.mse_loss(z, t), x)
    hessians.append({"loss": "mseLoss", "dtype": dtype, "input": enc(x), "target": enc(t), "options": {},
                     "hessian": enc(h.reshape(x.numel(), x.numel()))})
with open(os.path.join(OUT, "hessians.json"), "w") as f:
    json.dump({"generator": "scripts/oracle.py", "torch": torch.__version__, "cases": hessians}, f, separators=(",", ":"))
print(len(cases), "cases,", len(hessians), "hessians")
