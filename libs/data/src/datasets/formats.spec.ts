/** IDX, CIFAR-10, CSV and NumPy readers on small SYNTHETIC files written by the test. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { UserError } from '@ablate/spec';
import { npyHeader, readNpy, writeNpy } from '../formats/npy';
import { loadDataset } from './load-dataset';
import type { ExampleDataset } from './dataset';

const dir = mkdtempSync(join(tmpdir(), 'ablate-synthetic-'));
const write = (name: string, bytes: Uint8Array | string) => writeFileSync(join(dir, name), bytes);

function idx(type: number, dims: number[], values: number[]): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header[2] = type;
  header[3] = dims.length;
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, Buffer.from(values)]);
}

function npy(descr: string, shape: number[], values: ArrayLike<number>, size: number, write: (b: Buffer, v: number, o: number) => void): Buffer {
  const body = Buffer.alloc(values.length * size);
  Array.from(values).forEach((v, i) => write(body, v, i * size));
  return Buffer.concat([npyHeader(descr, shape), body]);
}

const bytes = (b: Buffer) => b.toString('latin1');

describe('file formats (synthetic files)', () => {
  it('reads IDX files, gzipped or not, into images and labels', () => {
    write('a-img', gzipSync(idx(8, [3, 2, 2], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])));
    write('a-lbl', idx(8, [3], [2, 0, 1]));
    write('b-img', idx(8, [1, 2, 2], [12, 13, 14, 15]));
    write('b-lbl', idx(8, [1], [1]));
    const data = loadDataset({ type: 'idx', train_images: 'a-img', train_labels: 'a-lbl', test_images: 'b-img', test_labels: 'b-lbl' }, { baseDir: dir }) as ExampleDataset;
    expect(data.shape).toEqual([2, 2, 1]);
    expect(Array.from(data.x)).toEqual(Array.from({ length: 16 }, (_, i) => i));
    expect(Array.from(data.y)).toEqual([2, 0, 1, 1]);
    expect(Array.from(data.given!.test)).toEqual([3]);
  });

  it('reports a truncated IDX file', () => {
    write('cut-img', idx(8, [5, 2, 2], [1, 2, 3]));
    expect(() => loadDataset({ type: 'idx', train_images: 'cut-img', train_labels: 'a-lbl', test_images: 'b-img', test_labels: 'b-lbl' }, { baseDir: dir })).toThrow(
      /cannot read cut-img: its header announces 5 x 2 x 2 values but the file holds only 3/,
    );
  });

  it('reads CIFAR-10 batches into HWC images', () => {
    const record = (label: number) => Buffer.from([label, ...Array.from({ length: 3072 }, (_, i) => i % 251)]);
    for (let b = 1; b <= 5; b++) write(`data_batch_${b}.bin`, record(b));
    write('test_batch.bin', Buffer.concat([record(7), record(9)]));
    const data = loadDataset({ type: 'cifar10', dir }, { baseDir: '/' }) as ExampleDataset;
    expect(data.shape).toEqual([32, 32, 3]);
    expect(Array.from(data.y)).toEqual([1, 2, 3, 4, 5, 7, 9]);
    // pixel 1 of image 0: byte 1 of the R, G and B planes (record bytes 1+1, 1+1024+1, 1+2048+1; value = (byte-1) % 251)
    expect(Array.from(data.x.subarray(3, 6))).toEqual([1, 1025 % 251, 2049 % 251]);
  });

  it('reads a CSV with a named label column', () => {
    write('t.csv', 'a,b,species\n1,2,setosa\n3,4,virginica\n5,6,setosa\n');
    const data = loadDataset({ type: 'csv', path: 't.csv', label_column: 'species' }, { baseDir: dir }) as ExampleDataset;
    expect(data.shape).toEqual([2]);
    expect(data.classNames).toEqual(['setosa', 'virginica']);
    expect(Array.from(data.y)).toEqual([0, 1, 0]);
    expect(() => loadDataset({ type: 'csv', path: 't.csv', label_column: 'label' }, { baseDir: dir })).toThrow(/has no column "label"/);
  });

  it('reads .npy files and .npz members', () => {
    const x = npy('<f4', [2, 3], [1, 2, 3, 4, 5, 6], 4, (b, v, o) => b.writeFloatLE(v, o));
    const y = npy('<i8', [2], [1, 0], 8, (b, v, o) => b.writeBigInt64LE(BigInt(v), o));
    write('x.npy', x);
    write('y.npy', y);
    write('d.npz', zipSync({ 'x.npy': x, 'y.npy': y }));
    const plain = loadDataset({ type: 'npy', x: 'x.npy', y: 'y.npy' }, { baseDir: dir }) as ExampleDataset;
    const zipped = loadDataset({ type: 'npy', x: 'd.npz:x', y: 'd.npz:y' }, { baseDir: dir }) as ExampleDataset;
    for (const data of [plain, zipped]) {
      expect(data.shape).toEqual([3]);
      expect(Array.from(data.x)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(Array.from(data.y)).toEqual([1, 0]);
    }
    expect(() => loadDataset({ type: 'npy', x: 'd.npz:features', y: 'd.npz:y' }, { baseDir: dir })).toThrow(/has no array "features".*|Arrays in it: x, y/);
  });

  it('writes .npy files that it reads back, the header padded to 64 bytes as NumPy does', () => {
    const file = { shown: 'm.npy', path: 'm.npy' };
    for (const data of [Int16Array.from([-1, 0, 3, 32767, -32768, 2]), Float32Array.from([0.5, -2, 1e-3, 7, 8, 9]), Int32Array.from([1, -2, 3, 4, 5, 6]), Uint8Array.from([0, 1, 2, 253, 254, 255])]) {
      const written = writeNpy({ shape: [2, 3], data });
      expect(written.readUInt16LE(8) + 10).toBe(128);
      expect(readNpy(written, file)).toEqual({ shape: [2, 3], data });
    }
    expect(bytes(writeNpy({ shape: [2], data: Int16Array.from([1, -1]) }))).toBe("\x93NUMPY\x01\x00v\x00{'descr': '<i2', 'fortran_order': False, 'shape': (2,), }" + ' '.repeat(60) + '\n\x01\x00\xff\xff');
  });

  it('reports a missing file as a user error naming it', () => {
    expect(() => loadDataset({ type: 'csv', path: 'nope.csv', label_column: 0 }, { baseDir: dir })).toThrow(UserError);
    expect(() => loadDataset({ type: 'csv', path: 'nope.csv', label_column: 0 }, { baseDir: dir })).toThrow('the data file nope.csv does not exist.');
  });
});
