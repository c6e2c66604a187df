/** Every layer implementation, one per type of the language's layer catalog (a test checks they agree). */
import type { LayerType } from '@ablate/spec';
import * as activation from './activation';
import * as conv from './conv';
import { dense } from './core';
import type { LayerImpl } from './layer-impl';
import * as normalization from './normalization';
import * as pooling from './pooling';
import * as sequence from './sequence';
import * as shape from './shape';

const ALL: LayerImpl<never>[] = [
  dense,
  conv.conv1d,
  conv.conv2d,
  conv.conv3d,
  conv.depthwiseConv2d,
  conv.separableConv2d,
  pooling.maxPool1d,
  pooling.maxPool2d,
  pooling.maxPool3d,
  pooling.avgPool1d,
  pooling.avgPool2d,
  pooling.avgPool3d,
  pooling.globalAvgPool,
  pooling.globalMaxPool,
  normalization.batchNorm,
  normalization.layerNorm,
  normalization.dropout,
  normalization.spatialDropout,
  activation.relu,
  activation.relu6,
  activation.leakyRelu,
  activation.prelu,
  activation.elu,
  activation.selu,
  activation.gelu,
  activation.sigmoid,
  activation.tanh,
  activation.softmax,
  activation.swish,
  shape.flatten,
  shape.reshape,
  shape.permute,
  shape.foldDepth,
  shape.zeroPad,
  shape.repeatVector,
  shape.add,
  shape.subtract,
  shape.multiply,
  shape.concatenate,
  sequence.embedding,
  sequence.lstm,
  sequence.gru,
  sequence.multiHeadAttention,
  sequence.positionalEncoding,
] as LayerImpl<never>[];

export const LAYERS: ReadonlyMap<LayerType, LayerImpl<never>> = new Map(ALL.map((impl) => [impl.type, impl]));
