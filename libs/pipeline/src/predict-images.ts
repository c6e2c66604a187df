/**
 * An image_to_image trial (a denoiser) applied to images: the model's output image for each
 * input. On the trial's test part the inputs are its noisy test images (the noise drawn as in
 * the trial's evaluation) and the metrics are the trial's own; new images are the model's inputs
 * as they are, or, with `addNoise`, clean images the trial's noise is added to, scored as the
 * test part is.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { batchesOf, type Batch, type FittedStep, type Source } from '@ablate/data';
import { ImageMetrics, psnr, ssim } from '@ablate/metrics';

export interface ImagePredictions {
  task: 'image_to_image';
  ids: string[];
  /** One image's shape [height, width, channels], in the model's units (after the preprocessing). */
  shape: number[];
  /** n images, one after the other. */
  outputs: Float32Array;
  /** Per channel, model units to pixel values (0-255): pixel = value * scale + shift (the fitted affine steps undone, else 255 / data_range). */
  toPixels: { scale: number[]; shift: number[] };
  /** Against clean images (the test part, or new images with `addNoise`): the trial's image metrics, and each image's PSNR and SSIM, of the output and of the noisy input. */
  scores?: {
    metrics: Record<string, number>;
    perImage: { psnr: Float64Array; ssim: Float64Array; input_psnr: Float64Array; input_ssim: Float64Array };
  };
}

export interface ImageRun {
  model: LayersModel;
  source: Source;
  ids: string[];
  shape: number[];
  /** The range of clean values (the task's data_range): the peak of PSNR, the L of SSIM. */
  dataRange: number;
  batchSize: number;
  /** Makes a batch's noisy inputs, its clean images as `values`; absent: the images are the inputs. */
  pair?: (batch: Batch) => Batch;
  onProgress?: (done: number, total: number) => void;
  /** The fitted preprocessing, to give the outputs in pixel values. */
  steps: readonly FittedStep[];
}

/** The inverse of the fitted steps when they are all per-channel affine maps; else values in [0, data_range] map to [0, 255]. */
export function pixelsOf(steps: readonly FittedStep[], channels: number, dataRange: number): { scale: number[]; shift: number[] } {
  if (steps.length === 0 || steps.some((s) => s.type !== 'affine')) return { scale: new Array<number>(channels).fill(255 / dataRange), shift: new Array<number>(channels).fill(0) };
  // Forward: model = raw * a + b per channel, composed in order.
  const a = new Array<number>(channels).fill(1);
  const b = new Array<number>(channels).fill(0);
  for (const step of steps as Array<Extract<FittedStep, { type: 'affine' }>>) {
    for (let c = 0; c < channels; c++) {
      const s = step.scale.length === 1 ? step.scale[0] : step.scale[c];
      const t = step.shift.length === 1 ? step.shift[0] : step.shift[c];
      a[c] *= s;
      b[c] = b[c] * s + t;
    }
  }
  return { scale: a.map((v) => 1 / v), shift: b.map((v, c) => -v / a[c]) };
}

export async function predictImages(run: ImageRun): Promise<ImagePredictions> {
  const { shape, dataRange } = run;
  const size = shape.reduce((a, b) => a * b, 1);
  const n = run.source.size;
  const outputs = new Float32Array(n * size);
  // As evaluate-images.ts scores the test part: the same sums in the same order give the same metrics.
  const output = new ImageMetrics(shape, dataRange);
  const input = new ImageMetrics(shape, dataRange);
  const perImage = { psnr: new Float64Array(n), ssim: new Float64Array(n), input_psnr: new Float64Array(n), input_ssim: new Float64Array(n) };
  let done = 0;
  for (const batch of batchesOf(run.source, run.batchSize, undefined, run.pair)) {
    const count = batch.items.length;
    const predicted = tf.tidy(() => run.model.apply(tf.tensor(batch.x as Float32Array, batch.shape, 'float32'), { training: false }) as tf.Tensor);
    const values = (await predicted.data()) as Float32Array;
    predicted.dispose();
    outputs.set(values, done * size);
    if (run.pair && batch.values) {
      output.add(batch.values, values, count);
      input.add(batch.values, batch.x, count);
      for (let i = 0; i < count; i++) {
        const clean = Array.from(batch.values.subarray(i * size, (i + 1) * size));
        const out = Array.from(values.subarray(i * size, (i + 1) * size));
        const noisy = Array.from((batch.x as Float32Array).subarray(i * size, (i + 1) * size));
        perImage.psnr[done + i] = psnr(clean, out, dataRange);
        perImage.ssim[done + i] = ssim(clean, out, shape, dataRange);
        perImage.input_psnr[done + i] = psnr(clean, noisy, dataRange);
        perImage.input_ssim[done + i] = ssim(clean, noisy, shape, dataRange);
      }
    }
    done += count;
    run.onProgress?.(done, n);
  }
  const result: ImagePredictions = { task: 'image_to_image', ids: run.ids, shape, outputs, toPixels: pixelsOf(run.steps, shape[2], dataRange) };
  if (!run.pair || n === 0) return result;
  const inputs = input.result();
  const metrics = { ...output.result(), input_mse: inputs.mse, input_psnr: inputs.psnr, input_ssim: inputs.ssim };
  return { ...result, scores: { metrics, perImage } };
}
