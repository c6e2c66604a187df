/**
 * The classification map of a hyperspectral scene: the ground truth beside each row's predicted
 * map, one colour per class, unlabelled pixels black, the legend in class order below. Each map is
 * a PNG (one square per pixel, enlarged so that no viewer blurs it) inside an SVG that holds the
 * titles and the legend as text; the SVG converts to PDF and PNG like every other figure. A vega
 * raster would be one `rect` mark per pixel: fine for 10,000 pixels, not for Pavia's 207,400.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ResultRow } from '../collect';
import type { Group } from '../groups';
import type { Table } from '../table';
import { mainColumn, metricAxis } from './axes';
import { BACKGROUND, classColours } from './class-colours';
import { classMapPng } from './class-map-png';
import { GROUND_TRUTH_MAP, PREDICTION_MAP, trialMap, type ClassMap } from './class-map-files';
import { wrap, type FigureContext } from './style';
import { svgDocument, svgText as text } from './svg-document';
import { textWidth } from './text-metrics';
import { perClassOf } from './trial-files';

export interface MapOptions {
  /** all: every pixel's prediction; labelled: only where the ground truth has a class. */
  pixels: 'all' | 'labelled';
  colours?: readonly string[];
}

interface Panel {
  caption: string[];
  detail: string;
  map: ClassMap;
}

const PAD = 4;
const GAP = 8;
/** A map narrower than an inch shows little; more panels go on another line. */
const MIN_PANEL = 96;
/** The maps are enlarged to at least this many pixels per inch of the figure. */
const DPI = 300;


/** The seed shown for a row: of those with a map, the one with the median `column`. */
function representative(rows: readonly ResultRow[], column: string): ResultRow | undefined {
  const value = (r: ResultRow) => (Number.isFinite(r.values[column]) ? r.values[column] : -Infinity);
  const withMap = rows.filter((r) => r.status === 'done' && r.dir && existsSync(join(r.dir, PREDICTION_MAP))).sort((a, b) => value(a) - value(b));
  return withMap[Math.floor((withMap.length - 1) / 2)];
}

function raster(map: ClassMap, colours: readonly string[], mask: ClassMap | undefined, width: number): string {
  const values = mask ? Array.from(map.values, (k, p) => (mask.values[p] < 0 ? -1 : k)) : map.values;
  const factor = Math.max(1, Math.min(8, Math.ceil((width * DPI) / 96 / map.cols)));
  return classMapPng({ values, rows: map.rows, cols: map.cols, colours, classes: colours.length, factor }).toString('base64');
}

/** The figure's SVG, or undefined when no trial of the rows has a prediction map. */
export function classificationMap(groups: readonly Group[], table: Table, options: MapOptions, ctx: FigureContext): string | undefined {
  const column = mainColumn(table);
  const axis = metricAxis(column, table);
  const chosen = groups.map((g) => ({ group: g, row: representative(g.rows, column) })).filter((c): c is { group: Group; row: ResultRow } => c.row !== undefined);
  const truth = chosen.map((c) => trialMap(c.row, GROUND_TRUTH_MAP)).find((m) => m !== undefined);
  if (!truth) return undefined;
  const names = chosen.map((c) => perClassOf(c.row)?.classes).find((n) => n !== undefined) ?? [];
  let highest = -1;
  for (const v of truth.values) highest = Math.max(highest, v);
  const classes = names.length || highest + 1;
  const labels = Array.from({ length: classes }, (_, k) => names[k] ?? `class ${k}`);
  const colours = classColours(classes, options.colours);
  const labelled = truth.values.filter((v) => v >= 0).length;
  const detailOf = (row: ResultRow) => {
    const v = (row.values[column] * axis.scale).toFixed(axis.precision);
    return axis.title.endsWith(' (%)') ? `${axis.title.slice(0, -4)} ${v}%` : `${axis.title} ${v}`;
  };
  const panels: MapDrawing['panels'] = [{ caption: 'Ground truth', detail: `${labelled.toLocaleString('en-US')} labelled`, map: truth }];
  for (const { group, row } of chosen) {
    const map = trialMap(row, PREDICTION_MAP) as ClassMap;
    // One row with no name of its own (report `name`) is just the prediction.
    const caption = chosen.length === 1 && group.label === 'all trials' ? 'Prediction' : group.label;
    if (map.rows === truth.rows && map.cols === truth.cols) panels.push({ caption, detail: detailOf(row), map });
  }
  if (panels.length === 1) return undefined;
  const seeds = Math.max(...groups.map((g) => g.rows.length));
  const subtitle = `${truth.rows} × ${truth.cols} pixels, ${labelled.toLocaleString('en-US')} labelled (black: unlabelled${options.pixels === 'labelled' ? ', and not shown in the predictions' : ''}). ${
    options.pixels === 'all' ? 'Every pixel predicted' : 'Predictions of the labelled pixels'
  }${seeds > 1 ? `, by the seed with the median ${axis.title.replace(/ \(%\)$/, '')} of each row` : ''}.`;
  return drawMaps({ title: ctx.titles === false ? undefined : ctx.title, subtitle, panels, labels, colours, width: ctx.width, maskWith: options.pixels === 'labelled' ? truth : undefined });
}

export interface MapDrawing {
  /** Omitted: no title (the caption holds it). */
  title?: string;
  subtitle: string;
  /** The maps side by side (all of one size), each with its caption and a detail line below it. */
  panels: Array<{ caption: string; detail: string; map: ClassMap }>;
  /** Class names in class order, and their colours. */
  labels: readonly string[];
  colours: readonly string[];
  width: number;
  /** The ground truth: pixels it leaves unlabelled are black in every panel but the first. */
  maskWith?: ClassMap;
}

/** The SVG of class maps side by side with their captions and one legend below. */
export function drawMaps(drawing: MapDrawing): string {
  const { colours, labels, maskWith } = drawing;
  const panels: Panel[] = drawing.panels.map((p) => ({ caption: [p.caption], detail: p.detail, map: p.map }));
  const { rows, cols } = panels[0].map;
  const width = drawing.width;
  const inner = width - 2 * PAD;
  // As many panels to a line as fit, the lines balanced (4 panels: 2 and 2, not 3 and 1).
  const fit = Math.max(1, Math.min(panels.length, Math.floor((inner + GAP) / (MIN_PANEL + GAP))));
  const columns = Math.ceil(panels.length / Math.ceil(panels.length / fit));
  const panelW = (inner - (columns - 1) * GAP) / columns;
  const panelH = (panelW * rows) / cols;
  for (const p of panels) p.caption = wrap(p.caption[0], panelW, 10);
  // Each line of panels is as tall as its longest caption.
  const lines = Array.from({ length: Math.ceil(panels.length / columns) }, (_, l) => panels.slice(l * columns, (l + 1) * columns));
  const captionH = lines.map((line) => Math.max(...line.map((p) => p.caption.length)) * 12 + 11 + 3);

  const out: string[] = [];
  let y = PAD;
  if (drawing.title !== undefined) for (const line of wrap(drawing.title, inner, 12, true)) out.push(text(PAD, (y += 15) - 3, line, 12, ' font-weight="bold" fill="#000"'));
  for (const line of wrap(drawing.subtitle, inner, 10)) out.push(text(PAD, (y += 12) - 2, line, 10, ' fill="#444"'));
  y += 6;
  lines.forEach((line, l) => {
    const top = y + captionH[l];
    line.forEach((p, c) => {
      const x = PAD + c * (panelW + GAP);
      const centre = x + panelW / 2;
      p.caption.forEach((words, j) => out.push(text(centre, top - 17 - 12 * (p.caption.length - 1 - j), words, 10, ' text-anchor="middle" fill="#222"')));
      out.push(text(centre, top - 5, p.detail, 9, ' text-anchor="middle" fill="#444"'));
      const image = raster(p.map, colours, maskWith && p !== panels[0] ? maskWith : undefined, panelW);
      out.push(`<image x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${panelW.toFixed(1)}" height="${panelH.toFixed(1)}" preserveAspectRatio="none" style="image-rendering:pixelated" xlink:href="data:image/png;base64,${image}"/>`);
      out.push(`<rect x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${panelW.toFixed(1)}" height="${panelH.toFixed(1)}" fill="none" stroke="#bbb" stroke-width="0.5"/>`);
    });
    y = top + panelH + GAP;
  });
  y += 2;

  const entries = labels.map((name, k) => [colours[k], name] as const);
  if (panels.some((p) => p.map.values.some((v) => v < 0))) entries.push([BACKGROUND, 'unlabelled']);
  // One line when the entries fit side by side, else aligned columns.
  const widths = entries.map(([, name]) => Math.min(160, textWidth(name, 10)) + 24);
  const oneLine = widths.reduce((a, b) => a + b, 0) <= inner;
  const entryW = Math.max(...widths);
  const legendColumns = oneLine ? entries.length : Math.max(1, Math.min(entries.length, Math.floor(inner / entryW)));
  entries.forEach(([colour, name], k) => {
    const x = PAD + (oneLine ? widths.slice(0, k).reduce((a, b) => a + b, 0) : (k % legendColumns) * entryW);
    const top = y + Math.floor(k / legendColumns) * 15;
    out.push(`<rect class="legend-swatch" x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="10" height="10" fill="${colour}" stroke="#888" stroke-width="0.5"/>`);
    out.push(text(x + 14, top + 9, name, 10, ' class="legend-label" fill="#222"'));
  });
  const height = Math.ceil(y + Math.ceil(entries.length / legendColumns) * 15 + PAD);
  return svgDocument(width, height, out);
}
