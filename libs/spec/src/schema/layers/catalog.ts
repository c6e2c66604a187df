/** Every layer type of the model language. The models library registers one implementation per key. */
import { ACTIVATION_LAYERS } from './activation';
import { CONV_LAYERS } from './conv';
import { CORE_LAYERS } from './core';
import { NORMALIZATION_LAYERS } from './normalization';
import { POOLING_LAYERS } from './pooling';
import { SEQUENCE_LAYERS } from './sequence';
import { MERGE_LAYERS, SHAPE_LAYERS } from './shape';

export const LAYER_CATALOG = {
  ...CORE_LAYERS,
  ...CONV_LAYERS,
  ...POOLING_LAYERS,
  ...NORMALIZATION_LAYERS,
  ...ACTIVATION_LAYERS,
  ...SHAPE_LAYERS,
  ...MERGE_LAYERS,
  ...SEQUENCE_LAYERS,
};
export type LayerType = keyof typeof LAYER_CATALOG;
