import { historyColumns, listOf, taskOf, unrecordedMonitor, UserError } from '@ablate/spec';
import { locate } from '../../source/document';
import type { Check } from './check';

/**
 * The search optimises a validation metric, `val.<metric>`, that the trials of its task record at
 * each epoch they validate (the pruners read it there). A test metric would choose the
 * configuration on the test set, and the reported test results would no longer be an unbiased
 * estimate: refused.
 */
export const searchMetricCheck: Check = {
  name: 'search-metric',
  run({ experiment, doc }) {
    const metric = experiment.search?.metric;
    if (metric === undefined) return [];
    const [group, ...rest] = metric.split('.');
    const name = rest.join('.');
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
    const task = taskOf(experiment);
    const validation = historyColumns(task).filter((c) => c.startsWith('val.'));
    const hint = group === 'val' ? unrecordedMonitor(metric, task, validation) : `Search on a validation metric: ${listOf(validation)}.`;
    if (hint !== undefined) return [new UserError(`"${metric}" is not a validation metric the trials record each epoch.`, { at, path: 'search.metric', hint })];
    return [];
  },
};
