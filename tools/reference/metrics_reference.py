#!/usr/bin/python3
"""Metrics computed by scikit-learn on fixed label sets, for libs/metrics/src/metrics.spec.ts.

The cases are SYNTHETIC label vectors (seeded), including classes that are never predicted and
classes absent from the truth, where definitions differ between libraries.

    /usr/bin/python3 tools/reference/metrics_reference.py > libs/metrics/fixtures/sklearn-metrics.json
"""
import json
import sys

import numpy as np
import sklearn
from sklearn import metrics as M

rng = np.random.default_rng(0)
cases = []


def case(name, truth, pred, classes):
    labels = list(range(classes))
    entry = {
        "name": name,
        "classes": classes,
        "truth": [int(v) for v in truth],
        "pred": [int(v) for v in pred],
        "confusion": M.confusion_matrix(truth, pred, labels=labels).tolist(),
        "oa": M.accuracy_score(truth, pred),
        "aa": M.balanced_accuracy_score(truth, pred),
        "kappa": M.cohen_kappa_score(truth, pred),
        "f1_macro": M.f1_score(truth, pred, average="macro", zero_division=0),
        "f1_weighted": M.f1_score(truth, pred, average="weighted", zero_division=0),
        "precision_macro": M.precision_score(truth, pred, average="macro", zero_division=0),
        "recall_macro": M.recall_score(truth, pred, average="macro", zero_division=0),
        "precision_weighted": M.precision_score(truth, pred, average="weighted", zero_division=0),
        "recall_weighted": M.recall_score(truth, pred, average="weighted", zero_division=0),
        "precision_micro": M.precision_score(truth, pred, average="micro", zero_division=0),
        "per_class_precision": M.precision_score(truth, pred, average=None, labels=labels, zero_division=0).tolist(),
        "per_class_recall": M.recall_score(truth, pred, average=None, labels=labels, zero_division=0).tolist(),
        "per_class_f1": M.f1_score(truth, pred, average=None, labels=labels, zero_division=0).tolist(),
    }
    cases.append(entry)


truth = rng.integers(0, 5, 300)
pred = np.where(rng.random(300) < 0.7, truth, rng.integers(0, 5, 300))
case("five classes, 70% right", truth, pred, 5)
truth = np.array([0] * 50 + [1] * 30 + [2] * 15 + [3] * 5)
pred = np.array([0] * 45 + [1] * 5 + [1] * 28 + [0] * 2 + [2] * 10 + [0] * 5 + [0] * 5)
case("imbalanced, class 3 never predicted", truth, pred, 4)
truth = np.array([0, 0, 1, 1, 1, 1])
pred = np.array([0, 2, 1, 1, 2, 1])
case("a predicted class absent from the truth", truth, pred, 3)

y = rng.normal(size=50)
yhat = y + rng.normal(scale=0.1, size=50)
regression = {
    "truth": y.tolist(),
    "pred": yhat.tolist(),
    "mse": M.mean_squared_error(y, yhat),
    "mae": M.mean_absolute_error(y, yhat),
}
json.dump({"generator": "tools/reference/metrics_reference.py", "sklearn": sklearn.__version__, "classification": cases, "regression": regression}, sys.stdout, indent=1)
sys.stdout.write("\n")
