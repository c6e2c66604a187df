#!/usr/bin/python3
"""PyTorch side of `nx run bench:kernels`: median training-step time (Adam, cross-entropy) of the
reference models, after warm-up, at a given thread count. Prints JSON {model: seconds}.

    /usr/bin/python3 tools/reference/train_step_bench.py THREADS STEPS [MODEL,MODEL,...]
"""
import json
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(__file__))
from model_params import FashionMnistCnn, HamidaEtAl, HybridSN, MobileNetV1, MobileNetV2  # noqa: E402

threads, steps = int(sys.argv[1]), int(sys.argv[2])
wanted = sys.argv[3].split(",") if len(sys.argv) > 3 else None
torch.set_num_threads(threads)
torch.manual_seed(0)


def median_step(model, x, y, warmup=3):
    opt = torch.optim.Adam(model.parameters(), 1e-3)
    times = []
    for i in range(warmup + steps):
        start = time.perf_counter()
        opt.zero_grad()
        torch.nn.functional.cross_entropy(model(x), y).backward()
        opt.step()
        if i >= warmup:
            times.append(time.perf_counter() - start)
    times.sort()
    return times[len(times) // 2]


CASES = {
    "fashion-mnist-cnn": lambda: (FashionMnistCnn(10), torch.randn(100, 1, 28, 28), torch.randint(0, 10, (100,))),
    "hamida-3d-cnn": lambda: (HamidaEtAl(103, 9, 5), torch.randn(100, 1, 103, 5, 5), torch.randint(0, 9, (100,))),
    "hybridsn": lambda: (HybridSN(30, 25, 16), torch.randn(128, 1, 30, 25, 25), torch.randint(0, 16, (128,))),
    "mobilenet-v1-cifar": lambda: (MobileNetV1(10), torch.randn(64, 3, 32, 32), torch.randint(0, 10, (64,))),
    "mobilenet-v2-cifar": lambda: (MobileNetV2(10), torch.randn(64, 3, 32, 32), torch.randint(0, 10, (64,))),
}
result = {name: median_step(*make()) for name, make in CASES.items() if wanted is None or name in wanted}
print(json.dumps({"threads": torch.get_num_threads(), "torch": torch.__version__, "seconds": result}))
