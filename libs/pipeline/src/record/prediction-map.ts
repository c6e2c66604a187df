/**
 * The classification map of a trial on a hyperspectral scene: the predicted class of every pixel,
 * labelled or not (the full-scene map papers show; patches at the border are padded as in
 * training), predicted batch by batch so that one batch of patches is in memory at a time.
 * Written as NumPy .npy int16 [rows, cols] (np.load reads it), with the ground truth beside it
 * (-1 where unlabelled), so that the report draws both without loading the dataset.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { batchesOf, writeNpy, type SceneMap } from '@ablate/data';

/** Every pixel's predicted class (argmax of the model's output, inference mode), row-major. */
export async function predictScene(model: LayersModel, scene: SceneMap, batchSize: number): Promise<Int16Array> {
  const out = new Int16Array(scene.pixels.size);
  let at = 0;
  for (const batch of batchesOf(scene.pixels, batchSize)) {
    const predicted = tf.tidy(() => tf.argMax(model.apply(tf.tensor(batch.x, batch.shape, 'float32'), { training: false }) as tf.Tensor, -1));
    try {
      out.set((await predicted.data()) as Int32Array, at);
    } finally {
      predicted.dispose();
    }
    at += batch.items.length;
  }
  return out;
}

/** A map's .npy file: int16 [rows, cols]. */
export const mapFile = (values: Int16Array, rows: number, cols: number): Buffer => writeNpy({ shape: [rows, cols], data: values });
