#!/usr/bin/python3
"""Optuna 3.1's MedianPruner and SuccessiveHalvingPruner deciding on a fixed study, for
libs/sweep/src/search/prune.spec.ts: 16 trials of 9 epochs, three running at a time (round robin,
one epoch each in turn, a new trial starting when one ends), each with a fixed learning curve.
After each epoch the trial reports its value and asks the pruner; the fixture holds the curves,
the schedule and every decision. The median pruner is asked with Optuna's step = epoch - 1 (its
warmup counts steps from 0), successive halving with step = epoch (rungs at epochs
min_epochs * reduction_factor^k).

    /usr/bin/python3 tools/reference/pruners_reference.py > libs/sweep/fixtures/pruners-reference.json
"""
import json
import math

import numpy as np
import optuna

assert optuna.__version__.startswith("3.1"), optuna.__version__
optuna.logging.set_verbosity(optuna.logging.WARNING)

N_TRIALS, EPOCHS, CONCURRENT = 16, 9, 3
rng = np.random.RandomState(3)
CURVES = []
for i in range(N_TRIALS):
    top, speed = rng.uniform(0.6, 0.95), rng.uniform(1.0, 4.0)
    CURVES.append([round(float(top * (1 - math.exp(-e / speed)) + rng.normal(0, 0.01)), 4) for e in range(1, EPOCHS + 1)])

CASES = [
    ("median", {"type": "median", "startup_trials": 3, "warmup_epochs": 1}, lambda: optuna.pruners.MedianPruner(n_startup_trials=3, n_warmup_steps=1), -1),
    ("median-defaults", {"type": "median"}, lambda: optuna.pruners.MedianPruner(), -1),
    ("asha", {"type": "asha", "min_epochs": 1, "reduction_factor": 3}, lambda: optuna.pruners.SuccessiveHalvingPruner(min_resource=1, reduction_factor=3), 0),
    ("asha-2-2", {"type": "asha", "min_epochs": 2, "reduction_factor": 2}, lambda: optuna.pruners.SuccessiveHalvingPruner(min_resource=2, reduction_factor=2), 0),
]


def run(name, pruner_spec, make, step_offset, direction):
    sign = 1 if direction == "maximize" else -1
    study = optuna.create_study(direction=direction, pruner=make())
    waiting = list(range(N_TRIALS))
    running = {}  # our index -> (optuna trial, next epoch)
    decisions = []
    while waiting or running:
        while waiting and len(running) < CONCURRENT:
            i = waiting.pop(0)
            running[i] = (study.ask(), 1)
        for i in sorted(running):
            trial, epoch = running[i]
            value = sign * CURVES[i][epoch - 1]
            trial.report(value, epoch + step_offset)
            prune = trial.should_prune()
            decisions.append({"trial": i, "epoch": epoch, "prune": bool(prune)})
            if prune:
                study.tell(trial, state=optuna.trial.TrialState.PRUNED)
                del running[i]
            elif epoch == EPOCHS:
                study.tell(trial, value)
                del running[i]
            else:
                running[i] = (trial, epoch + 1)
    return {"name": f"{name}-{direction}", "pruner": pruner_spec, "direction": direction, "sign": sign, "decisions": decisions}


print(json.dumps({
    "optuna": optuna.__version__,
    "concurrent": CONCURRENT,
    "curves": CURVES,
    "cases": [run(*case, direction) for case in CASES for direction in ("maximize", "minimize")],
}))
