/**
 * What the report page shows, as one JSON document: the table's rows (mean ± std per variant /
 * grid point, with the same text as table.md) and every trial's row under them, the values the
 * table can be filtered by, each trial's config, history, confusion matrix and environment, the
 * running trials' histories so far, and the figures' vega-lite specs. Read-only: it reads the
 * trial folders and writes nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResultRow, TrialInfo } from '../collect';
import type { Figure } from '../figures/choose';
import { trialCsv } from '../figures/trial-files';
import { groupRows, labelOf } from '../groups';
import { cellText } from '../numbers';
import { significanceNote, type Column, type Table } from '../table';

/** A trial running now: its draft folder, where it writes history.csv at every epoch's end. */
export interface RunningTrial {
  trial: TrialInfo;
  dir: string;
}

export interface PageInput {
  /** The experiment's file name (results/<name>/). */
  name: string;
  /** What the experiment is (its description), else its name. */
  title: string;
  rows: readonly ResultRow[];
  table: Table;
  /** The table's row keys (variant and/or grid paths), as it groups by. */
  by: readonly string[];
  /** The label of the one row when trials differ only in seed. */
  single?: string;
  /** Every key the trials differ by (variant and grid paths), each a filter of the page's table. */
  keys: readonly string[];
  /** Trials of the experiment: how many there are in all. */
  total: number;
  /** The rows the header counts (done, failed, pruned), when not `rows` (a search's page shows its best configurations but counts every trial). */
  counted?: readonly ResultRow[];
  figures: readonly Figure[];
  /** Figures drawn as SVG directly (classification maps). */
  drawn?: ReadonlyArray<{ name: string; svg: string }>;
  running?: readonly RunningTrial[];
}

type HistoryRow = Record<string, number | null>;

export interface PageTrial {
  id: string;
  label: string;
  seed: number;
  status: 'done' | 'failed' | 'pruned' | 'running';
  reason?: string;
  /** Filter key → value as shown. */
  keys: Record<string, string>;
  /** One per table column: the value in the column's scale and precision. */
  cells: Array<{ text: string; value?: number }>;
  history: HistoryRow[];
  config?: string;
  confusion?: { classes: string[]; counts: number[][] };
  env?: unknown;
}

export interface PageGroup {
  label: string;
  baseline: boolean;
  keys: Record<string, string>;
  cells: Array<{ text: string; mean?: number; best: boolean; significant: boolean; untestable: boolean }>;
  trials: string[];
}

export interface PageData {
  name: string;
  title: string;
  caption: string;
  notes: string[];
  keys: Array<{ key: string; label: string; values: string[] }>;
  rowHeader: string;
  columns: Array<{ label: string; better: Column['better'] }>;
  groups: PageGroup[];
  trials: PageTrial[];
  figures: Array<{ name: string; spec: unknown }>;
  svgs: Array<{ name: string; svg: string }>;
  counts: { done: number; failed: number; pruned: number; running: number; total: number };
}

const shown = (value: unknown) => (value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value));

function keysOf(trial: TrialInfo, keys: readonly string[]): Record<string, string> {
  return Object.fromEntries(keys.map((k) => [k, k === 'variant' ? shown(trial.variant) : shown(trial.grid.find((g) => g.path === k)?.value)]));
}

const text = (dir: string, file: string) => (existsSync(join(dir, file)) ? readFileSync(join(dir, file), 'utf8') : undefined);

/** history.csv as numbers (an empty cell, an epoch without validation, is null). */
function history(row: Pick<ResultRow, 'dir'>): HistoryRow[] {
  return trialCsv(row as ResultRow, 'history.csv').map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === '' ? null : Number(v)])));
}

function confusion(row: ResultRow): PageTrial['confusion'] {
  const records = trialCsv(row, 'confusion.csv');
  if (!records.length) return undefined;
  const classes = Object.keys(records[0]).slice(1);
  return { classes, counts: records.map((r) => classes.map((c) => Number(r[c]))) };
}

function trialOf(row: ResultRow, input: PageInput, groupLabel: string): PageTrial {
  const env = text(row.dir, 'env.json');
  const config = text(row.dir, 'config.resolved.yaml');
  const found = confusion(row);
  return {
    id: row.trial.id,
    label: `${groupLabel}, seed ${row.trial.seed}`,
    seed: row.trial.seed,
    status: row.status,
    ...(row.reason ? { reason: row.reason } : {}),
    keys: keysOf(row.trial, input.keys),
    cells: input.table.columns.map((c) => {
      const v = row.values[c.metric];
      return v === undefined ? { text: '–' } : { text: cellText({ mean: v * c.scale, n: 1, best: false }, c), value: v * c.scale };
    }),
    history: history(row),
    ...(config !== undefined ? { config } : {}),
    ...(found ? { confusion: found } : {}),
    ...(env !== undefined ? { env: JSON.parse(env) as unknown } : {}),
  };
}

const statusCounts = (rows: readonly ResultRow[]) => ({
  done: rows.filter((r) => r.status === 'done').length,
  failed: rows.filter((r) => r.status === 'failed').length,
  pruned: rows.filter((r) => r.status === 'pruned').length,
});

export function pageData(input: PageInput): PageData {
  const { table } = input;
  const groups = groupRows(input.rows, input.by, input.single);
  if (groups.length !== table.rows.length) throw new Error(`report page: ${groups.length} groups for ${table.rows.length} table rows`);
  const trials: PageTrial[] = [];
  const pageGroups: PageGroup[] = groups.map((g, i) => {
    const row = table.rows[i];
    for (const r of g.rows) trials.push(trialOf(r, input, row.label));
    return {
      label: row.label,
      baseline: row.baseline,
      keys: keysOf(g.rows[0].trial, input.keys),
      cells: row.cells.map((c, j) => ({
        text: c.mean === undefined ? '–' : cellText({ ...c, mean: c.mean }, table.columns[j]),
        ...(c.mean !== undefined ? { mean: c.mean } : {}),
        best: c.best,
        significant: c.significant === true,
        untestable: c.untestable !== undefined,
      })),
      trials: g.rows.map((r) => r.trial.id),
    };
  });
  const running = (input.running ?? []).map(({ trial, dir }): PageTrial => ({
    id: trial.id,
    label: `${labelOf({ trial, status: 'done', values: {}, dir }, input.by, input.single)}, seed ${trial.seed}`,
    seed: trial.seed,
    status: 'running',
    keys: keysOf(trial, input.keys),
    cells: table.columns.map(() => ({ text: '…' })),
    history: history({ dir }),
  }));
  const note = significanceNote(table);
  const all = [...trials, ...running];
  return {
    name: input.name,
    title: input.title,
    caption: table.caption,
    notes: note ? [`${note.dagger ? '† ' : ''}${note.text}`, ...(note.untested ? [`‡ ${note.untested}`] : [])] : [],
    keys: input.keys.map((key) => ({ key, label: key === 'variant' ? 'variant' : key, values: [...new Set(all.map((t) => t.keys[key]))] })),
    rowHeader: table.rowHeader,
    columns: table.columns.map((c) => ({ label: c.label, better: c.better })),
    groups: pageGroups,
    trials: all,
    figures: input.figures.map((f) => ({ name: f.name, spec: f.spec })),
    svgs: (input.drawn ?? []).map((f) => ({ name: f.name, svg: f.svg })),
    counts: { ...statusCounts(input.counted ?? input.rows), running: running.length, total: input.total },
  };
}
