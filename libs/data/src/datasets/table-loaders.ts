/** CIFAR-10 batches, CSV tables and NumPy arrays. */
import { UserError } from '@ablate/spec';
import { readCifarBatch } from '../formats/cifar10';
import { readCsv } from '../formats/csv';
import { readNpyRef, type NpyArray } from '../formats/npy';
import { corrupt, type FileRef } from '../formats/read-file';
import { distinctLabels, indexLabels } from './class-ids';
import type { DatasetLoader, ExampleDataset } from './dataset';
import { fileRef, inFolder } from './files';

const CIFAR_CLASSES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];
const range = (from: number, to: number) => Int32Array.from({ length: to - from }, (_, i) => from + i);

export const cifar10: DatasetLoader<{ dir: string }> = {
  type: 'cifar10',
  files(spec, ctx) {
    const dir = fileRef(ctx.baseDir, spec.dir);
    return [1, 2, 3, 4, 5].map((i) => inFolder(dir, `data_batch_${i}.bin`)).concat([inFolder(dir, 'test_batch.bin')]);
  },
  load(_spec, bytes, files) {
    const batches = files.map((f) => readCifarBatch(bytes.get(f.path) as Buffer, f));
    const n = batches.reduce((a, b) => a + b.labels.length, 0);
    const x = new Uint8Array(n * 3072);
    const y = new Int32Array(n);
    let at = 0;
    for (const batch of batches) {
      x.set(batch.images, at * 3072);
      y.set(batch.labels, at);
      at += batch.labels.length;
    }
    const train = n - batches[5].labels.length;
    return { kind: 'examples', shape: [32, 32, 3], x, y, dtype: 'float32', classes: 10, classNames: CIFAR_CLASSES, files: [], given: { train: range(0, train), test: range(train, n) } };
  },
  describe: () => ({ kind: 'examples', classes: 10, shape: [32, 32, 3], dtype: 'float32' }),
};

/** Train (and optional test) parts into one dataset, with a shared label order. */
function joinParts(parts: Array<{ x: ArrayLike<number>; labels: Array<number | string>; shape: number[] }>, dtype: 'float32' | 'int32', declared?: number): ExampleDataset {
  const order = distinctLabels(parts.flatMap((p) => p.labels));
  const size = parts[0].shape.reduce((a, b) => a * b, 1);
  const n = parts.reduce((a, p) => a + p.labels.length, 0);
  const x = dtype === 'int32' ? new Int32Array(n * size) : new Float32Array(n * size);
  let at = 0;
  for (const part of parts) {
    x.set(part.x, at * size);
    at += part.labels.length;
  }
  const labels = parts.flatMap((p) => p.labels);
  const y = indexLabels(labels, order);
  const numeric = labels.every((v) => typeof v === 'number' || (v !== '' && !Number.isNaN(Number(v))));
  const first = parts[0].labels.length;
  return {
    kind: 'examples',
    shape: parts[0].shape,
    x,
    y,
    dtype,
    classes: declared ?? order.length,
    classNames: order.map(String),
    ...(numeric ? { values: Float32Array.from(labels, Number) } : {}),
    files: [],
    ...(parts.length > 1 ? { given: { train: range(0, first), test: range(first, n) } } : {}),
  };
}

interface CsvSpec {
  path: string;
  test_path?: string;
  label_column: string | number;
  delimiter?: string;
  header?: boolean;
  classes?: number;
}

export const csv: DatasetLoader<CsvSpec> = {
  type: 'csv',
  files: (spec, ctx) => [spec.path, ...(spec.test_path ? [spec.test_path] : [])].map((p) => fileRef(ctx.baseDir, p)),
  load(spec, bytes, files) {
    const tables = files.map((f) => readCsv((bytes.get(f.path) as Buffer).toString('utf8'), f, spec.label_column, spec.delimiter, spec.header ?? true));
    if (tables.length === 2 && tables[1].featureCount !== tables[0].featureCount) {
      throw new UserError(`${files[1].shown} has ${tables[1].featureCount} feature columns, ${files[0].shown} has ${tables[0].featureCount}.`, { hint: 'The test table needs the same columns as the training table.' });
    }
    return joinParts(tables.map((t) => ({ x: t.features, labels: t.labels, shape: [t.featureCount] })), 'float32', spec.classes);
  },
  describe: (spec) => ({ kind: 'examples', classes: spec.classes, dtype: 'float32' }),
};

interface NpySpec {
  x: string;
  y: string;
  test_x?: string;
  test_y?: string;
  classes?: number;
  dtype?: 'float32' | 'int32';
}

/** `file.npz:key` → the archive and the member. */
function member(path: string): [string, string | undefined] {
  const match = /^(.*\.npz):([^/]+)$/.exec(path);
  return match ? [match[1], match[2]] : [path, undefined];
}

export const npy: DatasetLoader<NpySpec> = {
  type: 'npy',
  files: (spec, ctx) => [spec.x, spec.y, spec.test_x, spec.test_y].filter((p): p is string => p !== undefined).map((p) => fileRef(ctx.baseDir, member(p)[0])),
  load(spec, bytes, files) {
    const paths = [spec.x, spec.y, spec.test_x, spec.test_y].filter((p): p is string => p !== undefined);
    const arrays = paths.map((p) => {
      const [file, key] = member(p);
      const ref = files.find((f) => f.shown === file || f.path.endsWith(file)) as FileRef;
      return [readNpyRef(bytes.get(ref.path) as Buffer, ref, key), ref] as [NpyArray, FileRef];
    });
    const parts = [];
    for (let i = 0; i < arrays.length; i += 2) {
      const [[x, fx], [y, fy]] = [arrays[i], arrays[i + 1]];
      if (y.shape.length !== 1 || y.shape[0] !== x.shape[0]) throw corrupt(fy, `it holds labels of shape (${y.shape.join(', ')}) for ${x.shape[0]} examples in ${fx.shown}.`, 'Labels are one integer per example.');
      parts.push({ x: x.data, labels: Array.from(y.data), shape: x.shape.slice(1) });
    }
    return joinParts(parts, spec.dtype ?? 'float32', spec.classes);
  },
  describe: (spec) => ({ kind: 'examples', classes: spec.classes, dtype: spec.dtype ?? 'float32' }),
};
