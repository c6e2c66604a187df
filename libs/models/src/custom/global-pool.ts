/** Global average or max pooling over every axis between batch and channels (1-D, 2-D or 3-D inputs). */
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
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const shape = inputShape as tfl.Shape;
    const channels = shape[shape.length - 1];
    return this.keepdims ? [shape[0], ...shape.slice(1, -1).map(() => 1), channels] : [shape[0], channels];
  }

  override call(inputs: Tensor | Tensor[], _kwargs: Kwargs): Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    const axes = Array.from({ length: x.rank - 2 }, (_, i) => i + 1);
    return this.mode === 'average' ? tf.mean(x, axes, this.keepdims) : tf.max(x, axes, this.keepdims);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), mode: this.mode, keepdims: this.keepdims };
  }
}
