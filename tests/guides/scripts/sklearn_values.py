"""scikit-learn 1.2's values for the "Same seed, same folds" block of docs/scikit-learn.md.

Writes tests/guides/fixtures/sklearn-values.json; tests/guides/values.test.ts checks that the guide prints exactly
these (its own test, code.test.ts, checks that @dl computes them). Run by hand, never by CI:
    /usr/bin/python3 tests/guides/scripts/sklearn_values.py
"""
import json
import os

import numpy as np
import sklearn
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score
from sklearn.model_selection import KFold, StratifiedKFold
from sklearn.preprocessing import MinMaxScaler, StandardScaler

y = [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]
y_true = [0, 1, 2, 2, 1, 0, 2]
y_pred = [0, 2, 2, 2, 1, 0, 1]
X = [[1, 10], [2, 20], [3, 60]]
scaler = StandardScaler().fit(X)
values = {
    'sklearn': sklearn.__version__,
    'stratifiedKFold': [t.tolist() for _, t in
                        StratifiedKFold(n_splits=4, shuffle=True, random_state=0).split(np.zeros((12, 1)), y)],
    'kFold': [t.tolist() for _, t in KFold(n_splits=3, shuffle=True, random_state=0).split(np.zeros((7, 1)))],
    'accuracyScore': accuracy_score(y_true, y_pred),
    'f1Macro': f1_score(y_true, y_pred, average='macro'),
    'confusionMatrix': confusion_matrix(y_true, y_pred).tolist(),
    'standardScalerMean': scaler.mean_.tolist(),
    'standardScalerScale': scaler.scale_.tolist(),
    'standardScalerTransform': scaler.transform([[2, 30]]).tolist(),
    'minMaxScalerTransform': MinMaxScaler().fit(X).transform([[2, 30]]).tolist(),
}
out = os.path.join(os.path.dirname(__file__), '..', 'fixtures', 'sklearn-values.json')
with open(out, 'w') as f:
    json.dump(values, f, indent=2)
    f.write('\n')
print(out)
