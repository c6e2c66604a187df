#!/usr/bin/python3
"""Optuna's TPESampler as a proposal server for benchmarks/search.ts (the benchmark only; ablate
never runs Python). One JSON object per line on stdin and stdout:

  in:  {"study": {"space": {...}, "order": [...], "direction": "maximize", "seed": 1, "startup_trials": 10}}
  out: {"ready": true, "optuna": "3.1.0"}
  then, per trial, out: {"params": {...}}   in: {"value": 0.91}
  in:  {"end": true}   (the study is over; another {"study": ...} may follow)

The space is ablate's (log_uniform, uniform with optional step, int with step or log, choice, when),
suggested define-by-run in `order` (a condition's choice first), so conditional params exist only
when their condition holds, as in ablate.
"""
import json
import sys

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)


def send(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def receive():
    line = sys.stdin.readline()
    if not line:
        sys.exit(0)
    return json.loads(line)


def active(spec, params):
    for dep, wanted in (spec.get("when") or {}).items():
        allowed = wanted if isinstance(wanted, list) else [wanted]
        if dep not in params or params[dep] not in allowed:
            return False
    return True


def suggest(trial, path, spec):
    kind = spec["type"]
    if kind == "log_uniform":
        return trial.suggest_float(path, spec["low"], spec["high"], log=True)
    if kind == "uniform":
        return trial.suggest_float(path, spec["low"], spec["high"], step=spec.get("step"))
    if kind == "int":
        return trial.suggest_int(path, spec["low"], spec["high"], step=spec.get("step", 1), log=spec.get("log", False))
    if kind == "choice":
        return trial.suggest_categorical(path, spec["values"])
    raise ValueError(f"unknown param type {kind}")


def run(study_spec):
    sampler = optuna.samplers.TPESampler(seed=study_spec["seed"], n_startup_trials=study_spec.get("startup_trials", 10))
    study = optuna.create_study(direction=study_spec["direction"], sampler=sampler)
    send({"ready": True, "optuna": optuna.__version__})
    while True:
        message = receive()
        if message.get("end"):
            return
        assert message.get("ask"), message
        trial = study.ask()
        params = {}
        for path in study_spec["order"]:
            spec = study_spec["space"][path]
            if active(spec, params):
                params[path] = suggest(trial, path, spec)
        send({"params": params})
        study.tell(trial, receive()["value"])


while True:
    message = receive()
    run(message["study"])
