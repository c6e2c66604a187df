#!/usr/bin/python3
"""Metrics computed by scikit-learn on fixed label sets, for libs/metrics/src/metrics.spec.ts.

The cases are SYNTHETIC label vectors (seeded), including classes that are never predicted and
classes absent from the truth, where definitions differ between libraries.

"psnr": SYNTHETIC signals (seeded) in [0, 1], 0..255, [-1, 1] and unbounded, and their PSNR in dB,
10 log10(data_range^2 / MSE) as scikit-image defines it, written out here twice, independently of
ablate's code: with scikit-learn's mean_squared_error ("psnr") and with torch in float64
("psnr_torch"). "psnr_max_abs_truth" is the same with the peak that ablate's regression metrics use
when none is given, the largest |truth|. Signals marked float32 are float32 values (ablate reads
targets and predictions as Float32Array), computed on in float64.

    /usr/bin/python3 tools/reference/metrics_reference.py > libs/metrics/fixtures/sklearn-metrics.json
"""
import json
import sys

import numpy as np
import sklearn
import torch
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

psnr = []


def psnr_case(name, truth, pred, data_range, float32):
    dtype = np.float32 if float32 else np.float64
    truth, pred = np.asarray(truth, dtype=dtype).astype(np.float64), np.asarray(pred, dtype=dtype).astype(np.float64)
    mse = M.mean_squared_error(truth, pred)
    t, p = torch.from_numpy(truth), torch.from_numpy(pred)
    entry = {
        "name": name,
        "float32": float32,
        "truth": truth.tolist(),
        "pred": pred.tolist(),
        "data_range": data_range,
        "psnr": float(10 * np.log10(data_range**2 / mse)),
        "psnr_torch": float(10 * torch.log10(data_range**2 / torch.mean((t - p) ** 2))),
        "psnr_max_abs_truth": float(10 * np.log10(np.max(np.abs(truth)) ** 2 / mse)),
    }
    assert abs(entry["psnr"] - entry["psnr_torch"]) < 1e-10
    psnr.append(entry)


x = rng.random(64)
psnr_case("image in [0, 1], data range 1", x, np.clip(x + rng.normal(0, 0.05, 64), 0, 1), 1.0, True)
x = rng.integers(0, 256, 100).astype(float)
psnr_case("8-bit image, data range 255", x, np.clip(x + np.round(rng.normal(0, 6, 100)), 0, 255), 255.0, False)
x = rng.uniform(-1, 1, 80)
psnr_case("tanh outputs in [-1, 1], data range 2", x, np.clip(x + rng.normal(0, 0.1, 80), -1, 1), 2.0, True)
x = rng.uniform(0, 0.8, 40)
psnr_case("image in [0, 1] whose brightest pixel is below 0.8, data range 1", x, np.clip(x + rng.normal(0, 0.02, 40), 0, 1), 1.0, True)
x = rng.normal(0, 2.5, 50)
psnr_case("unbounded targets, data range 10", x, x + rng.normal(0, 0.3, 50), 10.0, False)
json.dump({"generator": "tools/reference/metrics_reference.py", "sklearn": sklearn.__version__, "torch": torch.__version__, "classification": cases, "regression": regression, "psnr": psnr}, sys.stdout, indent=1)
sys.stdout.write("\n")
