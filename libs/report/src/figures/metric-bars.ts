/**
 * The main metric per row: a bar per row in its colour, an error bar of one std over seeds (none
 * with one seed: there is no spread to show), and the value above it (so that the two never
 * overlap). The y axis starts near the data, not at 0, so that 86.71 and 86.38 look different; the
 * subtitle says where it starts. An accuracy shows its chance level, 1 / classes: a labelled line
 * when it falls on the axis, else in the subtitle.
 */
import type * as vl from 'vega-lite';
import type { Group } from '../groups';
import type { Table } from '../table';
import { METRICS } from '@ablate/spec';
import { metricAxis, metricName, nearDomain, seedText } from './axes';
import { pointsOf } from './series';
import { colour, frame, type FigureContext } from './style';

const classesOf = (groups: readonly Group[]) => groups.flatMap((g) => g.rows).find((r) => r.classNames)?.classNames?.length;

/** The chance level of an accuracy column (1 / classes, scaled as the axis), when the classes are known. */
function chanceLevel(groups: readonly Group[], column: string, scale: number): number | undefined {
  const classes = classesOf(groups);
  return METRICS.get(metricName(column))?.chance === 'uniform' && classes ? scale / classes : undefined;
}

export function metricBars(groups: readonly Group[], table: Table, column: string, ctx: FigureContext): vl.TopLevelSpec | undefined {
  const axis = metricAxis(column, table);
  const values = pointsOf(groups, column, axis.scale);
  if (values.length === 0) return undefined;
  const lo = Math.min(...values.map((v) => v.low));
  const hi = Math.max(...values.map((v) => v.high));
  const [start, upper] = nearDomain(lo, hi, 0.6, 0.25);
  // Room above the highest error bar for its value: at least 16% of the plot's height.
  const end = Math.max(upper, (hi - 0.16 * start) / 0.84);
  const chance = chanceLevel(groups, column, axis.scale);
  const onAxis = chance !== undefined && chance >= start && chance <= end;
  const note = `${start > 0 ? `; y axis from ${start}, not 0` : ''}${chance !== undefined && !onAxis ? `; chance ${chance.toFixed(axis.precision)}` : ''}`;
  const oneSeed = table.seeds[1] <= 1;
  const x = { field: 'series', type: 'nominal', title: null, sort: ctx.series, axis: { labelAngle: values.some((v) => v.series.length > 12) ? -30 : 0, labelLimit: 120 } } as const;
  const y = { type: 'quantitative', title: axis.title, scale: { domain: [start, end], nice: false, zero: false } } as const;
  return {
    ...frame(ctx, `${axis.title}, ${seedText(table)}${note}`),
    height: 170,
    data: { values },
    layer: [
      { mark: { type: 'bar', clip: true, width: { band: 0.6 } }, encoding: { x, y: { ...y, field: 'mean' }, color: { ...colour(ctx.series, ctx.width), legend: null } } },
      ...(oneSeed ? [] : [{ mark: { type: 'errorbar', ticks: { size: 10 }, color: 'black', clip: true }, encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' } } }]),
      { mark: { type: 'text', baseline: 'bottom', dy: -3, fontSize: 10 }, encoding: { x, y: { ...y, field: oneSeed ? 'mean' : 'high' }, text: { field: 'mean', type: 'quantitative', format: `.${axis.precision}f` } } },
      ...(onAxis
        ? [
            { data: { values: [{ chance }] }, mark: { type: 'rule', strokeDash: [4, 3], color: '#555555' }, encoding: { y: { ...y, field: 'chance' } } },
            { data: { values: [{ chance, label: `chance (1/${classesOf(groups)})` }] }, mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -2, fontSize: 9, color: '#555555', x: { expr: 'width' } }, encoding: { y: { ...y, field: 'chance' }, text: { field: 'label' } } },
          ]
        : []),
    ],
  } as unknown as vl.TopLevelSpec;
}
