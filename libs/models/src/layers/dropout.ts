/** Dropout of values and of whole channels, from masks seeded by the trial seed and the layer. */
import { SeededDropout } from '../custom/seeded-dropout';
import { finish, inputShape } from './build-helpers';
import { LayerUseError, type LayerImpl } from './layer-impl';

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
