/**
 * Losses. Cross-entropy takes logits (no softmax layer needed), with PyTorch's label smoothing
 * (epsilon spread over all classes) and class weights (a weighted mean, as nn.CrossEntropyLoss);
 * mixup batches mix the losses of both targets. MSE and MAE compare outputs with numeric targets.
 */
import * as tf from '@tensorflow/tfjs-core';
import { defaulted, type LossSpec } from '@ablate/spec';
import { PluginComponents } from '../plugin-components';

export interface Targets {
  labels: tf.Tensor1D;
  /** Mixup: second labels and the weight of the first. */
  mix?: { labels: tf.Tensor1D; lambda: number };
  /** Regression targets. */
  values?: tf.Tensor;
}

export type LossFn = (output: tf.Tensor, targets: Targets) => tf.Scalar;

/** Inverse-frequency weights N / (K n_c) (scikit-learn's "balanced"); classes without examples get 0. */
export function balancedWeights(counts: readonly number[]): number[] {
  const n = counts.reduce((a, b) => a + b, 0);
  const present = counts.filter((c) => c > 0).length;
  return counts.map((c) => (c > 0 ? n / (present * c) : 0));
}

/** A plug-in's loss: made once per trial from its parameters (defaults filled) and the data's classes. */
export type LossFactory = (params: Record<string, unknown>, ctx: { classes: number; trainCounts: readonly number[] }) => LossFn;
const pluginLosses = new PluginComponents<LossFactory>('a loss');

export const registerLoss = (name: string, factory: LossFactory): void => pluginLosses.register(name, factory);
export const unregisterLoss = (name: string): void => pluginLosses.unregister(name);

/** The trial's loss, resolved: withDefaults chose it from the task when the experiment names none and filled its parameters. */
export function createLoss(loss: LossSpec, classes: number, trainCounts: readonly number[]): LossFn {
  const plugin = pluginLosses.get(loss.type);
  if (plugin) return plugin(loss as unknown as Record<string, unknown>, { classes, trainCounts });
  if (loss.type === 'mse' || loss.type === 'mae') {
    return (output, targets) =>
      tf.tidy(() => {
        const diff = tf.sub(tf.reshape(output, [-1]), tf.reshape(targets.values ?? tf.cast(targets.labels, 'float32'), [-1]));
        return tf.mean(loss.type === 'mse' ? tf.square(diff) : tf.abs(diff)) as tf.Scalar;
      });
  }
  const smoothing = defaulted(loss.label_smoothing, 'loss.label_smoothing');
  const weightsSpec = defaulted(loss.class_weights, 'loss.class_weights');
  const weights = weightsSpec === 'none' ? undefined : weightsSpec === 'balanced' ? balancedWeights(trainCounts) : weightsSpec;
  const weightTensor = weights ? tf.keep(tf.tensor1d(weights)) : undefined;
  const single = (logProbs: tf.Tensor, labels: tf.Tensor1D): tf.Scalar => {
    const onehot = tf.oneHot(labels, classes);
    const target = smoothing > 0 ? tf.add(tf.mul(onehot, 1 - smoothing), smoothing / classes) : onehot;
    const perExample = tf.neg(tf.sum(tf.mul(target, logProbs), -1));
    if (!weightTensor) return tf.mean(perExample) as tf.Scalar;
    const w = tf.gather(weightTensor, labels);
    return tf.div(tf.sum(tf.mul(perExample, w)), tf.sum(w)) as tf.Scalar;
  };
  return (output, targets) =>
    tf.tidy(() => {
      const logProbs = tf.logSoftmax(output);
      const first = single(logProbs, targets.labels);
      if (!targets.mix) return first;
      return tf.add(tf.mul(first, targets.mix.lambda), tf.mul(single(logProbs, targets.mix.labels), 1 - targets.mix.lambda)) as tf.Scalar;
    });
}
