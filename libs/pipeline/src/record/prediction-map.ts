/**
 * The classification map of a trial on a hyperspectral scene: the predicted class of every pixel,
 * labelled or not (the full-scene map papers show; patches at the border are padded as in
 * training), predicted batch by batch so that one batch of patches is in memory at a time.
 * Written as NumPy .npy int16 [rows, cols] (np.load reads it), with the ground truth beside it
 * (-1 where unlabelled) so that the report draws both without loading the dataset.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { batchesOf, type SceneMap } from '@ablate/data';

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

/** A .npy file (format 1.0) of little-endian int16 [rows, cols], C order. */
export function npyInt16(values: ArrayLike<number>, rows: number, cols: number): Buffer {
  if (values.length !== rows * cols) throw new Error(`a ${rows}x${cols} map needs ${rows * cols} values, not ${values.length}`);
  let header = `{'descr': '<i2', 'fortran_order': False, 'shape': (${rows}, ${cols}), }`;
  // The header, with its newline, pads the preamble (10 bytes) to a multiple of 64.
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const out = Buffer.alloc(10 + header.length + 2 * values.length);
  out.write('\x93NUMPY', 0, 'latin1');
  out[6] = 1;
  out[7] = 0;
  out.writeUInt16LE(header.length, 8);
  out.write(header, 10, 'latin1');
  for (let i = 0; i < values.length; i++) out.writeInt16LE(values[i], 10 + header.length + 2 * i);
  return out;
}
