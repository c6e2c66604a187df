/**
 * Multi-head scaled dot-product self-attention over [T, D] (tfjs has no such layer). Parameters
 * match PyTorch's nn.MultiheadAttention with bias: Q, K, V and output projections, 4*D*D + 4*D
 * when key_dim = D / heads. Attention dropout uses a seeded stream like SeededDropout.
 */
import { intSeed, resumeStream, stream, type ResumableRandom, type StreamState } from '@ablate/spec';
import { tf, tfl, type Kwargs, type LayerArgs, type LayerVariable, type Tensor } from '../tf';

export interface SelfAttentionArgs extends LayerArgs {
  heads: number;
  keyDim: number;
  dropout: number;
  causal: boolean;
  seed: number;
}

const PROJECTIONS = ['query', 'key', 'value'] as const;

export class SelfAttention extends tfl.layers.Layer {
  static className = 'AblateSelfAttention';
  readonly args: SelfAttentionArgs;
  private random: ResumableRandom;
  private w: Partial<Record<string, LayerVariable>> = {};

  constructor(args: SelfAttentionArgs) {
    super(args);
    this.args = args;
    this.random = stream(args.seed, 'attention-dropout', args.name ?? '');
  }

  /** The position of its mask stream (a checkpoint records it; see random-streams.ts). */
  randomState(): StreamState {
    return this.random.state();
  }

  setRandomState(state: StreamState): void {
    this.random = resumeStream(state);
  }

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const shape = inputShape as tfl.Shape;
    const dim = shape[shape.length - 1] as number;
    const inner = this.args.heads * this.args.keyDim;
    const zeros = tfl.initializers.zeros();
    for (const p of PROJECTIONS) {
      this.w[`${p}_kernel`] = this.addWeight(`${p}_kernel`, [dim, inner], 'float32', zeros);
      this.w[`${p}_bias`] = this.addWeight(`${p}_bias`, [inner], 'float32', zeros);
    }
    this.w.output_kernel = this.addWeight('output_kernel', [inner, dim], 'float32', zeros);
    this.w.output_bias = this.addWeight('output_bias', [dim], 'float32', zeros);
    this.built = true;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    return inputShape as tfl.Shape;
  }

  private project(x2d: Tensor, name: string): Tensor {
    return tf.add(tf.matMul(x2d as tf.Tensor2D, (this.w[`${name}_kernel`] as LayerVariable).read() as tf.Tensor2D), (this.w[`${name}_bias`] as LayerVariable).read());
  }

  override call(inputs: Tensor | Tensor[], kwargs: Kwargs): Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const [batch, steps, dim] = x.shape;
      const { heads, keyDim, dropout, causal } = this.args;
      const flat = tf.reshape(x, [batch * steps, dim]);
      const split = (t: Tensor) => tf.transpose(tf.reshape(t, [batch, steps, heads, keyDim]), [0, 2, 1, 3]);
      const [q, k, v] = PROJECTIONS.map((p) => split(this.project(flat, p)));
      let scores = tf.mul(tf.matMul(q as tf.Tensor4D, k as tf.Tensor4D, false, true), 1 / Math.sqrt(keyDim));
      if (causal) {
        const mask = tf.linalg.bandPart(tf.ones([steps, steps]), -1, 0);
        scores = tf.add(scores, tf.mul(tf.sub(1, mask), -1e9));
      }
      let weights = tf.softmax(scores, -1);
      if (kwargs.training && dropout > 0) weights = tf.dropout(weights, dropout, undefined, intSeed(this.random));
      const context = tf.reshape(tf.transpose(tf.matMul(weights as tf.Tensor4D, v as tf.Tensor4D), [0, 2, 1, 3]), [batch * steps, heads * keyDim]);
      return tf.reshape(this.project(context, 'output'), [batch, steps, dim]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const { heads, keyDim, dropout, causal, seed } = this.args;
    return { ...super.getConfig(), heads, keyDim, dropout, causal, seed };
  }
}
