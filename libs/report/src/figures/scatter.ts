/**
 * The metric against model size (trainable parameters or MACs): a point per row in its colour with
 * an error bar of one std over seeds and its name beside it; log x axis when the sizes span 10x.
 */
import type * as vl from 'vega-lite';
import type { Group } from '../groups';
import type { Table } from '../table';
import { metricAxis, seedText } from './axes';
import { summarise, valuesOf } from './series';
import { colour, frame, type FigureContext } from './style';

export function sizeScatter(groups: readonly Group[], table: Table, size: 'params' | 'macs', column: string, ctx: FigureContext): vl.TopLevelSpec | undefined {
  const axis = metricAxis(column, table);
  const values = groups.flatMap((g) => {
    const y = summarise(g.label, valuesOf(g.rows, column, axis.scale));
    const x = summarise(g.label, valuesOf(g.rows, size));
    return y && x && x.mean > 0 ? [{ ...y, size: x.mean }] : [];
  });
  if (values.length < 2 || new Set(values.map((v) => v.size)).size < 2) return undefined;
  const sizes = values.map((v) => v.size);
  const [least, most] = [Math.min(...sizes), Math.max(...sizes)];
  const log = most / least >= 10;
  const domain = log ? [least / 2, most * 2] : [least - (most - least) * 0.15, most + (most - least) * 0.15];
  const where = (v: number) => (log ? Math.log(v / domain[0]) / Math.log(domain[1] / domain[0]) : (v - domain[0]) / (domain[1] - domain[0]));
  const powers = log ? Array.from({ length: 20 }, (_, i) => 10 ** i).filter((p) => p >= domain[0] && p <= domain[1]) : undefined;
  // A name right of its point, or left of it in the right half, so that it stays inside the plot.
  const labelled = values.map((v) => ({ ...v, side: where(v.size) > 0.55 ? 'right' : 'left' }));
  const x = {
    field: 'size',
    type: 'quantitative',
    title: size === 'params' ? 'Trainable parameters' : 'Multiply-accumulates (MACs)',
    scale: { type: log ? 'log' : 'linear', domain, nice: false },
    axis: { format: '~s', ...(powers && powers.length >= 2 ? { values: powers } : { tickCount: 5 }) },
  } as const;
  const y = { type: 'quantitative', title: axis.title, scale: { zero: false, padding: 12 } } as const;
  return {
    ...frame(ctx, `${axis.title.replace(/ \(.*\)$/, '')} against ${size === 'params' ? 'model size' : 'computation'}, ${seedText(table)}`),
    height: 170,
    data: { values: labelled },
    layer: [
      ...(table.seeds[1] > 1 ? [{ mark: { type: 'errorbar', ticks: { size: 6 }, color: '#555' }, encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' } } }] : []),
      { mark: { type: 'point', filled: true, size: 45, opacity: 1 }, encoding: { x, y: { ...y, field: 'mean' }, color: { ...colour(ctx.series, ctx.width), legend: null } } },
      ...(['left', 'right'] as const).map((side) => ({
        transform: [{ filter: { field: 'side', equal: side } }],
        mark: { type: 'text', align: side, dx: side === 'left' ? 6 : -6, dy: -8, fontSize: 10 },
        encoding: { x, y: { ...y, field: 'mean' }, text: { field: 'series' } },
      })),
    ],
  } as unknown as vl.TopLevelSpec;
}
