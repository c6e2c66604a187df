/**
 * What a report is made of, computed once for its files and its page: the table of the trials'
 * rows, and the figures report.plots asks for (with the grouping and title they are drawn with).
 */
import { reportWithDefaults, type ReportSpec } from '@ablate/spec';
import type { ResultRow, TrialInfo } from './collect';
import { chooseFigures } from './figures/choose';
import { buildTable, type Table } from './table';
import { searchFigures, searchTableRows, type SearchReport } from './search-report';

/** The experiment a report is of (a part of write-report's ReportInput). */
export interface ReportSource {
  name: string;
  resultsDir: string;
  trials: readonly TrialInfo[];
  gridPaths: readonly string[];
  hasVariants: boolean;
  report?: ReportSpec;
  /** The label of the one row when trials differ only in seed (report `name` wins; default: all trials). */
  rowName?: string;
  /** The experiment's description, for the default caption and the figures' title. */
  description?: string;
  /** The trials' results when read from a results.csv, not from their folders. */
  rows?: ResultRow[];
  /** A hyperparameter search's study: its figures, best configuration and table (search-report.ts). */
  search?: SearchReport;
}

/** The table of a report's rows, as table.md and table.tex have it. */
export function reportTable(input: ReportSource, rows: readonly ResultRow[]): Table {
  if (input.search) return buildTable(searchTableRows(input.search, rows), { title: input.name, report: { ...input.report, row_header: input.report?.row_header ?? 'Configuration' }, gridPaths: [], hasVariants: true, ...(input.description !== undefined ? { description: input.description } : {}) });
  return buildTable(rows, { title: input.name, report: input.report, gridPaths: input.gridPaths, hasVariants: input.hasVariants, ...(input.rowName !== undefined ? { name: input.rowName } : {}), ...(input.description !== undefined ? { description: input.description } : {}) });
}

export type ReportParts = ReturnType<typeof reportParts>;

/** The figures (none before a trial is done), with the rows' grouping (`by`), title and one-row label they are drawn with. */
export function reportParts(input: ReportSource, rows: readonly ResultRow[], table: Table) {
  const report = reportWithDefaults(input.report);
  const by = report.rows ?? [...(input.hasVariants ? ['variant'] : []), ...input.gridPaths];
  const title = input.description ?? input.report?.name ?? input.rowName ?? input.name;
  const single = input.report?.name ?? input.rowName;
  const done = rows.some((r) => r.status === 'done');
  // A search's table rows are its best configurations (proposal k), and its own figures come first.
  const shownRows = input.search ? searchTableRows(input.search, rows) : rows;
  const shownBy = input.search ? ['variant'] : by;
  const chosen = shownRows.some((r) => r.status === 'done') ? chooseFigures({ rows: shownRows, table, report, by: shownBy, title, folders: !input.rows, ...(single ? { single } : {}) }) : { figures: [], drawn: [], skipped: [], architectures: [] };
  if (input.search && done) chosen.figures.unshift(...searchFigures(input.search, title, input.report, table));
  return { report, by: shownBy, title, single, chosen, rows: shownRows };
}
