/**
 * The rows of a figure (variants and/or grid points, as in the table), in the experiment's order
 * with the baseline first, and their mean and standard deviation over seeds.
 */
import type { ResultRow } from '../collect';
import type { Group } from '../groups';
import { mean, std } from '../stats';

/** Groups in the experiment's order, the baseline's first. */
export function ordered(groups: readonly Group[], baseline: string | undefined): Group[] {
  const isBase = (g: Group) => baseline !== undefined && g.rows[0]?.trial.variant === baseline;
  return [...groups.filter(isBase), ...groups.filter((g) => !isBase(g))];
}

export interface Point {
  series: string;
  mean: number;
  std: number;
  low: number;
  high: number;
  n: number;
}

/** The finished seeds' values of `column`, times `scale`. */
export const valuesOf = (rows: readonly ResultRow[], column: string, scale = 1): number[] =>
  rows.filter((r) => r.status === 'done' && Number.isFinite(r.values[column])).map((r) => r.values[column] * scale);

/** Mean ± std of the values, with the band's ends; undefined when there is none. */
export function summarise(series: string, values: readonly number[]): Point | undefined {
  if (values.length === 0) return undefined;
  const m = mean(values);
  const s = std(values);
  return { series, mean: m, std: s, low: m - s, high: m + s, n: values.length };
}

export function pointsOf(groups: readonly Group[], column: string, scale: number): Point[] {
  return groups.map((g) => summarise(g.label, valuesOf(g.rows, column, scale))).filter((p): p is Point => p !== undefined);
}
