#!/usr/bin/python3
"""Forward outputs and gradients of a conv3d stack with per-axis and asymmetric padding, strides
and dilation, computed by PyTorch in float64, for libs/models/src/conv3d-parity.spec.ts.

The stack (PyTorch layout N, C, D, H, W):
  conv1: Conv3d(2 -> 3, kernel (3, 2, 3), stride (2, 1, 1), padding (1, 0, 0)), ReLU
  pad:   F.pad (w: 0, 1; h: 1, 0; d: 1, 0), i.e. asymmetric
  conv2: Conv3d(3 -> 4, kernel (2, 3, 2), stride (1, 2, 1)), ReLU
  conv3: Conv3d(4 -> 2, kernel (2, 1, 2), dilation (2, 1, 1))
loss = sum(output * R) for a fixed random R; gradients of the loss w.r.t. the input and every
weight and bias. Arrays are written flat, in PyTorch's layout (weights [out, in, kd, kh, kw]).

    /usr/bin/python3 tools/reference/conv3d_parity.py > libs/models/fixtures/conv3d-parity.json
"""
import json
import sys

import torch
import torch.nn.functional as F

torch.manual_seed(0)
dt = torch.float64
x = torch.randn(2, 2, 9, 6, 7, dtype=dt, requires_grad=True)
layers = [
    dict(name="conv1", shape=(3, 2, 3, 2, 3), stride=(2, 1, 1), padding=(1, 0, 0), dilation=(1, 1, 1)),
    dict(name="conv2", shape=(4, 3, 2, 3, 2), stride=(1, 2, 1), padding=(0, 0, 0), dilation=(1, 1, 1)),
    dict(name="conv3", shape=(2, 4, 2, 1, 2), stride=(1, 1, 1), padding=(0, 0, 0), dilation=(2, 1, 1)),
]
params = {}
for layer in layers:
    fan_in = layer["shape"][1] * layer["shape"][2] * layer["shape"][3] * layer["shape"][4]
    params[layer["name"] + ".weight"] = (torch.randn(*layer["shape"], dtype=dt) / fan_in ** 0.5).requires_grad_()
    params[layer["name"] + ".bias"] = (0.1 * torch.randn(layer["shape"][0], dtype=dt)).requires_grad_()


def conv(h, layer):
    return F.conv3d(h, params[layer["name"] + ".weight"], params[layer["name"] + ".bias"], layer["stride"], layer["padding"], layer["dilation"])


h = F.relu(conv(x, layers[0]))
h = F.pad(h, (0, 1, 1, 0, 1, 0))
h = F.relu(conv(h, layers[1]))
out = conv(h, layers[2])
R = torch.randn(*out.shape, dtype=dt)
(out * R).sum().backward()

flat = lambda t: [float(v) for v in t.detach().reshape(-1)]
fixture = {
    "generator": "tools/reference/conv3d_parity.py",
    "torch": torch.__version__,
    "input": {"shape": list(x.shape), "values": flat(x)},
    "R": {"shape": list(R.shape), "values": flat(R)},
    "output": {"shape": list(out.shape), "values": flat(out)},
    "input_grad": flat(x.grad),
    "params": {k: {"shape": list(v.shape), "values": flat(v), "grad": flat(v.grad)} for k, v in params.items()},
}
json.dump(fixture, sys.stdout)
sys.stdout.write("\n")
