#!/usr/bin/python3
"""Reference values for the `resize` preprocessing step: PIL's resize of real Fashion-MNIST images
(as float images, mode F, so no rounding), with its BILINEAR (a triangle filter widened by the
scale when shrinking: torchvision's Resize with antialias=True computes the same), NEAREST and BOX
(area) filters, up and down.

    /usr/bin/python3 tools/reference/resize_reference.py > libs/data/fixtures/resize-pil.json

Needs python3-pil and Debian's dataset-fashion-mnist.
"""
import gzip
import json

from PIL import Image

with gzip.open('/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz') as f:
    images = f.read()[16:]

cases = []
for index in [0, 1]:
    pixels = list(images[index * 784:(index + 1) * 784])
    image = Image.frombytes('L', (28, 28), bytes(pixels)).convert('F')
    for method, code in [('bilinear', Image.BILINEAR), ('nearest', Image.NEAREST), ('area', Image.BOX)]:
        for height, width in [(40, 36), (13, 17)]:
            out = image.resize((width, height), code)
            cases.append({'index': index, 'method': method, 'size': [height, width], 'input': pixels, 'output': [round(v, 5) for v in out.getdata()]})
print(json.dumps({'source': 'PIL ' + Image.__version__ + ' resize of Fashion-MNIST test images 0 and 1 as mode F', 'cases': cases}))
