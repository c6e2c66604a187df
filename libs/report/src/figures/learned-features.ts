/**
 * What each row's network learned, drawn from the inspection files its first finished seed's
 * trial folder holds (inspect-<kind>.json, written from the saved model by libs/pipeline's
 * inspect-trial.ts): feature maps and Grad-CAM as image grids (PNG rasters inside an SVG, as the
 * classification maps), the embedding as a vega-lite scatter coloured by class.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as vl from 'vega-lite';
import type { ResultRow } from '../collect';
import type { Group } from '../groups';
import { classColours, rgbOf } from './class-colours';
import { encodePng, enlarge, type Raster } from './png';
import { frame, wrap, type FigureContext } from './style';
import { svgDocument, svgText as text } from './svg-document';
import { textWidth } from './text-metrics';

interface Picture {
  height: number;
  width: number;
  channels: number;
  data: string;
}

interface FeatureMaps {
  layer: string;
  shape: number[];
  examples: Array<{ position: number; label: string; input: Picture; maps: Picture[] }>;
}

interface GradCams {
  layer: string;
  examples: Array<{ position: number; label: string; predicted: string; input: Picture; cam: Picture }>;
}

interface Embedding {
  layer: string;
  dims: number;
  classNames: string[];
  points: Array<[number, number, number]>;
}

/** The inspection file of a row's first finished seed that has one. */
function inspection<T>(rows: readonly ResultRow[], kind: string): { data: T; seed: number } | undefined {
  const row = [...rows].filter((r) => r.status === 'done' && r.dir && existsSync(join(r.dir, `inspect-${kind}.json`))).sort((a, b) => a.trial.seed - b.trial.seed)[0];
  return row ? { data: JSON.parse(readFileSync(join(row.dir, `inspect-${kind}.json`), 'utf8')) as T, seed: row.trial.seed } : undefined;
}

/** A picture's grey levels (its channels' mean when not 1 or 3). */
function greys(p: Picture): Uint8Array {
  const bytes = Buffer.from(p.data, 'base64');
  if (p.channels === 1) return bytes;
  const out = new Uint8Array(p.height * p.width);
  for (let i = 0; i < out.length; i++) {
    let sum = 0;
    for (let k = 0; k < p.channels; k++) sum += bytes[i * p.channels + k];
    out[i] = Math.round(sum / p.channels);
  }
  return out;
}

function raster(p: Picture): Raster {
  const bytes = Buffer.from(p.data, 'base64');
  const rgb = new Uint8Array(p.height * p.width * 3);
  const grey = p.channels === 3 ? undefined : greys(p);
  for (let i = 0; i < p.height * p.width; i++) for (let k = 0; k < 3; k++) rgb[i * 3 + k] = grey ? grey[i] : bytes[i * 3 + k];
  return { width: p.width, height: p.height, rgb };
}

/** Blue through cyan, yellow to red: how strongly Grad-CAM weighs a pixel. */
const HEAT = ['#30123b', '#4686fb', '#1ae4b6', '#a2fc3c', '#fabb39', '#e4460a', '#7a0403'].map(rgbOf);
function heat(v: number): number[] {
  const x = (Math.max(0, Math.min(255, v)) / 255) * (HEAT.length - 1);
  const i = Math.min(HEAT.length - 2, Math.floor(x));
  const t = x - i;
  return [0, 1, 2].map((k) => HEAT[i][k] * (1 - t) + HEAT[i + 1][k] * t);
}

/** The image in grey under its Grad-CAM heat map, half and half. */
function overlay(image: Picture, cam: Picture): Raster {
  const grey = greys(image);
  const weights = Buffer.from(cam.data, 'base64');
  const rgb = new Uint8Array(image.height * image.width * 3);
  for (let i = 0; i < grey.length; i++) {
    const colour = heat(weights[i]);
    for (let k = 0; k < 3; k++) rgb[i * 3 + k] = Math.round(0.45 * grey[i] + 0.55 * colour[k]);
  }
  return { width: image.width, height: image.height, rgb };
}


/** A grid of images: one line per example, a caption above each image, the title and subtitle above all. */
function grid(ctx: FigureContext, subtitle: string, lines: Array<Array<{ caption: string; raster: Raster }>>): string {
  const pad = 4;
  const gap = 4;
  const columns = Math.max(...lines.map((l) => l.length));
  const tile = Math.min(72, (ctx.width - 2 * pad - (columns - 1) * gap) / columns);
  const out: string[] = [];
  let y = pad;
  if (ctx.titles !== false) {
    for (const line of wrap(ctx.title, ctx.width - 2 * pad, 12, true)) out.push(text(pad, (y += 15) - 3, line, 12, ' font-weight="bold" fill="#000"'));
    for (const line of wrap(subtitle, ctx.width - 2 * pad, 10)) out.push(text(pad, (y += 12) - 2, line, 10, ' fill="#444"'));
  }
  y += 4;
  for (const line of lines) {
    y += 11;
    line.forEach((cell, c) => {
      const x = pad + c * (tile + gap);
      out.push(text(x + tile / 2, y - 2, fit(cell.caption, tile, 7), 7, ' text-anchor="middle" fill="#222"'));
      const factor = Math.max(1, Math.ceil((tile * 3) / cell.raster.width));
      const png = encodePng(enlarge(cell.raster, factor)).toString('base64');
      const h = (tile * cell.raster.height) / cell.raster.width;
      out.push(`<image x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${tile.toFixed(1)}" height="${h.toFixed(1)}" preserveAspectRatio="none" style="image-rendering:pixelated" xlink:href="data:image/png;base64,${png}"/>`);
    });
    y += (tile * line[0].raster.height) / line[0].raster.width + gap;
  }
  const height = Math.ceil(y + pad);
  return svgDocument(ctx.width, height, out);
}

/** A caption cut (with …) to what fits `width` at `size`. */
function fit(caption: string, width: number, size: number): string {
  if (textWidth(caption, size) <= width) return caption;
  let cut = caption;
  while (cut.length > 1 && textWidth(`${cut}…`, size) > width) cut = cut.slice(0, -1);
  return `${cut}…`;
}

const rowNote = (group: Group, seed: number, several: boolean) => `${several || group.label !== 'all trials' ? `${group.label}, ` : ''}seed ${seed}`;

/** Per row: its input images, then the first channels of the layer's maps, each scaled to its own range. */
export function featureMapsFigures(groups: readonly Group[], ctx: FigureContext): Array<{ label: string; svg: string }> {
  return groups.flatMap((group) => {
    const found = inspection<FeatureMaps>(group.rows, 'feature_maps');
    if (!found) return [];
    const { data, seed } = found;
    const [h, w, c] = data.shape;
    const subtitle = `Feature maps of layer ${data.layer} (${h}×${w}, first ${data.examples[0]?.maps.length ?? 0} of ${c} channels, each scaled to its own range) for test examples ${data.examples.map((e) => e.position).join(', ')} (input left), ${rowNote(group, seed, groups.length > 1)}.`;
    const lines = data.examples.map((e) => [{ caption: e.label, raster: raster(e.input) }, ...e.maps.map((m, k) => ({ caption: `ch ${k}`, raster: raster(m) }))]);
    return [{ label: group.label, svg: grid(ctx, subtitle, lines) }];
  });
}

/** Per row: each image, and the image under its Grad-CAM for the predicted class. */
export function gradCamFigures(groups: readonly Group[], ctx: FigureContext): Array<{ label: string; svg: string }> {
  return groups.flatMap((group) => {
    const found = inspection<GradCams>(group.rows, 'grad_cam');
    if (!found) return [];
    const { data, seed } = found;
    const subtitle = `Grad-CAM of layer ${data.layer} for the predicted class (blue: none, red: most), true class above each image, → predicted above its map; test examples ${data.examples.map((e) => e.position).join(', ')}, ${rowNote(group, seed, groups.length > 1)}.`;
    // Three examples to a line: the image, then its map.
    const cells = data.examples.flatMap((e) => [
      { caption: e.label, raster: raster(e.input) },
      { caption: `→ ${e.predicted}`, raster: overlay(e.input, e.cam) },
    ]);
    const perLine = 6;
    const lines = Array.from({ length: Math.ceil(cells.length / perLine) }, (_, i) => cells.slice(i * perLine, (i + 1) * perLine));
    return [{ label: group.label, svg: grid(ctx, subtitle, lines) }];
  });
}

/** Per row: the UMAP of the penultimate features, a point per test example, coloured by its true class. */
export function embeddingFigures(groups: readonly Group[], ctx: FigureContext): Array<{ label: string; spec: vl.TopLevelSpec }> {
  return groups.flatMap((group) => {
    const found = inspection<Embedding>(group.rows, 'embedding');
    if (!found) return [];
    const { data, seed } = found;
    const colours = classColours(data.classNames.length);
    const values = data.points.map(([x, y, k]) => ({ x, y, class: data.classNames[k] ?? String(k) }));
    const subtitle = `UMAP of layer ${data.layer}'s ${data.dims} features for ${values.length} test examples, coloured by true class, ${rowNote(group, seed, groups.length > 1)}.`;
    // The classes' legend below, in as many columns as fit (as the figures' row legends).
    const columns = Math.max(1, Math.min(data.classNames.length, Math.floor((ctx.width - 8) / 110)));
    const spec = {
      ...frame(ctx, subtitle),
      height: Math.round(ctx.width * 0.7),
      data: { values },
      mark: { type: 'circle', size: 9, opacity: 0.75 },
      encoding: {
        x: { field: 'x', type: 'quantitative', axis: null, scale: { zero: false } },
        y: { field: 'y', type: 'quantitative', axis: null, scale: { zero: false } },
        color: { field: 'class', type: 'nominal', sort: data.classNames, scale: { domain: data.classNames, range: colours }, legend: { title: null, orient: 'bottom', direction: 'horizontal', columns, labelLimit: 100 } },
      },
    } as unknown as vl.TopLevelSpec;
    return [{ label: group.label, spec }];
  });
}
