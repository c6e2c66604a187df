/**
 * `ablate figure`: the architecture figure of a model file, or of each distinct model of an
 * experiment, drawn from its resolved graph: SVG, PDF (with rsvg-convert), TikZ (standalone and a
 * fragment to \input) and draw.io XML.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { architectureFigure, svgToPdf } from '@ablate/report';
import { UserError, writing } from '@ablate/spec';
import { parseOptions } from '../cli/options';
import type { Command } from './command';
import { MODEL_SOURCE_OPTIONS, shownModels } from './model-source';

/** Text widths (pt) of the paper layouts a figure is checked against: IEEE's column and page. */
const WIDTHS = { column: 252, page: 516 } as const;

const options = {
  ...MODEL_SOURCE_OPTIONS,
  out: { type: 'string', description: 'The folder to write (default: figures/). Files are named after the model (and variant).' },
  level: { type: 'string', description: '`layers` (default): every layer, block calls framed; `blocks`: each block call one box.' },
  unfold: { type: 'boolean', description: 'Draw every call of a repeated block; by default calls built alike are drawn once, "×N".' },
  'every-layer': { type: 'boolean', description: 'Give normalisation, activation and dropout layers boxes of their own (by default they join the box of the layer before).' },
  params: { type: 'boolean', description: "A line with each box's parameters." },
  direction: { type: 'string', description: '`TB` (default): top to bottom; `LR`: left to right.' },
  'max-length': { type: 'string', description: 'The longest (pt) the figure may run along its direction before it wraps into columns (TB) or rows (LR), cut where one edge joins the parts (default: 600; 0: never).' },
  width: { type: 'string', description: '`column` (default, 252 pt) or `page` (516 pt): the width the TikZ fragment is fitted to, and the one the printed scale is for.' },
} as const;

function choice<T extends string>(name: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) throw new UserError(`--${name} ${String(value)} is not one of ${allowed.join(', ')}.`, { hint: `Give --${name} ${allowed.join(' or ')}.` });
  return value as T;
}

const slug = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase();

export const figureCommand: Command = {
  name: 'figure',
  summary: 'Draws the architecture of a model file, or of each model of an experiment: SVG, PDF, TikZ and draw.io, repeated blocks folded.',
  options,
  async run(argv, io) {
    const opts = parseOptions('figure', options, argv);
    const level = choice('level', opts.level, ['layers', 'blocks'] as const, 'layers');
    const direction = choice('direction', opts.direction, ['TB', 'LR'] as const, 'TB');
    const width = WIDTHS[choice('width', opts.width, ['column', 'page'] as const, 'column')];
    const out = resolve((opts.out as string | undefined) ?? 'figures');
    const maxLength = opts['max-length'] === undefined ? 600 : Number(opts['max-length']);
    if (!Number.isFinite(maxLength) || maxLength < 0) throw new UserError(`--max-length ${String(opts['max-length'])} is not a length in points.`, { hint: 'Give e.g. --max-length 600, or 0 never to wrap.' });
    for await (const { compiled, which, name } of shownModels('figure', opts)) {
      compiled.model.dispose();
      const figure = await architectureFigure(compiled.graph, { level, direction, fold: !opts.unfold, everyLayer: Boolean(opts['every-layer']), params: Boolean(opts.params), maxLength });
      const base = join(out, slug([name, which.replace(/variant /, '')].filter(Boolean).join('-')) || 'model');
      const pdf = svgToPdf(figure.svg);
      writing(out, () => {
        mkdirSync(out, { recursive: true });
        writeFileSync(`${base}.svg`, figure.svg);
        if (pdf) writeFileSync(`${base}.pdf`, pdf);
        writeFileSync(`${base}.tex`, figure.tikz.standalone);
        writeFileSync(`${base}-fragment.tex`, figure.tikz.fragment);
        writeFileSync(`${base}.drawio`, figure.drawio);
      });
      const natural = figure.placed.width;
      const scale = Math.min(1, width / natural);
      const shown = relative(process.cwd(), base);
      io.out(`${which ? `${which}: ` : ''}${shown}.svg${pdf ? ', .pdf' : ''}, .tex, -fragment.tex, .drawio: ${figure.placed.nodes.length} boxes, ${Math.round(natural)} × ${Math.round(figure.placed.height)} pt\n`);
      if (scale < 1) {
        const smallest = 6 * scale;
        io.out(`  in ${width} pt the fragment is drawn at ${Math.round(scale * 100)}% (smallest text ${smallest.toFixed(1)} pt)${smallest < 4.5 ? `: too small to read; try ${[level === 'layers' ? '--level blocks' : '', direction === 'LR' ? '--direction TB' : '--direction LR', width === WIDTHS.column ? '--width page' : ''].filter(Boolean).join(', or ')}` : ''}\n`);
      }
    }
    return 0;
  },
};
