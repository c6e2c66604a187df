/**
 * Trial rows read back from results.csv files a report wrote earlier, for when the trial folders
 * are gone (deleted, or on another machine): only the rows whose trial id belongs to the
 * experiment as it is now (the id is the hash of the trial's config and data, so a row of an
 * earlier version of the file is not taken), with the variant, grid values and seed of the trial
 * as expanded now and every number as written (results.csv writes numbers as JSON, which reads
 * back to the same double). What results.csv does not hold is not there: the trials' histories
 * and confusion matrices, so no plots; the reason of a failed trial.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { UserError } from '@ablate/spec';
import type { ResultRow, TrialInfo } from './collect';

export function readResultsCsv(files: readonly string[], trials: readonly TrialInfo[]): ResultRow[] {
  const found = new Map<string, ResultRow>();
  const ids = new Map(trials.map((t) => [t.id, t]));
  for (const file of files) {
    const records = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    const header = records.length ? Object.keys(records[0]) : [];
    const first = header.indexOf('status') + 1;
    if (!header.includes('trial') || first === 0) throw new UserError(`${file} is not a results.csv written by runner:report: it has no trial and status columns.`);
    const metrics = header.slice(first);
    for (const record of records) {
      const trial = ids.get(record.trial);
      if (!trial || found.has(trial.id)) continue;
      if (record.status !== 'done' && record.status !== 'failed' && record.status !== 'pruned') throw new UserError(`${file}: trial ${record.trial} has status "${record.status}" (done, failed or pruned expected).`);
      const values: Record<string, number> = {};
      for (const m of metrics) {
        // Empty: the trial did not record it; null: a value JSON could not hold (NaN), as collectResults reads it.
        if (record[m] === '' || record[m] === 'null') continue;
        const value = Number(record[m]);
        if (!Number.isFinite(value)) throw new UserError(`${file}: trial ${record.trial} has "${record[m]}" in column ${m}, not a number.`);
        values[m] = value;
      }
      found.set(trial.id, { trial, status: record.status, values, dir: '' });
    }
  }
  return trials.filter((t) => found.has(t.id)).map((t) => found.get(t.id) as ResultRow);
}
