import { didYouMean, listOf, resultColumns, UserError } from '@ablate/spec';
import { locate } from '../../source/document';
import type { Check } from './check';
import { unknownColumn } from './result-column';

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
      if (!columns.includes(column.metric)) errors.push(unknownColumn(column.metric, columns, locate(doc.positions, `/report/columns/${i}/metric`), `report.columns[${i}].metric`));
    });
    return errors;
  },
};
