/** The files of a trial record: resolved config, metrics, history, confusion matrix. */
import { stringify as csv } from 'csv-stringify/sync';
import { stringify as yaml } from 'yaml';
import type { Trial } from '@ablate/sweep';
import type { Evaluation, HistoryRow } from '@ablate/training';

/** config.resolved.yaml: what ran, with the trial's identity on top. */
export function resolvedConfig(trial: Trial, experiment: string): string {
  const header = [
    `# ablate trial ${trial.id} of experiment ${experiment}`,
    ...(trial.variant !== undefined ? [`# variant: ${trial.variant}`] : []),
    ...trial.grid.map((g) => `# grid: ${g.path} = ${JSON.stringify(g.value)}`),
    `# seed: ${trial.seed}`,
  ];
  return `${header.join('\n')}\n${yaml(trial.config, { lineWidth: 0 })}`;
}

/** One row per epoch; columns in order of first appearance, empty where an epoch lacks one (no validation that epoch). */
export function historyCsv(history: readonly HistoryRow[]): string {
  const columns: string[] = [];
  for (const row of history) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  return csv(history.map((row) => columns.map((c) => row[c] ?? '')), { header: true, columns });
}

/** Rows: true class; columns: predicted class. */
export function confusionCsv(evaluation: Evaluation, classNames: readonly string[]): string {
  if (!evaluation.confusion) return '';
  const rows = evaluation.confusion.map((row, k) => [classNames[k] ?? String(k), ...row]);
  return csv(rows, { header: true, columns: ['true \\ predicted', ...classNames.map((n, k) => n ?? String(k))] });
}

/** metrics.json holds only values the run determines (no clock time), so equal seeds give equal bytes. */
export function metricsJson(parts: Record<string, unknown>): string {
  return JSON.stringify(parts, null, 2) + '\n';
}
