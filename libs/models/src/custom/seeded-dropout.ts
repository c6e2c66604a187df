/**
 * Dropout whose masks come from a seeded stream: a new mask at every training step, the same
 * sequence of masks in every run with the same seed. (tfjs's own Dropout with a `seed` reuses one
 * mask forever; without one it falls back to Math.random.) `channelwise` drops whole feature maps
 * (spatial dropout) of 1-D, 2-D or 3-D inputs.
 */
import { intSeed, resumeStream, stream, type ResumableRandom, type StreamState } from '@ablate/spec';
import { tf, tfl, type Kwargs, type LayerArgs, type Tensor } from '../tf';

export interface SeededDropoutArgs extends LayerArgs {
  rate: number;
  seed: number;
  channelwise?: boolean;
}

export class SeededDropout extends tfl.layers.Layer {
  static className = 'AblateDropout';
  readonly rate: number;
  readonly seed: number;
  readonly channelwise: boolean;
  private random: ResumableRandom;

  constructor(args: SeededDropoutArgs) {
    super(args);
    this.rate = args.rate;
    this.seed = args.seed;
    this.channelwise = args.channelwise ?? false;
    this.random = stream(args.seed, 'dropout', args.name ?? '');
    this.supportsMasking = true;
  }

  override call(inputs: Tensor | Tensor[], kwargs: Kwargs): Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    if (!kwargs.training || this.rate === 0) return x;
    const noiseShape = this.channelwise ? x.shape.map((d, i) => (i === 0 || i === x.rank - 1 ? d : 1)) : x.shape;
    return tf.dropout(x, this.rate, noiseShape, intSeed(this.random));
  }

  /** The position of its mask stream (a checkpoint records it; see random-streams.ts). */
  randomState(): StreamState {
    return this.random.state();
  }

  setRandomState(state: StreamState): void {
    this.random = resumeStream(state);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed, channelwise: this.channelwise };
  }
}
