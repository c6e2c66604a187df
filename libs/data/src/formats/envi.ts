/**
 * ENVI images: a text header (`.hdr`) beside a raw binary file. The header gives the size
 * (`samples` columns, `lines` rows, `bands`), the `data type` (1 uint8, 2 int16, 3 int32,
 * 4 float32, 5 float64, 12 uint16, 13 uint32), the `interleave` (bsq: band by band, bil: band-
 * interleaved by line, bip: by pixel), the `byte order` (0 little-endian, 1 big-endian) and a
 * `header offset` in the binary file; `wavelength` lists the bands' centres when given. Read into
 * [lines, samples, bands] row-major, as the scene loaders expect.
 */
import { existsSync } from 'node:fs';
import { corrupt, type FileRef } from './read-file';

export interface EnviHeader {
  samples: number;
  lines: number;
  bands: number;
  dataType: number;
  interleave: 'bsq' | 'bil' | 'bip';
  byteOrder: 0 | 1;
  headerOffset: number;
  wavelengths?: number[];
}

const TYPES: Record<number, { bytes: number; read: (view: DataView, at: number, little: boolean) => number }> = {
  1: { bytes: 1, read: (v, at) => v.getUint8(at) },
  2: { bytes: 2, read: (v, at, le) => v.getInt16(at, le) },
  3: { bytes: 4, read: (v, at, le) => v.getInt32(at, le) },
  4: { bytes: 4, read: (v, at, le) => v.getFloat32(at, le) },
  5: { bytes: 8, read: (v, at, le) => v.getFloat64(at, le) },
  12: { bytes: 2, read: (v, at, le) => v.getUint16(at, le) },
  13: { bytes: 4, read: (v, at, le) => v.getUint32(at, le) },
};

/** `key = value` lines; `{ ... }` values may span lines. Keys are lower-cased. */
function fields(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const pattern = /^\s*([^=\n]+?)\s*=\s*(\{[^}]*\}|[^\n]*)/gm;
  for (const [, key, value] of text.matchAll(pattern)) out.set(key.trim().toLowerCase(), value.trim());
  return out;
}

export function parseEnviHeader(text: string, file: FileRef): EnviHeader {
  if (!text.trimStart().startsWith('ENVI')) throw corrupt(file, 'it is not an ENVI header (the first line is not "ENVI").', 'Give the `.hdr` file of the image (a text file starting with "ENVI").');
  const f = fields(text);
  const int = (key: string, fallback?: number) => {
    const raw = f.get(key);
    if (raw === undefined) {
      if (fallback !== undefined) return fallback;
      throw corrupt(file, `the header has no "${key}".`, 'An ENVI header needs samples, lines, bands and data type.');
    }
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0) throw corrupt(file, `"${key} = ${raw}" is not a whole number.`, 'Fix the header.');
    return value;
  };
  const dataType = int('data type');
  if (!TYPES[dataType]) throw corrupt(file, `data type ${dataType} is not supported (1, 2, 3, 4, 5, 12 and 13 are: integers and floats).`, 'Convert the image to one of those types (complex and 64-bit integer images are not read).');
  const interleave = (f.get('interleave') ?? 'bsq').toLowerCase();
  if (interleave !== 'bsq' && interleave !== 'bil' && interleave !== 'bip') throw corrupt(file, `interleave "${interleave}" is not bsq, bil or bip.`, 'Fix the header.');
  const byteOrder = int('byte order', 0);
  if (byteOrder > 1) throw corrupt(file, `byte order ${byteOrder} is neither 0 (little-endian) nor 1 (big-endian).`, 'Fix the header.');
  const wavelength = f.get('wavelength');
  const wavelengths = wavelength?.replace(/[{}]/g, '').split(',').map(Number).filter((v) => Number.isFinite(v));
  return {
    samples: int('samples'),
    lines: int('lines'),
    bands: int('bands'),
    dataType,
    interleave,
    byteOrder: byteOrder as 0 | 1,
    headerOffset: int('header offset', 0),
    ...(wavelengths && wavelengths.length ? { wavelengths } : {}),
  };
}

/** The binary file of a header `x.hdr`: `x`, or `x` with a usual extension, or `x.hdr`'s base with one. */
export function enviDataFile(header: FileRef): FileRef {
  const base = header.path.replace(/\.hdr$/i, '');
  const shownBase = header.shown.replace(/\.hdr$/i, '');
  const candidates = ['', '.img', '.raw', '.dat', '.bsq', '.bil', '.bip', '.bin'];
  const found = candidates.find((ext) => existsSync(base + ext) && base + ext !== header.path) ?? '.img';
  return { path: base + found, shown: shownBase + found, missingHint: `An ENVI header needs its binary file beside it: ${shownBase} with no extension or one of ${candidates.slice(1).join(', ')}.` };
}

/** The image as [lines, samples, bands] float32, row-major. */
export function readEnvi(header: EnviHeader, bytes: Buffer, file: FileRef): { dims: number[]; data: Float32Array } {
  const { samples, lines, bands, headerOffset } = header;
  const type = TYPES[header.dataType];
  const count = samples * lines * bands;
  const needed = headerOffset + count * type.bytes;
  if (bytes.length < needed) {
    throw corrupt(file, `it has ${bytes.length} bytes; the header (${lines} lines x ${samples} samples x ${bands} bands of data type ${header.dataType}, offset ${headerOffset}) needs ${needed}.`, 'The binary file is shorter than its header says: check that the header belongs to this file, or copy the file again.');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = header.byteOrder === 0;
  const data = new Float32Array(count);
  // The position in the file of (line r, sample c, band b) for each interleave.
  const offset =
    header.interleave === 'bsq'
      ? (r: number, c: number, b: number) => (b * lines + r) * samples + c
      : header.interleave === 'bil'
        ? (r: number, c: number, b: number) => (r * bands + b) * samples + c
        : (r: number, c: number, b: number) => (r * samples + c) * bands + b;
  for (let r = 0; r < lines; r++) {
    for (let c = 0; c < samples; c++) {
      for (let b = 0; b < bands; b++) data[(r * samples + c) * bands + b] = type.read(view, headerOffset + offset(r, c, b) * type.bytes, little);
    }
  }
  return { dims: [lines, samples, bands], data };
}
