/**
 * Evaluation of an image_to_image model: its outputs against the clean images (MSE, MAE, and PSNR
 * and SSIM averaged over images), and the same for its noisy inputs (`input_*`), the baseline a
 * denoiser must beat.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { batchesOf, type Batch, type Source } from '@ablate/data';
import { ImageMetrics } from '@ablate/metrics';
import type { LossFn } from './losses';
import { throwIfDeviceFailed } from './step-readback';
import { inputTensor, targetTensors } from './tensors';

export interface ImageTask {
  /** One image's shape [h, w, channels]. */
  shape: number[];
  dataRange: number;
}

export async function evaluateImages(model: LayersModel, source: Source, options: { batchSize: number; loss: LossFn; image: ImageTask; transform?: (batch: Batch) => Batch }) {
  const output = new ImageMetrics(options.image.shape, options.image.dataRange);
  const input = new ImageMetrics(options.image.shape, options.image.dataRange);
  let lossSum = 0;
  for (const batch of batchesOf(source, options.batchSize, undefined, options.transform)) {
    const size = batch.y.length;
    if (!batch.values) throw new Error('an image_to_image batch without its clean images');
    const [loss, predicted] = tf.tidy(() => {
      const out = model.apply(inputTensor(batch), { training: false }) as tf.Tensor;
      return [options.loss(out, targetTensors(batch)), out];
    });
    try {
      const [lossValue, predictedValues] = await Promise.all([loss.data(), predicted.data()]);
      lossSum += lossValue[0] * size;
      output.add(batch.values, predictedValues as Float32Array, size);
      input.add(batch.values, batch.x, size);
    } finally {
      tf.dispose([loss, predicted]);
    }
    throwIfDeviceFailed();
  }
  if (source.size === 0) return { loss: Number.NaN, metrics: {} };
  const inputs = input.result();
  return {
    loss: lossSum / source.size,
    metrics: { ...output.result(), input_mse: inputs.mse, input_psnr: inputs.psnr, input_ssim: inputs.ssim },
  };
}
