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
      const n = flat.shape[0];
      const keep = this.args.momentum;
      const update = (mean: Tensor, variance: Tensor) => {
        // running statistics, with the unbiased batch variance as PyTorch
        movingMean.write(tf.add(tf.mul(movingMean.read(), keep), tf.mul(mean, 1 - keep)));
        movingVariance.write(tf.add(tf.mul(movingVariance.read(), keep), tf.mul(variance, (n / Math.max(n - 1, 1)) * (1 - keep))));
      };
      const normalise = hasFusedKernels() ? fusedNormalise(this.args.epsilon, update) : opNormalise(this.args.epsilon, update);
      const y = normalise(flat, gamma ?? tf.ones([channels]), beta ?? tf.zeros([channels]));
      return tf.reshape(y, x.shape);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const { momentum, epsilon, center, scale } = this.args;
    return { ...super.getConfig(), momentum, epsilon, center, scale };
  }
}

type Update = (mean: Tensor, variance: Tensor) => void;
type Normalise = (x: tf.Tensor2D, gamma: Tensor, beta: Tensor) => Tensor;

/** Kernels of libs/backend for the cpu-based backends (one pass for the statistics, one to normalise). */
const TRAIN = 'AblateBatchNormTrain';
const GRAD = 'AblateBatchNormGrad';

function hasFusedKernels(): boolean {
  const backend = tf.getBackend();
  return tf.getKernel(TRAIN, backend) !== undefined && tf.getKernel(GRAD, backend) !== undefined;
}

function fusedNormalise(epsilon: number, update: Update): Normalise {
  return tf.customGrad((...args: Array<Tensor | ((t: Tensor[]) => void)>) => {
    const [x, gamma, beta] = args as [tf.Tensor2D, Tensor, Tensor];
    const save = args[3] as (t: Tensor[]) => void;
    const [y, mean, variance, inv] = tf.engine().runKernel(TRAIN, { x, gamma, beta }, { epsilon }) as Tensor[];
    update(mean, variance);
    save([x, mean, inv, gamma]);
    return {
      value: y,
      gradFunc: (dy: Tensor, saved: Tensor[]) => {
        const [sx, smean, sinv, sgamma] = saved;
        return tf.engine().runKernel(GRAD, { dy, x: sx, mean: smean, inv: sinv, gamma: sgamma }) as Tensor[];
      },
    };
  }) as Normalise;
}

/**
 * The same with tfjs ops and a hand-written gradient, on backends without the kernels: tfjs's
 * autodiff of batchNorm tiles the statistics over the batch, and of mean/variance multiplies by
 * full-size tensors of ones.
 */
function opNormalise(epsilon: number, update: Update): Normalise {
  return tf.customGrad((...args: Array<Tensor | ((t: Tensor[]) => void)>) => {
    const [input, g, b] = args as [tf.Tensor2D, Tensor, Tensor];
    const save = args[3] as (t: Tensor[]) => void;
    const n = input.shape[0];
    const mean = tf.mean(input, 0);
    const centered = tf.sub(input, mean);
    const variance = tf.mean(tf.square(centered), 0);
    const inv = tf.rsqrt(tf.add(variance, epsilon));
    const xhat = tf.mul(centered, inv);
    update(mean, variance);
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
  }) as Normalise;
}
