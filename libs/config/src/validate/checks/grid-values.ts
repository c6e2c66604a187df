import { childPointer, UserError } from '@ablate/spec';
import { locate } from '../../source/document';
import type { Check } from './check';

/** A zipped grid key (`a,b`) takes one tuple per point, each with one value per path. */
export const gridValuesCheck: Check = {
  name: 'grid-values',
  run({ experiment, doc }) {
    const errors: UserError[] = [];
    for (const [key, values] of Object.entries(experiment.grid ?? {})) {
      const width = key.split(',').length;
      if (width === 1) continue;
      values.forEach((value, i) => {
        if (!Array.isArray(value) || value.length !== width) {
          const at = childPointer(childPointer('/grid', key), i);
          errors.push(
            new UserError(`point ${i} of the zipped grid "${key}" must be a list of ${width} values, one per path.`, {
              at: locate(doc.positions, at),
              path: `grid["${key}"][${i}]`,
              hint: `For example [${key.split(',').map((_, j) => `v${j + 1}`).join(', ')}].`,
            }),
          );
        }
      });
    }
    return errors;
  },
};
