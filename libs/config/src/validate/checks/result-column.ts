/** The error for a results column no trial records, with the columns this experiment has. */
import { didYouMean, listOf, resultMetrics, TRIAL_COLUMNS, UserError, type SourceLocation } from '@ablate/spec';

export function unknownColumn(metric: string, columns: readonly string[], at: SourceLocation | undefined, path: string): UserError {
  const conditions = [...new Set(columns.filter((c) => c.startsWith('corrupt.')).map((c) => c.slice('corrupt.'.length, c.lastIndexOf('.'))))];
  return new UserError(`no trial records a result called "${metric}".`, {
    at,
    path,
    hint: `${didYouMean(metric, [...columns])}Columns are test.<metric> or val.<metric> (metrics: ${listOf(resultMetrics())}), ${
      conditions.length ? `corrupt.<condition>.<metric> (conditions: ${listOf(conditions)}), ` : 'corrupt.<condition>.<metric> when evaluation.corruptions is set, '
    }or ${listOf(TRIAL_COLUMNS)}.`,
  });
}
