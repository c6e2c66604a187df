/**
 * Learning curves from each trial's history.csv: the loss and the main metric per epoch, training
 * dashed and validation solid, a line per row (mean over seeds) in its colour with a band of one
 * std. Integer epoch ticks; the metric in % when the table shows it in %. Stacked panels in one
 * column, side by side across a page.
 */
import type * as vl from 'vega-lite';
import type { Group } from '../groups';
import type { Table } from '../table';
import { METRICS } from '@ablate/spec';
import { mainColumn, metricAxis, metricName, seedText } from './axes';
import { summarise } from './series';
import { colour, frame, type FigureContext } from './style';
import { trialCsv } from './trial-files';

const SPLITS = [
  ['train', 'Training'],
  ['val', 'Validation'],
] as const;

export function learningCurves(groups: readonly Group[], table: Table, ctx: FigureContext): vl.TopLevelSpec | undefined {
  const histories = groups.map((g) => ({ series: g.label, runs: g.rows.filter((r) => r.status === 'done').map((r) => trialCsv(r, 'history.csv')).filter((h) => h.length > 0) }));
  const columns = new Set(histories.flatMap((h) => h.runs.flatMap((run) => Object.keys(run[0]))));
  // The metric beside the loss: the table's main one when the histories record it, else the first they record.
  const main = [metricName(mainColumn(table)), ...METRICS.names()].find((m) => m !== 'loss' && (columns.has(`val.${m}`) || columns.has(`train.${m}`)));
  const panels = ['loss', ...(main ? [main] : [])].map((m) => ({ metric: m, axis: m === 'loss' ? { title: 'Loss', scale: 1 } : metricAxis(`test.${m}`, table) }));
  const points = panels.flatMap(({ metric, axis }) =>
    histories.flatMap(({ series, runs }) =>
      SPLITS.flatMap(([split, splitName]) => {
        const epochs = Math.max(0, ...runs.map((r) => r.length));
        return Array.from({ length: epochs }, (_, e) => {
          // An empty cell: no validation that epoch.
          const cells = runs.map((r) => r[e]?.[`${split}.${metric}`]).filter((v): v is string => v !== undefined && v !== '');
          const values = cells.map((v) => Number(v) * axis.scale).filter(Number.isFinite);
          const p = summarise(series, values);
          return p && { ...p, panel: metric, split: splitName, epoch: e + 1 };
        }).filter((p) => p !== undefined);
      }),
    ),
  );
  if (points.length === 0) return undefined;
  const across = ctx.width > 500 && panels.length > 1;
  const width = across ? (ctx.width - 8 - 2 * 55 - 20) / 2 : ctx.width - 8 - 55;
  // Whole epochs only, at most about 10 ticks.
  const last = Math.max(...points.map((p) => p.epoch));
  const every = Math.max(1, Math.ceil(last / 10));
  const ticks = Array.from({ length: last }, (_, i) => i + 1).filter((e) => e === 1 || e % every === 0);
  const x = { field: 'epoch', type: 'quantitative', title: 'Epoch', scale: { domain: [1, Math.max(2, last)], nice: false }, axis: { values: ticks, format: 'd' } } as const;
  const dash = { field: 'split', type: 'nominal', title: null, legend: { orient: 'top' }, sort: SPLITS.map(([, n]) => n), scale: { domain: SPLITS.map(([, n]) => n), range: [[4, 3], [1, 0]] } } as const;
  const panel = (metric: string, title: string, bottom: boolean) => ({
    width,
    height: across ? 150 : 110,
    transform: [{ filter: { field: 'panel', equal: metric } }],
    layer: [
      { mark: { type: 'area', opacity: 0.15 }, encoding: { x, y: { field: 'low', type: 'quantitative', title, scale: { zero: false } }, y2: { field: 'high' }, color: colour(ctx.series, ctx.width), detail: { field: 'split' } } },
      { mark: { type: 'line', strokeWidth: 1.5 }, encoding: { x: bottom || across ? x : { ...x, title: null }, y: { field: 'mean', type: 'quantitative', title, scale: { zero: false } }, color: colour(ctx.series, ctx.width), strokeDash: dash } },
    ],
  });
  return {
    ...frame(ctx, `Learning curves, ${seedText(table)}${seedText(table).includes('±') ? ' (band)' : ''}`, false),
    data: { values: points },
    [across ? 'hconcat' : 'vconcat']: panels.map((p, i) => panel(p.metric, p.axis.title, i === panels.length - 1)),
    resolve: { scale: { y: 'independent' } },
    spacing: across ? 20 : 8,
  } as unknown as vl.TopLevelSpec;
}
