#!/usr/bin/python3
"""Image metrics computed by scikit-image (and R^2 by scikit-learn), for libs/metrics/src/image.spec.ts.

SYNTHETIC images (seeded): a smooth pattern plus Gaussian noise, compared with noisier or blurred
copies, in [0, 1] and 0..255, grey and colour, square and not. SSIM is
skimage.metrics.structural_similarity(truth, predicted, data_range=R, channel_axis=-1) with its
defaults (7x7 uniform window, sample covariance, K1 0.01, K2 0.03); PSNR is
peak_signal_noise_ratio(truth, predicted, data_range=R). Values are float32 (ablate's tensors),
computed on in float64.

    /usr/bin/python3 tools/reference/image_metrics_reference.py > libs/metrics/fixtures/image-metrics.json
"""
import json

import numpy as np
import skimage
from sklearn.metrics import r2_score
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

rng = np.random.default_rng(7)
cases = []
for name, (h, w, c), scale, sigma in [
    ("grey 28x28 in [0,1]", (28, 28, 1), 1.0, 0.1),
    ("colour 32x32 in [0,1]", (32, 32, 3), 1.0, 0.05),
    ("grey 9x11 in 0..255", (9, 11, 1), 255.0, 20.0),
    ("two channels 16x13 in [0,1], very noisy", (16, 13, 2), 1.0, 0.4),
]:
    yy, xx = np.mgrid[0:h, 0:w]
    base = np.stack([0.5 + 0.4 * np.sin(xx / 3.0 + k) * np.cos(yy / 4.0) for k in range(c)], axis=-1) * scale
    truth = (base + rng.normal(0, sigma / 4, base.shape)).astype(np.float32)
    predicted = (truth + rng.normal(0, sigma, base.shape)).astype(np.float32)
    t64 = truth.astype(np.float64)
    p64 = predicted.astype(np.float64)
    cases.append({
        "name": name,
        "shape": [h, w, c],
        "data_range": scale,
        "truth": [float(v) for v in truth.ravel()],
        "predicted": [float(v) for v in predicted.ravel()],
        "ssim": float(structural_similarity(t64, p64, data_range=scale, channel_axis=-1)),
        "psnr": float(peak_signal_noise_ratio(t64, p64, data_range=scale)),
        "r2": float(r2_score(t64.ravel(), p64.ravel())),
    })

print(json.dumps({"skimage": skimage.__version__, "cases": cases}))
