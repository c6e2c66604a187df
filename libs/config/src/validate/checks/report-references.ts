import { didYouMean, listOf, resultColumns, RESULT_METRICS, TRIAL_COLUMNS, UserError } from '@ablate/spec';
import { locate } from '../../source/document';
import type { Check } from './check';

/** `report.baseline` names a variant; `report.rows` are `variant` or grid paths; `report.columns` name recorded results. */
export const reportReferencesCheck: Check = {
  name: 'report-references',
  run({ experiment, doc }) {
    const errors: UserError[] = [];
    const report = experiment.report;
    if (!report) return errors;
    const variants = Object.keys(experiment.variants ?? {});
    if (report.baseline !== undefined && !variants.includes(report.baseline)) {
      errors.push(
        new UserError(`the baseline "${report.baseline}" is not a variant of this experiment.`, {
          at: locate(doc.positions, '/report/baseline'),
          path: 'report.baseline',
          hint: variants.length ? `${didYouMean(report.baseline, variants)}Variants: ${listOf(variants)}.` : 'Define `variants:` first; the baseline is one of them.',
        }),
      );
    }
    const gridPaths = Object.keys(experiment.grid ?? {}).flatMap((k) => k.split(','));
    const rowChoices = ['variant', ...gridPaths];
    (report.rows ?? []).forEach((row, i) => {
      if (!rowChoices.includes(row)) {
        errors.push(
          new UserError(`rows can be \`variant\` or a grid path; "${row}" is neither.`, {
            at: locate(doc.positions, `/report/rows/${i}`),
            path: `report.rows[${i}]`,
            hint: `${didYouMean(row, rowChoices)}Choices: ${listOf(rowChoices)}.`,
          }),
        );
      }
    });
    const columns = resultColumns(experiment);
    (report.columns ?? []).forEach((column, i) => {
      if (columns.includes(column.metric)) return;
      const conditions = [...new Set(columns.filter((c) => c.startsWith('corrupt.')).map((c) => c.slice('corrupt.'.length, c.lastIndexOf('.'))))];
      errors.push(
        new UserError(`no trial records a result called "${column.metric}".`, {
          at: locate(doc.positions, `/report/columns/${i}/metric`),
          path: `report.columns[${i}].metric`,
          hint: `${didYouMean(column.metric, columns)}Columns are test.<metric> or val.<metric> (metrics: ${listOf(RESULT_METRICS)}), ${
            conditions.length ? `corrupt.<condition>.<metric> (conditions: ${listOf(conditions)}), ` : 'corrupt.<condition>.<metric> when evaluation.corruptions is set, '
          }or ${listOf(TRIAL_COLUMNS)}.`,
        }),
      );
    });
    return errors;
  },
};
