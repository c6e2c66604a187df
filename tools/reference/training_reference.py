#!/usr/bin/python3
"""Reference trajectories of torch.optim optimizers and values of nn.CrossEntropyLoss, for
libs/training/src/optimizers/optimizers.spec.ts and loop/losses.spec.ts.

Problem (SYNTHETIC, seeded): w in R^6, loss = sum((A w - b)^2), 8 steps at a fixed learning rate,
for each optimizer configuration; the parameters after every step are recorded.

    /usr/bin/python3 tools/reference/training_reference.py > libs/training/fixtures/torch-training.json
"""
import json
import sys

import torch

torch.manual_seed(0)
A = torch.randn(10, 6, dtype=torch.float64)
b = torch.randn(10, dtype=torch.float64)
w0 = torch.randn(6, dtype=torch.float64)

CONFIGS = [
    ("sgd", dict(type="sgd", lr=0.01), lambda p: torch.optim.SGD(p, lr=0.01)),
    ("sgd momentum nesterov decay", dict(type="sgd", lr=0.01, momentum=0.9, nesterov=True, weight_decay=0.1), lambda p: torch.optim.SGD(p, lr=0.01, momentum=0.9, nesterov=True, weight_decay=0.1)),
    ("sgd momentum", dict(type="sgd", lr=0.01, momentum=0.8), lambda p: torch.optim.SGD(p, lr=0.01, momentum=0.8)),
    ("adam decay", dict(type="adam", lr=0.05, weight_decay=0.1), lambda p: torch.optim.Adam(p, lr=0.05, weight_decay=0.1)),
    ("adamw", dict(type="adamw", lr=0.05, weight_decay=0.1, beta1=0.8, beta2=0.99), lambda p: torch.optim.AdamW(p, lr=0.05, weight_decay=0.1, betas=(0.8, 0.99))),
    ("rmsprop centered momentum", dict(type="rmsprop", lr=0.01, rho=0.9, momentum=0.5, centered=True), lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.9, momentum=0.5, centered=True)),
    ("rmsprop", dict(type="rmsprop", lr=0.01, weight_decay=0.05), lambda p: torch.optim.RMSprop(p, lr=0.01, weight_decay=0.05)),
    ("adagrad", dict(type="adagrad", lr=0.1, initial_accumulator=0.1), lambda p: torch.optim.Adagrad(p, lr=0.1, initial_accumulator_value=0.1)),
    ("sgd clip_norm", dict(type="sgd", lr=0.05, clip_norm=1.0), lambda p: torch.optim.SGD(p, lr=0.05)),
]

optimizers = []
for name, spec, make in CONFIGS:
    w = w0.clone().requires_grad_()
    opt = make([w])
    steps = []
    for _ in range(8):
        opt.zero_grad()
        loss = ((A @ w - b) ** 2).sum()
        loss.backward()
        if "clip_norm" in spec:
            torch.nn.utils.clip_grad_norm_([w], spec["clip_norm"])
        opt.step()
        steps.append(w.detach().tolist())
    optimizers.append({"name": name, "spec": spec, "steps": steps})

logits = torch.randn(7, 4, dtype=torch.float64)
labels = torch.tensor([0, 1, 2, 3, 1, 1, 0])
weights = torch.tensor([1.0, 0.5, 2.0, 1.5], dtype=torch.float64)
losses = {
    "logits": logits.tolist(),
    "labels": labels.tolist(),
    "weights": weights.tolist(),
    "plain": torch.nn.functional.cross_entropy(logits, labels).item(),
    "smoothed": torch.nn.functional.cross_entropy(logits, labels, label_smoothing=0.1).item(),
    "weighted": torch.nn.functional.cross_entropy(logits, labels, weight=weights).item(),
}
json.dump({"generator": "tools/reference/training_reference.py", "torch": torch.__version__, "A": A.tolist(), "b": b.tolist(), "w0": w0.tolist(), "optimizers": optimizers, "losses": losses}, sys.stdout, indent=1)
sys.stdout.write("\n")
