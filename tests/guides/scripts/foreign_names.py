"""The PyTorch 1.13 and scikit-learn 1.2 names the "coming from" guides may cite, by introspection.

Writes tests/guides/fixtures/foreign-names.json: every public name of the modules below (functions, classes,
and the public methods of their classes), each with its parameter names where Python can tell them (null
otherwise). tests/guides/names.test.ts checks that every PyTorch or scikit-learn name in the guides' tables is
one of them, and every keyword argument cited with it one of its parameters.

Run by hand, never by CI:  /usr/bin/python3 tests/guides/scripts/foreign_names.py
"""
import importlib
import inspect
import json
import os

import sklearn
import torch

MODULES = [
    'torch', 'torch.nn', 'torch.nn.functional', 'torch.nn.init', 'torch.nn.utils', 'torch.optim',
    'torch.optim.lr_scheduler', 'torch.autograd', 'torch.autograd.functional', 'torch.linalg', 'torch.utils.data',
    'sklearn.model_selection', 'sklearn.metrics', 'sklearn.preprocessing', 'sklearn.pipeline', 'sklearn.utils',
    'sklearn.calibration', 'sklearn.dummy',
]
# Classes whose methods are listed although they live in a module above under another name.
EXTRA_CLASSES = {'torch.Tensor': torch.Tensor}


def params(obj):
    try:
        target = obj.__init__ if inspect.isclass(obj) else obj
        sig = inspect.signature(target)
    except (TypeError, ValueError):
        return None
    return [p for p in sig.parameters if p not in ('self', 'args', 'kwargs')]


names = {}
classes = {}  # qualified name -> class, for every class listed
where = {}  # class -> the first name it is listed under

for module_name in MODULES:
    module = importlib.import_module(module_name)
    # __all__ can leave out public names (torch.autograd's lists no grad): take dir() too
    public = sorted(set(getattr(module, '__all__', [])) | {n for n in dir(module) if not n.startswith('_')})
    for attr in public:
        try:
            obj = getattr(module, attr)
        except AttributeError:
            continue
        if inspect.ismodule(obj):
            continue
        qualified = f'{module_name}.{attr}'
        if inspect.isclass(obj):
            # re-exports (sklearn.calibration.BaseEstimator) and torch's legacy typed tensors (torch.FloatTensor)
            # would repeat other classes' members
            if not (obj.__module__ or '').startswith(module_name) or attr.endswith('Tensor'):
                continue
            classes[qualified] = obj
            where.setdefault(obj, qualified)
        elif callable(obj):
            names[qualified] = params(obj)
for qualified, cls in EXTRA_CLASSES.items():
    classes[qualified] = cls
    where.setdefault(cls, qualified)
where[torch._C._TensorBase] = 'torch.Tensor'  # torch.Tensor's methods are defined on its C base

# A class's public members, except those it inherits from another listed class (found under that class's name:
# nn.Linear.parameters is nn.Module.parameters). `inherits` records the listed classes each one derives from.
inherits = {}
for qualified, cls in classes.items():
    names[qualified] = params(cls)
    parents = [where[b] for b in cls.__mro__[1:] if b in where]
    if parents:
        inherits[qualified] = parents
    for attr in dir(cls):
        if attr.startswith('_'):
            continue
        owner = next((b for b in cls.__mro__ if attr in vars(b)), cls)
        if owner is not cls and where.get(owner, qualified) != qualified:
            continue
        try:
            member = getattr(cls, attr)
        except Exception:
            continue
        names[f'{qualified}.{attr}'] = params(member) if callable(member) else None

out = os.path.join(os.path.dirname(__file__), '..', 'fixtures', 'foreign-names.json')
with open(out, 'w') as f:
    # one name per line, so that a diff shows what changed
    f.write('{"torch": %s, "sklearn": %s, "generator": "tests/guides/scripts/foreign_names.py",\n' %
            (json.dumps(torch.__version__), json.dumps(sklearn.__version__)))
    f.write('"inherits": {\n%s\n},\n' % ',\n'.join(
        f'{json.dumps(k)}: {json.dumps(v)}' for k, v in sorted(inherits.items())))
    f.write('"names": {\n%s\n}}\n' % ',\n'.join(
        f'{json.dumps(k)}: {json.dumps(v)}' for k, v in sorted(names.items())))
print(f'{len(names)} names -> {out}')
