/** A copy of every weight (batch-norm statistics included), kept on the device, to restore the best epoch's model. */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';

export class WeightSnapshot {
  private values: tf.Tensor[] = [];

  take(model: LayersModel): void {
    this.dispose();
    this.values = model.getWeights().map((w) => tf.keep(tf.clone(w)));
  }

  /** The copies themselves (a checkpoint reads them): do not dispose. */
  get tensors(): readonly tf.Tensor[] {
    return this.values;
  }

  /** Takes copies of recorded values (a resumed training's best epoch). */
  set(values: readonly tf.Tensor[]): void {
    this.dispose();
    this.values = values.map((v) => tf.keep(tf.clone(v)));
  }

  get empty(): boolean {
    return this.values.length === 0;
  }

  restore(model: LayersModel): void {
    model.setWeights(this.values);
  }

  dispose(): void {
    tf.dispose(this.values);
    this.values = [];
  }
}
