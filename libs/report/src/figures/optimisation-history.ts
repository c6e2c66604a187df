/**
 * The history of a search: the metric of each trial against its number, a dot per trial coloured
 * by how it ended (complete; pruned, at its last reported value), and a step line of the best
 * complete value so far, which ends at the last trial.
 */
import type * as vl from 'vega-lite';
import { bestRow, type SearchAxis, type SearchRow } from '../search-row';
import { PALETTE, frame, type FigureContext } from './style';

const SERIES = ['complete', 'pruned', 'best so far'];

export function optimisationHistory(rows: readonly SearchRow[], axis: SearchAxis, ctx: FigureContext): vl.TopLevelSpec | undefined {
  const scale = axis.scale ?? 1;
  const shown = [...rows].filter((r) => (r.state === 'complete' || r.state === 'pruned') && r.value !== undefined && Number.isFinite(r.value)).sort((a, b) => a.index - b.index);
  if (shown.length === 0) return undefined;
  const dots = shown.map((r) => ({ index: r.index, value: r.value! * scale, series: r.state }));
  const best: Array<{ index: number; value: number; series: string }> = [];
  for (const row of shown.filter((r) => r.state === 'complete')) {
    const so = bestRow(shown.filter((r) => r.index <= row.index), axis.direction)!;
    best.push({ index: row.index, value: so.value! * scale, series: 'best so far' });
  }
  const last = shown[shown.length - 1].index;
  if (best.length > 0 && best[best.length - 1].index < last) best.push({ ...best[best.length - 1], index: last });
  const title = axis.title ?? axis.metric;
  const n = shown.length;
  const pruned = shown.filter((r) => r.state === 'pruned').length;
  const x = { field: 'index', type: 'quantitative', title: 'Trial', scale: { nice: false, padding: 6 }, axis: { format: 'd', tickMinStep: 1 } } as const;
  const y = { field: 'value', type: 'quantitative', title, scale: { zero: false, padding: 8 } } as const;
  const color = { field: 'series', type: 'nominal', title: null, scale: { domain: SERIES, range: [PALETTE[0], '#999999', PALETTE[1]] }, legend: { orient: 'bottom', direction: 'horizontal' } } as const;
  return {
    ...frame(ctx, `${title} of each trial (${n} trials${pruned ? `, ${pruned} pruned` : ''}), ${axis.direction === 'maximize' ? 'higher' : 'lower'} is better; the line is the best so far`),
    height: 170,
    layer: [
      { data: { values: best }, mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.5 }, encoding: { x, y, color } },
      { data: { values: dots }, mark: { type: 'point', filled: true, size: 28, opacity: 0.9 }, encoding: { x, y, color } },
    ],
  } as unknown as vl.TopLevelSpec;
}
