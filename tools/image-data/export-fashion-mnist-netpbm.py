#!/usr/bin/python3
"""Writes real Fashion-MNIST test images as binary netpbm files in class folders, with PIL (an
independent writer): the data of the example plug-in's netpbm_folder tests (docs/plugins.md).

    /usr/bin/python3 tools/image-data/export-fashion-mnist-netpbm.py [per_class] [out]

Defaults: 3 images per class of the test set, in their file order, into
data/images/fashion-mnist-pgm/<class>/<test index>.pgm (8-bit grey, P5), and the first 2 images of
the first two classes as RGB (P6) into data/images/fashion-mnist-ppm/. Needs python3-pil and
Debian's dataset-fashion-mnist.
"""
import gzip
import os
import sys

from PIL import Image

CLASSES = ['T-shirt_top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle_boot']
SOURCE = '/usr/share/datasets/fashion-mnist'

per_class = int(sys.argv[1]) if len(sys.argv) > 1 else 3
out = sys.argv[2] if len(sys.argv) > 2 else 'data/images'

with gzip.open(os.path.join(SOURCE, 't10k-images-idx3-ubyte.gz')) as f:
    images = f.read()[16:]
with gzip.open(os.path.join(SOURCE, 't10k-labels-idx1-ubyte.gz')) as f:
    labels = f.read()[8:]

taken = {c: 0 for c in range(10)}
for index, label in enumerate(labels):
    if taken[label] >= per_class:
        continue
    taken[label] += 1
    image = Image.frombytes('L', (28, 28), images[index * 784:(index + 1) * 784])
    folder = os.path.join(out, 'fashion-mnist-pgm', CLASSES[label])
    os.makedirs(folder, exist_ok=True)
    image.save(os.path.join(folder, f'{index:05d}.pgm'))
    if label < 2 and taken[label] <= 2:
        folder = os.path.join(out, 'fashion-mnist-ppm', CLASSES[label])
        os.makedirs(folder, exist_ok=True)
        image.convert('RGB').save(os.path.join(folder, f'{index:05d}.ppm'))
    if all(n >= per_class for n in taken.values()):
        break
