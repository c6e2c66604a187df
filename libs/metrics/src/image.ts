/**
 * Image quality, per image and averaged over images as denoising papers report it: PSNR and SSIM
 * (Wang et al. 2004) as scikit-image computes them — structural_similarity(truth, predicted,
 * data_range, channel_axis=-1) with its defaults: a 7x7 uniform window, sample covariance, K1 0.01,
 * K2 0.03, the mean over the positions whose window lies inside the image, then over channels.
 */
import { meanAbsoluteError, meanSquaredError, psnr } from './regression';

const WINDOW = 7;
const K1 = 0.01;
const K2 = 0.03;

/** Sums of `values` over every 7x7 window inside an h x w plane (channel `c` of `channels`), row-major over the (h-6) x (w-6) window positions. */
function windowSums(values: (i: number) => number, h: number, w: number): Float64Array {
  // Summed-area table in float64, one row and column of zeros before the image.
  const table = new Float64Array((h + 1) * (w + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      row += values(y * w + x);
      table[(y + 1) * (w + 1) + x + 1] = table[y * (w + 1) + x + 1] + row;
    }
  }
  const oh = h - WINDOW + 1;
  const ow = w - WINDOW + 1;
  const out = new Float64Array(oh * ow);
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      const at = (r: number, c: number) => table[r * (w + 1) + c];
      out[y * ow + x] = at(y + WINDOW, x + WINDOW) - at(y, x + WINDOW) - at(y + WINDOW, x) + at(y, x);
    }
  }
  return out;
}

/** SSIM of two images [h, w, channels] (row-major, channels last), in [-1, 1]. */
export function ssim(truth: ArrayLike<number>, predicted: ArrayLike<number>, shape: readonly number[], dataRange: number): number {
  const [h, w, channels = 1] = shape;
  if (h < WINDOW || w < WINDOW) throw new Error(`SSIM needs images of at least ${WINDOW}x${WINDOW}; these are ${h}x${w}`);
  const n = WINDOW * WINDOW;
  const covNorm = n / (n - 1);
  const c1 = (K1 * dataRange) ** 2;
  const c2 = (K2 * dataRange) ** 2;
  let total = 0;
  for (let c = 0; c < channels; c++) {
    const x = (i: number) => truth[i * channels + c];
    const y = (i: number) => predicted[i * channels + c];
    const sx = windowSums(x, h, w);
    const sy = windowSums(y, h, w);
    const sxx = windowSums((i) => x(i) * x(i), h, w);
    const syy = windowSums((i) => y(i) * y(i), h, w);
    const sxy = windowSums((i) => x(i) * y(i), h, w);
    let sum = 0;
    for (let k = 0; k < sx.length; k++) {
      const ux = sx[k] / n;
      const uy = sy[k] / n;
      const vx = covNorm * (sxx[k] / n - ux * ux);
      const vy = covNorm * (syy[k] / n - uy * uy);
      const vxy = covNorm * (sxy[k] / n - ux * uy);
      sum += ((2 * ux * uy + c1) * (2 * vxy + c2)) / ((ux * ux + uy * uy + c1) * (vx + vy + c2));
    }
    total += sum / sx.length;
  }
  return total / channels;
}

/** Per-image sums over a set of images, to average once every batch is in. */
export class ImageMetrics {
  private images = 0;
  private values = 0;
  private squared = 0;
  private absolute = 0;
  private psnrSum = 0;
  private ssimSum = 0;

  constructor(
    /** One image's shape [h, w, channels]. */
    private readonly shape: readonly number[],
    private readonly dataRange: number,
  ) {}

  /** `count` images, one after the other in each array. */
  add(truth: ArrayLike<number>, predicted: ArrayLike<number>, count: number): void {
    const size = this.shape.reduce((a, b) => a * b, 1);
    for (let i = 0; i < count; i++) {
      const t = Array.prototype.slice.call(truth, i * size, (i + 1) * size) as number[];
      const p = Array.prototype.slice.call(predicted, i * size, (i + 1) * size) as number[];
      this.squared += meanSquaredError(t, p) * size;
      this.absolute += meanAbsoluteError(t, p) * size;
      this.psnrSum += psnr(t, p, this.dataRange);
      this.ssimSum += ssim(t, p, this.shape, this.dataRange);
    }
    this.images += count;
    this.values += count * size;
  }

  /** mse and mae over every value; psnr and ssim: the mean over images of each image's. */
  result(): { mse: number; mae: number; psnr: number; ssim: number } {
    return { mse: this.squared / this.values, mae: this.absolute / this.values, psnr: this.psnrSum / this.images, ssim: this.ssimSum / this.images };
  }
}
