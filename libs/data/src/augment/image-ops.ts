/** In-place geometric and noise operations on one example of shape [height, width, channels]. */
import type { Random } from '@ablate/spec';

export interface ImageView {
  x: Float32Array;
  offset: number;
  h: number;
  w: number;
  c: number;
}

function copyOf(v: ImageView): Float32Array {
  return v.x.slice(v.offset, v.offset + v.h * v.w * v.c);
}

export function flipHorizontal(v: ImageView): void {
  const src = copyOf(v);
  for (let r = 0; r < v.h; r++) for (let col = 0; col < v.w; col++) for (let k = 0; k < v.c; k++) v.x[v.offset + (r * v.w + col) * v.c + k] = src[(r * v.w + (v.w - 1 - col)) * v.c + k];
}

export function flipVertical(v: ImageView): void {
  const src = copyOf(v);
  const row = v.w * v.c;
  for (let r = 0; r < v.h; r++) v.x.set(src.subarray((v.h - 1 - r) * row, (v.h - r) * row), v.offset + r * row);
}

/** Rotates a square example by k quarter turns counter-clockwise. */
export function rotate90(v: ImageView, k: number): void {
  const src = copyOf(v);
  const n = v.h;
  for (let r = 0; r < n; r++) {
    for (let col = 0; col < n; col++) {
      let [sr, sc] = [r, col];
      for (let t = 0; t < k; t++) [sr, sc] = [sc, n - 1 - sr];
      for (let ch = 0; ch < v.c; ch++) v.x[v.offset + (r * n + col) * v.c + ch] = src[(sr * n + sc) * v.c + ch];
    }
  }
}

/** Zero-pads by `padding` and crops back at offset (dy, dx) in [0, 2 * padding]. */
export function shiftCrop(v: ImageView, padding: number, dy: number, dx: number): void {
  const src = copyOf(v);
  v.x.fill(0, v.offset, v.offset + src.length);
  for (let r = 0; r < v.h; r++) {
    const sr = r + dy - padding;
    if (sr < 0 || sr >= v.h) continue;
    for (let col = 0; col < v.w; col++) {
      const sc = col + dx - padding;
      if (sc < 0 || sc >= v.w) continue;
      for (let k = 0; k < v.c; k++) v.x[v.offset + (r * v.w + col) * v.c + k] = src[(sr * v.w + sc) * v.c + k];
    }
  }
}

/** Zeroes a size x size square centred at (cy, cx), clipped to the image. */
export function zeroSquare(v: ImageView, size: number, cy: number, cx: number): void {
  const top = Math.max(0, cy - Math.floor(size / 2));
  const left = Math.max(0, cx - Math.floor(size / 2));
  for (let r = top; r < Math.min(v.h, top + size); r++) v.x.fill(0, v.offset + (r * v.w + left) * v.c, v.offset + (r * v.w + Math.min(v.w, left + size)) * v.c);
}

export function gaussian(random: Random): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Gamma(shape, 1) by Marsaglia and Tsang; Beta(a, a) = G1 / (G1 + G2). */
function gamma(shape: number, random: Random): number {
  if (shape < 1) return gamma(shape + 1, random) * Math.pow(random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = gaussian(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

export function beta(alpha: number, random: Random): number {
  const a = gamma(alpha, random);
  return a / (a + gamma(alpha, random));
}
