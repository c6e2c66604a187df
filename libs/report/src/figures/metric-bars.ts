/**
 * The main metric per row: a bar per row in its colour, an error bar of one std over seeds, and
 * the value above the error bar (so that the two never overlap). The y axis starts near the data,
 * not at 0, so that 86.71 and 86.38 look different; the subtitle says where it starts.
 */
import type * as vl from 'vega-lite';
import type { Group } from '../groups';
import type { Table } from '../table';
import { metricAxis, nearDomain, seedText } from './axes';
import { pointsOf } from './series';
import { colour, frame, type FigureContext } from './style';

export function metricBars(groups: readonly Group[], table: Table, column: string, ctx: FigureContext): vl.TopLevelSpec | undefined {
  const axis = metricAxis(column, table);
  const values = pointsOf(groups, column, axis.scale);
  if (values.length === 0) return undefined;
  const lo = Math.min(...values.map((v) => v.low));
  const hi = Math.max(...values.map((v) => v.high));
  const [start, upper] = nearDomain(lo, hi, 0.6, 0.25);
  // Room above the highest error bar for its value: at least 16% of the plot's height.
  const end = Math.max(upper, (hi - 0.16 * start) / 0.84);
  const note = start > 0 ? `; y axis from ${start}, not 0` : '';
  const x = { field: 'series', type: 'nominal', title: null, sort: ctx.series, axis: { labelAngle: values.some((v) => v.series.length > 12) ? -30 : 0, labelLimit: 120 } } as const;
  const y = { type: 'quantitative', title: axis.title, scale: { domain: [start, end], nice: false, zero: false } } as const;
  return {
    ...frame(ctx, `${axis.title}, ${seedText(table)}${note}`),
    height: 170,
    data: { values },
    layer: [
      { mark: { type: 'bar', clip: true, width: { band: 0.6 } }, encoding: { x, y: { ...y, field: 'mean' }, color: { ...colour(ctx.series, ctx.width), legend: null } } },
      { mark: { type: 'errorbar', ticks: { size: 10 }, color: 'black', clip: true }, encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' } } },
      { mark: { type: 'text', baseline: 'bottom', dy: -3, fontSize: 10 }, encoding: { x, y: { ...y, field: 'high' }, text: { field: 'mean', type: 'quantitative', format: `.${axis.precision}f` } } },
    ],
  } as unknown as vl.TopLevelSpec;
}
