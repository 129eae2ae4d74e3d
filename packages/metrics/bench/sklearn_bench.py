"""Times scikit-learn 1.2 on the data written by bench/metrics.bench.mjs; prints JSON. Run by the benchmark."""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.metrics import average_precision_score, confusion_matrix, f1_score, roc_auc_score

folder, reps = sys.argv[1], int(sys.argv[2])
y = np.fromfile(f"{folder}/y.i32", dtype=np.int32)
s = np.fromfile(f"{folder}/s.f64", dtype=np.float64)
t10 = np.fromfile(f"{folder}/t10.i32", dtype=np.int32)
p10 = np.fromfile(f"{folder}/p10.i32", dtype=np.int32)


def cm_f1():
    return confusion_matrix(t10, p10), f1_score(t10, p10, average="macro")


tasks = {
    "rocAucScore": lambda: roc_auc_score(y, s),
    "averagePrecisionScore": lambda: average_precision_score(y, s),
    "confusionMatrix + f1Score macro": cm_f1,
}
out = {"sklearn": sklearn.__version__, "numpy": np.__version__, "times": {}, "values": {}}
for name, f in tasks.items():
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        v = f()
        times.append((time.perf_counter() - t0) * 1000)
    out["times"][name] = times
    out["values"][name] = float(v[1]) if isinstance(v, tuple) else float(v)
print(json.dumps(out))
