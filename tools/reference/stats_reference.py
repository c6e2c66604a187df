#!/usr/bin/python3
"""p-values of scipy.stats.ttest_rel and scipy.stats.wilcoxon (exact) on SYNTHETIC paired samples,
for libs/report/src/stats.spec.ts.

    /usr/bin/python3 tools/reference/stats_reference.py > libs/report/fixtures/scipy-stats.json
"""
import json
import sys

import numpy as np
import scipy
from scipy import stats

rng = np.random.default_rng(1)
cases = []
for n in (3, 5, 8, 12):
    x = rng.normal(0.85, 0.02, n)
    y = x + rng.normal(0.01, 0.015, n)
    t = stats.ttest_rel(x, y)
    w = stats.wilcoxon(x, y, mode="exact")
    cases.append({"x": x.tolist(), "y": y.tolist(), "t": float(t.statistic), "t_p": float(t.pvalue), "w": float(w.statistic), "w_p": float(w.pvalue), "mean": float(np.mean(x)), "std": float(np.std(x, ddof=1))})
json.dump({"generator": "tools/reference/stats_reference.py", "scipy": scipy.__version__, "cases": cases}, sys.stdout, indent=1)
sys.stdout.write("\n")
