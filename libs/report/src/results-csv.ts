/** results.csv (one row per trial) and summary.csv (one row per variant / grid point: n, mean, std, min, max). */
import { stringify } from 'csv-stringify/sync';
import { metricColumns, type ResultRow } from './collect';
import { groupRows } from './groups';
import { mean, std } from './stats';

const cell = (value: unknown) => (value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value));

export function resultsCsv(rows: readonly ResultRow[], gridPaths: readonly string[]): string {
  const metrics = metricColumns(rows);
  const header = ['trial', 'variant', ...gridPaths, 'seed', 'status', ...metrics];
  const body = rows.map((r) => [r.trial.id, r.trial.variant ?? '', ...gridPaths.map((p) => cell(r.trial.grid.find((g) => g.path === p)?.value)), String(r.trial.seed), r.status, ...metrics.map((m) => cell(r.values[m]))]);
  return stringify(body, { header: true, columns: header });
}

export function summaryCsv(rows: readonly ResultRow[], gridPaths: readonly string[]): string {
  const done = rows.filter((r) => r.status === 'done');
  const metrics = metricColumns(done);
  const header = ['variant', ...gridPaths, 'n', ...metrics.flatMap((m) => [`${m}.mean`, `${m}.std`, `${m}.min`, `${m}.max`])];
  const body = groupRows(done, ['variant', ...gridPaths]).map((g) => {
    const stats = metrics.flatMap((m) => {
      const values = g.rows.map((r) => r.values[m]).filter((v): v is number => v !== undefined);
      return values.length ? [mean(values), std(values), Math.min(...values), Math.max(...values)].map(String) : ['', '', '', ''];
    });
    return [g.rows[0].trial.variant ?? '', ...gridPaths.map((p) => cell(g.rows[0].trial.grid.find((x) => x.path === p)?.value)), String(g.rows.length), ...stats];
  });
  return stringify(body, { header: true, columns: header });
}
