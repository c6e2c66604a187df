/**
 * `resize` against PIL's resize of REAL Fashion-MNIST images as float images (the reference of
 * tools/reference/resize_reference.py): bilinear (antialiased when shrinking, as torchvision's
 * Resize with antialias=True), nearest and area, up and down; and `center_crop` at torchvision's
 * offsets.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { centerCrop, resizeImages, type ResizeMethod } from './resize';

interface Case {
  index: number;
  method: ResizeMethod;
  size: [number, number];
  input: number[];
  output: number[];
}
const { cases } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'resize-pil.json'), 'utf8')) as { cases: Case[] };

describe('resize', () => {
  it.each(cases.map((c) => [`${c.method} to ${c.size.join('x')} (image ${c.index})`, c] as const))('%s equals PIL within 1e-3', (_, c) => {
    const out = resizeImages(Float32Array.from(c.input), 1, [28, 28, 1], c.size, c.method);
    expect(out.length).toBe(c.output.length);
    const worst = c.output.reduce((m, v, i) => Math.max(m, Math.abs(v - out[i])), 0);
    expect(worst).toBeLessThan(1e-3);
  });

  it('resizes each channel of several images on its own', () => {
    const two = Float32Array.from({ length: 2 * 4 * 4 * 2 }, (_, i) => (i % 2 === 0 ? 10 : -3));
    const out = resizeImages(two, 2, [4, 4, 2], [3, 5], 'bilinear');
    expect(out.length).toBe(2 * 3 * 5 * 2);
    expect(Array.from(out).every((v, i) => Math.abs(v - (i % 2 === 0 ? 10 : -3)) < 1e-5)).toBe(true);
  });
});

describe('center_crop', () => {
  it("takes torchvision's central window (odd margins rounded half to even)", () => {
    const image = Float32Array.from({ length: 5 * 6 }, (_, i) => i);
    // 5x6 to 2x3: top = round(1.5) = 2, left = round(1.5) = 2.
    expect(Array.from(centerCrop(image, 1, [5, 6, 1], [2, 3]))).toEqual([14, 15, 16, 20, 21, 22]);
    // 5x6 to 4x1: top = round(0.5) = 0, left = round(2.5) = 2.
    expect(Array.from(centerCrop(image, 1, [5, 6, 1], [4, 1]))).toEqual([2, 8, 14, 20]);
  });
});
