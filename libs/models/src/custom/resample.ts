/**
 * Cropping of the spatial axes (PyTorch's padding of a transposed convolution), upsampling
 * (PyTorch's nn.Upsample with align_corners=False: nearest takes pixel floor(i * in / out), bilinear
 * interpolates from half-pixel centres) and a trainable 3-D transposed convolution, channels last.
 */
import { tf, tfl, type Kwargs, type LayerArgs, type LayerVariable, type Tensor } from '../tf';

export interface CropArgs extends LayerArgs {
  /** [before, after] per spatial axis. */
  cropping: Array<[number, number]>;
}

export class Crop extends tfl.layers.Layer {
  static className = 'AblateCrop';
  readonly cropping: Array<[number, number]>;

  constructor(args: CropArgs) {
    super(args);
    this.cropping = args.cropping;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const shape = [...(inputShape as tfl.Shape)];
    this.cropping.forEach(([before, after], i) => {
      const d = shape[i + 1];
      if (d !== null) shape[i + 1] = d - before - after;
    });
    return shape;
  }

  override call(inputs: Tensor | Tensor[], _kwargs: Kwargs): Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    const begin = [0, ...this.cropping.map(([before]) => before), 0];
    const size = [-1, ...this.cropping.map(([before, after], i) => x.shape[i + 1] - before - after), -1];
    return tf.slice(x, begin, size);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), cropping: this.cropping };
  }
}

export interface UpsampleArgs extends LayerArgs {
  /** The factor of each spatial axis. */
  size: number[];
  mode: 'nearest' | 'bilinear';
}

/**
 * The [in, out] matrix of one axis: nearest takes input floor(o * in / out); bilinear interpolates
 * between the two inputs around (o + 0.5) * in / out - 0.5, clamped at 0 (PyTorch's align_corners=False).
 */
function axisMatrix(size: number, factor: number, mode: 'nearest' | 'bilinear'): number[][] {
  const out = size * factor;
  const m = Array.from({ length: size }, () => new Array<number>(out).fill(0));
  for (let o = 0; o < out; o++) {
    if (mode === 'nearest') {
      m[Math.min(size - 1, Math.floor(o / factor))][o] = 1;
      continue;
    }
    const source = Math.max(0, (o + 0.5) / factor - 0.5);
    const low = Math.min(size - 1, Math.floor(source));
    const high = Math.min(size - 1, low + 1);
    const t = source - low;
    m[low][o] += 1 - t;
    m[high][o] += t;
  }
  return m;
}

/** x resampled along `axis` by an [in, out] matrix: matrix products all the way, so gradients are exact. */
function resampleAxis(x: Tensor, axis: number, matrix: number[][]): Tensor {
  const perm = [...x.shape.keys()].filter((a) => a !== axis).concat([axis]);
  const moved = tf.transpose(x, perm);
  const flat = tf.reshape(moved, [-1, x.shape[axis]]);
  const y = tf.reshape(tf.matMul(flat as tf.Tensor2D, tf.tensor2d(matrix)), [...moved.shape.slice(0, -1), matrix[0].length]);
  const inverse = perm.map((_, i) => perm.indexOf(i));
  return tf.transpose(y, inverse);
}

/**
 * Upsampling by integer factors, each spatial axis in turn through its interpolation matrix
 * (tfjs's resize kernels have no usable gradient here: the nearest one's is wrong, the bilinear
 * one's swaps height and width on non-square maps).
 */
export class Upsample extends tfl.layers.Layer {
  static className = 'AblateUpsample';
  readonly size: number[];
  readonly mode: 'nearest' | 'bilinear';

  constructor(args: UpsampleArgs) {
    super(args);
    this.size = args.size;
    this.mode = args.mode;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const shape = inputShape as tfl.Shape;
    return [shape[0], ...shape.slice(1, -1).map((d, i) => (d === null ? null : d * this.size[i])), shape[shape.length - 1]];
  }

  override call(inputs: Tensor | Tensor[], _kwargs: Kwargs): Tensor {
    return tf.tidy(() => {
      let y = Array.isArray(inputs) ? inputs[0] : inputs;
      this.size.forEach((factor, i) => {
        if (factor !== 1) y = resampleAxis(y, i + 1, axisMatrix(y.shape[i + 1], factor, this.mode));
      });
      return y;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), size: this.size, mode: this.mode };
  }
}

export interface TransposedConvArgs extends LayerArgs {
  filters: number;
  kernelSize: number[];
  strides: number[];
  useBias: boolean;
}

/** Zeros inserted between the elements of `axis` (factor - 1 after each but the last). */
function spread(x: Tensor, axis: number, factor: number): Tensor {
  if (factor === 1) return x;
  const size = x.shape[axis];
  const padding = Array.from({ length: x.rank + 1 }, (_, i): [number, number] => (i === axis + 1 ? [0, factor - 1] : [0, 0]));
  const merged = tf.reshape(tf.pad(tf.expandDims(x, axis + 1), padding), x.shape.map((s, i) => (i === axis ? s * factor : s)));
  return tf.slice(merged, x.shape.map(() => 0), x.shape.map((_, i) => (i === axis ? (size - 1) * factor + 1 : -1)));
}

/**
 * A `valid` 3-D transposed convolution written as the convolution whose gradient it is: the input
 * spread by the strides, padded by kernel - 1, convolved with the kernel flipped and its channel
 * axes swapped. tfjs's own conv3dTranspose has no gradient ("Conv3DBackpropInputV2").
 * The kernel is [k..., out, in], as tfjs's transposed convolutions keep it.
 */
export class TransposedConv3d extends tfl.layers.Layer {
  static className = 'AblateTransposedConv3d';
  readonly args: TransposedConvArgs;
  private kernel?: LayerVariable;
  private bias?: LayerVariable;

  constructor(args: TransposedConvArgs) {
    super(args);
    this.args = args;
  }

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const shape = inputShape as tfl.Shape;
    const zeros = tfl.initializers.zeros();
    this.kernel = this.addWeight('kernel', [...this.args.kernelSize, this.args.filters, shape[shape.length - 1] as number], 'float32', zeros);
    if (this.args.useBias) this.bias = this.addWeight('bias', [this.args.filters], 'float32', zeros);
    this.built = true;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const shape = inputShape as tfl.Shape;
    const { kernelSize, strides, filters } = this.args;
    return [shape[0], ...shape.slice(1, -1).map((d, i) => (d === null ? null : (d - 1) * strides[i] + kernelSize[i])), filters];
  }

  override call(inputs: Tensor | Tensor[], _kwargs: Kwargs): Tensor {
    return tf.tidy(() => {
      const { kernelSize, strides } = this.args;
      let x = Array.isArray(inputs) ? inputs[0] : inputs;
      strides.forEach((s, i) => (x = spread(x, i + 1, s)));
      x = tf.pad(x, [[0, 0], ...kernelSize.map((k) => [k - 1, k - 1] as [number, number]), [0, 0]]);
      const kernel = tf.reverse(tf.transpose((this.kernel as LayerVariable).read(), [0, 1, 2, 4, 3]), [0, 1, 2]);
      const y = tf.conv3d(x as tf.Tensor5D, kernel as tf.Tensor5D, 1, 'valid');
      return this.bias ? tf.add(y, this.bias.read()) : y;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const { filters, kernelSize, strides, useBias } = this.args;
    return { ...super.getConfig(), filters, kernelSize, strides, useBias };
  }
}
