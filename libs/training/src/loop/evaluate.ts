/**
 * Evaluation, always in inference mode (dropout off, batch norm on its running statistics):
 * the model's predictions over a part, the loss, and the paper's metrics.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { batchesOf, type Batch, type Source } from '@ablate/data';
import { classificationMetrics, confusionMatrix, regressionMetrics, type Confusion } from '@ablate/metrics';
import { evaluateImages, type ImageTask } from './evaluate-images';
import type { LossFn } from './losses';
import { throwIfDeviceFailed } from './step-readback';
import { inputTensor, targetTensors } from './tensors';
import { pluginMetrics, wantsScores } from './plugin-metrics';

export interface Evaluation {
  loss: number;
  /** oa, aa, kappa, f1_macro, ... (classification), mse, mae, rmse, r2, psnr (regression) or mse, mae, psnr, ssim and input_* (image_to_image). */
  metrics: Record<string, number>;
  confusion?: Confusion;
  perClass?: { precision: number[]; recall: number[]; f1: number[]; support: number[] };
  predictions: Float32Array | Int32Array;
}

export interface EvaluateOptions {
  batchSize: number;
  loss: LossFn;
  classes: number;
  /** The targets are numbers (regression, image_to_image), not classes. */
  numericTargets: boolean;
  transform?: (batch: Batch) => Batch;
  /** image_to_image: outputs and targets are images (evaluate-images.ts). */
  image?: ImageTask;
}

export async function evaluate(model: LayersModel, source: Source, options: EvaluateOptions): Promise<Evaluation> {
  if (options.image) return { ...(await evaluateImages(model, source, { ...options, image: options.image })), predictions: new Float32Array(0) };
  const n = source.size;
  const task = options.numericTargets ? 'regression' : 'classification';
  const scores = wantsScores(task) ? new Float32Array(n * options.classes) : undefined;
  const predictions = options.numericTargets ? new Float32Array(n) : new Int32Array(n);
  const truth = options.numericTargets ? new Float32Array(n) : new Int32Array(n);
  let lossSum = 0;
  let at = 0;
  for (const batch of batchesOf(source, options.batchSize, undefined, options.transform)) {
    const size = batch.y.length;
    const [loss, predicted, output] = tf.tidy(() => {
      const out = model.apply(inputTensor(batch), { training: false }) as tf.Tensor;
      return [options.loss(out, targetTensors(batch)), options.numericTargets ? tf.reshape(out, [-1]) : tf.argMax(out, -1), ...(scores ? [out] : [])];
    });
    try {
      const [lossValue, predictedValues, outputValues] = await Promise.all([loss.data(), predicted.data(), ...(output ? [output.data()] : [])]);
      lossSum += lossValue[0] * size;
      predictions.set(predictedValues as Float32Array | Int32Array, at);
      if (scores && outputValues) scores.set(outputValues as Float32Array, at * options.classes);
    } finally {
      tf.dispose([loss, predicted, ...(output ? [output] : [])]);
    }
    throwIfDeviceFailed();
    truth.set(options.numericTargets ? (batch.values ?? Float32Array.from(batch.y)) : batch.y, at);
    at += size;
  }
  if (n === 0) return { loss: Number.NaN, metrics: {}, predictions };
  const plugins = pluginMetrics({ task, truth, predicted: predictions, ...(scores ? { scores } : {}), classes: options.classes });
  if (options.numericTargets) {
    return { loss: lossSum / n, metrics: { ...regressionMetrics(truth, predictions), ...plugins }, predictions };
  }
  const confusion = confusionMatrix(truth, predictions, options.classes);
  const { per_class, ...metrics } = classificationMetrics(confusion);
  return { loss: lossSum / n, metrics: { ...metrics, ...plugins }, confusion, perClass: per_class, predictions };
}
