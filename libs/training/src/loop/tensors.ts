/** A data batch as tensors. */
import * as tf from '@tensorflow/tfjs-core';
import type { Batch } from '@ablate/data';
import type { Targets } from './losses';

export function inputTensor(batch: Batch): tf.Tensor {
  return batch.x instanceof Int32Array ? tf.tensor(batch.x, batch.shape, 'int32') : tf.tensor(batch.x, batch.shape, 'float32');
}

export function targetTensors(batch: Batch): Targets {
  return {
    labels: tf.tensor1d(batch.y, 'int32'),
    ...(batch.mix ? { mix: { labels: tf.tensor1d(batch.mix.y2, 'int32'), lambda: batch.mix.lambda } } : {}),
    ...(batch.values ? { values: tf.tensor1d(batch.values, 'float32') } : {}),
  };
}
