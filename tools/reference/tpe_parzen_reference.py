#!/usr/bin/python3
"""Optuna 3.1's univariate Parzen estimators and TPE ranking on fixed observations, for
libs/sweep/src/search/parzen-estimator.spec.ts: per case the component weights, means and sigmas
(numerical params, in the transformed space: the log for log params) or the categorical weights,
and the log density of each mixture at fixed points: as Optuna 3.1 computes it (`log_pdf_3_1`) and
with the -log(sigma) of each truncated normal that 3.1 leaves out (optuna/optuna issue 5109, fixed
by pull request 5110): `log_pdf`. Then the good/bad split of a small study with complete, pruned,
failed and running trials (`_get_observation_pairs`, `_split_observation_pairs`, default_gamma).

Debian's optuna (apt-get install -y python3-optuna, 3.1.0), run with Debian's python:

    /usr/bin/python3 tools/reference/tpe_parzen_reference.py > libs/sweep/fixtures/tpe-parzen-reference.json
"""
import json
import math

import numpy as np
import optuna
from optuna import distributions as d
from optuna.samplers._tpe import _truncnorm
from optuna.samplers._tpe import parzen_estimator as pe
from optuna.samplers._tpe.sampler import _get_observation_pairs
from optuna.samplers._tpe.sampler import _split_observation_pairs
from optuna.samplers._tpe.sampler import default_gamma
from optuna.samplers._tpe.sampler import default_weights
from optuna.trial import TrialState

assert optuna.__version__.startswith("3.1"), optuna.__version__

PARAMS = pe._ParzenEstimatorParameters(
    consider_prior=True,
    prior_weight=1.0,
    consider_magic_clip=True,
    consider_endpoints=False,
    weights=default_weights,
    multivariate=False,
)
rng = np.random.RandomState(7)

# (name, the param as ablate writes it, Optuna's distribution, observations, points to evaluate)
CASES = [
    ("uniform", {"type": "uniform", "low": 0.0, "high": 1.0}, d.FloatDistribution(0.0, 1.0),
     [0.12, 0.9, 0.47, 0.33, 0.5, 0.71], [0.0, 0.05, 0.3, 0.5, 0.77, 0.99, 1.0]),
    ("uniform-prior-only", {"type": "uniform", "low": -2.0, "high": 3.0}, d.FloatDistribution(-2.0, 3.0),
     [], [-2.0, 0.5, 2.9]),
    ("uniform-one", {"type": "uniform", "low": 0.0, "high": 1.0}, d.FloatDistribution(0.0, 1.0),
     [0.2], [0.1, 0.2, 0.8]),
    ("log-uniform-30", {"type": "log_uniform", "low": 1e-4, "high": 1e-1}, d.FloatDistribution(1e-4, 1e-1, log=True),
     list(np.exp(rng.uniform(math.log(1e-4), math.log(1e-1), 30))), [1e-4, 3e-4, 1e-3, 5e-3, 0.02, 0.0999]),
    ("uniform-step", {"type": "uniform", "low": 0.0, "high": 0.5, "step": 0.05}, d.FloatDistribution(0.0, 0.5, step=0.05),
     [0.1, 0.1, 0.25, 0.5, 0.0, 0.35, 0.1], [0.0, 0.1, 0.15, 0.3, 0.5]),
    ("int", {"type": "int", "low": 1, "high": 4}, d.IntDistribution(1, 4),
     [1, 2, 2, 4, 3, 2, 1, 4, 4, 2], [1, 2, 3, 4]),
    ("int-step", {"type": "int", "low": 8, "high": 64, "step": 8}, d.IntDistribution(8, 64, step=8),
     [16, 64, 32, 8], [8, 24, 40, 64]),
    ("int-log", {"type": "int", "low": 1, "high": 100, "log": True}, d.IntDistribution(1, 100, log=True),
     [3, 10, 1, 64, 7, 100, 12, 5], [1, 2, 9, 33, 100]),
    ("choice", {"type": "choice", "values": ["sgd", "adam", "adamw"]}, d.CategoricalDistribution(["sgd", "adam", "adamw"]),
     [0, 1, 1, 2, 1, 0, 1], [0, 1, 2]),
]


def fixed_logpdf(x, a, b, loc=0, scale=1):
    """_truncnorm.logpdf with the -log(scale) of optuna/optuna pull request 5110."""
    return _ORIGINAL_LOGPDF(x, a, b, loc=loc, scale=scale) - np.log(scale)


_ORIGINAL_LOGPDF = _truncnorm.logpdf


def estimator_case(name, param, dist, observations, points):
    obs = np.asarray(observations, dtype=float)
    if isinstance(dist, d.CategoricalDistribution):
        obs = obs.astype(int)
    est = pe._ParzenEstimator({"x": obs}, {"x": dist}, PARAMS)
    samples = {"x": np.asarray(points, dtype=int if isinstance(dist, (d.CategoricalDistribution,)) else float)}
    log_pdf_3_1 = est.log_pdf(samples)
    _truncnorm.logpdf = fixed_logpdf
    try:
        log_pdf = est.log_pdf(samples)
    finally:
        _truncnorm.logpdf = _ORIGINAL_LOGPDF
    out = {
        "name": name,
        "param": param,
        "observations": [float(v) if not isinstance(dist, d.CategoricalDistribution) else int(v) for v in observations],
        "points": [float(p) if not isinstance(dist, d.CategoricalDistribution) else int(p) for p in points],
        "weights": est._weights.tolist(),
        "log_pdf_3_1": log_pdf_3_1.tolist(),
        "log_pdf": log_pdf.tolist(),
    }
    if isinstance(dist, d.CategoricalDistribution):
        out["categorical_weights"] = est._categorical_weights["x"].tolist()
    else:
        out.update(low=est._low["x"], high=est._high["x"], q=est._q["x"], mus=est._mus["x"].tolist(), sigmas=est._sigmas["x"].tolist())
    return out


def numbers_of(study):
    """Trial numbers of the observations (complete and pruned trials, in trial order)."""
    return [t.number for t in study.get_trials(deepcopy=False, states=(TrialState.COMPLETE, TrialState.PRUNED))]


def split_case():
    """A study to maximize: the observation keys and the good/bad split TPE makes of it."""
    study = optuna.create_study(direction="maximize")
    dist = {"x": d.FloatDistribution(0.0, 1.0)}
    trials = [
        ("complete", 0.81, [0.5, 0.7, 0.81]),
        ("pruned", None, [0.4, 0.66]),
        ("complete", 0.90, [0.6, 0.8, 0.90]),
        ("failed", None, [0.3]),
        ("pruned", None, [0.45]),
        ("complete", 0.78, [0.5, 0.7, 0.78]),
        ("running", None, [0.5]),
        ("pruned", None, [0.5, 0.71]),
        ("complete", 0.85, [0.6, 0.8, 0.85]),
        ("pruned", None, []),
        ("complete", 0.88, [0.7, 0.8, 0.88]),
        ("complete", 0.86, [0.7, 0.8, 0.86]),
    ]
    states = {"complete": TrialState.COMPLETE, "pruned": TrialState.PRUNED, "failed": TrialState.FAIL, "running": TrialState.RUNNING}
    out = []
    for i, (state, value, inter) in enumerate(trials):
        x = round(0.05 + 0.07 * i, 2)
        study.add_trial(optuna.trial.create_trial(
            state=states[state], value=value, params={"x": x}, distributions=dist,
            intermediate_values={step + 1: v for step, v in enumerate(inter)},
        ))
        out.append({"index": i, "state": state, "params": {"x": x}, "intermediate": inter, **({"value": value} if value is not None else {})})
    values, scores, _ = _get_observation_pairs(study, ["x"])
    n = len(scores)
    # The good trials for several sizes of the good set: the whole ranking, pruned trials included.
    good = {str(k): [numbers_of(study)[i] for i in _split_observation_pairs(scores, k, None)[0]] for k in [default_gamma(n), 3, 5, 7, 9]}
    return {
        "direction": "maximize",
        "trials": out,
        "n": n,
        "gamma": default_gamma(n),
        "good": good,
    }


def normal_case():
    """erf and erfc (Python's, the C library's), and Optuna's log Φ, log Gaussian mass and truncated normal quantile."""
    xs = [-30.0, -12.0, -5.5, -2.0, -1.0, -0.3, 0.0, 1e-9, 0.2, 0.5, 0.9, 1.1, 2.0, 3.3, 5.9, 7.0, 27.0]
    masses = [(-3.0, -2.0), (-40.0, -39.5), (1.0, 2.0), (38.0, 40.0), (-0.5, 0.7), (-100.0, 100.0), (0.0, 0.01)]
    quantiles = [(0.3, -1.0, 2.0), (0.999, -0.2, 0.1), (0.01, 0.5, 4.0), (0.5, -30.0, -29.0), (0.7, 2.0, 80.0)]
    return {
        "x": xs,
        "erf": [math.erf(x) for x in xs],
        "erfc": [math.erfc(x) for x in xs],
        "log_ndtr": [float(_truncnorm._log_ndtr(np.asarray([x]))[0]) for x in xs],
        "mass": [[a, b, float(_truncnorm._log_gauss_mass(np.asarray([a]), np.asarray([b]))[0])] for a, b in masses],
        "ppf": [[q, a, b, float(_truncnorm.ppf(np.asarray([q]), a, b)[0])] for q, a, b in quantiles],
    }


print(json.dumps({
    "optuna": optuna.__version__,
    "numpy": np.__version__,
    "default_gamma": {str(n): default_gamma(n) for n in [1, 9, 10, 11, 30, 100, 249, 250, 251, 1000]},
    "default_weights": {str(n): default_weights(n).tolist() for n in [0, 3, 25, 26, 27, 40]},
    "estimators": [estimator_case(*case) for case in CASES],
    "split": split_case(),
    "normal": normal_case(),
}, indent=1))
