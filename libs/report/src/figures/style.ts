/**
 * What every figure shares so that they read alike in a paper: the size of one column (3.5 in) or
 * of the page (7.16 in, IEEE's text width), font sizes readable at that size, the Okabe-Ito
 * colour-blind-safe palette given to the rows in the experiment's order (baseline first), and a
 * title from the experiment's description or name, wrapped to the width.
 */
import type * as vl from 'vega-lite';
import { textWidth } from './text-metrics';

/** SVG pixels are 1/96 in, as rsvg-convert (and browsers) read them. */
export const WIDTH = { column: 336, page: 687 } as const;
export type FigureWidth = keyof typeof WIDTH;

/** Okabe & Ito (2008), yellow last (it is faint on white). */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];

/** What a figure builder gets besides its data. */
export interface FigureContext {
  /** The experiment's description (else report `name`, else file name): the figures' title. */
  title: string;
  /** Total width of a figure in SVG pixels. */
  width: number;
  /** The rows' labels in the experiment's order, baseline first: the colour and legend order of every plot. */
  series: readonly string[];
  /** The baseline variant (report `baseline`), first in every legend. */
  baseline?: string;
  /** false: no title or subtitle in the figure (the paper's caption carries them; report `figure_titles`). */
  titles?: boolean;
}

/**
 * The colour of the rows, the same in every figure; its legend (below the plot) in as many columns
 * as fit `width`. One row needs no legend: the title says what it is.
 */
export const colour = (series: readonly string[], width: number = WIDTH.column) => {
  const entry = Math.max(...series.map((s) => Math.min(160, textWidth(s, 10)))) + 24;
  const columns = Math.max(1, Math.min(series.length, Math.floor((width - 16) / entry)));
  return {
    field: 'series',
    type: 'nominal' as const,
    title: null,
    sort: [...series],
    scale: { domain: [...series], range: PALETTE },
    legend: series.length < 2 ? null : { columns, labelLimit: columns === 1 ? width - 40 : 160 },
  };
};

/** Lines of at most `width` pixels in DejaVu Sans at `fontSize`. */
export function wrap(text: string, width: number, fontSize = 12, bold = false): string[] {
  const lines: string[] = [];
  for (const word of text.trim().split(/\s+/)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && textWidth(`${last} ${word}`, fontSize, bold) <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

export const CONFIG = {
  font: 'DejaVu Sans, Verdana, sans-serif',
  axis: { labelFontSize: 10, titleFontSize: 11, titleFontWeight: 'normal', labelColor: '#222', titleColor: '#222', gridColor: '#e6e6e6' },
  legend: { labelFontSize: 10, titleFontSize: 10, titleFontWeight: 'normal', orient: 'bottom', direction: 'horizontal', symbolSize: 60, symbolOpacity: 1, labelLimit: 160 },
  header: { labelFontSize: 11, titleFontSize: 11 },
  title: { fontSize: 12, subtitleFontSize: 10, anchor: 'start', fontWeight: 'bold', subtitleColor: '#444', offset: 6 },
  text: { fontSize: 10 },
  view: { stroke: '#bbb' },
} as const;

/** The frame of a figure: schema, title, subtitle, fonts, and (for single and layered views) its total width. */
export function frame(ctx: FigureContext, subtitle: string, fit = true): Partial<vl.TopLevelSpec> & Record<string, unknown> {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    ...(ctx.titles === false ? {} : { title: { text: wrap(ctx.title, ctx.width - 8, 12, true), subtitle: wrap(subtitle, ctx.width - 8, 10) } }),
    config: CONFIG,
    background: 'white',
    padding: 4,
    ...(fit ? { width: ctx.width, autosize: { type: 'fit-x', contains: 'padding' } } : {}),
  };
}
