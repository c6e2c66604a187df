#!/usr/bin/python3
"""PyTorch side of `nx run bench:kernels`: median training-step time (Adam, cross-entropy) of the
reference models, after warm-up, at a given thread count, on the GPU when this PyTorch sees one
(CUDA or ROCm), else on the CPU. Prints JSON {device, torch, threads, seconds: {model: seconds},
peak_rss_mb: {model: MB}, start_rss_mb}: the process's resident high-water mark (getrusage) after
the model's steps, and before any model was built (torch imported). Run one model per process
for its own peak. The warm-up runs at least 3 steps and at least WARMUP_SECONDS (default 0), as
ablate's side does, so that both are measured in their steady state.

    python3 tools/reference/train_step_bench.py THREADS STEPS [MODEL,MODEL,...] [BATCH] [WARMUP_SECONDS]
"""
import json
import os
import resource
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(__file__))
from model_params import FashionMnistCnn, HamidaEtAl, HybridSN, MobileNetV1, MobileNetV2  # noqa: E402

threads, steps = int(sys.argv[1]), int(sys.argv[2])
wanted = sys.argv[3].split(",") if len(sys.argv) > 3 and sys.argv[3] else None
batch_override = int(sys.argv[4]) if len(sys.argv) > 4 else 0
warmup_seconds = float(sys.argv[5]) if len(sys.argv) > 5 else 0.0
torch.set_num_threads(threads)
torch.manual_seed(0)


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


start_rss_mb = peak_rss_mb()
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def sync():
    if device.type == "cuda":
        torch.cuda.synchronize()


def median_step(model, x, y, warmup=3):
    model, x, y = model.to(device), x.to(device), y.to(device)
    opt = torch.optim.Adam(model.parameters(), 1e-3)

    def step():
        sync()
        start = time.perf_counter()
        opt.zero_grad()
        torch.nn.functional.cross_entropy(model(x), y).backward()
        opt.step()
        sync()
        return time.perf_counter() - start

    began = time.perf_counter()
    done = 0
    while done < warmup or time.perf_counter() - began < warmup_seconds:
        step()
        done += 1
    times = sorted(step() for _ in range(steps))
    return times[len(times) // 2]


def batch(default):
    return batch_override or default


CASES = {
    "fashion-mnist-cnn": lambda: (FashionMnistCnn(10), torch.randn(batch(100), 1, 28, 28), torch.randint(0, 10, (batch(100),))),
    "hamida-3d-cnn": lambda: (HamidaEtAl(103, 9, 5), torch.randn(batch(100), 1, 103, 5, 5), torch.randint(0, 9, (batch(100),))),
    "hybridsn": lambda: (HybridSN(30, 25, 16), torch.randn(batch(128), 1, 30, 25, 25), torch.randint(0, 16, (batch(128),))),
    "mobilenet-v1-cifar": lambda: (MobileNetV1(10), torch.randn(batch(64), 3, 32, 32), torch.randint(0, 10, (batch(64),))),
    "mobilenet-v2-cifar": lambda: (MobileNetV2(10), torch.randn(batch(64), 3, 32, 32), torch.randint(0, 10, (batch(64),))),
}
result, peaks = {}, {}
for name, make in CASES.items():
    if wanted is None or name in wanted:
        result[name] = median_step(*make())
        peaks[name] = peak_rss_mb()
name = torch.cuda.get_device_name(0) if device.type == "cuda" else "cpu"
print(json.dumps({"device": device.type, "device_name": name, "threads": torch.get_num_threads(), "torch": torch.__version__, "seconds": result, "peak_rss_mb": peaks, "start_rss_mb": start_rss_mb}))
