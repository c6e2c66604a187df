/** A part of an example dataset: raw examples gathered per batch, then the fitted preprocessing. */
import type { ExampleDataset } from '../datasets/dataset';
import type { ExampleOp } from '../preprocess/example-steps';
import type { Batch, Source } from './batch';

/** The raw values of some examples, as float32 (or int32 token ids). */
export function gatherRaw(dataset: ExampleDataset, items: ArrayLike<number>): Float32Array | Int32Array {
  const size = dataset.shape.reduce((a, b) => a * b, 1);
  const out = dataset.dtype === 'int32' ? new Int32Array(items.length * size) : new Float32Array(items.length * size);
  for (let i = 0; i < items.length; i++) out.set(dataset.x.subarray(items[i] * size, (items[i] + 1) * size), i * size);
  return out;
}

export function exampleSource(dataset: ExampleDataset, items: Int32Array, ops: readonly ExampleOp[]): Source {
  const exampleShape = ops.length ? ops[ops.length - 1].shape : dataset.shape;
  return {
    size: items.length,
    items,
    labels: Int32Array.from(items, (i) => dataset.y[i]),
    exampleShape,
    dtype: dataset.dtype,
    gather(positions): Batch {
      const chosen = Int32Array.from(positions, (p) => items[p]);
      let x = gatherRaw(dataset, chosen);
      for (const op of ops) x = op.apply(x as Float32Array, chosen.length);
      const values = dataset.values;
      return { x, shape: [chosen.length, ...exampleShape], y: Int32Array.from(chosen, (i) => dataset.y[i]), items: chosen, ...(values ? { values: Float32Array.from(chosen, (i) => values[i]) } : {}) };
    },
  };
}
