/**
 * PNG images written directly (RGB, 8 bits, one IDAT chunk deflated by node:zlib): a class map is
 * one coloured square per pixel, which a raster holds in a few kilobytes where vector marks would
 * need one rectangle per pixel (10,000 for Jasper Ridge, 207,400 for Pavia University).
 */
import { crc32, deflateSync } from 'node:zlib';

export interface Raster {
  width: number;
  height: number;
  /** Row-major RGB, 3 bytes per pixel. */
  rgb: Uint8Array;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

export function encodePng({ width, height, rgb }: Raster): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per sample, RGB, deflate, no filter choice, no interlace
  const rows = Buffer.alloc(height * (1 + 3 * width));
  for (let y = 0; y < height; y++) rows.set(rgb.subarray(y * 3 * width, (y + 1) * 3 * width), y * (1 + 3 * width) + 1); // filter byte 0: none
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', new Uint8Array(0))]);
}

/** Each pixel as a `factor` x `factor` block, so that viewers that smooth images keep the squares sharp. */
export function enlarge({ width, height, rgb }: Raster, factor: number): Raster {
  const out = new Uint8Array(width * factor * height * factor * 3);
  const rowBytes = width * factor * 3;
  for (let y = 0; y < height; y++) {
    const row = out.subarray(y * factor * rowBytes, (y * factor + 1) * rowBytes);
    for (let x = 0; x < width; x++) for (let k = 0; k < factor; k++) row.set(rgb.subarray((y * width + x) * 3, (y * width + x) * 3 + 3), (x * factor + k) * 3);
    for (let k = 1; k < factor; k++) out.copyWithin((y * factor + k) * rowBytes, y * factor * rowBytes, (y * factor + 1) * rowBytes);
  }
  return { width: width * factor, height: height * factor, rgb: out };
}
