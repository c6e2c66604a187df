import { didYouMean, listOf, RESULT_METRICS, UserError } from '@ablate/spec';
import { locate } from '../../source/document';
import type { Check } from './check';

/**
 * The search optimises a validation metric, `val.<metric>`, which every trial records at each
 * epoch it validates. A test metric would choose the configuration on the test set, and the
 * reported test results would no longer be an unbiased estimate: refused.
 */
export const searchMetricCheck: Check = {
  name: 'search-metric',
  run({ experiment, doc }) {
    const metric = experiment.search?.metric;
    if (metric === undefined) return [];
    const [group, ...rest] = metric.split('.');
    const name = rest.join('.');
    const metrics = ['loss', ...RESULT_METRICS];
    const at = locate(doc.positions, '/search/metric');
    if (group === 'test') {
      return [
        new UserError(`the search optimises the test metric "${metric}": choosing hyperparameters on the test set makes its results optimistic, so the test set can no longer measure the chosen model.`, {
          at,
          path: 'search.metric',
          hint: `Optimise the validation metric instead: metric: val.${name || 'oa'} (the split needs a val: part); the test metrics of the best configuration are reported after the search.`,
        }),
      ];
    }
    if (group !== 'val' || !metrics.includes(name)) {
      const valid = metrics.map((m) => `val.${m}`);
      return [new UserError(`"${metric}" is not a validation metric a trial records.`, { at, path: 'search.metric', hint: `${didYouMean(metric, valid)}Use val.<metric>, one of ${listOf(valid)}.` })];
    }
    return [];
  },
};
