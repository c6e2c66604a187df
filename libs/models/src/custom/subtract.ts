/** a − b of two inputs of the same shape: DnCNN's residual learning (clean = noisy − predicted noise). tfjs-layers has no subtract. */
import { tf, tfl, type Kwargs, type Tensor } from '../tf';

export class Subtract extends tfl.layers.Layer {
  static className = 'AblateSubtract';

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    return [...(inputShape as tfl.Shape[])[0]];
  }

  override call(inputs: Tensor | Tensor[], _kwargs: Kwargs): Tensor {
    const [a, b] = inputs as Tensor[];
    return tf.sub(a, b);
  }
}
