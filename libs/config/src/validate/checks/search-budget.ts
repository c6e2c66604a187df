import { UserError } from '@ablate/spec';
import { locate } from '../../source/document';
import type { Check } from './check';

/** A search needs a budget (trials, hours or both), and confirms no more configurations than it tries. */
export const searchBudgetCheck: Check = {
  name: 'search-budget',
  run({ experiment, doc }) {
    const search = experiment.search;
    if (!search) return [];
    if (search.trials === undefined && search.hours === undefined) {
      return [new UserError('the search has no budget: it would propose configurations forever.', { at: locate(doc.positions, '/search', 'key'), path: 'search', hint: 'Add trials: <n> (configurations to try), hours: <h> (wall time), or both: it stops at the first reached.' })];
    }
    if (search.confirm && search.trials !== undefined && search.confirm.top > search.trials) {
      return [new UserError(`search.confirm.top is ${search.confirm.top}, more than the ${search.trials} configurations the search tries.`, { at: locate(doc.positions, '/search/confirm/top'), path: 'search.confirm.top', hint: `Use top: ${search.trials} or less.` })];
    }
    return [];
  },
};
