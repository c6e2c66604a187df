/**
 * A metric as a figure shows it: its axis title with the unit, and the scale of the table (% when
 * the table shows that metric, or its kind, in %), so that a figure and the table beside it agree.
 */
import { columnLabel, METRICS, TRIAL_COLUMN_REGISTRY } from '@ablate/spec';
import type { Table } from '../table';

/** The per-class measures of the per_class plot: fractions, as the metrics a table shows in %. */
const PER_CLASS: Record<string, string> = { f1: 'F1', recall: 'Recall', precision: 'Precision' };
const entryOf = (name: string) => METRICS.get(name) ?? TRIAL_COLUMN_REGISTRY.get(name);
/** Metrics between 0 and 1 that a table may show in %. */
const isFraction = (name: string) => PER_CLASS[name] !== undefined || METRICS.get(name)?.scale === 100;
/** The axis title: the registry's label, with its unit or %. */
function titleOf(name: string, percent: boolean): string {
  const entry = entryOf(name);
  const label = PER_CLASS[name] ?? entry?.label ?? name;
  if (percent) return `${label} (%)`;
  return entry ? columnLabel(entry, 1) : label;
}

export interface MetricAxis {
  metric: string;
  title: string;
  scale: number;
  precision: number;
}

/** `test.oa` → oa; `corrupt.gaussian_noise@snr_db=20.oa` → oa; `params` → params. */
export const metricName = (column: string) => column.slice(column.lastIndexOf('.') + 1);

/** Whether the table shows fractions in % (some column of a 0-1 metric has scale 100). */
const percentTable = (table: Table) => table.columns.some((c) => c.scale === 100 && isFraction(metricName(c.metric)));

/**
 * The axis of a results column: the table's own column when it has one with a label that names
 * the metric (not a level like "30 dB", nor any label of a transposed table, whose columns are
 * levels: "Clean"), else the metric's name, in % when it is a fraction and the table shows
 * fractions in %.
 */
export function metricAxis(column: string, table: Table, ownLabel = true): MetricAxis {
  const name = metricName(column);
  const own = table.columns.find((c) => c.metric === column);
  const percent = own ? own.scale === 100 : isFraction(name) && percentTable(table);
  const scale = own?.scale ?? (percent ? 100 : 1);
  const ownTitle = ownLabel && table.layout !== 'transposed' && own && own.label !== own.metric && !/^\d/.test(own.label) ? own.label : undefined;
  return { metric: column, title: ownTitle ?? titleOf(name, percent), scale, precision: own?.precision ?? (percent ? 2 : 3) };
}

/** The column a figure shows by default: the table's first that is a result to compare (not a size or a time). */
export function mainColumn(table: Table): string {
  return (table.columns.find((c) => c.better !== 'none' && !TRIAL_COLUMN_REGISTRY.has(c.metric)) ?? table.columns[0]).metric;
}

/** `mean ± std over 3 seeds`, `mean over 1 seed`. */
export function seedText(table: Table): string {
  const [lo, hi] = table.seeds;
  const n = lo === hi ? `${lo} seed${lo === 1 ? '' : 's'}` : `${lo}-${hi} seeds`;
  return `mean ${hi > 1 ? '± std ' : ''}over ${n}`;
}

/** A domain around [lo, hi] with round ends, padded by `below` and `above` times the span; from 0 when that is near. */
export function nearDomain(lo: number, hi: number, below = 0.5, above = 0.2): [number, number] {
  const span = hi - lo || Math.abs(hi) * 0.1 || 1;
  const step = 10 ** Math.floor(Math.log10(span));
  let start = Math.floor((lo - below * span) / step) * step;
  if (lo >= 0 && start < 0) start = 0;
  const end = Math.ceil((hi + above * span) / step) * step;
  return [Number(start.toPrecision(12)), Number(end.toPrecision(12))];
}
