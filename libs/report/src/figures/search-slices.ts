/**
 * The slices of a search: one small panel per parameter, the metric of each trial against the
 * value it had (trials without the param, a `when` off, are not in its panel), dots coloured by how
 * the trial ended; a log x axis for log params, the values in the space's order for a choice.
 */
import type * as vl from 'vega-lite';
import type { SearchAxis, SearchRow } from '../search-row';
import { PALETTE, frame, type FigureContext } from './style';

/** What a slice needs of a param of the space (the search's own param type fits). */
export interface SliceParam {
  type: 'uniform' | 'log_uniform' | 'int' | 'choice';
  log?: boolean;
  values?: unknown[];
}

const shown = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** A log axis ticked at the powers of ten inside the values' range (when there are two), no minor grid lines. */
function logTicks(xs: number[]) {
  const [lo, hi] = [Math.min(...xs), Math.max(...xs)];
  const powers = Array.from({ length: 41 }, (_, i) => 10 ** (i - 20)).filter((p) => p >= lo && p <= hi);
  return powers.length >= 2 ? { values: powers, format: '~g' } : { tickCount: 3, format: '~g' };
}

export function searchSlices(rows: readonly SearchRow[], space: Readonly<Record<string, SliceParam>>, axis: SearchAxis, ctx: FigureContext): vl.TopLevelSpec | undefined {
  const scale = axis.scale ?? 1;
  const done = rows.filter((r) => (r.state === 'complete' || r.state === 'pruned') && r.value !== undefined && Number.isFinite(r.value));
  const paths = Object.keys(space).filter((path) => done.some((r) => path in r.params));
  if (paths.length === 0) return undefined;
  const columns = Math.max(1, Math.min(paths.length, Math.floor(ctx.width / 165)));
  const width = Math.floor((ctx.width - 8) / columns) - 58;
  const title = axis.title ?? axis.metric;
  const color = { field: 'state', type: 'nominal', title: null, scale: { domain: ['complete', 'pruned'], range: [PALETTE[0], '#999999'] }, legend: { orient: 'bottom', direction: 'horizontal' } } as const;
  const panels = paths.map((path) => {
    const param = space[path];
    const values = done.filter((r) => path in r.params).map((r) => ({ index: r.index, state: r.state, value: r.value! * scale, x: param.type === 'choice' ? shown(r.params[path]) : r.params[path] }));
    const log = param.type === 'log_uniform' || (param.type === 'int' && param.log === true);
    const x =
      param.type === 'choice'
        ? { field: 'x', type: 'ordinal', title: path, sort: (param.values ?? []).map(shown), scale: { domain: (param.values ?? []).map(shown) }, axis: { labelAngle: 0, labelLimit: Math.floor(width / Math.max(1, param.values?.length ?? 1)) } }
        : { field: 'x', type: 'quantitative', title: path, scale: log ? { type: 'log', nice: false } : { zero: false, nice: false }, axis: log ? logTicks(values.map((v) => v.x as number)) : { tickCount: 4, format: '~r' } };
    return {
      width,
      height: 110,
      data: { values },
      mark: { type: 'point', filled: true, size: 22, opacity: 0.85 },
      encoding: { x, y: { field: 'value', type: 'quantitative', title, scale: { zero: false, padding: 6 } }, color },
    };
  });
  return {
    ...frame(ctx, `${title} of each trial against each searched parameter (${done.length} trials)`, false),
    columns,
    concat: panels,
    resolve: { scale: { y: 'shared' } },
  } as unknown as vl.TopLevelSpec;
}
