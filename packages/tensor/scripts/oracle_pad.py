"""Oracle for pad's reflect / replicate / circular modes: torch.nn.functional.pad (PyTorch 1.13), float64.

Each case records the input, the pads (last axis first, as F.pad takes them), PyTorch's output, a random
cotangent w and the gradient of sum(pad(x) * w) with respect to x. test/pad.oracle.test.ts compares.
Run: /usr/bin/python3 scripts/oracle_pad.py  (writes fixtures/pad.json)
"""
import json

import torch
import torch.nn.functional as F

torch.manual_seed(3)
torch.set_default_dtype(torch.float64)


def flat(t):
    return t.detach().reshape(-1).tolist()


cases = []
specs = [
    # (shape, pads) per mode; shapes follow F.pad's rank rules for the non-constant modes
    ([2, 5], [2, 3]),
    ([1, 2, 4], [3, 1]),
    ([2, 3, 4], [0, 2]),
    ([1, 2, 3, 4], [1, 2, 2, 1]),
    ([2, 4, 5], [2, 2, 3, 0]),
    ([1, 1, 3, 3, 4], [1, 1, 2, 0, 1, 2]),
    ([3, 1], [0, 0]),
]
for mode in ['reflect', 'replicate', 'circular']:
    for shape, pads in specs:
        x = torch.randn(*shape, requires_grad=True)
        try:
            y = F.pad(x, pads, mode=mode)
        except Exception as e:  # PyTorch's own limits (reported, not faked)
            print('skip', mode, shape, pads, '-', str(e).split('\n')[0][:80])
            continue
        w = torch.randn(*y.shape)
        (y * w).sum().backward()
        cases.append({'mode': mode, 'shape': shape, 'pads': pads, 'x': flat(x), 'outShape': list(y.shape),
                      'y': flat(y), 'w': flat(w), 'gradX': flat(x.grad)})
# circular with pads equal to the size (wraps exactly once), replicate far beyond the size
for mode, shape, pads in [('circular', [1, 2, 3], [3, 3]), ('replicate', [1, 2, 2], [5, 4]),
                          ('reflect', [1, 2, 4], [3, 3])]:
    x = torch.randn(*shape, requires_grad=True)
    y = F.pad(x, pads, mode=mode)
    w = torch.randn(*y.shape)
    (y * w).sum().backward()
    cases.append({'mode': mode, 'shape': shape, 'pads': pads, 'x': flat(x), 'outShape': list(y.shape),
                  'y': flat(y), 'w': flat(w), 'gradX': flat(x.grad)})

with open('fixtures/pad.json', 'w') as fh:
    json.dump({'torch': torch.__version__, 'cases': cases}, fh)
print('wrote fixtures/pad.json with', len(cases), 'cases')
