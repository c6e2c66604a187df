/**
 * Grid sensitivity: the metric against the values of one grid path, a line per setting of the
 * other row keys (variant, other grid paths) with a band of one std over seeds, on a log axis when
 * the values are spaced evenly on one (a learning-rate grid 1e-4, 3e-4, 1e-3, ...); or, over two
 * grid paths, a heat map of the mean (one figure per setting of the other row keys). Axis titles
 * are the plot's `labels`, else the grid paths.
 */
import type * as vl from 'vega-lite';
import type { ResultRow } from '../collect';
import { groupRows, type Group } from '../groups';
import type { Table } from '../table';
import { metricAxis, seedText } from './axes';
import { summarise, valuesOf } from './series';
import { colour, frame, type FigureContext } from './style';

const gridValue = (row: ResultRow, path: string) => row.trial.grid.find((g) => g.path === path)?.value;
const shown = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** How unevenly spaced sorted values are: the largest gap over the smallest. */
function unevenness(values: readonly number[]): number {
  const gaps = values.slice(1).map((v, i) => v - values[i]);
  return Math.max(...gaps) / Math.min(...gaps);
}

/**
 * A log axis for positive values spread over a factor of 5 or more that are more evenly spaced on a
 * log scale than on a linear one (two values: when they span two decades or more).
 */
export function wantsLogAxis(levels: readonly number[]): boolean {
  const sorted = [...levels].sort((a, b) => a - b);
  if (sorted.length < 2 || sorted[0] <= 0 || sorted[sorted.length - 1] / sorted[0] < 5) return false;
  if (sorted.length === 2) return sorted[1] / sorted[0] >= 100;
  return unevenness(sorted.map(Math.log)) < unevenness(sorted);
}

/** The rows split by the row keys other than `paths`, each then by the values of `paths`. */
export function linesOf(rows: readonly ResultRow[], by: readonly string[], paths: readonly string[], single: string): Array<{ label: string; points: Group[] }> {
  const others = by.filter((b) => !paths.includes(b));
  return groupRows(rows, others, single).map((line) => ({ label: line.label, points: groupRows(line.rows, paths) }));
}

export function sensitivityLine(rows: readonly ResultRow[], by: readonly string[], path: string, column: string, table: Table, ctx: FigureContext, label = path): vl.TopLevelSpec | undefined {
  const axis = metricAxis(column, table);
  const lines = linesOf(rows, by, [path], ctx.title);
  const values = lines.flatMap((line) =>
    line.points.flatMap((p) => {
      const s = summarise(line.label, valuesOf(p.rows, column, axis.scale));
      return s ? [{ ...s, value: gridValue(p.rows[0], path) }] : [];
    }),
  );
  if (values.length === 0) return undefined;
  const numeric = values.every((v) => typeof v.value === 'number');
  const levels = [...new Set(values.map((v) => v.value))];
  const log = numeric && wantsLogAxis(levels as number[]);
  const base = (l: (typeof lines)[number]) => ctx.baseline !== undefined && l.points[0]?.rows[0]?.trial.variant === ctx.baseline;
  const order = [...lines.filter(base), ...lines.filter((l) => !base(l))].map((l) => l.label);
  const x = numeric
    ? { field: 'value', type: 'quantitative', title: label, scale: log ? { type: 'log', nice: false } : { zero: false, nice: false }, axis: { values: levels, format: log ? '~g' : '~r', labelOverlap: false } }
    : { field: 'value', type: 'ordinal', title: label, sort: levels.map(shown) };
  const y = { type: 'quantitative', title: axis.title, scale: { zero: false } } as const;
  return {
    ...frame(ctx, `${axis.title.replace(/ \(.*\)$/, '')} against ${label}, ${seedText(table)}${table.seeds[1] > 1 ? ' (band)' : ''}`),
    height: 170,
    data: { values: numeric ? values : values.map((v) => ({ ...v, value: shown(v.value) })) },
    layer: [
      ...(table.seeds[1] > 1 ? [{ mark: { type: 'area', opacity: 0.18 }, encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' }, color: colour(order, ctx.width) } }] : []),
      { mark: { type: 'line', point: { size: 25 }, strokeWidth: 1.5 }, encoding: { x, y: { ...y, field: 'mean' }, color: colour(order, ctx.width) } },
    ],
  } as unknown as vl.TopLevelSpec;
}

/** Heat maps of the mean over two grid paths, one per setting of the other row keys. */
export function sensitivityHeatmaps(
  rows: readonly ResultRow[],
  by: readonly string[],
  paths: readonly [string, string],
  column: string,
  table: Table,
  ctx: FigureContext,
  labels: readonly [string | undefined, string | undefined] = [undefined, undefined],
): Array<{ label: string; spec: vl.TopLevelSpec }> {
  const axis = metricAxis(column, table);
  const [a, b] = paths;
  const [titleA, titleB] = [labels[0] ?? a, labels[1] ?? b];
  return linesOf(rows, by, paths, '').flatMap((line) => {
    const values = line.points.flatMap((p) => {
      const s = summarise(line.label, valuesOf(p.rows, column, axis.scale));
      return s ? [{ ...s, a: shown(gridValue(p.rows[0], a)), b: shown(gridValue(p.rows[0], b)) }] : [];
    });
    if (values.length === 0) return [];
    const sortOf = (key: 'a' | 'b', path: string) => [...new Set(line.points.map((p) => gridValue(p.rows[0], path)))].sort((x, y) => (typeof x === 'number' && typeof y === 'number' ? x - y : 0)).map(shown).filter((v) => values.some((d) => d[key] === v));
    const xs = sortOf('a', a);
    const ys = sortOf('b', b);
    const step = Math.max(16, Math.min(40, Math.floor((ctx.width - 8 - 150) / xs.length)));
    const mid = (Math.min(...values.map((v) => v.mean)) + Math.max(...values.map((v) => v.mean))) / 2;
    const spec = {
      ...frame(ctx, `${axis.title} over ${titleA} and ${titleB}${line.label ? ` (${line.label})` : ''}, ${seedText(table).replace('± std ', '')}`, false),
      data: { values },
      width: { step },
      height: { step: Math.min(step, 30) },
      encoding: { x: { field: 'a', type: 'ordinal', sort: xs, title: titleA }, y: { field: 'b', type: 'ordinal', sort: [...ys].reverse(), title: titleB } },
      layer: [
        { mark: 'rect', encoding: { color: { field: 'mean', type: 'quantitative', title: axis.title, scale: { scheme: 'viridis' }, legend: { orient: 'right', direction: 'vertical', gradientLength: 100 } } } },
        ...(step >= 28 ? [{ mark: { type: 'text', fontSize: 8 }, encoding: { text: { field: 'mean', type: 'quantitative', format: `.${Math.min(axis.precision, 1)}f` }, color: { condition: { test: `datum.mean < ${mid}`, value: 'white' }, value: 'black' } } }] : []),
      ],
    } as unknown as vl.TopLevelSpec;
    return [{ label: line.label, spec }];
  });
}
