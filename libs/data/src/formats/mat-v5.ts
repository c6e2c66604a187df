/**
 * MATLAB Level 5 MAT-files (MATLAB 5.0 to 7.x): a 128-byte header, then data elements (8-byte tag,
 * or a 4-byte "small element"), miCOMPRESSED elements holding a zlib stream, and miMATRIX elements
 * with flags, dimensions, name and real part. Values are widened from their storage type to the
 * array's class (a double array is often stored as uint8). Arrays stay column-major, as in the
 * file; `toRowMajor` reorders them. Version 7.3 files are HDF5 and are reported as such.
 */
import { inflateSync } from 'node:zlib';
import { corrupt, type FileRef } from './read-file';

export type NumericArray = Float64Array | Float32Array | Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array;

export interface MatVariable {
  name: string;
  /** MATLAB class: double, single, uint8, ..., or char/cell/struct/sparse (no data read). */
  className: string;
  dims: number[];
  /** Column-major values of numeric arrays; undefined for other classes. */
  data?: NumericArray;
}

const CLASSES: Record<number, [string, (n: number) => NumericArray] | [string]> = {
  1: ['cell'],
  2: ['struct'],
  3: ['object'],
  4: ['char'],
  5: ['sparse'],
  6: ['double', (n) => new Float64Array(n)],
  7: ['single', (n) => new Float32Array(n)],
  8: ['int8', (n) => new Int8Array(n)],
  9: ['uint8', (n) => new Uint8Array(n)],
  10: ['int16', (n) => new Int16Array(n)],
  11: ['uint16', (n) => new Uint16Array(n)],
  12: ['int32', (n) => new Int32Array(n)],
  13: ['uint32', (n) => new Uint32Array(n)],
  14: ['int64', (n) => new Float64Array(n)],
  15: ['uint64', (n) => new Float64Array(n)],
};

/** Storage types: byte size and reader. */
const STORAGE: Record<number, [number, (v: DataView, o: number, le: boolean) => number]> = {
  1: [1, (v, o) => v.getInt8(o)],
  2: [1, (v, o) => v.getUint8(o)],
  3: [2, (v, o, le) => v.getInt16(o, le)],
  4: [2, (v, o, le) => v.getUint16(o, le)],
  5: [4, (v, o, le) => v.getInt32(o, le)],
  6: [4, (v, o, le) => v.getUint32(o, le)],
  7: [4, (v, o, le) => v.getFloat32(o, le)],
  9: [8, (v, o, le) => v.getFloat64(o, le)],
  12: [8, (v, o, le) => Number(v.getBigInt64(o, le))],
  13: [8, (v, o, le) => Number(v.getBigUint64(o, le))],
};

const MI_MATRIX = 14;
const MI_COMPRESSED = 15;

interface Element {
  type: number;
  start: number;
  size: number;
  next: number;
}

function element(view: DataView, offset: number, le: boolean, file: FileRef): Element {
  if (offset + 8 > view.byteLength) throw corrupt(file, `a data element at byte ${offset} is cut off.`);
  const word = view.getUint32(offset, le);
  if (word >>> 16 !== 0) return { type: word & 0xffff, size: word >>> 16, start: offset + 4, next: offset + 8 };
  const size = view.getUint32(offset + 4, le);
  const start = offset + 8;
  if (start + size > view.byteLength) throw corrupt(file, `a data element at byte ${offset} says it holds ${size} bytes, but the file ends before.`);
  return { type: word, size, start, next: start + Math.ceil(size / 8) * 8 };
}

function values(view: DataView, el: Element, le: boolean, target: NumericArray, file: FileRef): void {
  const storage = STORAGE[el.type];
  if (!storage) throw corrupt(file, `unknown storage type ${el.type} in a numeric array.`);
  const [bytes, read] = storage;
  const n = el.size / bytes;
  if (n !== target.length) throw corrupt(file, `an array's data holds ${n} values where its dimensions need ${target.length}.`);
  for (let i = 0; i < n; i++) target[i] = read(view, el.start + i * bytes, le);
}

function matrix(view: DataView, start: number, end: number, le: boolean, file: FileRef): MatVariable {
  const flagsEl = element(view, start, le, file);
  const flags = view.getUint32(flagsEl.start, le);
  const classCode = flags & 0xff;
  const complex = (flags & 0x800) !== 0;
  const dimsEl = element(view, flagsEl.next, le, file);
  const dims = Array.from({ length: dimsEl.size / 4 }, (_, i) => view.getInt32(dimsEl.start + i * 4, le));
  const nameEl = element(view, dimsEl.next, le, file);
  const name = new TextDecoder('latin1').decode(new Uint8Array(view.buffer, view.byteOffset + nameEl.start, nameEl.size));
  const cls = CLASSES[classCode];
  if (!cls) throw corrupt(file, `variable "${name}" has an unknown class code ${classCode}.`);
  const [className, make] = cls;
  if (!make || complex) return { name, className: complex ? `complex ${className}` : className, dims };
  const data = make(dims.reduce((a, b) => a * b, 1));
  const realEl = element(view, nameEl.next, le, file);
  if (realEl.next > end + 8) throw corrupt(file, `variable "${name}" runs past its element.`);
  values(view, realEl, le, data, file);
  return { name, className, dims, data };
}

function elements(view: DataView, offset: number, le: boolean, file: FileRef, out: MatVariable[]): void {
  while (offset < view.byteLength) {
    const el = element(view, offset, le, file);
    if (el.type === MI_COMPRESSED) {
      let inner: Buffer;
      try {
        inner = inflateSync(new Uint8Array(view.buffer, view.byteOffset + el.start, el.size));
      } catch (error) {
        throw corrupt(file, `a compressed variable does not decompress (${(error as Error).message}).`);
      }
      elements(new DataView(inner.buffer, inner.byteOffset, inner.byteLength), 0, le, file, out);
      offset = el.start + el.size; // compressed elements are not padded
    } else {
      if (el.type === MI_MATRIX && el.size > 0) out.push(matrix(view, el.start, el.start + el.size, le, file));
      offset = el.next;
    }
  }
}

export function readMat(bytes: Buffer, file: FileRef): MatVariable[] {
  if (bytes.length < 128) throw corrupt(file, `it has ${bytes.length} bytes, fewer than a MAT-file header.`);
  const text = bytes.toString('latin1', 0, 116);
  if (text.startsWith('MATLAB 7.3')) {
    throw corrupt(file, 'it is a MATLAB 7.3 file (HDF5), which ablate does not read.', 'Save it from MATLAB with save(..., \'-v7\'), or from Python with scipy.io.savemat; both write version 5 files.');
  }
  if (!text.startsWith('MATLAB 5.0 MAT-file')) throw corrupt(file, 'it does not start with a MATLAB 5.0 MAT-file header.', 'Check that the path names the .mat file.');
  const marker = bytes.toString('latin1', 126, 128);
  if (marker !== 'IM' && marker !== 'MI') throw corrupt(file, `its header has the endianness marker "${marker}" instead of IM or MI.`);
  const out: MatVariable[] = [];
  elements(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), 128, marker === 'IM', file, out);
  return out;
}

/** Column-major (MATLAB) values → row-major (C order) for the same dims. */
export function toRowMajor<T extends NumericArray>(data: T, dims: readonly number[]): T {
  if (dims.filter((d) => d > 1).length <= 1) return data;
  const out = new (data.constructor as new (n: number) => T)(data.length);
  const rank = dims.length;
  const colStride = new Array<number>(rank);
  colStride[0] = 1;
  for (let i = 1; i < rank; i++) colStride[i] = colStride[i - 1] * dims[i - 1];
  const index = new Array<number>(rank).fill(0);
  for (let flat = 0; flat < data.length; flat++) {
    let source = 0;
    for (let i = 0; i < rank; i++) source += index[i] * colStride[i];
    out[flat] = data[source];
    for (let i = rank - 1; i >= 0; i--) {
      if (++index[i] < dims[i]) break;
      index[i] = 0;
    }
  }
  return out;
}
