/**
 * One case per kernel family that the seed networks' training steps dispatch (Fashion-MNIST CNN,
 * HamidaEtAl, HybridSN, MobileNetV1/V2, SE-CNN), at the shapes and settings those networks use,
 * forward and gradient. `kernels` names what the case must make webgpu run; the network parity
 * test checks that every kernel a whole step runs is named by some case here.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { inputs } from './webgpu';

type Inputs = ReturnType<typeof inputs>;

export interface KernelCase {
  name: string;
  kernels: string[];
  run(r: Inputs): tf.Tensor[];
}

/** The output of f and the gradient of <f(xs), dy> with respect to every input, dy random. */
function withGrads(r: Inputs, f: (...xs: tf.Tensor[]) => tf.Tensor, xs: tf.Tensor[]): tf.Tensor[] {
  const y = f(...xs);
  const dy = r(y.shape);
  return [y, ...tf.grads((...a: tf.Tensor[]) => f(...a))(xs, dy)];
}

const positive = (t: tf.Tensor) => tf.add(tf.abs(t), 0.5);
const CONV_GRADS = ['Conv2DBackpropInput', 'Conv2DBackpropFilter'];
const DEPTHWISE = ['DepthwiseConv2dNative', 'DepthwiseConv2dNativeBackpropInput', 'DepthwiseConv2dNativeBackpropFilter'];
const CONV3D = ['Conv3D', 'Conv3DBackpropInputV2', 'Conv3DBackpropFilterV2'];

export const KERNEL_CASES: readonly KernelCase[] = [
  // Convolutions 2-D: the Fashion-MNIST CNN (5x5 valid), MobileNet stems and pointwise layers, HybridSN's last conv.
  { name: 'conv2d 5x5 valid', kernels: ['Conv2D', ...CONV_GRADS], run: (r) => withGrads(r, (x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'valid'), [r([2, 12, 12, 3]), r([5, 5, 3, 6], 0.2)]) },
  { name: 'conv2d 3x3 stride 2', kernels: ['Conv2D', ...CONV_GRADS], run: (r) => withGrads(r, (x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 2, 'valid'), [r([2, 9, 9, 4]), r([3, 3, 4, 8], 0.2)]) },
  { name: 'conv2d 1x1 pointwise', kernels: ['Conv2D', ...CONV_GRADS], run: (r) => withGrads(r, (x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'valid'), [r([2, 6, 6, 8]), r([1, 1, 8, 16], 0.2)]) },
  {
    name: 'fused conv2d + bias + relu',
    kernels: ['FusedConv2D', ...CONV_GRADS, 'Sum'],
    run: (r) => withGrads(r, (x, w, b) => tf.fused.conv2d({ x: x as tf.Tensor4D, filter: w as tf.Tensor4D, bias: b, strides: 1, pad: 'valid', activation: 'relu' }), [r([2, 9, 9, 6]), r([3, 3, 6, 8], 0.2), r([8])]),
  },
  // Depthwise (MobileNets): 3x3, strides 1 and 2 after explicit padding.
  { name: 'depthwise 3x3 stride 1', kernels: DEPTHWISE, run: (r) => withGrads(r, (x, w) => tf.depthwiseConv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'valid'), [r([2, 8, 8, 6]), r([3, 3, 6, 1], 0.3)]) },
  { name: 'depthwise 3x3 stride 2', kernels: DEPTHWISE, run: (r) => withGrads(r, (x, w) => tf.depthwiseConv2d(x as tf.Tensor4D, w as tf.Tensor4D, 2, 'valid'), [r([2, 9, 9, 8]), r([3, 3, 8, 1], 0.3)]) },
  // Convolutions 3-D: HamidaEtAl (3x3x3, [3,1,1] stride [2,1,1]) and HybridSN (7x3x3).
  { name: 'conv3d 3x3x3', kernels: CONV3D, run: (r) => withGrads(r, (x, w) => tf.conv3d(x as tf.Tensor5D, w as tf.Tensor5D, 1, 'valid'), [r([2, 5, 5, 9, 1]), r([3, 3, 3, 1, 4], 0.3)]) },
  { name: 'conv3d [3,1,1] stride [2,1,1]', kernels: CONV3D, run: (r) => withGrads(r, (x, w) => tf.conv3d(x as tf.Tensor5D, w as tf.Tensor5D, [2, 1, 1], 'valid'), [r([2, 9, 3, 3, 4]), r([3, 1, 1, 4, 5], 0.3)]) },
  { name: 'conv3d 7x3x3', kernels: CONV3D, run: (r) => withGrads(r, (x, w) => tf.conv3d(x as tf.Tensor5D, w as tf.Tensor5D, 1, 'valid'), [r([1, 9, 9, 12, 1]), r([3, 3, 7, 1, 4], 0.3)]) },
  // Pooling.
  { name: 'max pool 2x2', kernels: ['MaxPool', 'MaxPoolGrad'], run: (r) => withGrads(r, (x) => tf.maxPool(x as tf.Tensor4D, 2, 2, 'valid'), [r([2, 8, 8, 3])]) },
  { name: 'average pool 2x2', kernels: ['AvgPool', 'AvgPoolGrad'], run: (r) => withGrads(r, (x) => tf.avgPool(x as tf.Tensor4D, 2, 2, 'valid'), [r([2, 8, 8, 3])]) },
  // Dense layers.
  { name: 'matmul', kernels: ['BatchMatMul'], run: (r) => withGrads(r, (a, b) => tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D), [r([4, 40]), r([40, 10], 0.2)]) },
  // HybridSN's first dense layer at a small batch: tfjs would split the 18,496-long sum across workgroups.
  { name: 'matmul with a long inner dimension', kernels: ['BatchMatMul'], run: (r) => withGrads(r, (a, b) => tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D), [r([4, 18496]), r([18496, 256], 0.01)]) },
  {
    name: 'fused matmul + bias + relu',
    kernels: ['_FusedMatMul', 'BatchMatMul', 'Sum'],
    run: (r) => withGrads(r, (a, b, c) => tf.fused.matMul({ a: a as tf.Tensor2D, b: b as tf.Tensor2D, bias: c, activation: 'relu' }), [r([4, 40]), r([40, 12], 0.2), r([12])]),
  },
  // Activations and their gradients (ReLU6's mask is LessEqual on webgpu, ReLU's is Step).
  { name: 'relu', kernels: ['Relu', 'Step', 'Multiply'], run: (r) => withGrads(r, (x) => tf.relu(x), [r([2, 5, 5, 4])]) },
  { name: 'relu6', kernels: ['Relu6', 'LessEqual'], run: (r) => withGrads(r, (x) => tf.relu6(x), [r([2, 5, 5, 4], 5)]) },
  { name: 'sigmoid', kernels: ['Sigmoid'], run: (r) => withGrads(r, (x) => tf.sigmoid(x), [r([4, 16])]) },
  // Loss: log-softmax cross-entropy with one-hot labels.
  {
    name: 'softmax cross-entropy',
    kernels: ['Max', 'Sub', 'Exp', 'Sum', 'Log', 'OneHot', 'Neg', 'Mean', 'Cast'],
    run: (r) => withGrads(r, (x) => tf.mean(tf.neg(tf.sum(tf.mul(tf.oneHot(tf.cast(tf.tensor1d([0, 3, 9, 4]), 'int32'), 10), tf.logSoftmax(x)), -1))), [r([4, 10], 3)]),
  },
  // Arithmetic with broadcasting, as batch norm, the optimizers and the SE gates use it.
  { name: 'add, sub, mul, div broadcast', kernels: ['Add', 'Sub', 'Multiply', 'RealDiv'], run: (r) => withGrads(r, (a, b) => tf.div(tf.mul(tf.sub(tf.add(a, b), b), a), positive(b)), [r([2, 3, 4, 5]), r([5])]) },
  { name: 'sqrt, rsqrt, square', kernels: ['Sqrt', 'Rsqrt', 'Square'], run: (r) => withGrads(r, (x) => tf.add(tf.sqrt(positive(x)), tf.mul(tf.rsqrt(positive(x)), tf.square(x))), [r([3, 7])]) },
  { name: 'sum and mean over axes', kernels: ['Sum', 'Mean'], run: (r) => withGrads(r, (x) => tf.add(tf.sum(x, [0, 1, 2]), tf.mean(x, [0, 1, 2])), [r([3, 4, 5, 6])]) },
  { name: 'max over the last axis', kernels: ['Max'], run: (r) => withGrads(r, (x) => tf.max(x, -1), [r([6, 11])]) },
  // Dropout's mask: floor of uniform + keep probability.
  { name: 'floor', kernels: ['Floor'], run: (r) => [tf.floor(tf.mul(r([64]), 3))] },
  { name: 'zerosLike, identity, cast', kernels: ['ZerosLike', 'Identity', 'Cast'], run: (r) => [tf.add(tf.zerosLike(r([8])), tf.cast(tf.cast(tf.mul(r([8]), 4), 'int32'), 'float32')), tf.clone(r([8]))] },
  // Layout: padding (rank 4, and rank 5 which tfjs-backend-webgpu cannot do unaided), slicing, reshaping, transposing.
  { name: 'pad rank 4', kernels: ['PadV2', 'Slice'], run: (r) => withGrads(r, (x) => tf.pad(x, [[0, 0], [1, 1], [1, 1], [0, 0]]), [r([2, 5, 5, 3])]) },
  { name: 'pad rank 5 (3-D convolution padding)', kernels: ['PadV2', 'Slice'], run: (r) => withGrads(r, (x) => tf.pad(x, [[0, 0], [0, 0], [0, 0], [1, 1], [0, 0]]), [r([2, 3, 3, 7, 2])]) },
  { name: 'pad rank 5 on three axes', kernels: ['PadV2', 'Slice'], run: (r) => withGrads(r, (x) => tf.pad(x, [[0, 0], [1, 0], [0, 2], [1, 1], [0, 0]]), [r([2, 3, 3, 4, 2])]) },
  { name: 'slice rank 5', kernels: ['Slice', 'PadV2'], run: (r) => withGrads(r, (x) => tf.slice(x, [0, 1, 0, 2, 0], [2, 2, 3, 4, 2]), [r([2, 3, 3, 7, 2])]) },
  { name: 'transpose rank 5, reshape', kernels: ['Transpose', 'Reshape'], run: (r) => withGrads(r, (x) => tf.reshape(tf.transpose(x, [0, 4, 1, 2, 3]), [2, -1]), [r([2, 3, 3, 4, 2])]) },
];
