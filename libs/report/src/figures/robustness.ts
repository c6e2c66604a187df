/**
 * Robustness curves: the metric against the corruption level of each condition the trials were
 * tested under (`corrupt.gaussian_noise@snr_db=20.oa`), a line per row with a band of one std over
 * seeds, and the clean test value as a dashed line of the row's colour. One figure per corruption
 * parameter (Gaussian noise by SNR, band dropout by fraction, occlusion by size).
 */
import type * as vl from 'vega-lite';
import type { Group } from '../groups';
import type { Table } from '../table';
import { metricAxis, seedText } from './axes';
import { summarise, valuesOf } from './series';
import { colour, frame, type FigureContext } from './style';

const LEVEL: Record<string, string> = { snr_db: 'SNR (dB)', fraction: 'Fraction of bands dropped', size: 'Occluded square side (px)' };

export interface Condition {
  /** `gaussian_noise@snr_db` */
  family: string;
  type: string;
  parameter: string;
  level: number;
  /** `corrupt.gaussian_noise@snr_db=20.oa` */
  column: string;
}

/** The corruption conditions the rows hold the metric for, by family. */
export function conditionsOf(groups: readonly Group[], metric: string): Map<string, Condition[]> {
  const out = new Map<string, Condition[]>();
  const seen = new Set<string>();
  for (const row of groups.flatMap((g) => g.rows)) {
    for (const column of Object.keys(row.values)) {
      const m = /^corrupt\.([a-z0-9_]+)@([a-z0-9_]+)=([^.]+(?:\.\d+)?)\.([a-z0-9_]+)$/.exec(column);
      if (!m || m[4] !== metric || seen.has(column) || !Number.isFinite(Number(m[3]))) continue;
      seen.add(column);
      const family = `${m[1]}@${m[2]}`;
      out.set(family, [...(out.get(family) ?? []), { family, type: m[1], parameter: m[2], level: Number(m[3]), column }]);
    }
  }
  return out;
}

export function robustnessCurve(groups: readonly Group[], table: Table, conditions: readonly Condition[], ctx: FigureContext): vl.TopLevelSpec | undefined {
  const metric = conditions[0]?.column.slice(conditions[0].column.lastIndexOf('.') + 1);
  if (!metric) return undefined;
  // The metric's own name: the table may label its columns by level ("Clean", "30 dB").
  const axis = metricAxis(`test.${metric}`, table, false);
  const curve = groups.flatMap((g) =>
    conditions.flatMap((c) => {
      const p = summarise(g.label, valuesOf(g.rows, c.column, axis.scale));
      return p ? [{ ...p, level: c.level }] : [];
    }),
  );
  if (curve.length === 0) return undefined;
  const clean = groups.map((g) => summarise(g.label, valuesOf(g.rows, `test.${metric}`, axis.scale))).filter((p) => p !== undefined);
  const { type, parameter } = conditions[0];
  const x = { field: 'level', type: 'quantitative', title: LEVEL[parameter] ?? parameter, scale: { zero: false, nice: false }, axis: { values: [...new Set(conditions.map((c) => c.level))].sort((a, b) => a - b) } } as const;
  const y = { type: 'quantitative', title: axis.title, scale: { zero: false } } as const;
  const what = type === 'gaussian_noise' ? 'Gaussian noise' : type.replace(/_/g, ' ');
  return {
    ...frame(ctx, `${axis.title.replace(/ \(.*\)$/, '')} under test-time ${what}, ${seedText(table)}${table.seeds[1] > 1 ? ' (band)' : ''}${clean.length ? '; dashed: clean test set' : ''}`),
    height: 170,
    layer: [
      ...(table.seeds[1] > 1 ? [{ data: { values: curve }, mark: { type: 'area', opacity: 0.18 }, encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' }, color: colour(ctx.series, ctx.width) } }] : []),
      { data: { values: curve }, mark: { type: 'line', point: { size: 25 }, strokeWidth: 1.5 }, encoding: { x, y: { ...y, field: 'mean' }, color: colour(ctx.series, ctx.width) } },
      ...(clean.length ? [{ data: { values: clean }, mark: { type: 'rule', strokeDash: [4, 3], strokeWidth: 1 }, encoding: { y: { ...y, field: 'mean' }, color: colour(ctx.series, ctx.width) } }] : []),
    ],
  } as unknown as vl.TopLevelSpec;
}
