/** What a figure reads from a trial folder: history.csv, confusion.csv, metrics.json's per-class metrics. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { ResultRow } from '../collect';

/** The rows of a CSV file of a trial; none when the trial has no folder here (rows read from a results.csv). */
export function trialCsv(row: ResultRow, file: string): Record<string, string>[] {
  const path = join(row.dir, file);
  return row.dir && existsSync(path) ? (parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[]) : [];
}

export interface PerClass {
  classes: string[];
  f1: number[];
  recall: number[];
  precision: number[];
}

export function perClassOf(row: ResultRow): PerClass | undefined {
  const path = join(row.dir, 'metrics.json');
  if (!row.dir || !existsSync(path)) return undefined;
  return (JSON.parse(readFileSync(path, 'utf8')) as { test_per_class?: PerClass }).test_per_class;
}
