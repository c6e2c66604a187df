/**
 * An example preprocessing plug-in (docs/plugins.md): `log1p`, x → log(1 + x / scale), which
 * compresses heavy-tailed values (radiance, counts) and fits nothing; and `mean_center`, which
 * subtracts each channel's mean over the training part (fitted there, as the trial's other
 * statistics are, and carried as data in an exported model's preprocessing.json).
 */
import { definePlugin, definePreprocessing, param, withDefault } from '@ablate/plugins';

const log1p = definePreprocessing({
  description: 'x → log(1 + x / scale), element-wise: compresses heavy-tailed values.',
  params: { scale: withDefault(param.num({ exclusiveMinimum: 0, description: 'Values are divided by it first.' }), 1) },
  apply({ scale }, _state, x) {
    for (let i = 0; i < x.length; i++) x[i] = Math.log1p(x[i] / scale);
    return x;
  },
});

const meanCenter = definePreprocessing({
  description: "Subtracts each channel's mean over the training part.",
  fit(_params, examples, shape) {
    const channels = shape[shape.length - 1];
    const sums = new Float64Array(channels);
    let count = 0;
    examples((x) => {
      for (let i = 0; i < x.length; i++) sums[i % channels] += x[i];
      count += x.length / channels;
    });
    return { mean: Array.from(sums, (s) => s / count) };
  },
  apply(_params, { mean }, x) {
    for (let i = 0; i < x.length; i++) x[i] -= mean[i % mean.length];
    return x;
  },
});

export default definePlugin({ preprocessing: { log1p, mean_center: meanCenter } });
