/**
 * An example augmentation plug-in (docs/plugins.md): `band_scaling` multiplies every band (channel)
 * of a training example by one factor drawn uniformly from [1 - amount, 1 + amount], a change of
 * illumination as hyperspectral augmentation papers simulate it (e.g. Nalepa et al., 2019). It
 * takes vectors (a pixel's spectrum) and patches alike.
 */
import { defineAugmentation, definePlugin, param, withDefault } from '@ablate/plugins';

const bandScaling = defineAugmentation({
  description: 'Multiplies the whole example by one factor uniform in [1 - amount, 1 + amount] (a change of illumination).',
  params: { amount: withDefault(param.num({ minimum: 0, maximum: 1, description: 'The largest relative change of brightness.' }), 0.1) },
  apply(example, _shape, { amount }, random) {
    const factor = 1 - amount + 2 * amount * random();
    for (let i = 0; i < example.length; i++) example[i] *= factor;
  },
});

export default definePlugin({ augmentations: { band_scaling: bandScaling } });
