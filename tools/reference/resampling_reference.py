#!/usr/bin/python3
"""Reference outputs and gradients of PyTorch's ConvTranspose2d/3d and nn.Upsample (align_corners
False) for the conv2d_transpose, conv3d_transpose, upsampling2d and upsampling3d layers, channels
last as ablate holds them (a transposed kernel [in, out, k...] becomes [k..., out, in]). The loss is
sum(output * r) for a fixed r, so each gradient is a vector-Jacobian product.

    /usr/bin/python3 tools/reference/resampling_reference.py > libs/models/fixtures/resampling-parity.json

Needs Debian's python3-torch.
"""
import json

import torch
import torch.nn.functional as F

torch.manual_seed(0)


def flat(t):
    return [round(v, 7) for v in t.detach().reshape(-1).tolist()]


def last(t):
    """NC... to N...C."""
    return t.permute(0, *range(2, t.dim()), 1)


def kernel_last(w):
    """[in, out, k...] to [k..., out, in]."""
    return w.permute(*range(2, w.dim()), 1, 0)


cases = []
for name, rank, cin, cout, size, kernel, stride, padding, output_padding in [
    ('conv2d_transpose k3 s2 p1 op1', 2, 3, 2, (4, 5), 3, 2, 1, 1),
    ('conv2d_transpose k(2,4) s(2,1) p0', 2, 2, 3, (3, 4), (2, 4), (2, 1), 0, 0),
    ('conv3d_transpose k(2,3,3) s(1,2,2) p(0,1,1) op(0,1,0)', 3, 2, 2, (3, 4, 3), (2, 3, 3), (1, 2, 2), (0, 1, 1), (0, 1, 0)),
]:
    conv = (torch.nn.ConvTranspose2d if rank == 2 else torch.nn.ConvTranspose3d)(cin, cout, kernel, stride, padding, output_padding)
    x = torch.randn(2, cin, *size, requires_grad=True)
    y = conv(x)
    r = torch.randn_like(y)
    (y * r).sum().backward()
    cases.append({
        'name': name, 'layer': {'type': f'conv{rank}d_transpose', 'filters': cout, 'kernel': kernel, 'strides': stride, 'padding': padding, 'output_padding': output_padding},
        'input_shape': list(last(x).shape[1:]), 'x': flat(last(x)), 'r': flat(last(r)), 'output_shape': list(last(y).shape[1:]), 'y': flat(last(y)),
        'kernel': flat(kernel_last(conv.weight)), 'bias': flat(conv.bias),
        'grad_x': flat(last(x.grad)), 'grad_kernel': flat(kernel_last(conv.weight.grad)), 'grad_bias': flat(conv.bias.grad),
    })

for name, rank, size, factor, mode in [
    ('upsampling2d nearest x(2,3)', 2, (3, 4), (2, 3), 'nearest'),
    ('upsampling2d bilinear x(2,2)', 2, (3, 4), (2, 2), 'bilinear'),
    ('upsampling3d nearest x(2,1,2)', 3, (2, 3, 2), (2, 1, 2), 'nearest'),
    ('upsampling3d bilinear (trilinear) x(1,2,3)', 3, (2, 3, 2), (1, 2, 3), 'trilinear'),
]:
    x = torch.randn(2, 3, *size, requires_grad=True)
    y = F.interpolate(x, scale_factor=factor, mode=mode, **({'align_corners': False} if mode != 'nearest' else {}))
    r = torch.randn_like(y)
    (y * r).sum().backward()
    cases.append({
        'name': name, 'layer': {'type': f'upsampling{rank}d', 'size': list(factor), 'mode': 'bilinear' if mode == 'trilinear' else mode},
        'input_shape': list(last(x).shape[1:]), 'x': flat(last(x)), 'r': flat(last(r)), 'output_shape': list(last(y).shape[1:]), 'y': flat(last(y)),
        'grad_x': flat(last(x.grad)),
    })

print(json.dumps({'source': f'tools/reference/resampling_reference.py, torch {torch.__version__}', 'cases': cases}))
