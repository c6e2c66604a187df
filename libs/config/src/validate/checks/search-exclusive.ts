import { UserError } from '@ablate/spec';
import { locate } from '../../source/document';
import type { Check } from './check';

/**
 * `search:` chooses the configurations itself; a `grid:` or `variants:` beside it would ask for a
 * second, fixed set of configurations in the same results folder and the same report, and there is
 * no one meaning for their product (search within each variant? one study over all?).
 */
export const searchExclusiveCheck: Check = {
  name: 'search-exclusive',
  run({ experiment, doc }) {
    if (!experiment.search) return [];
    return (['grid', 'variants'] as const)
      .filter((key) => experiment[key] !== undefined)
      .map(
        (key) =>
          new UserError(`an experiment with \`search:\` cannot also have \`${key}:\`: the search proposes its own configurations, and a ${key === 'grid' ? 'grid' : 'set of variants'} beside it would mix a second, fixed set of trials into the same study, budget and report.`, {
            at: locate(doc.positions, `/${key}`, 'key'),
            path: key,
            hint: `Put the ${key === 'grid' ? 'grid paths into search.space (a list of values becomes { type: choice, values: [...] })' : "variants' differences into search.space as a choice"}, or keep the ${key} in another file that extends this one without \`search:\` (search: null).`,
          }),
      );
  },
};
