/**
 * Which figures a report draws (report `plots`): all the results allow (`true`), none (`false`),
 * or the listed kinds with their options; each figure gets its file name (plots/<name>.svg). The
 * figures that read the trial folders (learning curves, confusion, per-class bars) are left out,
 * and named, when the results come from a results.csv.
 */
import { TRIAL_COLUMN_REGISTRY, type ModelGraph, type PlotKind, type PlotSpec, type ResolvedReport } from '@ablate/spec';
import type { ArchitectureOptions } from './architecture/architecture';
import { modelGraphs } from './architecture/model-graphs';
import type * as vl from 'vega-lite';
import type { ResultRow } from '../collect';
import { groupRows } from '../groups';
import type { Table } from '../table';
import { mainColumn, metricAxis, metricName } from './axes';
import { classificationMap } from './classification-map';
import { confusionHeatmap } from './confusion';
import { learningCurves } from './learning-curves';
import { embeddingFigures, featureMapsFigures, gradCamFigures } from './learned-features';
import { metricBars } from './metric-bars';
import { perClassBars } from './per-class';
import { radar } from './radar';
import { conditionsOf, robustnessCurve } from './robustness';
import { sizeScatter } from './scatter';
import { sensitivityHeatmaps, sensitivityLine } from './sensitivity';
import { ordered } from './series';
import { WIDTH, type FigureContext } from './style';

export const NEEDS_TRIAL_FOLDERS: readonly PlotKind[] = ['learning_curves', 'confusion', 'per_class', 'classification_map', 'architecture', 'feature_maps', 'embedding', 'grad_cam'];

export interface FigureInput {
  rows: readonly ResultRow[];
  table: Table;
  report: ResolvedReport;
  /** The row keys (variant and/or grid paths), as the table groups by. */
  by: readonly string[];
  /** The label of the one row of an experiment without variants or grid. */
  single?: string;
  /** The experiment's description, else its name. */
  title: string;
  /** Whether `rows` have their trial folders (false: read from a results.csv). */
  folders: boolean;
}

/** The figures of a hyperparameter search (drawn for every search, not asked for in report.plots). */
export type SearchFigureKind = 'optimisation_history' | 'search_slices';

export interface Figure {
  name: string;
  kind: PlotKind | SearchFigureKind;
  spec: vl.TopLevelSpec;
}

/** An architecture figure to draw (its layout is asynchronous: write-report draws it). */
export interface ArchitectureEntry {
  name: string;
  graph: ModelGraph;
  options: Partial<ArchitectureOptions>;
}

/** A figure drawn as SVG directly (a raster inside): the classification map, written as SVG, PDF and PNG. */
export interface SvgFigure {
  name: string;
  kind: PlotKind;
  svg: string;
}

const slug = (s: string) => s.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();

/** The plot entries `true` stands for, given the results. */
function automatic(input: FigureInput): PlotSpec[] {
  const { table, by, rows } = input;
  const main = mainColumn(table);
  const first = metricAxis(main, table);
  const sameScale = table.columns.filter((c) => c.better !== 'none' && !TRIAL_COLUMN_REGISTRY.has(c.metric) && metricAxis(c.metric, table).scale === first.scale).map((c) => c.metric);
  // A size scatter says something when the models differ in size (not by a batch norm's few parameters).
  const sizes = groupRows(rows, by).map((g) => g.rows[0]?.values.params).filter((p): p is number => p !== undefined && p > 0);
  const spread = sizes.length > 1 && Math.max(...sizes) / Math.min(...sizes) >= 1.5;
  const grid = by.filter((b) => b !== 'variant' && new Set(rows.map((r) => JSON.stringify(r.trial.grid.find((g) => g.path === b)?.value))).size > 1);
  return [
    // One bar says nothing a table cell does not.
    ...(table.rows.length > 1 ? [{ type: 'metric_bars' as const }] : []),
    { type: 'learning_curves' },
    { type: 'confusion' },
    { type: 'per_class' },
    { type: 'robustness', metric: main.startsWith('test.') ? metricName(main) : 'oa' },
    ...grid.map((path) => ({ type: 'sensitivity' as const, grid: [path] })),
    ...(sameScale.length >= 3 && table.rows.length >= 2 ? [{ type: 'radar' as const, metrics: sameScale }] : []),
    ...(spread ? [{ type: 'scatter' as const }] : []),
    // Drawn when the trials wrote prediction maps (a hyperspectral scene).
    { type: 'classification_map' },
  ];
}

export function chooseFigures(input: FigureInput): { figures: Figure[]; drawn: SvgFigure[]; skipped: PlotKind[]; architectures: ArchitectureEntry[] } {
  const { report, table, rows, by } = input;
  if (report.plots === false) return { figures: [], drawn: [], skipped: [], architectures: [] };
  const entries = report.plots === true ? automatic(input) : report.plots.map((p): PlotSpec => (typeof p === 'string' ? ({ type: p } as PlotSpec) : p));
  const groups = ordered(groupRows(rows, by, input.single), report.baseline);
  const ctx: FigureContext = {
    title: input.title,
    width: WIDTH[report.figure_width],
    series: groups.map((g) => g.label),
    ...(report.baseline !== undefined ? { baseline: report.baseline } : {}),
    ...(report.figure_titles === false ? { titles: false } : {}),
  };
  const main = mainColumn(table);
  const count = new Map<string, number>();
  for (const e of entries) count.set(e.type, (count.get(e.type) ?? 0) + 1);
  const figures: Figure[] = [];
  const drawn: SvgFigure[] = [];
  const skipped: PlotKind[] = [];
  const architectures: ArchitectureEntry[] = [];
  const add = (kind: PlotKind, name: string, spec: vl.TopLevelSpec | undefined) => spec && figures.push({ kind, name, spec });
  for (const entry of entries) {
    if (!input.folders && NEEDS_TRIAL_FOLDERS.includes(entry.type)) {
      // The automatic map is drawn only where trials wrote prediction maps: unknown without the folders, so not named as skipped.
      const conditional = report.plots === true && entry.type === 'classification_map';
      if (!conditional && !skipped.includes(entry.type)) skipped.push(entry.type);
      continue;
    }
    const several = (count.get(entry.type) ?? 0) > 1;
    switch (entry.type) {
      case 'metric_bars':
        add(entry.type, several && entry.metric ? `metric_bars_${slug(entry.metric)}` : 'metric_bars', metricBars(groups, table, entry.metric ?? main, ctx));
        break;
      case 'learning_curves':
        add(entry.type, 'learning_curves', learningCurves(groups, table, ctx));
        break;
      case 'confusion': {
        const best = Math.max(0, table.rows.findIndex((r) => r.cells[0]?.best));
        const group = groups.find((g) => g.label === table.rows[best]?.label) ?? groups[0];
        if (group) add(entry.type, 'confusion', confusionHeatmap(group.rows, group.label, ctx));
        break;
      }
      case 'per_class': {
        const measure = entry.measure ?? 'f1';
        add(entry.type, several ? `per_class_${measure}` : 'per_class', perClassBars(groups, table, measure, ctx));
        break;
      }
      case 'robustness': {
        const families = conditionsOf(groups, entry.metric ?? 'oa');
        for (const [family, conditions] of families) {
          const suffix = [families.size > 1 ? slug(family) : '', several ? entry.metric ?? 'oa' : ''].filter(Boolean).join('_');
          add(entry.type, suffix ? `robustness_${suffix}` : 'robustness', robustnessCurve(groups, table, conditions, ctx));
        }
        break;
      }
      case 'sensitivity': {
        const metric = entry.metric ?? main;
        if (entry.grid.length === 1) add(entry.type, `sensitivity_${slug(entry.grid[0])}`, sensitivityLine(rows, by, entry.grid[0], metric, table, ctx, entry.labels?.[0]));
        else {
          const maps = sensitivityHeatmaps(rows, by, [entry.grid[0], entry.grid[1]], metric, table, ctx, [entry.labels?.[0], entry.labels?.[1]]);
          for (const map of maps) add(entry.type, ['sensitivity', slug(entry.grid[0]), slug(entry.grid[1]), ...(maps.length > 1 ? [slug(map.label)] : [])].join('_'), map.spec);
        }
        break;
      }
      case 'radar':
        add(entry.type, several ? `radar_${figures.filter((f) => f.kind === 'radar').length + 1}` : 'radar', radar(groups, table, entry.metrics ?? table.columns.map((c) => c.metric), ctx));
        break;
      case 'scatter':
        add(entry.type, several ? `scatter_${entry.x ?? 'params'}` : 'scatter', sizeScatter(groups, table, entry.x ?? 'params', entry.metric ?? main, ctx));
        break;
      case 'classification_map': {
        const pixels = entry.pixels ?? 'all';
        const svg = classificationMap(groups, table, { pixels, ...(entry.colours ? { colours: entry.colours } : {}) }, ctx);
        if (svg) drawn.push({ kind: entry.type, name: several ? `classification_map_${pixels}` : 'classification_map', svg });
        break;
      }
      case 'feature_maps':
      case 'grad_cam': {
        const made = entry.type === 'feature_maps' ? featureMapsFigures(groups, ctx) : gradCamFigures(groups, ctx);
        for (const f of made) drawn.push({ kind: entry.type, name: made.length > 1 ? `${entry.type}_${slug(f.label)}` : entry.type, svg: f.svg });
        break;
      }
      case 'embedding': {
        const made = embeddingFigures(groups, ctx);
        for (const f of made) add(entry.type, made.length > 1 ? `embedding_${slug(f.label)}` : 'embedding', f.spec);
        break;
      }
      case 'architecture': {
        const graphs = modelGraphs(groups);
        graphs.forEach(({ label, graph }) =>
          architectures.push({ name: graphs.length > 1 ? `architecture_${slug(label)}` : 'architecture', graph, options: { level: entry.level ?? 'blocks', direction: entry.direction ?? 'TB', params: entry.params ?? false } }),
        );
        break;
      }
    }
  }
  return { figures, drawn, skipped, architectures };
}
