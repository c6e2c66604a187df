/**
 * A radar plot: one closed polygon per row over three or more metrics on one scale, mean over
 * seeds. Vega-lite has no polar line, so the polygons, rings and spokes are drawn in Cartesian
 * coordinates computed here; the radius starts near the data (its rings are labelled) so that
 * close rows are told apart.
 */
import type * as vl from 'vega-lite';
import type { Group } from '../groups';
import type { Table } from '../table';
import { metricAxis, nearDomain, seedText } from './axes';
import { summarise, valuesOf } from './series';
import { colour, CONFIG, frame, type FigureContext } from './style';

const RINGS = 4;

export function radar(groups: readonly Group[], table: Table, columns: readonly string[], ctx: FigureContext): vl.TopLevelSpec | undefined {
  if (columns.length < 3) return undefined;
  const axes = columns.map((c) => metricAxis(c, table));
  const means = groups.map((g) => ({ series: g.label, values: axes.map((a) => summarise(g.label, valuesOf(g.rows, a.metric, a.scale))?.mean) }));
  const complete = means.filter((m) => m.values.every((v) => v !== undefined)) as Array<{ series: string; values: number[] }>;
  if (complete.length === 0) return undefined;
  const all = complete.flatMap((m) => m.values);
  const [lo, hi] = nearDomain(Math.min(...all), Math.max(...all), 0.6, 0.1);
  const radius = (v: number) => (v - lo) / (hi - lo);
  const angle = (i: number) => (2 * Math.PI * i) / axes.length;
  const at = (r: number, i: number) => ({ x: r * Math.sin(angle(i)), y: r * Math.cos(angle(i)) });
  const polygons = complete.flatMap((m) => [...m.values, m.values[0]].map((v, k) => ({ series: m.series, order: k, value: v, metric: axes[k % axes.length].title, ...at(radius(v), k) })));
  const rings = Array.from({ length: RINGS }, (_, j) => (j + 1) / RINGS).flatMap((r) => Array.from({ length: axes.length + 1 }, (_, k) => ({ ring: r, order: k, ...at(r, k) })));
  const spokes = axes.map((_, i) => ({ ...at(1, i), x0: 0, y0: 0 }));
  const labels = axes.map((a, i) => ({ label: a.title, ...at(1.12, i), align: Math.abs(Math.sin(angle(i))) < 0.2 ? 'center' : Math.sin(angle(i)) > 0 ? 'left' : 'right' }));
  // Ring values on the middle of each ring's first side, clear of the spokes, the points and the axis names.
  const ringLabels = Array.from({ length: RINGS }, (_, j) => {
    const r = (j + 1) / RINGS;
    const [a, b] = [at(r, 0), at(r, 1)];
    return { text: String(Number((lo + r * (hi - lo)).toPrecision(4))), x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  });
  // The plot's extent: the outer ring's corners and the axis names.
  const ys = labels.map((l) => l.y);
  const yDomain = [Math.min(...ys) - 0.15, Math.max(...ys) + 0.15];
  const xDomain = [-1.75, 1.75];
  const side = Math.min(ctx.width - 8, 330);
  const height = Math.round((side * (yDomain[1] - yDomain[0])) / (xDomain[1] - xDomain[0]));
  const xy = { x: { field: 'x', type: 'quantitative', axis: null, scale: { domain: xDomain, nice: false } }, y: { field: 'y', type: 'quantitative', axis: null, scale: { domain: yDomain, nice: false } } } as const;
  return {
    ...frame(ctx, `${seedText(table).replace('± std ', '')}; radius from ${lo} at the centre to ${hi}`, false),
    width: side,
    height,
    config: { ...CONFIG, view: { stroke: null } },
    layer: [
      { data: { values: rings }, mark: { type: 'line', color: '#d0d0d0', strokeWidth: 0.8 }, encoding: { ...xy, detail: { field: 'ring' }, order: { field: 'order' } } },
      { data: { values: spokes }, mark: { type: 'rule', color: '#d0d0d0', strokeWidth: 0.8 }, encoding: { ...xy, x2: { field: 'x0' }, y2: { field: 'y0' } } },
      // Vega-lite has no align channel: a layer per alignment.
      ...(['left', 'center', 'right'] as const).map((align) => ({ data: { values: labels.filter((l) => l.align === align) }, mark: { type: 'text', fontSize: 10, align }, encoding: { ...xy, text: { field: 'label' } } })),
      { data: { values: polygons }, mark: { type: 'line', strokeWidth: 1.5, point: { size: 18, filled: true } }, encoding: { ...xy, order: { field: 'order' }, color: colour(ctx.series.filter((s) => complete.some((m) => m.series === s)), ctx.width) } },
      // A white halo under each ring value keeps it legible where a polygon crosses it.
      ...[{ stroke: 'white', strokeWidth: 3 }, {}].map((halo) => ({ data: { values: ringLabels }, mark: { type: 'text', align: 'left', baseline: 'middle', dx: 2, fontSize: 8, color: '#777', ...halo }, encoding: { ...xy, text: { field: 'text' } } })),
    ],
  } as unknown as vl.TopLevelSpec;
}
