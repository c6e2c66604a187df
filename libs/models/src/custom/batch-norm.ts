/**
 * Batch normalisation over the last axis for inputs of any rank (tfjs's BatchNormalization stops
 * at rank 4, so 3-D convolution features could not be normalised). Statistics are taken over every
 * other axis; the running variance is updated with the unbiased batch variance, as PyTorch does.
 * `momentum` follows Keras: running = momentum * running + (1 - momentum) * batch.
 */
import { tf, tfl, type Kwargs, type LayerArgs, type LayerVariable, type Tensor } from '../tf';

export interface BatchNormArgs extends LayerArgs {
  momentum: number;
  epsilon: number;
  center: boolean;
  scale: boolean;
}

export class BatchNorm extends tfl.layers.Layer {
  static className = 'AblateBatchNorm';
  readonly args: BatchNormArgs;
  private gamma?: LayerVariable;
  private beta?: LayerVariable;
  private movingMean?: LayerVariable;
  private movingVariance?: LayerVariable;

  constructor(args: BatchNormArgs) {
    super(args);
    this.args = args;
    this.supportsMasking = true;
  }

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const shape = inputShape as tfl.Shape;
    const channels = [shape[shape.length - 1] as number];
    if (this.args.scale) this.gamma = this.addWeight('gamma', channels, 'float32', tfl.initializers.ones());
    if (this.args.center) this.beta = this.addWeight('beta', channels, 'float32', tfl.initializers.zeros());
    this.movingMean = this.addWeight('moving_mean', channels, 'float32', tfl.initializers.zeros(), undefined, false);
    this.movingVariance = this.addWeight('moving_variance', channels, 'float32', tfl.initializers.ones(), undefined, false);
    this.built = true;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    return inputShape as tfl.Shape;
  }

  override call(inputs: Tensor | Tensor[], kwargs: Kwargs): Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const channels = x.shape[x.rank - 1];
      const flat = tf.reshape(x, [-1, channels]) as tf.Tensor2D;
      const gamma = this.gamma?.read();
      const beta = this.beta?.read();
      const movingMean = this.movingMean as LayerVariable;
      const movingVariance = this.movingVariance as LayerVariable;
      if (!kwargs.training) {
        return tf.reshape(tf.batchNorm(flat, movingMean.read(), movingVariance.read(), beta, gamma, this.args.epsilon), x.shape);
      }
      // A hand-written gradient: tfjs's autodiff of batchNorm tiles the statistics over the batch,
      // and of mean/variance multiplies by full-size tensors of ones; this takes ~4 full-size ops.
      const n = flat.shape[0];
      const eps = this.args.epsilon;
      const keep = this.args.momentum;
      const normalise = tf.customGrad((...args: Array<Tensor | ((t: Tensor[]) => void)>) => {
        const [input, g, b] = args as [tf.Tensor2D, Tensor, Tensor];
        const save = args[3] as (t: Tensor[]) => void;
        const mean = tf.mean(input, 0);
        const centered = tf.sub(input, mean);
        const variance = tf.mean(tf.square(centered), 0);
        const inv = tf.rsqrt(tf.add(variance, eps));
        const xhat = tf.mul(centered, inv);
        // running statistics, with the unbiased batch variance as PyTorch
        movingMean.write(tf.add(tf.mul(movingMean.read(), keep), tf.mul(mean, 1 - keep)));
        movingVariance.write(tf.add(tf.mul(movingVariance.read(), keep), tf.mul(variance, (n / Math.max(n - 1, 1)) * (1 - keep))));
        save([xhat, inv, g]);
        return {
          value: tf.add(tf.mul(xhat, g), b),
          gradFunc: (dy: Tensor, saved: Tensor[]) => {
            const [xh, iv, gm] = saved;
            const dbeta = tf.sum(dy, 0);
            const dgamma = tf.sum(tf.mul(dy, xh), 0);
            // dx = gamma * inv / N * (N dy - sum(dy) - xhat * sum(dy * xhat))
            const dx = tf.mul(tf.sub(tf.sub(tf.mul(dy, n), dbeta), tf.mul(xh, dgamma)), tf.div(tf.mul(gm, iv), n));
            return [dx, dgamma, dbeta];
          },
        };
      });
      const y = normalise(flat, gamma ?? tf.ones([channels]), beta ?? tf.zeros([channels]));
      return tf.reshape(y, x.shape);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const { momentum, epsilon, center, scale } = this.args;
    return { ...super.getConfig(), momentum, epsilon, center, scale };
  }
}
