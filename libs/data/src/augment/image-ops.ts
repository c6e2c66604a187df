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

/** A rectangle [top, left, height, width] of an h x w image drawn as torchvision's RandomResizedCrop and RandomErasing draw it; undefined after 10 tries. */
export function randomBox(h: number, w: number, scale: readonly number[], ratio: readonly number[], random: Random): [number, number, number, number] | undefined {
  const area = h * w;
  const [lo, hi] = [Math.log(ratio[0]), Math.log(ratio[1])];
  for (let attempt = 0; attempt < 10; attempt++) {
    const target = area * (scale[0] + (scale[1] - scale[0]) * random());
    const aspect = Math.exp(lo + (hi - lo) * random());
    const bw = Math.round(Math.sqrt(target * aspect));
    const bh = Math.round(Math.sqrt(target / aspect));
    if (bw > 0 && bh > 0 && bw <= w && bh <= h) return [Math.floor(random() * (h - bh + 1)), Math.floor(random() * (w - bw + 1)), bh, bw];
  }
  return undefined;
}

/** The central crop torchvision's RandomResizedCrop falls back to: the largest box of the ratio range's nearest aspect. */
export function centralBox(h: number, w: number, ratio: readonly number[]): [number, number, number, number] {
  const aspect = w / h;
  const [bh, bw] = aspect < ratio[0] ? [Math.round(w / ratio[0]), w] : aspect > ratio[1] ? [h, Math.round(h * ratio[1])] : [h, w];
  return [Math.floor((h - bh) / 2), Math.floor((w - bw) / 2), bh, bw];
}

/** The box [top, left, height, width] of one example, as its own [height, width, c] array. */
export function cropOf(v: ImageView, [top, left, bh, bw]: readonly number[]): Float32Array {
  const out = new Float32Array(bh * bw * v.c);
  for (let r = 0; r < bh; r++) out.set(v.x.subarray(v.offset + ((top + r) * v.w + left) * v.c, v.offset + ((top + r) * v.w + left + bw) * v.c), r * bw * v.c);
  return out;
}

/** Brightness, contrast and saturation factors applied in place (no clipping). */
export function jitterColours(v: ImageView, brightness: number, contrast: number, saturation: number): void {
  const n = v.h * v.w;
  const at = (p: number, k: number) => v.offset + p * v.c + k;
  const grey = (p: number) => (v.c >= 3 ? 0.299 * v.x[at(p, 0)] + 0.587 * v.x[at(p, 1)] + 0.114 * v.x[at(p, 2)] : v.x[at(p, 0)]);
  if (brightness !== 1) for (let i = 0; i < n * v.c; i++) v.x[v.offset + i] *= brightness;
  if (contrast !== 1) {
    let mean = 0;
    for (let p = 0; p < n; p++) mean += grey(p) / n;
    for (let i = 0; i < n * v.c; i++) v.x[v.offset + i] = contrast * v.x[v.offset + i] + (1 - contrast) * mean;
  }
  if (saturation !== 1 && v.c >= 3) {
    for (let p = 0; p < n; p++) {
      const g = grey(p);
      for (let k = 0; k < 3; k++) v.x[at(p, k)] = saturation * v.x[at(p, k)] + (1 - saturation) * g;
    }
  }
}
