/** Batch and layer normalisation. */
import { BatchNorm } from '../custom/batch-norm';
import { tfl } from '../tf';
import { finish } from './build-helpers';
import type { LayerImpl } from './layer-impl';

export const batchNorm: LayerImpl<{ momentum: number; epsilon: number; center: boolean; scale: boolean }> = {
  type: 'batch_norm',
  arity: 'one',
  build(p, ctx) {
    return finish(ctx, [new BatchNorm({ name: ctx.name, momentum: p.momentum, epsilon: p.epsilon, center: p.center, scale: p.scale })]);
  },
};

export const layerNorm: LayerImpl<{ epsilon: number }> = {
  type: 'layer_norm',
  arity: 'one',
  build(p, ctx) {
    return finish(ctx, [tfl.layers.layerNormalization({ name: ctx.name, axis: -1, epsilon: p.epsilon })]);
  },
};
