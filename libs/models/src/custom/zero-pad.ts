/** Constant padding of the spatial axes, per axis and side ([[1, 0], [0, 0], ...]); tfjs only pads 2-D. */
import { tf, tfl, type Kwargs, type LayerArgs, type Tensor } from '../tf';

/** float32's lowest value: padding for max pooling that never wins (PyTorch pads max pooling with -inf). */
export const LOWEST = -3.4028234663852886e38;

export interface ZeroPadArgs extends LayerArgs {
  padding: Array<[number, number]>;
  /** `lowest` pads for max pooling. */
  fill?: 'zero' | 'lowest';
}

export class ZeroPad extends tfl.layers.Layer {
  static className = 'AblateZeroPad';
  readonly padding: Array<[number, number]>;
  readonly fill: 'zero' | 'lowest';

  constructor(args: ZeroPadArgs) {
    super(args);
    this.padding = args.padding;
    this.fill = args.fill ?? 'zero';
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const shape = [...(inputShape as tfl.Shape)];
    this.padding.forEach(([before, after], i) => {
      const d = shape[i + 1];
      if (d !== null) shape[i + 1] = d + before + after;
    });
    return shape;
  }

  override call(inputs: Tensor | Tensor[], _kwargs: Kwargs): Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.pad(x, [[0, 0], ...this.padding, [0, 0]], this.fill === 'lowest' ? LOWEST : 0);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), padding: this.padding, fill: this.fill };
  }
}
