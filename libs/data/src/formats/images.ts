/**
 * Image files to one uint8 array [n, h, w, c]. PNG (pngjs), JPEG (jpeg-js) and BMP are decoded in
 * this process, synchronously: for the small images of our users' datasets a library call per
 * image costs less than the image (sharp's per-call overhead made it 15x slower than PIL on 28x28
 * images). TIFF, WebP and GIF go to sharp (libvips) in the decode worker. Then every image is
 * converted to the declared channels (grey as PIL's L, in its fixed point) and resized
 * to the declared size with the `resize` step's filters (PIL's), so every format gives the same
 * pixels for the same picture.
 */
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { UserError } from '@ablate/spec';
import { resizeImages, type ResizeMethod } from '../preprocess/resize';
import { corrupt, type FileRef } from './read-file';

export interface RawImage {
  height: number;
  width: number;
  /** 1 grey, 3 RGB, 4 RGBA. */
  channels: number;
  data: Uint8Array;
}

/** The number of components of a JPEG (1 grey, 3 colour), from its start-of-frame marker. */
function jpegComponents(bytes: Buffer): number {
  for (let at = 2; at + 9 < bytes.length; ) {
    if (bytes[at] !== 0xff) return 3;
    const marker = bytes[at + 1];
    const length = bytes.readUInt16BE(at + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return bytes[at + 9];
    at += 2 + length;
  }
  return 3;
}

/** Keeps the first `channels` of each pixel of `data` (of `from` channels). */
function keep(data: Uint8Array, from: number, channels: number, pixels: number): Uint8Array {
  if (from === channels) return data;
  const out = new Uint8Array(pixels * channels);
  for (let p = 0; p < pixels; p++) for (let k = 0; k < channels; k++) out[p * channels + k] = data[p * from + k];
  return out;
}

function png(bytes: Buffer): RawImage {
  const image = PNG.sync.read(bytes);
  // pngjs gives RGBA at 8 bits (16-bit samples scaled); the colour type says what the file holds.
  const channels = image.colorType === 0 || image.colorType === 4 ? 1 : image.alpha ? 4 : 3;
  return { height: image.height, width: image.width, channels, data: keep(new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.length), 4, channels, image.width * image.height) };
}

function jpg(bytes: Buffer): RawImage {
  const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false, maxMemoryUsageInMB: 2048 });
  const channels = jpegComponents(bytes) === 1 ? 1 : 3;
  return { height: image.height, width: image.width, channels, data: keep(image.data as Uint8Array, 3, channels, image.width * image.height) };
}

/** An uncompressed Windows bitmap: 8-bit (palette as grey), 24- or 32-bit. */
function bmp(bytes: Buffer, file: FileRef): RawImage {
  if (bytes.toString('latin1', 0, 2) !== 'BM') throw corrupt(file, 'it is not a BMP image.');
  const offset = bytes.readUInt32LE(10);
  const width = bytes.readInt32LE(18);
  const rawHeight = bytes.readInt32LE(22);
  const bits = bytes.readUInt16LE(28);
  const compression = bytes.readUInt32LE(30);
  if ((compression !== 0 && compression !== 3) || (bits !== 8 && bits !== 24 && bits !== 32)) throw corrupt(file, `${bits}-bit BMP with compression ${compression} is not read (uncompressed 8, 24 and 32-bit are).`, 'Convert it to PNG.');
  const height = Math.abs(rawHeight);
  const stride = Math.ceil((width * bits) / 32) * 4;
  const channels = bits === 8 ? 1 : 3;
  const data = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    // Rows are stored bottom-up unless the height is negative; pixels as B, G, R.
    const row = offset + (rawHeight > 0 ? height - 1 - y : y) * stride;
    for (let x = 0; x < width; x++) {
      if (bits === 8) data[y * width + x] = bytes[row + x];
      else for (let c = 0; c < 3; c++) data[(y * width + x) * 3 + c] = bytes[row + x * (bits / 8) + 2 - c];
    }
  }
  return { height, width, channels, data };
}

/** The decoder for a file in this process, by its content's signature; undefined for the worker's formats. */
export function decodeHere(bytes: Buffer, file: FileRef): RawImage | undefined {
  try {
    if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0x89504e47) return png(bytes);
    if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return jpg(bytes);
    if (bytes.length >= 2 && bytes.toString('latin1', 0, 2) === 'BM') return bmp(bytes, file);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw corrupt(file, `${String((error as Error).message ?? error).replace(/\.$/, '')}.`, 'Check that it is a complete PNG, JPEG, BMP, TIFF, WebP or GIF image; remove or replace it.');
  }
  return undefined;
}

/** One image with `channels` channels: grey as PIL's L, grey to RGB by copying, alpha dropped or made opaque. */
export function toChannels(image: RawImage, channels: number): RawImage {
  if (image.channels === channels) return image;
  const pixels = image.height * image.width;
  const out = new Uint8Array(pixels * channels);
  for (let p = 0; p < pixels; p++) {
    const at = p * image.channels;
    const [r, g, b] = image.channels >= 3 ? [image.data[at], image.data[at + 1], image.data[at + 2]] : [image.data[at], image.data[at], image.data[at]];
    if (channels === 1) out[p] = (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
    else {
      out[p * channels] = r;
      out[p * channels + 1] = g;
      out[p * channels + 2] = b;
      if (channels === 4) out[p * channels + 3] = image.channels === 4 ? image.data[at + 3] : 255;
    }
  }
  return { ...image, channels, data: out };
}

/** One image at [height, width] with the `resize` step's filter, rounded back to 8 bits. */
export function toSize(image: RawImage, [height, width]: readonly number[], method: ResizeMethod): RawImage {
  if (image.height === height && image.width === width) return image;
  const resized = resizeImages(Float32Array.from(image.data), 1, [image.height, image.width, image.channels], [height, width], method);
  return { height, width, channels: image.channels, data: Uint8Array.from(resized, (v) => Math.min(255, Math.max(0, Math.round(v)))) };
}
