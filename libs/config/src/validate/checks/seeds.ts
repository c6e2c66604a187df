import { UserError } from '@ablate/spec';
import { locate } from '../../source/document';
import type { Check } from './check';

/** `seeds:` lists the seeds; `seed:`/`repeats:` generate them. Both at once is ambiguous. */
export const seedsCheck: Check = {
  name: 'seeds',
  run({ experiment, doc }) {
    if (experiment.seeds === undefined || (experiment.seed === undefined && experiment.repeats === undefined)) return [];
    const other = experiment.repeats !== undefined ? 'repeats' : 'seed';
    return [
      new UserError(`both \`seeds\` and \`${other}\` are set.`, {
        at: locate(doc.positions, '/seeds', 'key'),
        path: 'seeds',
        hint: `Use either seeds: [..] or seed: + repeats:, not both; remove \`${other}\` (or \`seeds\`).`,
      }),
    ];
  },
};
