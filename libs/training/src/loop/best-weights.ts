/** A copy of every weight (batch-norm statistics included), to restore the best epoch's model. */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';

export class WeightSnapshot {
  private values: Array<{ data: Float32Array; shape: number[] }> = [];

  take(model: LayersModel): void {
    this.values = model.getWeights().map((w) => ({ data: Float32Array.from(w.dataSync() as Float32Array), shape: w.shape }));
  }

  get empty(): boolean {
    return this.values.length === 0;
  }

  restore(model: LayersModel): void {
    const tensors = this.values.map((v) => tf.tensor(v.data, v.shape));
    model.setWeights(tensors);
    tf.dispose(tensors);
  }
}
