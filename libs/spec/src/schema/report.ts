/** `report:` which tables and plots the experiment ends with. */
import { Type } from '@sinclair/typebox';
import { choice, closed, int, num, text } from './primitives';

export const ColumnSchema = closed(
  {
    metric: text({ description: 'A results column, e.g. test.oa, test.kappa, params, train_seconds.' }),
    label: Type.Optional(text()),
    scale: Type.Optional(num({ default: 1, description: 'Multiply before printing (100 for percent).' })),
    precision: Type.Optional(int({ minimum: 0, maximum: 10, default: 2 })),
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
