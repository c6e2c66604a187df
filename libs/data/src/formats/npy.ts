/** NumPy .npy arrays (read and written), and .npz archives of them (a zip, read with fflate). */
import { unzipSync } from 'fflate';
import { corrupt, type FileRef } from './read-file';

export interface NpyArray {
  shape: number[];
  data: Float64Array | Float32Array | Int32Array | Uint8Array | Int8Array | Int16Array | Uint16Array | Uint32Array;
}

const DTYPES: Record<string, [number, (v: DataView, o: number, le: boolean) => number, (n: number) => NpyArray['data']]> = {
  f8: [8, (v, o, le) => v.getFloat64(o, le), (n) => new Float64Array(n)],
  f4: [4, (v, o, le) => v.getFloat32(o, le), (n) => new Float32Array(n)],
  i8: [8, (v, o, le) => Number(v.getBigInt64(o, le)), (n) => new Float64Array(n)],
  u8: [8, (v, o, le) => Number(v.getBigUint64(o, le)), (n) => new Float64Array(n)],
  i4: [4, (v, o, le) => v.getInt32(o, le), (n) => new Int32Array(n)],
  u4: [4, (v, o, le) => v.getUint32(o, le), (n) => new Uint32Array(n)],
  i2: [2, (v, o, le) => v.getInt16(o, le), (n) => new Int16Array(n)],
  u2: [2, (v, o, le) => v.getUint16(o, le), (n) => new Uint16Array(n)],
  i1: [1, (v, o) => v.getInt8(o), (n) => new Int8Array(n)],
  u1: [1, (v, o) => v.getUint8(o), (n) => new Uint8Array(n)],
  b1: [1, (v, o) => v.getUint8(o), (n) => new Uint8Array(n)],
};

export function readNpy(bytes: Uint8Array, file: FileRef): NpyArray {
  const magic = String.fromCharCode(...bytes.subarray(1, 6));
  if (bytes[0] !== 0x93 || magic !== 'NUMPY') throw corrupt(file, 'it is not a .npy file (no \\x93NUMPY magic).');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6];
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  const header = new TextDecoder('latin1').decode(bytes.subarray(start, start + headerLength));
  const descr = /'descr':\s*'([<>|=])([a-z]\d)'/.exec(header);
  const fortran = /'fortran_order':\s*True/.test(header);
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header);
  if (!descr || !shapeText) throw corrupt(file, `its header could not be read: ${header.trim()}`);
  const dtype = DTYPES[descr[2]];
  if (!dtype) throw corrupt(file, `its dtype ${descr[2]} is not numeric.`, 'Save features as float32/float64 and labels as integers.');
  if (fortran) throw corrupt(file, 'it is stored in Fortran order.', 'Save it with np.save(path, np.ascontiguousarray(array)).');
  const shape = shapeText[1].split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  const [size, read, make] = dtype;
  const count = shape.reduce((a, b) => a * b, 1);
  const offset = start + headerLength;
  if (bytes.length < offset + count * size) throw corrupt(file, `its header announces shape (${shape.join(', ')}) but the file is shorter.`);
  const data = make(count);
  const le = descr[1] !== '>';
  for (let i = 0; i < count; i++) data[i] = read(view, offset + i * size, le);
  return { shape, data };
}

/** `file.npy`, or `file.npz:key` (the member key.npy of an archive). */
export function readNpyRef(bytes: Uint8Array, file: FileRef, member: string | undefined): NpyArray {
  if (member === undefined) return readNpy(bytes, file);
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (error) {
    throw corrupt(file, `it is not a readable .npz (zip) archive (${(error as Error).message}).`);
  }
  const entry = entries[`${member}.npy`];
  if (!entry) {
    const names = Object.keys(entries).map((n) => n.replace(/\.npy$/, ''));
    throw corrupt(file, `the archive has no array "${member}".`, `Arrays in it: ${names.join(', ')}.`);
  }
  return readNpy(entry, { ...file, shown: `${file.shown}:${member}` });
}

const WRITTEN = [
  [Float32Array, '<f4', (v: DataView, o: number, x: number) => v.setFloat32(o, x, true)],
  [Int32Array, '<i4', (v: DataView, o: number, x: number) => v.setInt32(o, x, true)],
  [Int16Array, '<i2', (v: DataView, o: number, x: number) => v.setInt16(o, x, true)],
  [Uint8Array, '|u1', (v: DataView, o: number, x: number) => v.setUint8(o, x)],
] as const;

/** The magic, version 1.0 and header of a C-order array, padded with its newline to a multiple of 64 bytes. */
export function npyHeader(descr: string, shape: readonly number[]): Buffer {
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.length === 1 ? `${shape[0]},` : shape.join(', ')}), }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const out = Buffer.alloc(10 + header.length);
  out.write('\x93NUMPY', 0, 'latin1');
  out.set([1, 0], 6);
  out.writeUInt16LE(header.length, 8);
  out.write(header, 10, 'latin1');
  return out;
}

/** A .npy file (format 1.0, little-endian, C order) that np.load reads. */
export function writeNpy(array: { shape: readonly number[]; data: Float32Array | Int32Array | Int16Array | Uint8Array }): Buffer {
  const { shape, data } = array;
  if (shape.reduce((a, b) => a * b, 1) !== data.length) throw new Error(`shape (${shape.join(', ')}) does not hold ${data.length} values`);
  const [, descr, write] = WRITTEN.find(([type]) => data instanceof type) as (typeof WRITTEN)[number];
  const head = npyHeader(descr, shape);
  const start = head.length;
  const out = Buffer.alloc(start + data.byteLength);
  out.set(head);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  data.forEach((x, i) => write(view, start + i * data.BYTES_PER_ELEMENT, x));
  return out;
}
