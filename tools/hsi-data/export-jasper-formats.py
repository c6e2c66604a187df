#!/usr/bin/python3
"""Writes the real Jasper Ridge scene (data/hsi/Jasper.mat, MATLAB v5) in the other formats
hyperspectral data comes in, each with an independent writer: the data of the readers' tests, which
check them value for value against the v5 original.

    /usr/bin/python3 tools/hsi-data/export-jasper-formats.py

- data/hsi/Jasper-v73.mat: the whole file (Y, A, S_GT, lines, cols) as MATLAB v7.3 (HDF5), by
  python3-hdf5storage.
- data/hsi/jasper-envi/jasper-crop-{bsq,bil,bip,bsq-big-endian}.hdr (+ .img): ENVI images by
  python3-spectral, one per interleave and a big-endian one.
- data/hsi/jasper-crop.h5 (dataset /scene/cube, HDF5 by h5py) and
  data/hsi/jasper-crop-{contig,separate}.tif (multi-band TIFF by python3-tifffile, bands
  interleaved by pixel, and one plane per band).
The crops are rows 30-39 and columns 50-59 of the 100 x 100 image, all 198 bands, float32. Pixel
(r, c) of the image is column r + 100 c of Y, as MATLAB flattens it. Needs python3-scipy,
python3-hdf5storage, python3-spectral and python3-tifffile.
"""
import os

import numpy as np
import scipy.io
import spectral.io.envi as envi
import h5py
import hdf5storage
import tifffile

mat = scipy.io.loadmat('data/hsi/Jasper.mat')
cube = mat['Y'].reshape((198, 100, 100), order='F').transpose(1, 2, 0)
crop = np.ascontiguousarray(cube[30:40, 50:60, :]).astype(np.float32)
out = 'data/hsi/jasper-envi'
os.makedirs(out, exist_ok=True)
for name, interleave, byteorder in [('bsq', 'bsq', 0), ('bil', 'bil', 0), ('bip', 'bip', 0), ('bsq-big-endian', 'bsq', 1)]:
    envi.save_image(f'{out}/jasper-crop-{name}.hdr', crop, dtype=np.float32, interleave=interleave, byteorder=byteorder, ext='.img', force=True)

hdf5storage.savemat('data/hsi/Jasper-v73.mat', {k: mat[k] for k in ['Y', 'A', 'S_GT', 'lines', 'cols']}, format='7.3', matlab_compatible=True)
with h5py.File('data/hsi/jasper-crop.h5', 'w') as f:
    f.create_dataset('scene/cube', data=crop)
tifffile.imwrite('data/hsi/jasper-crop-contig.tif', crop, planarconfig='contig')
tifffile.imwrite('data/hsi/jasper-crop-separate.tif', np.ascontiguousarray(crop.transpose(2, 0, 1)), planarconfig='separate')
