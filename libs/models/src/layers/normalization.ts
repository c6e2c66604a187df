/** Batch and layer normalisation, dropout and spatial dropout. */
import { BatchNorm } from '../custom/batch-norm';
import { SeededDropout } from '../custom/seeded-dropout';
import { tfl } from '../tf';
import { finish, inputShape } from './build-helpers';
import { LayerUseError, type LayerImpl } from './layer-impl';

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

export const dropout: LayerImpl<{ rate: number }> = {
  type: 'dropout',
  arity: 'one',
  build(p, ctx) {
    return finish(ctx, [new SeededDropout({ name: ctx.name, rate: p.rate, seed: ctx.seed })]);
  },
};

export const spatialDropout: LayerImpl<{ rate: number }> = {
  type: 'spatial_dropout',
  arity: 'one',
  build(p, ctx) {
    const rank = inputShape(ctx).length;
    if (rank < 2 || rank > 4) {
      throw new LayerUseError(`drops whole channels of 1-D, 2-D or 3-D feature maps; its input has rank ${rank}.`, 'Use `dropout` for vectors.');
    }
    return finish(ctx, [new SeededDropout({ name: ctx.name, rate: p.rate, seed: ctx.seed, channelwise: true })]);
  },
};
