"""Learning rates of PyTorch's schedulers (torch.optim.lr_scheduler, 1.13) for the schedules ablate
names the same, epoch by epoch, for libs/training/src/schedules/learning-rate.spec.ts.
Run with Debian's python3-torch:
  /usr/bin/python3 tools/reference/schedules_reference.py > libs/training/fixtures/schedules.json
"""
import json

import torch

BASE = 0.1
EPOCHS = 8


def rates(make):
    weight = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([weight], lr=BASE)
    scheduler = make(optimizer)
    out = []
    for _ in range(EPOCHS):
        out.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return out


S = torch.optim.lr_scheduler
cases = {
    "step": ({"type": "step", "step_size": 3, "gamma": 0.5}, lambda o: S.StepLR(o, step_size=3, gamma=0.5)),
    "multistep": ({"type": "multistep", "milestones": [2, 5], "gamma": 0.1}, lambda o: S.MultiStepLR(o, milestones=[2, 5], gamma=0.1)),
    "exponential": ({"type": "exponential", "gamma": 0.8}, lambda o: S.ExponentialLR(o, gamma=0.8)),
    "cosine": ({"type": "cosine", "min_lr": 0.001}, lambda o: S.CosineAnnealingLR(o, T_max=EPOCHS, eta_min=0.001)),
    "linear": ({"type": "linear", "end_factor": 0.25}, lambda o: S.LinearLR(o, start_factor=1.0, end_factor=0.25, total_iters=EPOCHS)),
}
print(json.dumps({"base": BASE, "epochs": EPOCHS, "torch": torch.__version__, "cases": {k: {"spec": spec, "rates": rates(make)} for k, (spec, make) in cases.items()}}, indent=1))
