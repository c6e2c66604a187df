/**
 * The report's part for a hyperparameter search: the optimisation history and the slice per
 * parameter (figures), the best configuration as a YAML patch (best.yaml), and a section of
 * table.md with the best configurations by the searched metric. The main table of a search holds
 * the best configurations, each a row labelled by its proposal: the confirmation runs over new
 * seeds when `search.confirm` ran them (mean ± std), else the search's own trials of the top k.
 */
import { reportWithDefaults, type ReportSpec } from '@ablate/spec';
import { bestConfig, type BestConfig } from './best-config';
import type { ResultRow } from './collect';
import { metricAxis } from './figures/axes';
import { optimisationHistory } from './figures/optimisation-history';
import { searchSlices, type SliceParam } from './figures/search-slices';
import { WIDTH } from './figures/style';
import type { Figure } from './figures/choose';
import type { Table } from './table';
import type { SearchDirection, SearchRow } from './search-row';

export interface SearchReport {
  metric: string;
  direction: SearchDirection;
  space: Readonly<Record<string, SliceParam>>;
  /** One row per proposal, its value the mean over its seeds (a pruned one's last reported value). */
  rows: SearchRow[];
  /** The main table's trials, best configuration first, each with its proposal. */
  table: ReadonlyArray<{ id: string; proposal: number }>;
  /** Whether the table's trials are confirmation runs (new seeds) rather than the search's own. */
  confirmed: boolean;
}

const show = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' && !Number.isInteger(v) ? String(Number(v.toPrecision(4))) : JSON.stringify(v));

/** The main table's rows: the chosen trials, in rank order, each labelled `proposal k`. */
export function searchTableRows(search: SearchReport, rows: readonly ResultRow[]): ResultRow[] {
  const rank = new Map(search.table.map((t, i) => [t.id, i]));
  return rows
    .filter((r) => rank.has(r.trial.id))
    .map((r) => ({ ...r, trial: { ...r.trial, index: rank.get(r.trial.id) as number, variant: `proposal ${search.table[rank.get(r.trial.id) as number].proposal}`, grid: [] } }))
    .sort((a, b) => a.trial.index - b.trial.index);
}

/** The search's own figures, the metric on the table's scale and named as the table names it (else "Validation OA (%)"). */
export function searchFigures(search: SearchReport, title: string, report: ReportSpec | undefined, table: Table): Figure[] {
  const ctx = { title, width: WIDTH[reportWithDefaults(report).figure_width], series: [] };
  const shown = metricAxis(search.metric, table);
  const own = table.columns.some((c) => c.metric === search.metric);
  const axis = { metric: search.metric, direction: search.direction, scale: shown.scale, title: own || !search.metric.startsWith('val.') ? shown.title : `Validation ${shown.title}` };
  const figures: Figure[] = [];
  const history = optimisationHistory(search.rows, axis, ctx);
  if (history) figures.push({ name: 'optimisation_history', kind: 'optimisation_history', spec: history });
  const slices = searchSlices(search.rows, search.space, axis, ctx);
  if (slices) figures.push({ name: 'search_slices', kind: 'search_slices', spec: slices });
  return figures;
}

export function searchBest(search: SearchReport): BestConfig | undefined {
  return bestConfig(search.rows, search.metric, search.direction);
}

/** table.md's search section: the study in numbers, the best configurations by the metric, and the best one's YAML. */
export function searchMarkdown(search: SearchReport, top = 10): string {
  const sign = search.direction === 'maximize' ? -1 : 1;
  const count = (state: string) => search.rows.filter((r) => r.state === state).length;
  const ranked = search.rows.filter((r) => r.state === 'complete' && r.value !== undefined && Number.isFinite(r.value)).sort((a, b) => sign * ((a.value as number) - (b.value as number)) || a.index - b.index);
  const paths = Object.keys(search.space);
  const lines = [
    '## Search',
    '',
    `${search.rows.length} configurations: ${count('complete')} complete, ${count('pruned')} pruned, ${count('failed')} failed${count('running') ? `, ${count('running')} unfinished` : ''}. The ${Math.min(top, ranked.length)} best by ${search.metric} (${search.direction}; the mean over each configuration's seeds):`,
    '',
    `| rank | proposal | ${paths.join(' | ')} | ${search.metric} |`,
    `|---|---|${paths.map(() => '---|').join('')}---|`,
    ...ranked.slice(0, top).map((r, i) => `| ${i + 1} | ${r.index} | ${paths.map((p) => (p in r.params ? show(r.params[p]) : '-')).join(' | ')} | ${(r.value as number).toFixed(4)} |`),
  ];
  const best = searchBest(search);
  if (best) lines.push('', `The best configuration (best.yaml), to paste as a variant:`, '', '```yaml', best.yaml.trimEnd(), '```');
  lines.push('', search.confirmed ? 'The table above: the best configurations run again over new seeds (search.confirm).' : 'The table above: the best configurations, on the seeds of the search (search.confirm runs them over new seeds).');
  return lines.join('\n') + '\n';
}
