/** Writes numeric arrays as a MATLAB 5 MAT-file (each variable zlib-compressed), readable by MATLAB and scipy. */
import { deflateSync } from 'node:zlib';

export interface MatArray {
  name: string;
  /** Row-major dims (C order), as the rest of ablate uses them. */
  dims: number[];
  data: Float64Array | Float32Array | Uint8Array | Int32Array | Uint16Array;
}

const TYPES = new Map<unknown, [number, number, number]>([
  // [mi storage type, mx class, bytes]
  [Float64Array, [9, 6, 8]],
  [Float32Array, [7, 7, 4]],
  [Uint8Array, [2, 9, 1]],
  [Uint16Array, [4, 11, 2]],
  [Int32Array, [5, 12, 4]],
]);

function tagged(type: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32LE(type, 0);
  head.writeUInt32LE(payload.length, 4);
  return Buffer.concat([head, payload, Buffer.alloc((8 - (payload.length % 8)) % 8)]);
}

/** Row-major → column-major, as MAT-files store arrays. */
function columnMajor(array: MatArray): Buffer {
  const [type, , bytes] = TYPES.get(array.data.constructor) as [number, number, number];
  void type;
  const n = array.data.length;
  const out = Buffer.alloc(n * bytes);
  const dims = array.dims;
  const rowStride = dims.map((_, i) => dims.slice(i + 1).reduce((a, b) => a * b, 1));
  const index = new Array(dims.length).fill(0);
  for (let col = 0; col < n; col++) {
    let row = 0;
    for (let i = 0; i < dims.length; i++) row += index[i] * rowStride[i];
    const v = array.data[row];
    if (bytes === 8) out.writeDoubleLE(v, col * 8);
    else if (array.data instanceof Float32Array) out.writeFloatLE(v, col * 4);
    else if (array.data instanceof Int32Array) out.writeInt32LE(v, col * 4);
    else if (bytes === 2) out.writeUInt16LE(v, col * 2);
    else out.writeUInt8(v, col);
    for (let i = 0; i < dims.length; i++) {
      if (++index[i] < dims[i]) break;
      index[i] = 0;
    }
  }
  return out;
}

function matrix(array: MatArray): Buffer {
  const [storage, cls] = TYPES.get(array.data.constructor) as [number, number, number];
  const flags = Buffer.alloc(8);
  flags.writeUInt32LE(cls, 0);
  const dims = Buffer.alloc(4 * array.dims.length);
  array.dims.forEach((d, i) => dims.writeInt32LE(d, 4 * i));
  const body = Buffer.concat([tagged(6, flags), tagged(5, dims), tagged(1, Buffer.from(array.name, 'latin1')), tagged(storage, columnMajor(array))]);
  return tagged(14, body);
}

export function writeMat(arrays: readonly MatArray[], description = 'written by ablate'): Buffer {
  const header = Buffer.alloc(128, ' ');
  header.write(`MATLAB 5.0 MAT-file, ${description}`.slice(0, 116), 0, 'latin1');
  header.fill(0, 116, 124);
  header.writeUInt16LE(0x0100, 124);
  header.write('IM', 126, 'latin1');
  const elements = arrays.map((a) => {
    const compressed = deflateSync(matrix(a));
    const head = Buffer.alloc(8);
    head.writeUInt32LE(15, 0);
    head.writeUInt32LE(compressed.length, 4);
    return Buffer.concat([head, compressed]);
  });
  return Buffer.concat([header, ...elements]);
}
