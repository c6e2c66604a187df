/**
 * Global average or max pooling over every axis between batch and channels (1-D, 2-D or 3-D inputs).
 * Over time (a [batch, steps, channels] input) it takes the mask of padded steps that an embedding
 * with `mask_zero` passes on through the recurrent layers: the padding is left out of the mean and
 * the maximum, so a padded sequence pools as the same sequence without its padding would.
 */
import { tf, tfl, type Kwargs, type LayerArgs, type Tensor } from '../tf';

export interface GlobalPoolArgs extends LayerArgs {
  mode: 'average' | 'max';
  keepdims?: boolean;
}

export class GlobalPool extends tfl.layers.Layer {
  static className = 'AblateGlobalPool';
  readonly mode: 'average' | 'max';
  readonly keepdims: boolean;

  constructor(args: GlobalPoolArgs) {
    super(args);
    this.mode = args.mode;
    this.keepdims = args.keepdims ?? false;
    this.supportsMasking = true;
  }

  /** The pooled output has no steps left to mask (tfjs types the result as never null, its own layers return null). */
  override computeMask(_inputs: Tensor | Tensor[], _mask?: Tensor | Tensor[]): Tensor | Tensor[] {
    return null as unknown as Tensor;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const shape = inputShape as tfl.Shape;
    const channels = shape[shape.length - 1];
    return this.keepdims ? [shape[0], ...shape.slice(1, -1).map(() => 1), channels] : [shape[0], channels];
  }

  override call(inputs: Tensor | Tensor[], kwargs: Kwargs): Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    const mask = kwargs['mask'] as Tensor | Tensor[] | undefined;
    const stepMask = Array.isArray(mask) ? mask[0] : mask;
    if (stepMask && x.rank === 3 && stepMask.rank === 2) return this.maskedOverTime(x, stepMask);
    const axes = Array.from({ length: x.rank - 2 }, (_, i) => i + 1);
    return this.mode === 'average' ? tf.mean(x, axes, this.keepdims) : tf.max(x, axes, this.keepdims);
  }

  /** Pools the unmasked steps only; a sequence with no step left pools to zeros. */
  private maskedOverTime(x: Tensor, stepMask: Tensor): Tensor {
    return tf.tidy(() => {
      const keep = tf.expandDims(tf.cast(stepMask, 'float32'), -1); // [batch, steps, 1]
      const count = tf.sum(keep, 1, true); // [batch, 1, 1]
      let pooled: Tensor;
      if (this.mode === 'average') {
        pooled = tf.div(tf.sum(tf.mul(x, keep), 1, true), tf.maximum(count, 1));
      } else {
        const kept = tf.where(tf.cast(tf.broadcastTo(keep, x.shape), 'bool'), x, tf.fill(x.shape, -3.4e38));
        pooled = tf.mul(tf.max(kept, 1, true), tf.cast(tf.greater(count, 0), 'float32'));
      }
      return this.keepdims ? pooled : tf.squeeze(pooled, [1]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), mode: this.mode, keepdims: this.keepdims };
  }
}
