#!/usr/bin/python3
"""Writes a crop of the real Jasper Ridge cube (data/hsi/Jasper.mat) as ENVI images with
python3-spectral (an independent writer), one per interleave and a big-endian one: the data of the
ENVI reader's tests, which check them value for value against the MATLAB v5 original.

    /usr/bin/python3 tools/hsi-data/export-jasper-envi.py

Writes data/hsi/jasper-envi/jasper-crop-{bsq,bil,bip,bsq-big-endian}.hdr (+ .img): rows 30-39 and
columns 50-59 of the 100 x 100 image, all 198 bands, float32. Pixel (r, c) of the image is column
r + 100 c of Y, as MATLAB flattens it. Needs python3-scipy and python3-spectral.
"""
import os

import numpy as np
import scipy.io
import spectral.io.envi as envi

mat = scipy.io.loadmat('data/hsi/Jasper.mat')
cube = mat['Y'].reshape((198, 100, 100), order='F').transpose(1, 2, 0)
crop = np.ascontiguousarray(cube[30:40, 50:60, :]).astype(np.float32)
out = 'data/hsi/jasper-envi'
os.makedirs(out, exist_ok=True)
for name, interleave, byteorder in [('bsq', 'bsq', 0), ('bil', 'bil', 0), ('bip', 'bip', 0), ('bsq-big-endian', 'bsq', 1)]:
    envi.save_image(f'{out}/jasper-crop-{name}.hdr', crop, dtype=np.float32, interleave=interleave, byteorder=byteorder, ext='.img', force=True)
