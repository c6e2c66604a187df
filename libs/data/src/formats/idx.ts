/** IDX files (MNIST, Fashion-MNIST), gzipped or not: a big-endian header, then raw values. */
import { gunzipSync } from 'node:zlib';
import { corrupt, type FileRef } from './read-file';

export interface IdxArray {
  dims: number[];
  data: Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;
}

const TYPES: Record<number, [number, (v: DataView, o: number) => number, (n: number) => IdxArray['data']]> = {
  0x08: [1, (v, o) => v.getUint8(o), (n) => new Uint8Array(n)],
  0x09: [1, (v, o) => v.getInt8(o), (n) => new Int8Array(n)],
  0x0b: [2, (v, o) => v.getInt16(o, false), (n) => new Int16Array(n)],
  0x0c: [4, (v, o) => v.getInt32(o, false), (n) => new Int32Array(n)],
  0x0d: [4, (v, o) => v.getFloat32(o, false), (n) => new Float32Array(n)],
  0x0e: [8, (v, o) => v.getFloat64(o, false), (n) => new Float64Array(n)],
};

export function readIdx(raw: Buffer, file: FileRef): IdxArray {
  let bytes = raw;
  if (raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      bytes = gunzipSync(raw);
    } catch (error) {
      throw corrupt(file, `its gzip stream is damaged (${(error as Error).message}).`);
    }
  }
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0 || !TYPES[bytes[2]]) throw corrupt(file, 'it does not start with an IDX magic number.', 'Check that the path names an IDX file (train-images-idx3-ubyte, ...).');
  const [size, read, make] = TYPES[bytes[2]];
  const rank = bytes[3];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = 4 + 4 * rank;
  if (bytes.length < header) throw corrupt(file, 'its header is cut off.');
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i, false));
  const count = dims.reduce((a, b) => a * b, 1);
  if (bytes.length < header + count * size) throw corrupt(file, `its header announces ${dims.join(' x ')} values but the file holds only ${Math.floor((bytes.length - header) / size)}.`);
  if (bytes[2] === 0x08) return { dims, data: new Uint8Array(bytes.buffer.slice(bytes.byteOffset + header, bytes.byteOffset + header + count)) };
  const data = make(count);
  for (let i = 0; i < count; i++) data[i] = read(view, header + i * size);
  return { dims, data };
}
