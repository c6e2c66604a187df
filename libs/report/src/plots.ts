/**
 * Plots as SVG, from vega-lite specs rendered headless by vega (no browser, no canvas):
 * learning curves per row (mean with a band of one standard deviation over seeds), the main metric
 * per row with error bars, and the confusion matrix of the best row as a heat map.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { ResultRow } from './collect';
import type { Group } from './groups';
import { mean, std } from './stats';
import type { Column, Table } from './table';

export async function renderSvg(spec: vl.TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

function readCsv(file: string): Record<string, string>[] {
  return existsSync(file) ? (parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[]) : [];
}

const CURVE_METRICS = ['train.loss', 'val.loss', 'train.oa', 'val.oa'];

export function learningCurves(groups: readonly Group[]): vl.TopLevelSpec | undefined {
  const points: Array<{ row: string; metric: string; epoch: number; mean: number; low: number; high: number }> = [];
  for (const g of groups) {
    const histories = g.rows.filter((r) => r.status === 'done').map((r) => readCsv(join(r.dir, 'history.csv')));
    const epochs = Math.max(0, ...histories.map((h) => h.length));
    for (const metric of CURVE_METRICS) {
      for (let e = 0; e < epochs; e++) {
        const values = histories.map((h) => Number(h[e]?.[metric])).filter((v) => Number.isFinite(v));
        if (values.length === 0) continue;
        const m = mean(values);
        const s = std(values);
        points.push({ row: g.label, metric, epoch: e + 1, mean: m, low: m - s, high: m + s });
      }
    }
  }
  if (points.length === 0) return undefined;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    data: { values: points },
    facet: { column: { field: 'metric', type: 'nominal', title: null, sort: CURVE_METRICS } },
    spec: {
      width: 220,
      height: 160,
      layer: [
        { mark: { type: 'area', opacity: 0.2 }, encoding: { x: { field: 'epoch', type: 'quantitative' }, y: { field: 'low', type: 'quantitative', title: null }, y2: { field: 'high' }, color: { field: 'row', type: 'nominal', title: null } } },
        { mark: { type: 'line', point: true }, encoding: { x: { field: 'epoch', type: 'quantitative' }, y: { field: 'mean', type: 'quantitative', title: null }, color: { field: 'row', type: 'nominal', title: null } } },
      ],
    },
    resolve: { scale: { y: 'independent' } },
  } as vl.TopLevelSpec;
}

const seedRange = (table: Table) => (table.seeds[0] === table.seeds[1] ? `${table.seeds[0]} seed${table.seeds[0] === 1 ? '' : 's'}` : `${table.seeds[0]}-${table.seeds[1]} seeds`);

export function metricBars(table: Table, column = 0): vl.TopLevelSpec | undefined {
  const c: Column | undefined = table.columns[column];
  if (!c) return undefined;
  const values = table.rows.filter((r) => r.cells[column].mean !== undefined).map((r) => ({ row: r.label, mean: r.cells[column].mean as number, low: (r.cells[column].mean as number) - (r.cells[column].std ?? 0), high: (r.cells[column].mean as number) + (r.cells[column].std ?? 0) }));
  if (values.length === 0) return undefined;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    data: { values },
    title: { text: c.label, subtitle: `mean ± std over ${seedRange(table)}`, fontSize: 12 },
    width: { step: 70 },
    height: 220,
    layer: [
      { mark: 'bar', encoding: { x: { field: 'row', type: 'nominal', title: table.rowHeader, sort: null, axis: { labelAngle: values.some((v) => v.row.length > 10) ? -30 : 0 } }, y: { field: 'mean', type: 'quantitative', title: c.label, scale: { zero: false } } } },
      // Same axis title as the bars, so that vega-lite does not join the two layers' titles.
      { mark: { type: 'errorbar', ticks: { size: 12 }, color: 'black' }, encoding: { x: { field: 'row', type: 'nominal', sort: null }, y: { field: 'low', type: 'quantitative', title: c.label }, y2: { field: 'high' } } },
      { mark: { type: 'text', dy: -10 }, encoding: { x: { field: 'row', type: 'nominal', sort: null }, y: { field: 'high', type: 'quantitative', title: c.label }, text: { field: 'mean', type: 'quantitative', format: `.${c.precision}f` } } },
    ],
  } as vl.TopLevelSpec;
}

/** Confusion matrix of a row, summed over its seeds, each true class normalised to 1. */
export function confusionHeatmap(rows: readonly ResultRow[], title: string): vl.TopLevelSpec | undefined {
  let sum: number[][] | undefined;
  let names: string[] = [];
  for (const r of rows.filter((x) => x.status === 'done')) {
    const table = readCsv(join(r.dir, 'confusion.csv'));
    if (table.length === 0) continue;
    names = Object.keys(table[0]).slice(1);
    const m = table.map((line) => names.map((n) => Number(line[n])));
    sum = sum ? sum.map((row, i) => row.map((v, j) => v + m[i][j])) : m;
  }
  if (!sum) return undefined;
  const values = sum.flatMap((row, i) => {
    const total = row.reduce((a, b) => a + b, 0) || 1;
    return row.map((v, j) => ({ truth: names[i], predicted: names[j], share: v / total, count: v }));
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    data: { values },
    width: { step: 28 },
    height: { step: 28 },
    encoding: { x: { field: 'predicted', type: 'nominal', sort: names, title: 'predicted' }, y: { field: 'truth', type: 'nominal', sort: names, title: 'true class' } },
    layer: [
      { mark: 'rect', encoding: { color: { field: 'share', type: 'quantitative', scale: { scheme: 'blues', domain: [0, 1] }, title: 'share of class' } } },
      { mark: { type: 'text', fontSize: 8 }, encoding: { text: { field: 'share', type: 'quantitative', format: '.2f' }, color: { condition: { test: 'datum.share > 0.5', value: 'white' }, value: 'black' } } },
    ],
  } as vl.TopLevelSpec;
}
