/**
 * An example corruption plug-in for robustness studies (docs/plugins.md): `salt_and_pepper`
 * impulse noise, as image-restoration and robustness papers test it: a fraction `amount` of each
 * test example's values is set to the example's lowest or highest value, half and half.
 */
import { defineCorruption, definePlugin } from '@ablate/plugins';

const saltAndPepper = defineCorruption({
  description: "Impulse noise: a fraction of each example's values set to its lowest or highest value (pepper or salt), half each.",
  level: { name: 'amount', description: 'The fraction of values replaced, in [0, 1].' },
  apply(example, _shape, amount, _params, random) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of example) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    for (let i = 0; i < example.length; i++) if (random() < amount) example[i] = random() < 0.5 ? lo : hi;
  },
});

export default definePlugin({ corruptions: { salt_and_pepper: saltAndPepper } });
