/**
 * ReLU6 through tfjs's Relu6 op. tfjs-layers' own `relu6` activation is minimum(6, relu(x)), whose
 * gradient builds boolean masks with comparison kernels; the Relu6 op has a single-kernel gradient
 * (see libs/backend), which made MobileNetV2 training steps several times faster.
 */
import { tf, tfl, type Kwargs, type Tensor } from '../tf';

export class Relu6 extends tfl.layers.Layer {
  static className = 'AblateRelu6';

  override call(inputs: Tensor | Tensor[], _kwargs: Kwargs): Tensor {
    return tf.relu6(Array.isArray(inputs) ? inputs[0] : inputs);
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    return inputShape as tfl.Shape;
  }
}
