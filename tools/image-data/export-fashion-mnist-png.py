#!/usr/bin/python3
"""Writes real Fashion-MNIST images as PNG files in class folders with PIL (an independent writer),
under train/ and test/ as the IDX files split them: the image_folder dataset's test data, and with
--all the whole set for trying the quick start from PNG files.

    /usr/bin/python3 tools/image-data/export-fashion-mnist-png.py            # the committed crop
    /usr/bin/python3 tools/image-data/export-fashion-mnist-png.py --all DIR  # all 70,000 images

The crop, data/images/fashion-mnist-png/{train,test}/<class>/<index>.png: the first 5 training and
3 test images of each class in file order (<index> is the image's index in its IDX file). Beside it,
data/images/formats/<class>/: the first 2 test images of classes 0 and 1 written as 8-bit PNG,
16-bit PNG (value x 257), RGBA PNG, BMP (24-bit), TIFF, JPEG (quality 95), and a 14 x 14 PNG
(PIL's bilinear resize), to check the decoders against each other. Needs python3-pil and Debian's dataset-fashion-mnist.
"""
import gzip
import os
import sys

from PIL import Image

CLASSES = ['T-shirt_top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle_boot']
SOURCE = '/usr/share/datasets/fashion-mnist'


def read(part):
    with gzip.open(os.path.join(SOURCE, f'{part}-images-idx3-ubyte.gz')) as f:
        images = f.read()[16:]
    with gzip.open(os.path.join(SOURCE, f'{part}-labels-idx1-ubyte.gz')) as f:
        labels = f.read()[8:]
    return images, labels


def export(out, per_class):
    for part, folder in [('train', 'train'), ('t10k', 'test')]:
        images, labels = read(part)
        taken = {c: 0 for c in range(10)}
        for index, label in enumerate(labels):
            if per_class is not None and taken[label] >= per_class[folder]:
                continue
            taken[label] += 1
            directory = os.path.join(out, folder, CLASSES[label])
            os.makedirs(directory, exist_ok=True)
            Image.frombytes('L', (28, 28), images[index * 784:(index + 1) * 784]).save(os.path.join(directory, f'{index:05d}.png'))
            if per_class is not None and all(n >= per_class[folder] for n in taken.values()):
                break


if len(sys.argv) > 2 and sys.argv[1] == '--all':
    export(sys.argv[2], None)
    sys.exit(0)

export('data/images/fashion-mnist-png', {'train': 5, 'test': 3})
images, labels = read('t10k')
taken = {0: 0, 1: 0}
for index, label in enumerate(labels):
    if label > 1 or taken[label] >= 2:
        continue
    taken[label] += 1
    directory = os.path.join('data/images/formats', CLASSES[label])
    os.makedirs(directory, exist_ok=True)
    grey = Image.frombytes('L', (28, 28), images[index * 784:(index + 1) * 784])
    grey.save(os.path.join(directory, f'{index:05d}-grey8.png'))
    Image.frombytes('I;16', (28, 28), bytes(b for v in images[index * 784:(index + 1) * 784] for b in (v * 257).to_bytes(2, 'little'))).save(os.path.join(directory, f'{index:05d}-grey16.png'))
    grey.convert('RGBA').save(os.path.join(directory, f'{index:05d}-rgba.png'))
    grey.convert('RGB').save(os.path.join(directory, f'{index:05d}-rgb.bmp'))
    grey.save(os.path.join(directory, f'{index:05d}-grey.jpg'), quality=95)
    grey.resize((14, 14), Image.BILINEAR).save(os.path.join(directory, f'{index:05d}-small14.png'))
    grey.save(os.path.join(directory, f'{index:05d}-grey.tif'))
