/** `report:` which tables and plots the experiment ends with. */
import { Type } from '@sinclair/typebox';
import { choice, closed, int, num, text } from './primitives';

export const ColumnSchema = closed(
  {
    metric: text({ description: 'A results column, e.g. test.oa, test.kappa, params, train_seconds.' }),
    label: Type.Optional(text({ description: 'Header text, escaped for LaTeX (default: the metric).' })),
    label_tex: Type.Optional(text({ description: 'Header as raw LaTeX for table.tex and tabular.tex, e.g. "$\\kappa$ (\\%)"; table.md keeps `label`.' })),
    scale: Type.Optional(num({ default: 1, description: 'Multiply before printing (100 for percent).' })),
    precision: Type.Optional(int({ minimum: 0, maximum: 10, default: 2 })),
    format: Type.Optional(
      choice(['fixed', 'thousands', 'si'] as const, {
        default: 'fixed',
        description: 'fixed: 45764608; thousands: 45,764,608; si: 45.76 M (k, M, G, T; `precision` decimals after the prefix).',
      }),
    ),
    better: Type.Optional(choice(['max', 'min', 'none'] as const, { default: 'max' })),
  },
  { title: 'report column' },
);

export const ReportSchema = closed(
  {
    rows: Type.Optional(
      Type.Array(text(), {
        minItems: 1,
        description: 'What distinguishes rows: `variant` and/or grid paths. Default: variant and every grid path.',
      }),
    ),
    columns: Type.Optional(Type.Array(ColumnSchema, { minItems: 1 })),
    caption: Type.Optional(text()),
    label: Type.Optional(text({ description: 'LaTeX \\label, e.g. tab:ablation.' })),
    name: Type.Optional(
      text({ description: "The experiment's name in tables: the row of an experiment without variants or grid, and the start of its rows in a comparison over several files. Default: `description`, else the file name." }),
    ),
    row_header: Type.Optional(text({ description: 'Header of the first column. Default: Variant, the grid path, Setting, or Metric (transposed).' })),
    layout: Type.Optional(
      choice(['rows', 'transposed'] as const, {
        default: 'rows',
        description: 'rows: one row per variant/grid point, one column per metric. transposed: one row per metric (e.g. per noise level), one column per variant/grid point; for many columns and few rows.',
      }),
    ),
    width: Type.Optional(
      choice(['column', 'page'] as const, {
        default: 'column',
        description: 'column: table.tex is a `table` float, scaled down to \\columnwidth only if wider. page: a `table*` float across both columns of a two-column paper, scaled down to \\textwidth only if wider.',
      }),
    ),
    baseline: Type.Optional(text({ description: 'Row compared against in the significance test (a variant name).' })),
    significance: Type.Optional(
      closed({
        test: Type.Optional(choice(['paired_t', 'wilcoxon'] as const, { default: 'paired_t' })),
        alpha: Type.Optional(num({ exclusiveMinimum: 0, exclusiveMaximum: 1, default: 0.05 })),
      }, { title: 'significance test', description: 'How rows are compared with the baseline: a paired test over the seeds both have.' }),
    ),
    plots: Type.Optional(Type.Boolean({ default: true })),
  },
  { title: 'report' },
);
