/**
 * Resizing images [h, w, c], separably, with the filters of PIL's resize (which torchvision's
 * Resize follows with antialias=True): bilinear is a triangle filter, widened by the scale when
 * shrinking (antialiased); area is a box filter, the mean of the input pixels each output pixel
 * covers; nearest takes the pixel under each output pixel's centre. Pixel centres are at i + 0.5.
 */
export type ResizeMethod = 'bilinear' | 'nearest' | 'area';

interface Taps {
  /** First input index of each output index. */
  start: Int32Array;
  /** Weights of each output index, `width` per index. */
  weights: Float64Array;
  width: number;
}

const FILTERS: Record<Exclude<ResizeMethod, 'nearest'>, { support: number; f: (x: number) => number }> = {
  bilinear: { support: 1, f: (x) => (Math.abs(x) < 1 ? 1 - Math.abs(x) : 0) },
  area: { support: 0.5, f: (x) => (x >= -0.5 && x < 0.5 ? 1 : 0) },
};

/** The input indices and weights of each output index along one axis (PIL's precompute_coeffs). */
function taps(size: number, out: number, method: ResizeMethod): Taps {
  const scale = size / out;
  if (method === 'nearest') {
    // PIL's arithmetic: the centre advances by the scale from half of it, so a centre that falls on a pixel boundary rounds as PIL's does.
    const start = new Int32Array(out);
    for (let i = 0, centre = scale * 0.5; i < out; i++, centre += scale) start[i] = Math.min(size - 1, Math.trunc(centre));
    return { start, weights: new Float64Array(out).fill(1), width: 1 };
  }
  const filter = FILTERS[method];
  const stretch = Math.max(scale, 1);
  const support = filter.support * stretch;
  const width = Math.ceil(support) * 2 + 1;
  const start = new Int32Array(out);
  const weights = new Float64Array(out * width);
  for (let i = 0; i < out; i++) {
    const centre = (i + 0.5) * scale;
    const lo = Math.max(0, Math.trunc(centre - support + 0.5));
    const hi = Math.min(size, Math.trunc(centre + support + 0.5));
    let total = 0;
    for (let j = lo; j < hi; j++) {
      const w = filter.f((j - centre + 0.5) / stretch);
      weights[i * width + j - lo] = w;
      total += w;
    }
    if (total !== 0) for (let j = lo; j < hi; j++) weights[i * width + j - lo] /= total;
    start[i] = lo;
  }
  return { start, weights, width };
}

/** n images [h, w, c], flat, resized to [H, W, c]. */
export function resizeImages(x: Float32Array, n: number, [h, w, c]: readonly number[], [H, W]: readonly number[], method: ResizeMethod): Float32Array {
  const across = taps(w, W, method);
  const down = taps(h, H, method);
  const rows = new Float64Array(h * W * c);
  const out = new Float32Array(n * H * W * c);
  for (let i = 0; i < n; i++) {
    const image = i * h * w * c;
    // Horizontally: each input row to W columns.
    rows.fill(0);
    for (let r = 0; r < h; r++) {
      for (let o = 0; o < W; o++) {
        const from = across.start[o];
        for (let k = 0; k < across.width && from + k < w; k++) {
          const weight = across.weights[o * across.width + k];
          if (weight === 0) continue;
          const src = image + (r * w + from + k) * c;
          for (let ch = 0; ch < c; ch++) rows[(r * W + o) * c + ch] += weight * x[src + ch];
        }
      }
    }
    // Vertically: the H output rows from those.
    for (let o = 0; o < H; o++) {
      const from = down.start[o];
      for (let col = 0; col < W * c; col++) {
        let sum = 0;
        for (let k = 0; k < down.width && from + k < h; k++) sum += down.weights[o * down.width + k] * rows[(from + k) * W * c + col];
        out[(i * H + o) * W * c + col] = sum;
      }
    }
  }
  return out;
}

/** Python's round(): halves to the even neighbour. */
function roundHalfEven(v: number): number {
  const f = Math.floor(v);
  const d = v - f;
  return d > 0.5 ? f + 1 : d < 0.5 ? f : f % 2 === 0 ? f : f + 1;
}

/** n images [h, w, c] cropped to their central [H, W], at torchvision's CenterCrop offsets (round((h - H) / 2), halves to even). */
export function centerCrop(x: Float32Array, n: number, [h, w, c]: readonly number[], [H, W]: readonly number[]): Float32Array {
  const top = roundHalfEven((h - H) / 2);
  const left = roundHalfEven((w - W) / 2);
  const out = new Float32Array(n * H * W * c);
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < H; r++) out.set(x.subarray(((i * h + top + r) * w + left) * c, ((i * h + top + r) * w + left + W) * c), (i * H + r) * W * c);
  }
  return out;
}
