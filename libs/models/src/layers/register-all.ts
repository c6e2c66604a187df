/**
 * Every layer implementation: one per type of the language's layer catalog (a test checks they
 * agree), then the plug-ins' (registerLayer), whose schemas libs/spec's extensions hold.
 */
import { tf } from '../tf';
import * as activation from './activation';
import * as conv from './conv';
import { dense } from './core';
import type { LayerImpl } from './layer-impl';
import * as dropout from './dropout';
import * as merge from './merge';
import * as normalization from './normalization';
import * as pooling from './pooling';
import * as resampling from './resampling';
import * as sequence from './sequence';
import * as shape from './shape';

const ALL: LayerImpl<never>[] = [
  dense,
  conv.conv1d,
  conv.conv2d,
  conv.conv3d,
  conv.depthwiseConv2d,
  conv.separableConv2d,
  resampling.conv2dTranspose,
  resampling.conv3dTranspose,
  resampling.upsampling2d,
  resampling.upsampling3d,
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
  dropout.dropout,
  dropout.spatialDropout,
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
  merge.add,
  merge.subtract,
  merge.multiply,
  merge.concatenate,
  sequence.embedding,
  sequence.lstm,
  sequence.gru,
  sequence.multiHeadAttention,
  sequence.positionalEncoding,
] as LayerImpl<never>[];

const registry = new Map<string, LayerImpl<never>>(ALL.map((impl) => [impl.type, impl]));
export const LAYERS: ReadonlyMap<string, LayerImpl<never>> = registry;

/** A layer type from a plug-in, with the tfjs layer classes it builds (registered so that a saved model loads back). */
export function registerLayer(impl: LayerImpl<never>, classes: ReadonlyArray<Parameters<typeof tf.serialization.registerClass>[0]> = []): void {
  if (registry.has(impl.type)) throw new Error(`a layer type "${impl.type}" is already registered`);
  registry.set(impl.type, impl);
  for (const cls of classes) tf.serialization.registerClass(cls);
}

/** Forgets the plug-ins' layer types (tests). */
export function unregisterLayer(type: string): void {
  if (!ALL.some((impl) => impl.type === type)) registry.delete(type);
}
