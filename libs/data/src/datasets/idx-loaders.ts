/** Fashion-MNIST, MNIST and any IDX image/label files. */
import { existsSync } from 'node:fs';
import { UserError } from '@ablate/spec';
import { readIdx } from '../formats/idx';
import { corrupt, type FileRef } from '../formats/read-file';
import type { DatasetLoader, ExampleDataset, FileBytes } from './dataset';
import { fileRef, inFolder } from './files';

export const FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';
export const FASHION_MNIST_CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
const DIGITS = Array.from({ length: 10 }, (_, i) => String(i));
const NAMES = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];

function loadIdx(files: FileRef[], bytes: FileBytes, classNames: string[] | undefined): ExampleDataset {
  const [trainX, trainY, testX, testY] = files.map((f) => readIdx(bytes.get(f.path) as Buffer, f));
  const parts = [
    [trainX, trainY, files[0], files[1]],
    [testX, testY, files[2], files[3]],
  ] as const;
  for (const [x, y, fx, fy] of parts) {
    if (x.dims.length < 2) throw corrupt(fx, `it holds a ${x.dims.length}-D array; images need [count, height, width].`);
    if (y.dims.length !== 1 || y.dims[0] !== x.dims[0]) throw corrupt(fy, `it holds ${y.dims.join('x')} labels for ${x.dims[0]} images in ${fx.shown}.`);
  }
  const shape = [...trainX.dims.slice(1), ...(trainX.dims.length === 3 ? [1] : [])];
  const size = shape.reduce((a, b) => a * b, 1);
  const n = trainX.dims[0] + testX.dims[0];
  const x = new Uint8Array(n * size);
  x.set(trainX.data as Uint8Array, 0);
  x.set(testX.data as Uint8Array, trainX.dims[0] * size);
  const y = new Int32Array(n);
  y.set(trainY.data as ArrayLike<number>, 0);
  y.set(testY.data as ArrayLike<number>, trainX.dims[0]);
  // A loop, not Math.max(...y): spreading hundreds of thousands of labels overflows the call stack.
  const classes = y.reduce((m, v) => Math.max(m, v), 0) + 1;
  const range = (from: number, to: number) => Int32Array.from({ length: to - from }, (_, i) => from + i);
  return {
    kind: 'examples',
    shape,
    x,
    y,
    dtype: 'float32',
    classes,
    classNames: classNames ?? Array.from({ length: classes }, (_, i) => String(i)),
    files: [],
    given: { train: range(0, trainX.dims[0]), test: range(trainX.dims[0], n) },
  };
}

const folderFiles = (dir: FileRef) => NAMES.map((name) => inFolder(dir, `${name}.gz`, name));

export const fashionMnist: DatasetLoader<{ dir?: string }> = {
  type: 'fashion_mnist',
  files(spec, ctx) {
    const dir = fileRef(ctx.baseDir, spec.dir ?? FASHION_MNIST_DIR);
    if (spec.dir === undefined && !existsSync(dir.path)) {
      throw new UserError(`Fashion-MNIST is not installed: ${FASHION_MNIST_DIR} does not exist.`, {
        hint: 'Install it with `sudo apt-get install -y dataset-fashion-mnist` (Debian), or set dataset.dir to a folder holding the four IDX files.',
      });
    }
    return folderFiles(dir);
  },
  load: (_spec, bytes, files) => loadIdx(files, bytes, FASHION_MNIST_CLASSES),
  describe: () => ({ kind: 'examples', classes: 10, shape: [28, 28, 1], dtype: 'float32' }),
};

export const mnist: DatasetLoader<{ dir: string }> = {
  type: 'mnist',
  files: (spec, ctx) => folderFiles(fileRef(ctx.baseDir, spec.dir)),
  load: (_spec, bytes, files) => loadIdx(files, bytes, DIGITS),
  describe: () => ({ kind: 'examples', classes: 10, shape: [28, 28, 1], dtype: 'float32' }),
};

export const idx: DatasetLoader<{ train_images: string; train_labels: string; test_images: string; test_labels: string; classes?: number }> = {
  type: 'idx',
  files: (spec, ctx) => [spec.train_images, spec.train_labels, spec.test_images, spec.test_labels].map((p) => fileRef(ctx.baseDir, p)),
  load: (_spec, bytes, files) => loadIdx(files, bytes, undefined),
  describe: (spec) => ({ kind: 'examples', classes: spec.classes, dtype: 'float32' }),
};
