/**
 * Per-class F1 (or recall, the per-class accuracy, or precision) on the test set from each trial's
 * metrics.json: bars grouped by class, one colour per row in the legend's order, an error bar of
 * one std over seeds.
 */
import type * as vl from 'vega-lite';
import type { Group } from '../groups';
import type { Table } from '../table';
import { metricAxis, seedText } from './axes';
import { summarise } from './series';
import { colour, frame, type FigureContext } from './style';
import { perClassOf } from './trial-files';

export type PerClassMeasure = 'f1' | 'recall' | 'precision';

export function perClassBars(groups: readonly Group[], table: Table, measure: PerClassMeasure, ctx: FigureContext): vl.TopLevelSpec | undefined {
  const axis = metricAxis(measure, table);
  let classes: string[] = [];
  const values = groups.flatMap((g) => {
    const runs = g.rows.filter((r) => r.status === 'done').map(perClassOf).filter((p) => p !== undefined);
    if (runs.length === 0) return [];
    classes = runs[0].classes;
    return classes.map((name, k) => ({ ...summarise(g.label, runs.map((p) => p[measure][k] * axis.scale))!, class: name }));
  });
  if (values.length === 0) return undefined;
  const x = { field: 'class', type: 'nominal', sort: classes, title: null, axis: { labelAngle: classes.some((c) => c.length > 6) ? -40 : 0, labelLimit: 110 } } as const;
  const y = { type: 'quantitative', title: axis.title, scale: { domain: [0, axis.scale], nice: false } } as const;
  const offset = { field: 'series', type: 'nominal', sort: ctx.series, scale: { paddingInner: 0.05 } } as const;
  return {
    ...frame(ctx, `${axis.title.replace(/ \(%\)$/, '')} per class on the test set, ${seedText(table)}`),
    height: 150,
    data: { values },
    layer: [
      { mark: 'bar', encoding: { x, xOffset: offset, y: { ...y, field: 'mean' }, color: colour(ctx.series, ctx.width) } },
      ...(table.seeds[1] > 1 ? [{ mark: { type: 'errorbar', color: 'black', thickness: 0.8 }, encoding: { x, xOffset: offset, y: { ...y, field: 'low' }, y2: { field: 'high' } } }] : []),
    ],
  } as unknown as vl.TopLevelSpec;
}
