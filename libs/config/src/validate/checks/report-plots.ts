/**
 * `report.plots` options name things the experiment has: results columns (`metric`, `metrics`), grid
 * paths (`sensitivity.grid`) and, for robustness curves, a metric under evaluation.corruptions.
 * Otherwise the plot would be missing from the report with no word why.
 */
import { didYouMean, listOf, resultColumns, resultMetrics, UserError } from '@ablate/spec';
import { locate } from '../../source/document';
import type { Check } from './check';
import { unknownColumn } from './result-column';

export const reportPlotsCheck: Check = {
  name: 'report-plots',
  run({ experiment, doc }) {
    const plots = experiment.report?.plots;
    if (!Array.isArray(plots)) return [];
    const errors: UserError[] = [];
    const columns = resultColumns(experiment);
    const gridPaths = Object.keys(experiment.grid ?? {}).flatMap((k) => k.split(','));
    const column = (metric: string | undefined, pointer: string, path: string) => {
      if (metric !== undefined && !columns.includes(metric)) errors.push(unknownColumn(metric, columns, locate(doc.positions, pointer), path));
    };
    plots.forEach((plot, i) => {
      if (typeof plot === 'string') return;
      const at = `/report/plots/${i}`;
      const path = `report.plots[${i}]`;
      if (plot.type === 'metric_bars' || plot.type === 'scatter' || plot.type === 'sensitivity') column(plot.metric, `${at}/metric`, `${path}.metric`);
      if (plot.type === 'radar') (plot.metrics ?? []).forEach((m, j) => column(m, `${at}/metrics/${j}`, `${path}.metrics[${j}]`));
      if (plot.type === 'sensitivity') {
        plot.grid.forEach((g, j) => {
          if (gridPaths.includes(g)) return;
          errors.push(
            new UserError(`the sensitivity plot varies "${g}", which is not a grid path of this experiment.`, {
              at: locate(doc.positions, `${at}/grid/${j}`),
              path: `${path}.grid[${j}]`,
              hint: gridPaths.length ? `${didYouMean(g, gridPaths)}Grid paths: ${listOf(gridPaths)}.` : 'Add the path to `grid:` first; a sensitivity plot shows how results change over its values.',
            }),
          );
        });
      }
      if (plot.type === 'robustness') {
        const metric = plot.metric ?? 'oa';
        const corrupted = columns.some((c) => c.startsWith('corrupt.'));
        if (!corrupted || !resultMetrics().includes(metric)) {
          errors.push(
            new UserError(corrupted ? `the robustness plot's metric "${metric}" is not a metric trials record.` : 'a robustness plot needs results under corruptions, and this experiment has no evaluation.corruptions.', {
              at: locate(doc.positions, plot.metric !== undefined ? `${at}/metric` : `${at}/type`),
              path: plot.metric !== undefined ? `${path}.metric` : `${path}.type`,
              hint: corrupted ? `${didYouMean(metric, resultMetrics())}The metric's name alone (oa, not test.oa): ${listOf(resultMetrics())}.` : 'Add evaluation.corruptions (e.g. [{ type: gaussian_noise, snr_db: [30, 20, 10] }]), or remove the plot.',
            }),
          );
        }
      }
    });
    return errors;
  },
};
