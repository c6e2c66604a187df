/**
 * Arrays of HDF5 files (MATLAB v7.3 .mat files, plain .h5) and TIFF images, and folders of images:
 * what needs h5wasm, geotiff or sharp is decoded in a child process (decode-worker.mjs: all three
 * are asynchronous, the loaders synchronous), arrays once per file content and array in a process,
 * images once per content and settings on disk.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cacheDir } from '@ablate/spec';
import type { NumericArray } from './mat-v5';
import type { ResizeMethod } from '../preprocess/resize';
import { decodeHere, toChannels, toSize, type RawImage } from './images';
import { corrupt, sha256, type FileRef } from './read-file';

const WORKER = join(__dirname, 'decode-worker.mjs');
const ARRAYS = { float32: Float32Array, float64: Float64Array, int8: Int8Array, uint8: Uint8Array, int16: Int16Array, uint16: Uint16Array, int32: Int32Array, uint32: Uint32Array };

export interface DecodedArray {
  dims: number[];
  data: NumericArray;
}

export interface Hdf5Dataset {
  name: string;
  shape: number[];
  dtype: string;
}

const cache = new Map<string, unknown>();

/** h5wasm's numeric types, as Python's struct codes (`<d` float64, `<H` uint16, ...). */
export const isNumericDataset = (d: Hdf5Dataset) => /^[<>|=]?[bBhHiIlLfd]$/.test(d.dtype);

/** The numeric dataset with the most elements. */
export const largestDataset = (datasets: readonly Hdf5Dataset[]) =>
  [...datasets].filter(isNumericDataset).sort((a, b) => b.shape.reduce((x, y) => x * y, 1) - a.shape.reduce((x, y) => x * y, 1))[0];

/** MATLAB v7.3 files are HDF5 with a 512-byte header: the HDF5 signature follows it. */
export function isHdf5(bytes: Buffer): boolean {
  const signature = Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);
  return [0, 512, 1024, 2048].some((at) => bytes.length >= at + 8 && bytes.subarray(at, at + 8).equals(signature));
}

function run(file: FileRef, bytes: Buffer, mode: 'list' | 'hdf5' | 'tiff', what: string, name?: string): { header: Record<string, unknown>; body: Buffer } {
  const args = [mode, file.path, ...(name === undefined ? [] : [name])];
  const key = `${sha256(bytes)}:${mode}:${name ?? ''}`;
  const known = cache.get(key) as { header: Record<string, unknown>; body: Buffer } | undefined;
  if (known) return known;
  let out: Buffer;
  try {
    out = execFileSync(process.execPath, [WORKER, ...args], { maxBuffer: 2 ** 31 - 1, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    out = (error as { stdout?: Buffer }).stdout ?? Buffer.alloc(0);
  }
  const newline = out.indexOf(0x0a);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(out.subarray(0, newline < 0 ? out.length : newline).toString('utf8')) as Record<string, unknown>;
  } catch {
    throw corrupt(file, `${what} could not be decoded (the decoder gave no answer).`, 'Check that it is a complete file of its format.');
  }
  if (typeof header.error === 'string') throw corrupt(file, `${header.error.replace(/\.$/, '')}.`, `Check the file and the ${what} it should hold.`);
  const result = { header, body: newline < 0 ? Buffer.alloc(0) : out.subarray(newline + 1) };
  cache.set(key, result);
  return result;
}

function array(header: Record<string, unknown>, body: Buffer): DecodedArray {
  const Type = ARRAYS[header.dtype as keyof typeof ARRAYS];
  // A copy: typed arrays need an offset aligned to their element size.
  const data = new Type(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer);
  return { dims: header.dims as number[], data };
}

export function hdf5Datasets(file: FileRef, bytes: Buffer): Hdf5Dataset[] {
  return run(file, bytes, 'list', 'its list of arrays').header.datasets as Hdf5Dataset[];
}

/** One dataset, row-major in the order HDF5 stores it. */
export function hdf5Dataset(file: FileRef, bytes: Buffer, name: string): DecodedArray {
  const { header, body } = run(file, bytes, 'hdf5', `the array ${name}`, name);
  return array(header, body);
}

/** A TIFF image as [rows, cols, bands], row-major. */
export function tiffImage(file: FileRef, bytes: Buffer): DecodedArray {
  const { header, body } = run(file, bytes, 'tiff', 'the image');
  return array(header, body);
}

/** Raised when what the decoders make of the same files and settings changes: older cache entries are then not used. */
const IMAGE_DECODER = 3;

export interface ImageSettings {
  /** 1 grey, 3 RGB, 4 RGBA; default: the first image's. */
  channels?: number;
  /** [height, width] every image is resized to; default: none (every image must have the first one's size). */
  size?: [number, number];
  resize?: ResizeMethod;
}

/** The worker's decode of the files ablate does not decode itself. */
function decodeInWorker(files: readonly FileRef[]): RawImage[] {
  if (files.length === 0) return [];
  const list = join(mkdtempSync(join(tmpdir(), 'ablate-images-')), 'list.json');
  writeFileSync(list, JSON.stringify({ files: files.map((f) => f.path) }));
  let out: Buffer;
  try {
    out = execFileSync(process.execPath, [WORKER, 'images', list], { maxBuffer: 2 ** 31 - 1, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    out = (error as { stdout?: Buffer }).stdout ?? Buffer.alloc(0);
  } finally {
    rmSync(dirname(list), { recursive: true, force: true });
  }
  const newline = out.indexOf(0x0a);
  const header = JSON.parse(out.subarray(0, newline < 0 ? out.length : newline).toString('utf8') || '{"error":"the decoder gave no answer"}') as { images?: number[][]; error?: string; file?: string };
  if (header.error !== undefined) {
    const file = files.find((f) => f.path === header.file) ?? files[0];
    throw corrupt(file, `${header.error.replace(/\.$/, '')}.`, 'Check that it is a complete PNG, JPEG, BMP, TIFF, WebP or GIF image; remove or replace it.');
  }
  let at = newline + 1;
  return (header.images as number[][]).map(([height, width, channels]) => {
    const data = new Uint8Array(out.subarray(at, at + height * width * channels));
    at += height * width * channels;
    return { height, width, channels, data };
  });
}

/**
 * Images as one uint8 array [n, h, w, c] (formats/images.ts decodes PNG, JPEG and BMP here, the
 * worker the rest), converted and resized as `settings` say, kept on disk under ablate's cache
 * folder keyed by the files' contents and the settings: later runs, trials and workers read it.
 */
export function decodeImages(files: readonly FileRef[], read: (i: number) => Buffer, settings: ImageSettings, options: { cache?: boolean; digests?: readonly string[] } = {}): DecodedArray {
  const digests = options.digests ?? files.map((_, i) => sha256(read(i)));
  const key = createHash('sha256')
    .update(JSON.stringify({ decoder: IMAGE_DECODER, ...settings }))
    .update(digests.join(','))
    .digest('hex')
    .slice(0, 24);
  const dir = options.cache === false ? undefined : cacheDir();
  const cached = dir ? join(dir, 'images', key) : undefined;
  if (cached && existsSync(`${cached}.json`) && existsSync(`${cached}.bin`)) {
    const dims = JSON.parse(readFileSync(`${cached}.json`, 'utf8')) as number[];
    const data = new Uint8Array(readFileSync(`${cached}.bin`));
    if (data.length === dims.reduce((a, b) => a * b, 1)) return { dims, data };
  }
  const here = files.map((f, i) => decodeHere(read(i), f));
  const elsewhere = files.filter((_, i) => here[i] === undefined);
  const fromWorker = decodeInWorker(elsewhere);
  let next = 0;
  let data: Uint8Array | undefined;
  let shape: number[] | undefined;
  files.forEach((file, i) => {
    let image = here[i] ?? fromWorker[next++];
    // Without declared channels each image keeps its own, and a mix is the mismatch below.
    if (settings.channels !== undefined) image = toChannels(image, settings.channels);
    if (settings.size) image = toSize(image, settings.size, settings.resize ?? 'bilinear');
    const dims = [image.height, image.width, image.channels];
    shape ??= dims;
    if (dims.join() !== shape.join()) {
      throw corrupt(
        file,
        `it is ${dims[0]}x${dims[1]} with ${dims[2]} channel(s), but ${files[0].shown} is ${shape[0]}x${shape[1]} with ${shape[2]} channel(s).`,
        'Images of different sizes need `size: [height, width]` to resize them to, and different colour types `channels:` (1, 3 or 4).',
      );
    }
    data ??= new Uint8Array(files.length * image.data.length);
    data.set(image.data, i * image.data.length);
  });
  const result = { dims: [files.length, ...(shape ?? [0, 0, settings.channels ?? 1])], data: data ?? new Uint8Array(0) };
  if (cached) {
    try {
      mkdirSync(dirname(cached), { recursive: true });
      writeFileSync(`${cached}.bin.tmp`, result.data);
      writeFileSync(`${cached}.json`, JSON.stringify(result.dims));
      renameSync(`${cached}.bin.tmp`, `${cached}.bin`);
    } catch {
      // A read-only install: decode again next time.
    }
  }
  return result;
}
