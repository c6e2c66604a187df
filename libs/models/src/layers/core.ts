import type { ActivationName } from '@ablate/spec';
import { prod } from '../shape';
import { tfl } from '../tf';
import { activation, finish, inputShape, kernelAndBias, ZEROS, type WeightParams } from './build-helpers';
import type { LayerImpl } from './layer-impl';

interface DenseParams extends WeightParams {
  units: number;
  activation?: ActivationName;
  trainable: boolean;
}

export const dense: LayerImpl<DenseParams> = {
  type: 'dense',
  arity: 'one',
  build(p, ctx) {
    const shape = inputShape(ctx);
    const act = activation(p.activation, ctx);
    const layer = tfl.layers.dense({
      name: ctx.name,
      units: p.units,
      activation: act.inline as never,
      useBias: p.use_bias,
      kernelInitializer: ZEROS(),
      biasInitializer: ZEROS(),
      trainable: p.trainable,
    });
    const positions = prod(shape.slice(0, -1));
    return finish(ctx, [layer, ...act.after], { ...kernelAndBias(layer, p, 'dense'), macs: positions * shape[shape.length - 1] * p.units });
  },
};
