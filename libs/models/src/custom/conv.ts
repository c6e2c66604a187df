/**
 * Convolution for what tfjs's own layers cannot train: `groups` (PyTorch's nn.Conv{1,2,3}d groups)
 * and dilation > 1, whose gradients tfjs does not implement ("dilation rates greater than 1 are not
 * yet supported in gradients"). The kernel is dilated explicitly — zeros inserted between its taps
 * with pad/reshape/slice, all differentiable — and convolved without dilation, which is the same
 * operation. Channels are split into groups, each convolved with its slice of the one
 * [...kernel, in/groups, filters] kernel, and concatenated. Padding comes before, from ZeroPad.
 */
import { tf, tfl, type Kwargs, type LayerArgs, type LayerVariable, type Tensor } from '../tf';

export interface ConvArgs extends LayerArgs {
  rank: 1 | 2 | 3;
  filters: number;
  kernelSize: number[];
  strides: number[];
  dilation: number[];
  groups: number;
  useBias: boolean;
}

/** Inserts dilation-1 zeros between the taps of each spatial axis of a [...kernel, in, out] kernel. */
export function dilateKernel(kernel: Tensor, dilation: readonly number[]): Tensor {
  let k = kernel;
  dilation.forEach((d, axis) => {
    if (d === 1) return;
    const taps = k.shape[axis];
    const spread = tf.pad(tf.expandDims(k, axis + 1), k.shape.map((_, i) => (i === axis ? [0, d - 1] : [0, 0])).flatMap((p, i) => (i === axis ? [[0, 0], p] : [p])) as Array<[number, number]>);
    const merged = tf.reshape(spread, k.shape.map((s, i) => (i === axis ? s * d : s)));
    k = tf.slice(merged, k.shape.map(() => 0), k.shape.map((s, i) => (i === axis ? (taps - 1) * d + 1 : s)));
  });
  return k;
}

export class Conv extends tfl.layers.Layer {
  static className = 'AblateConv';
  readonly args: ConvArgs;
  private kernel?: LayerVariable;
  private bias?: LayerVariable;

  constructor(args: ConvArgs) {
    super(args);
    this.args = args;
  }

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const shape = inputShape as tfl.Shape;
    const channels = shape[shape.length - 1] as number;
    const zeros = tfl.initializers.zeros();
    this.kernel = this.addWeight('kernel', [...this.args.kernelSize, channels / this.args.groups, this.args.filters], 'float32', zeros);
    if (this.args.useBias) this.bias = this.addWeight('bias', [this.args.filters], 'float32', zeros);
    this.built = true;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const shape = inputShape as tfl.Shape;
    const { kernelSize, strides, dilation, filters } = this.args;
    const spatial = shape.slice(1, -1).map((d, i) => (d === null ? null : Math.floor((d - dilation[i] * (kernelSize[i] - 1) - 1) / strides[i]) + 1));
    return [shape[0], ...spatial, filters];
  }

  override call(inputs: Tensor | Tensor[], _kwargs: Kwargs): Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const { rank, groups, strides, dilation } = this.args;
      const kernel = dilateKernel((this.kernel as LayerVariable).read(), dilation);
      const parts = groups === 1 ? [x] : tf.split(x, groups, -1);
      const kernels = groups === 1 ? [kernel] : tf.split(kernel, groups, -1);
      const outputs = parts.map((part, g) => {
        if (rank === 1) return tf.conv1d(part as tf.Tensor3D, kernels[g] as tf.Tensor3D, strides[0], 'valid');
        if (rank === 2) return tf.conv2d(part as tf.Tensor4D, kernels[g] as tf.Tensor4D, strides as [number, number], 'valid');
        return tf.conv3d(part as tf.Tensor5D, kernels[g] as tf.Tensor5D, strides as [number, number, number], 'valid');
      });
      const y = outputs.length === 1 ? outputs[0] : tf.concat(outputs, -1);
      return this.bias ? tf.add(y, this.bias.read()) : y;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const { rank, filters, kernelSize, strides, dilation, groups, useBias } = this.args;
    return { ...super.getConfig(), rank, filters, kernelSize, strides, dilation, groups, useBias };
  }
}
