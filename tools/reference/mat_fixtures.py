#!/usr/bin/python3
"""MAT-file fixtures for libs/data and the values scipy reads from them.

Writes into libs/data/fixtures/mat/:
  Indian_pines_gt.mat, SalinasA_gt.mat   byte-for-byte copies of the real files in
                                         ../shared/datasets/hsi (1125 and 587 bytes): double arrays
                                         stored as uint8, compressed (widening is tested on them)
  jasper_crop.mat, jasper_crop_v5_plain.mat
                                         a real crop of Jasper Ridge (Jasper.mat): the cube
                                         rows 40-45, cols 10-14, bands 0-8 as [6, 5, 9] uint16 and
                                         double, its dominant-abundance labels [6, 5] uint8, and
                                         A[:, :12] [4, 12] double; compressed, and uncompressed
  synthetic_axes.mat                     SYNTHETIC: arange(105) reshaped [7, 5, 3] (C order), to
                                         check the axis order of 3-D arrays
and mat-values.json: for every file and variable, its shape, dtype and values in C order, as
scipy.io.loadmat returns them (the reference the TypeScript reader is checked against).

    /usr/bin/python3 tools/reference/mat_fixtures.py
"""
import json
import os
import shutil

import numpy as np
import scipy
import scipy.io

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
SHARED = os.path.join(ROOT, "..", "shared", "datasets", "hsi")
OUT = os.path.join(ROOT, "libs", "data", "fixtures", "mat")
os.makedirs(OUT, exist_ok=True)

for name in ["Indian_pines_gt.mat", "SalinasA_gt.mat"]:
    shutil.copyfile(os.path.join(SHARED, name), os.path.join(OUT, name))

jasper = scipy.io.loadmat(os.path.join(SHARED, "Jasper.mat"))
Y, A = jasper["Y"], jasper["A"]  # [198, 10000] uint16; [4, 10000]
# pixel p = r + 100 * c (column-major, as S_GT[r, c, k] == A[k, r + 100 c])
cube = Y.T.reshape(100, 100, 198, order="F")
labels = (A.argmax(0) + 1).reshape(100, 100, order="F").astype(np.uint8)
crop = dict(
    cube=np.ascontiguousarray(cube[40:46, 10:15, 0:9]).astype(np.uint16),
    cube_double=np.ascontiguousarray(cube[40:46, 10:15, 0:9]).astype(np.float64),
    labels=np.ascontiguousarray(labels[40:46, 10:15]),
    abundances=np.ascontiguousarray(A[:, :12]),
)
scipy.io.savemat(os.path.join(OUT, "jasper_crop.mat"), crop, do_compression=True)
scipy.io.savemat(os.path.join(OUT, "jasper_crop_v5_plain.mat"), crop, do_compression=False)
scipy.io.savemat(os.path.join(OUT, "synthetic_axes.mat"), dict(axes=np.arange(105, dtype=np.float64).reshape(7, 5, 3)), do_compression=True)

values = {}
for name in sorted(os.listdir(OUT)):
    if not name.endswith(".mat"):
        continue
    loaded = scipy.io.loadmat(os.path.join(OUT, name))
    values[name] = {
        var: {"shape": list(arr.shape), "dtype": str(arr.dtype), "values": arr.ravel(order="C").tolist()}
        for var, arr in loaded.items()
        if not var.startswith("__")
    }
with open(os.path.join(OUT, "mat-values.json"), "w") as f:
    json.dump({"generator": "tools/reference/mat_fixtures.py", "scipy": scipy.__version__, "files": values}, f)
print("wrote", sorted(values))

# PCA reference: scikit-learn's PCA (3 components, with and without whitening) on the spectra of
# the Jasper crop's 30 pixels (rows of the [6, 5, 9] cube, C order). Component signs are arbitrary:
# the test compares them up to sign.
from sklearn.decomposition import PCA  # noqa: E402
import sklearn  # noqa: E402

X = crop["cube_double"].reshape(-1, 9)
pca_reference = {"generator": "tools/reference/mat_fixtures.py", "sklearn": sklearn.__version__, "input": X.ravel().tolist(), "features": 9}
for whiten in (False, True):
    model = PCA(n_components=3, whiten=whiten).fit(X)
    pca_reference["whiten" if whiten else "plain"] = {
        "components": model.components_.ravel().tolist(),
        "explained_variance_ratio": model.explained_variance_ratio_.tolist(),
        "transformed": model.transform(X).ravel().tolist(),
    }
with open(os.path.join(OUT, "..", "pca-reference.json"), "w") as f:
    json.dump(pca_reference, f)
print("wrote pca-reference.json")
