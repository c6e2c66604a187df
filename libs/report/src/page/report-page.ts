/**
 * The report page of an experiment's results: report.html as the report step writes it, and the
 * page's data as `ablate serve` sends it (built in memory, with the running trials).
 */
import { collectResults, type ResultRow } from '../collect';
import { reportParts, reportTable, type ReportParts, type ReportSource } from '../report-parts';
import type { Table } from '../table';
import { pageData, type PageData, type RunningTrial } from './page-data';
import { reportHtml } from './page-html';
import { searchBest } from '../search-report';

/** The page's data: the trials' rows, the table and figures, and the running trials so far. */
export function reportPageData(input: ReportSource, rows: readonly ResultRow[], table: Table, parts: ReportParts, running: readonly RunningTrial[] = []): PageData {
  const { by, title, single, chosen } = parts;
  // A search's page shows the trials of its table (its best configurations, labelled by proposal).
  const keys = input.search ? ['variant'] : [...(input.hasVariants ? ['variant'] : []), ...input.gridPaths];
  const data = pageData({ name: input.name, title, rows: input.search ? parts.rows : rows, counted: rows, table, by, ...(single ? { single } : {}), keys, total: input.trials.length, figures: chosen.figures, drawn: chosen.drawn, running });
  const best = input.search && searchBest(input.search);
  if (best) data.notes.push(`Best configuration (best.yaml, to paste under variants:): proposal ${best.index}, ${input.search?.metric} ${best.value.toFixed(4)}: ${Object.entries(best.params).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ')}.`);
  return data;
}

/** report.html: the page with its data inlined. */
export function reportPage(input: ReportSource, rows: readonly ResultRow[], table: Table, parts: ReportParts): string {
  return reportHtml(reportPageData(input, rows, table, parts));
}

/** What `ablate serve` sends: the data, read now from the results folder (nothing is written). */
export function livePageData(input: ReportSource, running: readonly RunningTrial[]): PageData {
  const rows = input.rows ?? collectResults(input.resultsDir, input.trials);
  const table = reportTable(input, rows);
  return reportPageData(input, rows, table, reportParts(input, rows, table), running);
}
