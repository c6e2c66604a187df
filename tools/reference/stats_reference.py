#!/usr/bin/python3
"""p-values of scipy.stats.ttest_rel and scipy.stats.wilcoxon on SYNTHETIC paired samples, for
libs/report/src/stats.spec.ts.

    /usr/bin/python3 tools/reference/stats_reference.py > libs/report/fixtures/scipy-stats.json

"cases": random samples without ties or zero differences (mean, std, ttest_rel and the exact
Wilcoxon p-value).

"wilcoxon_cases": tied absolute differences, zero differences, both, a constant difference, every
difference zero, differences tied only up to floating-point rounding, and more than 20 pairs.
ablate's Wilcoxon test is

    scipy.stats.wilcoxon(d, zero_method="wilcox", alternative="two-sided",
                         method=scipy.stats.PermutationMethod(n_resamples=np.inf))

on the differences d = x - y with those equal up to rounding made equal (as scipy's documentation
of `wilcoxon` advises): zero differences dropped, tied magnitudes given their average rank, and the
p-value from the exact null distribution of the statistic over all 2^n sign patterns of the
differences (exact and conditional on the ties). That is what scipy >= 1.15 does by default
(method="auto") for up to 13 pairs, and what method="exact" computes when there are neither ties
nor zeros. This scipy (1.10, Debian bookworm) has no PermutationMethod for `wilcoxon`, so the
p-value here comes from scipy.stats.permutation_test on the same statistic (the positive rank sum,
zeros dropped, scipy.stats.rankdata's average ranks) with permutation_type="samples", which flips
the signs of the differences, and n_resamples=inf; the statistic is scipy.stats.wilcoxon's.
scipy 1.10's own default gives other p-values on these cases, recorded as "scipy_1_10_auto_p" for
comparison only: with zeros it switches to the normal approximation, and with ties it truncates the
statistic to an integer and uses the distribution without ties.

"ttest_cases": differences that are the same on every seed, exactly or up to rounding, where
scipy.stats.ttest_rel divides by a zero (or rounding-sized) standard deviation and returns
t = inf, p = 0 (nan, nan when every difference is 0), warning of catastrophic cancellation when
the differences are "nearly identical"; ablate reports these as not testable ("untestable"). The
last case varies by 1e-9 and is testable: there t and p are scipy's.

Equal up to rounding: within 1e-14 (10 x float64's resolution, scipy's threshold for catastrophic
cancellation) times the largest |x|, |y| or |x - y| of the pairs.
"""
import json
import math
import sys
import warnings

import numpy as np
import scipy
from scipy import stats

rng = np.random.default_rng(1)
cases = []
for n in (3, 5, 8, 12):
    x = rng.normal(0.85, 0.02, n)
    y = x + rng.normal(0.01, 0.015, n)
    t = stats.ttest_rel(x, y)
    w = stats.wilcoxon(x, y, method="exact")
    cases.append({"x": x.tolist(), "y": y.tolist(), "t": float(t.statistic), "t_p": float(t.pvalue), "w": float(w.statistic), "w_p": float(w.pvalue), "mean": float(np.mean(x)), "std": float(np.std(x, ddof=1))})

ROUNDING = 1e-14


def tolerance(x, y):
    return ROUNDING * float(np.max(np.abs(np.concatenate([x, y, x - y]))))


def snapped_differences(x, y):
    """x - y, with magnitudes within the tolerance of the next smaller one made equal to it and
    magnitudes within the tolerance of 0 made 0. Returns the differences and whether any changed."""
    d = x - y
    tol = tolerance(x, y)
    a = np.abs(d)
    out = d.copy()
    order = np.argsort(a, kind="stable")
    value = None
    previous = None
    for i in order:
        if a[i] <= tol:
            out[i] = 0.0
            continue
        if previous is None or a[i] - previous > tol:
            value = a[i]
        previous = a[i]
        out[i] = math.copysign(value, d[i])
    return out, bool(np.any(out != d))


def positive_rank_sum(d, axis=-1):
    """Sum of the ranks of |d| over the positive d, zeros dropped (zero_method="wilcox")."""
    d = np.moveaxis(d, axis, -1)
    a = np.abs(d)
    ranks = stats.rankdata(np.where(a == 0, np.nan, a), axis=-1, nan_policy="omit")
    return np.nansum(np.where(d > 0, ranks, 0.0), axis=-1)


def exact_sign_flip_p(d):
    return float(stats.permutation_test((d,), positive_rank_sum, permutation_type="samples", vectorized=True, n_resamples=np.inf, alternative="two-sided").pvalue)


def scipy_1_10_auto_p(x, y):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return float(stats.wilcoxon(x, y).pvalue)
        except ValueError:
            return None


# The sign-flip permutation p-value is scipy's exact p-value where there are no ties or zeros.
for c in cases:
    assert abs(exact_sign_flip_p(np.array(c["x"]) - np.array(c["y"])) - c["w_p"]) < 1e-12

wilcoxon_cases = []


def wilcoxon_case(name, x, y):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    d, rounded = snapped_differences(x, y)
    nonzero = d[d != 0]
    entry = {"name": name, "x": x.tolist(), "y": y.tolist(), "n": int(nonzero.size), "zeros": int(np.sum(d == 0)), "tied": bool(np.unique(np.abs(nonzero)).size < nonzero.size), "rounded": rounded}
    if nonzero.size == 0:
        # scipy.stats.wilcoxon raises "zero_method 'wilcox' and 'pratt' do not work if x - y is zero for all elements."
        entry.update({"w": None, "w_p": None, "untestable": "no_difference"})
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the normal approximation's p-value is not used
            w = float(stats.wilcoxon(d).statistic)
        p = exact_sign_flip_p(d) if d.size <= 16 else float(stats.wilcoxon(d, method="exact").pvalue)
        if d.size > 16:
            assert not entry["tied"] and entry["zeros"] == 0, "exact without ties or zeros only"
        entry.update({"w": w, "w_p": p})
    entry["scipy_1_10_auto_p"] = scipy_1_10_auto_p(x, y)
    wilcoxon_cases.append(entry)


wilcoxon_case("tied |d|, no zeros", [3, 5, 4, 7, 6, 9], [2, 3, 3, 5, 7, 6])
wilcoxon_case("tied |d|, half-integer statistic", [2, 3, 4.5, 5, 6, 6], [1, 2, 3, 4, 5, 7])
wilcoxon_case("zero differences, no ties", [1, 2.5, 3, 4.75, 5, 6.25, 7], [1, 2, 3.25, 4, 5, 5, 7.125])
wilcoxon_case("zero differences and tied |d|", [5, 7, 4, 2, 6, 9, 1, 4], [5, 5, 2, 3, 6, 6, 3, 3])
wilcoxon_case("every seed 1.0 above the baseline", [1.81, 1.8, 1.82], [0.81, 0.8, 0.82])
wilcoxon_case("every seed equal to the baseline", [0.81, 0.8, 0.82], [0.81, 0.8, 0.82])
wilcoxon_case("|d| tied only up to rounding (0.05 three times)", [0.86, 0.85, 0.87, 0.8, 0.84], [0.81, 0.8, 0.82, 0.805, 0.83])
wilcoxon_case("|d| tied only up to rounding, both signs (0.05, -0.05, 0.05)", [0.86, 0.82, 0.87, 0.8, 0.84], [0.81, 0.87, 0.82, 0.805, 0.83])
wilcoxon_case("a zero difference only up to rounding", [0.1 + 0.2, 0.9, 0.75, 0.6], [0.3, 0.85, 0.8, 0.4])
diff = rng.integers(-3, 4, 16).astype(float)
base = rng.normal(10, 1, 16).round(2)
wilcoxon_case("16 pairs, many ties and zeros", (base + diff).tolist(), base.tolist())
x = rng.normal(0.85, 0.02, 25)
wilcoxon_case("25 pairs, no ties or zeros", x.tolist(), (x + rng.normal(0.005, 0.01, 25)).tolist())
assert [c["rounded"] for c in wilcoxon_cases] == [False] * 6 + [True] * 3 + [False] * 2

ttest_cases = []


def ttest_case(name, x, y):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    d = x - y
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        t = stats.ttest_rel(x, y)
    precision_loss = any("catastrophic cancellation" in str(w.message) for w in caught)
    tol = tolerance(x, y)
    constant = bool(np.max(np.abs(d - np.mean(d))) <= tol)
    entry = {
        "name": name,
        "x": x.tolist(),
        "y": y.tolist(),
        "scipy_t": float(t.statistic) if np.isfinite(t.statistic) else str(t.statistic),
        "scipy_p": float(t.pvalue) if np.isfinite(t.pvalue) else str(t.pvalue),
        "scipy_precision_loss_warning": precision_loss,
        "untestable": "zero_variance" if constant else None,
    }
    ttest_cases.append(entry)


ttest_case("every seed exactly 1.0 above the baseline", [1.81, 1.8, 1.82], [0.81, 0.8, 0.82])
ttest_case("every seed 1.0 above, added in floating point", [v + 1.0 for v in [0.81, 0.8, 0.82]], [0.81, 0.8, 0.82])
ttest_case("every seed 0.01 above (decimal)", [0.82, 0.81, 0.83], [0.81, 0.8, 0.82])
ttest_case("every seed 0.001 below (decimal), 5 seeds", [0.849, 0.861, 0.842, 0.855, 0.858], [0.85, 0.862, 0.843, 0.856, 0.859])
ttest_case("every seed 0.0003 above (decimal), where scipy does not warn", [0.5084, 0.8988, 0.9476], [0.5081, 0.8985, 0.9473])
ttest_case("every seed 50 of 10000 test images above", [8173 / 10000, 8273 / 10000, 8573 / 10000], [8123 / 10000, 8223 / 10000, 8523 / 10000])
ttest_case("every seed equal to the baseline", [0.81, 0.8, 0.82], [0.81, 0.8, 0.82])
ttest_case("differences varying by 1e-9 (testable)", [1.81, 1.8, 1.820000001], [0.81, 0.8, 0.82])
assert all(c["untestable"] == ("zero_variance" if i < 7 else None) for i, c in enumerate(ttest_cases))
# Wherever scipy warns of catastrophic cancellation or its t is not finite, ablate reports no test.
assert all(c["untestable"] for c in ttest_cases if c["scipy_precision_loss_warning"] or isinstance(c["scipy_t"], str))

json.dump({"generator": "tools/reference/stats_reference.py", "scipy": scipy.__version__, "cases": cases, "wilcoxon_cases": wilcoxon_cases, "ttest_cases": ttest_cases}, sys.stdout, indent=1)
sys.stdout.write("\n")
